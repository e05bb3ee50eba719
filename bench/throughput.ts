/**
 * Throughput of the runtime's request path against raw undici, over loopback.
 *
 * The server runs in a child process so it shares neither the client's event loop nor its CPU
 * accounting. Raw undici and the SDK are measured in alternating rounds and the best round of each
 * is kept. Two ratios are reported: requests/s (SDK / raw), and the client CPU time per request
 * (raw / SDK), which stays meaningful on a loaded machine where wall-clock figures wobble.
 *
 * The runtime is measured as users run it: compiled by tsc (into .tmp/bench-runtime), not through
 * tsx, whose transform wraps every closure in a naming helper and so inflates closure-heavy code.
 * If the compile fails the sources are measured instead, and the output says so.
 *
 * Besides the whole `BaseClient.request` pipeline (build, auth, ETag cache, retry loop, hooks,
 * decode), the "foundation" figure is `sendAttempt(prepareRequest(...))` alone, which shows how the
 * cost splits between the transport core and the layers around it.
 *
 * Run alone: `node --import tsx bench/throughput.ts`.
 */
import { spawn, spawnSync } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Pool } from 'undici';
import type { BaseClient, OperationDescriptor, PreparedRequest, WithResponse } from '../runtime/src/index.js';
import type { PrepareContext } from '../runtime/src/request/prepare.js';

interface Runtime {
  BaseClient: typeof BaseClient;
  UndiciTransport: typeof import('../runtime/src/index.js').UndiciTransport;
  sendAttempt: typeof import('../runtime/src/index.js').sendAttempt;
  prepareRequest: (
    ctx: PrepareContext,
    op: OperationDescriptor,
    args: unknown[],
    params: object,
    options: undefined,
  ) => PreparedRequest | Promise<PreparedRequest>;
  parseBaseUrl: typeof import('../runtime/src/request/url.js').parseBaseUrl;
  defaultUserAgent: typeof import('../runtime/src/user-agent.js').defaultUserAgent;
  compiled: boolean;
}

/** Compiles the runtime with tsc and imports the output; falls back to the sources. */
async function loadRuntime(): Promise<Runtime> {
  const root = fileURLToPath(new URL('..', import.meta.url));
  const out = fileURLToPath(new URL('../.tmp/bench-runtime/', import.meta.url));
  const tsc = spawnSync(
    process.execPath,
    [`${root}node_modules/typescript/bin/tsc`, '-p', `${root}runtime/tsconfig.json`, '--outDir', out, '--declaration', 'false', '--sourceMap', 'false'],
    { stdio: 'inherit' },
  );
  const compiled = tsc.status === 0;
  const dir = compiled ? pathToFileURL(out).href : new URL('../runtime/src/', import.meta.url).href;
  const ext = compiled ? '.js' : '.ts';
  const index = (await import(`${dir}index${ext}`)) as typeof import('../runtime/src/index.js');
  const prepare = (await import(`${dir}request/prepare${ext}`)) as typeof import('../runtime/src/request/prepare.js');
  const url = (await import(`${dir}request/url${ext}`)) as typeof import('../runtime/src/request/url.js');
  const userAgent = (await import(`${dir}user-agent${ext}`)) as typeof import('../runtime/src/user-agent.js');
  if (!compiled) console.log('(tsc failed: measuring the TypeScript sources through tsx)');
  return {
    BaseClient: index.BaseClient,
    UndiciTransport: index.UndiciTransport,
    sendAttempt: index.sendAttempt,
    prepareRequest: prepare.prepareRequest as Runtime['prepareRequest'],
    parseBaseUrl: url.parseBaseUrl,
    defaultUserAgent: userAgent.defaultUserAgent,
    compiled,
  };
}

const SEQUENTIAL_REQUESTS = 8000;
const CONCURRENT_REQUESTS = 20_000;
const CONCURRENCY = 32;
/** Alternating rounds; five, because other work on a shared 2-core machine makes single rounds swing by 20%. */
const ROUNDS = 5;

const serverSource = `
const { createServer } = require('node:http');
const body = JSON.stringify({ id: 'p1', name: 'Rex', tags: ['good', 'dog'], age: 3 });
const server = createServer((req, res) => {
  res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
  res.end(body);
});
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => console.log(server.address().port));
`;

const getPet: OperationDescriptor = {
  id: 'getPet',
  method: 'GET',
  path: '/pets/{petId}',
  pathParams: [{ name: 'petId' }],
  query: [{ name: 'limit' }, { name: 'order' }],
  response: 'json',
  security: [['apiKey']],
};

type Call = (i: number) => Promise<unknown>;

interface Measure {
  /** Requests per second. */
  rps: number;
  /** Client-process CPU microseconds per request. */
  cpuUs: number;
}

async function run(call: Call, total: number, concurrency: number): Promise<Measure> {
  let next = 0;
  const start = performance.now();
  const cpu = process.cpuUsage();
  const lanes = Array.from({ length: concurrency }, async () => {
    while (next < total) await call(next++);
  });
  await Promise.all(lanes);
  const used = process.cpuUsage(cpu);
  return { rps: (total / (performance.now() - start)) * 1000, cpuUs: (used.user + used.system) / total };
}

function better(a: Measure | undefined, b: Measure): Measure {
  return a === undefined ? b : { rps: Math.max(a.rps, b.rps), cpuUs: Math.min(a.cpuUs, b.cpuUs) };
}

