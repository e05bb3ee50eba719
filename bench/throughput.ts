/**
 * Throughput of the runtime's request path against raw undici, over loopback.
 *
 * Two baselines, both with undici's `Pool` and the exact headers the SDK sends (read back from the
 * server once, so the comparison holds when the SDK's headers change):
 * - `pool.request`: undici's everyday API (a `Readable` body per response), what hand-written code
 *   would use;
 * - `pool.dispatch` with a minimal handler that collects the chunks and parses the JSON: the floor
 *   under any client built on undici, and the layer the SDK's own transport dispatches on.
 * The SDK is reported against both. Also measured: the "foundation", `sendAttempt(prepareRequest())`
 * alone, to show how the cost splits between the transport core and the layers around it.
 *
 * Every variant runs once per round, in an order that rotates from round to round, so that a burst
 * of load from a neighbour does not always land on the same one; figures are medians over the rounds
 * (5 by default, `--runs <n>`), and ratios are medians of the per-round ratios (both sides of a ratio
 * measured in the same round). Requests/s, and client CPU time per request, which stays meaningful on
 * a loaded machine where wall-clock figures wobble.
 *
 * The server runs in a child process so it shares neither the client's event loop nor its CPU
 * accounting. The runtime is measured as users run it: compiled by tsc (into .tmp/bench-runtime),
 * not through tsx, whose transform wraps every closure in a naming helper. If the compile fails the
 * sources are measured instead, and the output says so.
 *
 * `--before <dir>` adds the SDK of another built checkout as one more variant (its runtime compiled
 * the same way into its own .tmp), see bench/support/options.ts.
 *
 * Run alone: `node --import tsx bench/throughput.ts [--before <dir>] [--runs <n>]`.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Pool, type Dispatcher } from 'undici';
import type { BaseClient, OperationDescriptor, PreparedRequest, WithResponse } from '../runtime/src/index.js';
import type { PrepareContext } from '../runtime/src/request/prepare.js';
import { beforeRoot, median, rounds } from './support/options.js';

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
  compiled: boolean;
}

const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** Compiles the runtime of the checkout at `root` with tsc and imports the output; falls back to the sources. */
async function loadRuntime(root: string): Promise<Runtime> {
  const out = join(root, '.tmp/bench-runtime/');
  const tscOf = (dir: string): string => join(dir, 'node_modules/typescript/bin/tsc');
  const tsc = spawnSync(
    process.execPath,
    [existsSync(tscOf(root)) ? tscOf(root) : tscOf(ROOT), '-p', join(root, 'runtime/tsconfig.json'), '--outDir', out, '--declaration', 'false', '--sourceMap', 'false'],
    { stdio: 'inherit' },
  );
  const compiled = tsc.status === 0;
  const dir = compiled ? pathToFileURL(out).href : pathToFileURL(join(root, 'runtime/src/')).href;
  const ext = compiled ? '.js' : '.ts';
  const index = (await import(`${dir}index${ext}`)) as typeof import('../runtime/src/index.js');
  const prepare = (await import(`${dir}request/prepare${ext}`)) as typeof import('../runtime/src/request/prepare.js');
  const url = (await import(`${dir}request/url${ext}`)) as typeof import('../runtime/src/request/url.js');
  if (!compiled) console.log(`(tsc failed for ${root}: measuring the TypeScript sources through tsx)`);
  return {
    BaseClient: index.BaseClient,
    UndiciTransport: index.UndiciTransport,
    sendAttempt: index.sendAttempt,
    prepareRequest: prepare.prepareRequest as Runtime['prepareRequest'],
    parseBaseUrl: url.parseBaseUrl,
    compiled,
  };
}

/** Requests per measurement; `SDKGEN_BENCH_SCALE=0.1` for a quick look. */
const SCALE = Number(process.env['SDKGEN_BENCH_SCALE'] ?? 1) || 1;
const SEQUENTIAL_REQUESTS = Math.round(5000 * SCALE);
const CONCURRENT_REQUESTS = Math.round(15_000 * SCALE);
const CONCURRENCY = 32;

