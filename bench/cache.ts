/**
 * The ETag cache's cost and benefit, over loopback.
 *
 * 1. One 304 revalidation through the SDK (lookup, `If-None-Match`, 304, stored body re-parsed)
 *    against a raw undici request that gets the same 304 and reads nothing; and, as a baseline, a
 *    plain 200 through the SDK without cache against raw undici, so the cache's own share shows.
 * 2. A 100 KB JSON body fetched 1,000 times with the cache and without it: bytes the server wrote
 *    and time taken.
 * 3. The cache's CPU per revalidation, with an in-memory transport (no network noise).
 * 4. Why stored bodies are re-parsed: `JSON.parse` of the stored text against `structuredClone`
 *    of the parsed value, for the same 100 KB body.
 *
 * The server runs in a worker thread so it does not share the client's event loop; the compared
 * sides run in alternating batches of 50 so both see the same machine load. Ratios are what travel
 * between machines.
 *
 * Run alone: `node --import tsx bench/cache.ts`.
 */
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { Pool } from 'undici';
import { BaseClient, type OperationDescriptor, type Transport, type TransportResponse } from '../runtime/src/index.js';

const REVALIDATIONS = 2000;
const BIG_FETCHES = 1000;
/** Calls per timed batch; sides alternate batch by batch. */
const BATCH = 50;

const serverSource = `
const { createServer } = require('node:http');
const { parentPort } = require('node:worker_threads');
const items = [];
for (let i = 0; items.length === 0 || JSON.stringify(items).length < 100 * 1024; i++) {
  items.push({ id: 'item_' + i, name: 'Item number ' + i, tags: ['a', 'b', 'c'], price: i * 1.5, active: i % 2 === 0,
    meta: { created: '2024-01-01T00:00:00Z', n: i } });
  if (JSON.stringify(items).length >= 100 * 1024) break;
}
const bodies = {
  '/small': JSON.stringify({ id: 'p1', name: 'Rex', tags: ['good', 'dog'], age: 3 }),
  '/big': JSON.stringify({ data: items }),
};
let written = 0;
const server = createServer((req, res) => {
  const body = bodies[req.url];
  const etag = '"' + req.url.slice(1) + '-v1"';
  if (req.headers['if-none-match'] === etag) {
    res.writeHead(304, { etag });
    return res.end();
  }
  res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), etag });
  res.end(body);
});
const sockets = new Set();
server.on('connection', (s) => { sockets.add(s); s.on('close', () => { written += s.bytesWritten; sockets.delete(s); }); });
server.keepAliveTimeout = 60_000;
parentPort.on('message', () => {
  let total = written;
  for (const s of sockets) total += s.bytesWritten;
  parentPort.postMessage({ written: total, bigBytes: Buffer.byteLength(bodies['/big']) });
});
server.listen(0, '127.0.0.1', () => parentPort.postMessage(server.address().port));
`;

const op = (path: string): OperationDescriptor => ({ id: path.slice(1), method: 'GET', path, response: 'json' });
const getSmall = op('/small');
const getBig = op('/big');

async function timeIt(n: number, call: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  for (let i = 0; i < n; i++) await call();
  return performance.now() - start;
}