/** Requests per second of raw undici and of `BaseClient.request`, sequential and at concurrency 32, and their ratios. */
export async function benchThroughput(): Promise<Record<string, number>> {
  const rt = await loadRuntime();
  const server = spawn(process.execPath, ['-e', serverSource], { stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise<number>((resolve) => server.stdout.once('data', (d: Buffer) => resolve(Number(String(d).trim()))));
  const origin = `http://127.0.0.1:${port}`;

  const pool = new Pool(origin);
  // The same request the SDK sends, header for header (its Accept and default User-Agent included),
  // so the ratio measures the SDK's machinery rather than a smaller request.
  const headers = { accept: 'application/json', 'x-api-key': 'secret', 'user-agent': rt.defaultUserAgent(undefined, undefined) ?? '' };
  const raw: Call = async (i) => {
    const res = await pool.request({
      method: 'GET',
      path: `/pets/${encodeURIComponent(`p${i}`)}?limit=10&order=asc`,
      headers,
    });
    return res.body.json();
  };

  const config = { securitySchemes: { apiKey: { type: 'apiKey', in: 'header', name: 'X-Api-Key', option: 'apiKey' } as const } };
  const client = new rt.BaseClient(
    { baseUrl: origin, transport: 'undici', apiKey: 'secret' } as ConstructorParameters<typeof BaseClient>[0],
    config,
  );
  const sdk: Call = (i) => client.request(getPet, [`p${i}`], { limit: 10, order: 'asc' });

  const transport = new rt.UndiciTransport();
  const ctx: PrepareContext = {
    base: rt.parseBaseUrl(origin),
    config,
    credentials: { apiKey: 'secret' },
    defaultHeaders: { 'user-agent': headers['user-agent'] },
    idempotencyHeader: 'idempotency-key',
  };
  const foundation: Call = async (i): Promise<WithResponse<unknown>> =>
    rt.sendAttempt(transport, await rt.prepareRequest(ctx, getPet, [`p${i}`], { limit: 10, order: 'asc' }, undefined), { timeout: 60_000 });

  // Warm-up: open connections and let the JIT settle.
  await run(raw, 2000, CONCURRENCY);
  await run(sdk, 2000, CONCURRENCY);
  await run(foundation, 2000, CONCURRENCY);

  let rawSeq: Measure | undefined;
  let sdkSeq: Measure | undefined;
  let rawConc: Measure | undefined;
  let sdkConc: Measure | undefined;
  let coreSeq: Measure | undefined;
  let coreConc: Measure | undefined;
  for (let round = 0; round < ROUNDS; round++) {
    rawSeq = better(rawSeq, await run(raw, SEQUENTIAL_REQUESTS, 1));
    sdkSeq = better(sdkSeq, await run(sdk, SEQUENTIAL_REQUESTS, 1));
    rawConc = better(rawConc, await run(raw, CONCURRENT_REQUESTS, CONCURRENCY));
    sdkConc = better(sdkConc, await run(sdk, CONCURRENT_REQUESTS, CONCURRENCY));
    coreSeq = better(coreSeq, await run(foundation, SEQUENTIAL_REQUESTS, 1));
    coreConc = better(coreConc, await run(foundation, CONCURRENT_REQUESTS, CONCURRENCY));
  }

  await client.close();
  await transport.close();
  await pool.close();
  server.kill();

  const figures = {
    rawSequentialRps: Math.round(rawSeq!.rps),
    sdkSequentialRps: Math.round(sdkSeq!.rps),
    sequentialRatio: sdkSeq!.rps / rawSeq!.rps,
    sequentialCpuRatio: rawSeq!.cpuUs / sdkSeq!.cpuUs,
    rawConcurrentRps: Math.round(rawConc!.rps),
    sdkConcurrentRps: Math.round(sdkConc!.rps),
    concurrentRatio: sdkConc!.rps / rawConc!.rps,
    concurrentCpuRatio: rawConc!.cpuUs / sdkConc!.cpuUs,
    foundationSequentialRatio: coreSeq!.rps / rawSeq!.rps,
    foundationConcurrentRatio: coreConc!.rps / rawConc!.rps,
    foundationConcurrentCpuRatio: rawConc!.cpuUs / coreConc!.cpuUs,
    compiledRuntime: rt.compiled ? 1 : 0,
  };
  const line = (name: string, raw: Measure, sdk: Measure): string =>
    `${name}: raw ${Math.round(raw.rps)} req/s (${raw.cpuUs.toFixed(1)} us CPU/req), ` +
    `sdk ${Math.round(sdk.rps)} req/s (${sdk.cpuUs.toFixed(1)} us CPU/req); ` +
    `sdk/raw throughput ${(sdk.rps / raw.rps).toFixed(3)}, by CPU ${(raw.cpuUs / sdk.cpuUs).toFixed(3)}`;
  console.log(line('sequential', rawSeq!, sdkSeq!));
  console.log(line(`concurrency ${CONCURRENCY}`, rawConc!, sdkConc!));
  console.log(line('foundation only, sequential', rawSeq!, coreSeq!));
  console.log(line(`foundation only, concurrency ${CONCURRENCY}`, rawConc!, coreConc!));
  return figures;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  await benchThroughput();
}