const serverSource = `
const { createServer } = require('node:http');
const body = JSON.stringify({ id: 'p1', name: 'Rex', tags: ['good', 'dog'], age: 3 });
const server = createServer((req, res) => {
  // /capture answers with the request's own headers: the baselines send exactly what the SDK sends.
  const text = req.url === '/capture' ? JSON.stringify(req.headers) : body;
  res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
});
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => console.log(server.address().port));
// The bench holds stdin open; when it ends (even killed), so does the server.
process.stdin.on('end', () => process.exit(0)).resume();
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
const capture: OperationDescriptor = { id: 'capture', method: 'GET', path: '/capture', response: 'json', security: [['apiKey']] };
const config = { securitySchemes: { apiKey: { type: 'apiKey', in: 'header', name: 'X-Api-Key', option: 'apiKey' } as const } };

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

/**
 * The least a client on undici's `Pool.dispatch` can do: collect the body chunks, parse the JSON at
 * the end. (undici's handler interface, as the SDK's transport uses it.)
 */
class CollectJson implements Dispatcher.DispatchHandler {
  readonly #chunks: Buffer[] = [];
  readonly #resolve: (value: unknown) => void;
  readonly #reject: (error: Error) => void;
  #status = 0;

  constructor(resolve: (value: unknown) => void, reject: (error: Error) => void) {
    this.#resolve = resolve;
    this.#reject = reject;
  }

  /** Present so undici takes this for its current handler interface (it checks for this method). */
  onRequestStart(): void {}

  onResponseStart(_controller: Dispatcher.DispatchController, statusCode: number): void {
    this.#status = statusCode;
  }

  onResponseData(_controller: Dispatcher.DispatchController, chunk: Buffer): void {
    this.#chunks.push(chunk);
  }

  onResponseEnd(): void {
    if (this.#status !== 200) this.#reject(new Error(`status ${this.#status}`));
    else this.#resolve(JSON.parse((this.#chunks.length === 1 ? this.#chunks[0]! : Buffer.concat(this.#chunks)).toString('utf8')));
  }

  onResponseError(_controller: Dispatcher.DispatchController, error: Error): void {
    this.#reject(error);
  }
}

interface Variant {
  name: string;
  label: string;
  call: Call;
}