/** Figures: revalidation cost SDK vs raw, 100 KB body with vs without cache (bytes, time), parse vs clone. */
export async function benchCache(): Promise<Record<string, number>> {
  const worker = new Worker(serverSource, { eval: true });
  const port = await new Promise<number>((resolve) => worker.once('message', resolve));
  const origin = `http://127.0.0.1:${port}`;
  const serverStats = () =>
    new Promise<{ written: number; bigBytes: number }>((resolve) => {
      worker.once('message', resolve);
      worker.postMessage('stats');
    });

  // 1. A 304 revalidation: SDK (with its stored body) vs raw undici receiving the same 304.
  const pool = new Pool(origin);
  const raw304 = async (): Promise<void> => {
    const res = await pool.request({ method: 'GET', path: '/small', headers: { 'if-none-match': '"small-v1"' } });
    if (res.statusCode !== 304) throw new Error(`expected 304, got ${res.statusCode}`);
    await res.body.dump();
  };
  const cached = new BaseClient({ baseUrl: origin, transport: 'undici' }, {});
  const sdk304 = (): Promise<unknown> => cached.request(getSmall, [], undefined);
  await sdk304(); // stores the entry; every later call is a 304 revalidation
  await timeIt(300, raw304);
  await timeIt(300, sdk304);
  // Small alternating batches: both sides see the same machine load (other processes, GC).
  // Baseline: the same body as a plain 200, SDK without cache vs raw undici, to tell the pipeline's
  // own cost (retries, timers, decoding) from the cache's.
  const raw200 = async (): Promise<void> => {
    const res = await pool.request({ method: 'GET', path: '/small' });
    await res.body.json();
  };
  const uncached = new BaseClient({ baseUrl: origin, transport: 'undici', cache: false }, {});
  const sdk200 = (): Promise<unknown> => uncached.request(getSmall, [], undefined);
  await timeIt(300, raw200);
  await timeIt(300, sdk200);
  // Small alternating batches: every side sees the same machine load (other processes, GC).
  const batches = { raw304: [] as number[], sdk304: [] as number[], raw200: [] as number[], sdk200: [] as number[] };
  for (let b = 0; b < REVALIDATIONS / BATCH; b++) {
    batches.raw304.push(await timeIt(BATCH, raw304));
    batches.sdk304.push(await timeIt(BATCH, sdk304));
    batches.raw200.push(await timeIt(BATCH, raw200));
    batches.sdk200.push(await timeIt(BATCH, sdk200));
  }
  await uncached.close();
  const raw = median(batches.raw304) / BATCH;
  const sdk = median(batches.sdk304) / BATCH;
  const plainRaw = median(batches.raw200) / BATCH;
  const plainSdk = median(batches.sdk200) / BATCH;

  // 2. 100 KB JSON, 1,000 fetches, with and without the cache, in alternating batches. The cached
  // client's first fetch is a miss (200), the rest are 304s.
  const withCache = new BaseClient({ baseUrl: origin, transport: 'undici', cache: true }, {});
  const withoutCache = new BaseClient({ baseUrl: origin, transport: 'undici', cache: false }, {});
  const side = { with: { ms: [] as number[], bytes: 0 }, without: { ms: [] as number[], bytes: 0 } };
  let bigBytes = 0;
  for (let b = 0; b < BIG_FETCHES / BATCH; b++) {
    for (const [name, client] of [['with', withCache], ['without', withoutCache]] as const) {
      const before = await serverStats();
      side[name].ms.push(await timeIt(BATCH, () => client.request(getBig, [], undefined)));
      const after = await serverStats();
      side[name].bytes += after.written - before.written;
      bigBytes = after.bigBytes;
    }
  }
  await withCache.close();
  await withoutCache.close();
  const withMs = sum(side.with.ms);
  const withoutMs = sum(side.without.ms);
  const withBytes = side.with.bytes;
  const withoutBytes = side.without.bytes;

  // 3. The cache's CPU share without any network: an in-memory transport (the public Transport
  // interface) that answers like the server, 304 when If-None-Match matches and 200 otherwise.
  const memory: Transport = {
    request: async (req) => memoryResponse(req.headers['if-none-match'] === '"small-v1"' ? 304 : 200),
  };
  const cpuCached = new BaseClient({ baseUrl: origin, transport: memory }, {});
  const cpuPlain = new BaseClient({ baseUrl: origin, transport: memory, cache: false }, {});
  await timeIt(2000, () => cpuCached.request(getSmall, [], undefined)); // first call stores the entry
  await timeIt(2000, () => cpuPlain.request(getSmall, [], undefined));
  const cpu = { cached: [] as number[], plain: [] as number[] };
  for (let b = 0; b < 40; b++) {
    cpu.cached.push(await timeIt(BATCH * 10, () => cpuCached.request(getSmall, [], undefined)));
    cpu.plain.push(await timeIt(BATCH * 10, () => cpuPlain.request(getSmall, [], undefined)));
  }
  const cpuCachedUs = (median(cpu.cached) / (BATCH * 10)) * 1000;
  const cpuPlainUs = (median(cpu.plain) / (BATCH * 10)) * 1000;

  // 4. Fresh copy strategies for the same body.
  const bigText = await (await fetch(`${origin}/big`)).text();
  const bigValue: unknown = JSON.parse(bigText);
  const parseMs = Math.min(...[0, 1, 2].map(() => timeSync(200, () => JSON.parse(bigText))));
  const cloneMs = Math.min(...[0, 1, 2].map(() => timeSync(200, () => structuredClone(bigValue))));

  await cached.close();
  await pool.close();
  await worker.terminate();

  const figures = {
    revalidateRawUs: raw * 1000,
    revalidateSdkUs: sdk * 1000,
    revalidateSdkOverRaw: sdk / raw,
    plain200RawUs: plainRaw * 1000,
    plain200SdkNoCacheUs: plainSdk * 1000,
    plain200SdkOverRaw: plainSdk / plainRaw,
    cacheOverheadUs: (sdk - raw - (plainSdk - plainRaw)) * 1000,
    bigBodyBytes: bigBytes,
    bigWithCacheMs: withMs,
    bigWithoutCacheMs: withoutMs,
    bigTimeWithoutOverWith: withoutMs / withMs,
    bigWithCacheBytes: withBytes,
    bigWithoutCacheBytes: withoutBytes,
    bigBytesWithoutOverWith: withoutBytes / withBytes,
    inMemory304SdkUs: cpuCachedUs,
    inMemory200SdkUs: cpuPlainUs,
    cacheCpuPerRevalidationUs: cpuCachedUs - cpuPlainUs,
    freshCopyParseUs: (parseMs / 200) * 1000,
    freshCopyCloneUs: (cloneMs / 200) * 1000,
    cloneOverParse: cloneMs / parseMs,
  };
  console.log(
    `304 revalidation: raw undici ${figures.revalidateRawUs.toFixed(1)} us, sdk ${figures.revalidateSdkUs.toFixed(1)} us (parse of a small stored body included), sdk/raw ${figures.revalidateSdkOverRaw.toFixed(2)}`,
  );
  console.log(
    `baseline 200 (small body): raw undici ${figures.plain200RawUs.toFixed(1)} us, sdk without cache ${figures.plain200SdkNoCacheUs.toFixed(1)} us, sdk/raw ${figures.plain200SdkOverRaw.toFixed(2)}; ` +
      `cache's own share of a revalidation ~${figures.cacheOverheadUs.toFixed(0)} us`,
  );
  console.log(
    `${BIG_FETCHES} x ${Math.round(bigBytes / 1024)} KB JSON: with cache ${withMs.toFixed(0)} ms / ${withBytes} B, without ${withoutMs.toFixed(0)} ms / ${withoutBytes} B; ` +
      `time without/with ${figures.bigTimeWithoutOverWith.toFixed(2)}, bytes without/with ${figures.bigBytesWithoutOverWith.toFixed(1)}`,
  );
  console.log(
    `no network (in-memory transport): sdk 304 hit ${cpuCachedUs.toFixed(1)} us, sdk 200 without cache ${cpuPlainUs.toFixed(1)} us: the cache's CPU per revalidation ${figures.cacheCpuPerRevalidationUs.toFixed(1)} us`,
  );
  console.log(
    `fresh copy of the 100 KB body: JSON.parse ${figures.freshCopyParseUs.toFixed(0)} us, structuredClone ${figures.freshCopyCloneUs.toFixed(0)} us, clone/parse ${figures.cloneOverParse.toFixed(2)}`,
  );
  return figures;
}

const SMALL_BODY = JSON.stringify({ id: 'p1', name: 'Rex', tags: ['good', 'dog'], age: 3 });

/** A response held in memory: 200 with the small body and its ETag, or a bodiless 304. */
function memoryResponse(status: 200 | 304): TransportResponse {
  const headers: Record<string, string> =
    status === 200 ? { 'content-type': 'application/json', etag: '"small-v1"' } : { etag: '"small-v1"' };
  const body = status === 200 ? SMALL_BODY : '';
  return {
    status,
    url: 'http://memory.test/small',
    header: (name) => headers[name],
    headers: () => new Headers(headers),
    text: async () => body,
    bytes: async () => new TextEncoder().encode(body),
    blob: async () => new Blob([body]),
    discard: async () => undefined,
  };
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

function sum(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0);
}

function timeSync(n: number, fn: () => unknown): number {
  const start = performance.now();
  for (let i = 0; i < n; i++) fn();
  return performance.now() - start;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  await benchCache();
}