/** Requests per second of raw undici (request and dispatch) and of `BaseClient.request`, sequential and at concurrency 32, and their ratios. */
export async function benchThroughput(): Promise<Record<string, number>> {
  const before = beforeRoot();
  const runs = rounds(5);
  const rt = await loadRuntime(ROOT);
  const old = before === undefined ? undefined : await loadRuntime(before);
  const server = spawn(process.execPath, ['-e', serverSource], { stdio: ['pipe', 'pipe', 'inherit'] });
  const port = await new Promise<number>((resolve) => server.stdout.once('data', (d: Buffer) => resolve(Number(String(d).trim()))));
  const origin = `http://127.0.0.1:${port}`;

  const newClient = (runtime: Runtime): BaseClient =>
    new runtime.BaseClient({ baseUrl: origin, transport: 'undici', apiKey: 'secret' } as ConstructorParameters<typeof BaseClient>[0], config);
  const client = newClient(rt);
  const oldClient = old === undefined ? undefined : newClient(old);

  // The SDK's own request headers, as the server saw them; undici adds host and connection itself.
  const seen = (await client.request<Record<string, string>>(capture, [], undefined)) as Record<string, string>;
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(seen)) if (name !== 'host' && name !== 'connection') headers[name] = value;
  const path = (i: number): string => `/pets/${encodeURIComponent(`p${i}`)}?limit=10&order=asc`;

  const requestPool = new Pool(origin);
  const dispatchPool = new Pool(origin);
  const transport = new rt.UndiciTransport();
  const ctx: PrepareContext = {
    base: rt.parseBaseUrl(origin),
    config,
    credentials: { apiKey: 'secret' },
    defaultHeaders: { 'user-agent': headers['user-agent'] ?? '' },
    idempotencyHeader: 'idempotency-key',
  };
  const variants: Variant[] = [
    {
      name: 'request',
      label: 'raw pool.request',
      call: async (i) => (await requestPool.request({ method: 'GET', path: path(i), headers })).body.json(),
    },
    {
      name: 'dispatch',
      label: 'raw Pool.dispatch',
      call: (i) => new Promise((resolve, reject) => void dispatchPool.dispatch({ method: 'GET', path: path(i), headers }, new CollectJson(resolve, reject))),
    },
    { name: 'sdk', label: 'SDK', call: (i) => client.request(getPet, [`p${i}`], { limit: 10, order: 'asc' }) },
    {
      name: 'foundation',
      label: 'foundation',
      call: async (i): Promise<WithResponse<unknown>> =>
        rt.sendAttempt(transport, await rt.prepareRequest(ctx, getPet, [`p${i}`], { limit: 10, order: 'asc' }, undefined), { timeout: 60_000 }),
    },
  ];
  if (oldClient !== undefined) variants.push({ name: 'before', label: 'SDK before', call: (i) => oldClient.request(getPet, [`p${i}`], { limit: 10, order: 'asc' }) });

  // Warm-up: open connections and let the JIT settle.
  for (const v of variants) await run(v.call, Math.round(2000 * SCALE), CONCURRENCY);

  const modes = [
    { name: 'sequential', total: SEQUENTIAL_REQUESTS, concurrency: 1 },
    { name: 'concurrent', total: CONCURRENT_REQUESTS, concurrency: CONCURRENCY },
  ] as const;
  /** results[mode][variant] = one Measure per round */
  const results: Record<string, Record<string, Measure[]>> = {};
  for (const mode of modes) results[mode.name] = Object.fromEntries(variants.map((v) => [v.name, []]));
  for (let round = 0; round < runs; round++) {
    const order = variants.map((_, i) => variants[(i + round) % variants.length]!);
    for (const mode of modes) {
      const line: string[] = [];
      for (const v of order) {
        const m = await run(v.call, mode.total, mode.concurrency);
        results[mode.name]![v.name]!.push(m);
        line.push(`${v.name} ${Math.round(m.rps)}`);
      }
      console.log(`  round ${round + 1}/${runs} ${mode.name}: ${line.join(', ')} req/s`);
    }
  }

  await client.close();
  await oldClient?.close();
  await transport.close();
  await requestPool.close();
  await dispatchPool.close();
  server.stdin.end();
  server.kill();

  const figures: Record<string, number> = {};
  for (const mode of modes) {
    const r = results[mode.name]!;
    const rps = (v: string): number => median(r[v]!.map((m) => m.rps));
    const cpu = (v: string): number => median(r[v]!.map((m) => m.cpuUs));
    /** Median over rounds of a's throughput over b's (>1: a is faster). */
    const ratio = (a: string, b: string): number => median(r[a]!.map((m, i) => m.rps / r[b]![i]!.rps));
    /** Median over rounds of b's CPU per request over a's (>1: a costs less). */
    const cpuRatio = (a: string, b: string): number => median(r[a]!.map((m, i) => r[b]![i]!.cpuUs / m.cpuUs));
    const p = mode.name;
    Object.assign(figures, {
      [`${p}RequestRps`]: Math.round(rps('request')),
      [`${p}DispatchRps`]: Math.round(rps('dispatch')),
      [`${p}SdkRps`]: Math.round(rps('sdk')),
      [`${p}SdkOverRequest`]: ratio('sdk', 'request'),
      [`${p}SdkOverRequestCpu`]: cpuRatio('sdk', 'request'),
      [`${p}SdkOverDispatch`]: ratio('sdk', 'dispatch'),
      [`${p}SdkOverDispatchCpu`]: cpuRatio('sdk', 'dispatch'),
      [`${p}RequestOverDispatch`]: ratio('request', 'dispatch'),
      [`${p}FoundationOverDispatch`]: ratio('foundation', 'dispatch'),
    });
    if (old !== undefined) {
      Object.assign(figures, {
        [`${p}BeforeRps`]: Math.round(rps('before')),
        [`${p}BeforeOverRequest`]: ratio('before', 'request'),
        [`${p}BeforeOverDispatch`]: ratio('before', 'dispatch'),
        [`${p}BeforeOverDispatchCpu`]: cpuRatio('before', 'dispatch'),
        [`${p}SdkOverBefore`]: ratio('sdk', 'before'),
      });
    }
    const title = mode.concurrency === 1 ? 'sequential' : `concurrency ${mode.concurrency}`;
    console.log(`${title} (medians of ${runs} rounds):`);
    for (const v of variants) {
      const vs = v.name === 'request' || v.name === 'dispatch' ? '' : `; vs pool.request ${ratio(v.name, 'request').toFixed(3)}, vs dispatch ${ratio(v.name, 'dispatch').toFixed(3)} (by CPU ${cpuRatio(v.name, 'dispatch').toFixed(3)})`;
      console.log(`  ${v.label.padEnd(17)} ${String(Math.round(rps(v.name))).padStart(6)} req/s, ${cpu(v.name).toFixed(1).padStart(6)} us CPU/req${vs}`);
    }
    console.log(`  pool.request / dispatch: ${ratio('request', 'dispatch').toFixed(3)}`);
  }
  figures['compiledRuntime'] = rt.compiled && (old?.compiled ?? true) ? 1 : 0;
  return figures;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const figures = await benchThroughput();
  for (const [key, value] of Object.entries(figures)) console.log(`${key}: ${Number.isInteger(value) ? value : value.toFixed(3)}`);
}
