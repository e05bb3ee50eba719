/**
 * What OAuth and the shared stores cost per call, over loopback.
 *
 * 1. A warm client-credentials client (token cached, the synchronous `peek` path) against a client
 *    with a static `bearerToken`: same server, same response, the ratio of time per call. Target:
 *    at most 1.05x.
 * 2. A fleet-ready client (client credentials, `rateLimit: 'pace'`, ETag cache) on the Redis stores
 *    against the same client on the in-memory stores: the ratio is the price of sharing state
 *    (two or three Redis round trips per call: cache lookup, budget acquire and update). Reported,
 *    no target.
 *
 * The server runs in a child process. Sides alternate in batches so both see the same machine
 * load; the best batch average of each side is kept. The runtime is the built one
 * (`runtime/dist`, as apps run it), else the sources.
 *
 * Run alone: `node --import tsx bench/auth.ts`.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { createClient } from 'redis';
import type * as Runtime from '../runtime/src/index.js';
import type * as RedisEntry from '../runtime/src/redis/index.js';
import { startRedis } from '../test/support/redis.js';

const CALLS = 4000;
const BATCH = 200;

const serverSource = `
const { createServer } = require('node:http');
const body = JSON.stringify({ id: 'p1', name: 'Rex', tags: ['good', 'dog'], age: 3 });
let tokens = 0;
const server = createServer((req, res) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    if (req.url === '/oauth/token') {
      tokens++;
      const text = JSON.stringify({ access_token: 'bench-token-' + tokens, token_type: 'Bearer', expires_in: 3600 });
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
      return res.end(text);
    }
    const limits = { 'x-ratelimit-limit': '1000000000', 'x-ratelimit-remaining': '999999999',
      'x-ratelimit-reset': String(Math.ceil(Date.now() / 1000) + 60), etag: '"v1"' };
    if (req.headers['if-none-match'] === '"v1"') {
      res.writeHead(304, limits);
      return res.end();
    }
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), ...limits });
    res.end(body);
  });
});
server.listen(0, '127.0.0.1', () => console.log(server.address().port));
`;

async function load(): Promise<{ rt: typeof Runtime; redisEntry: typeof RedisEntry; built: boolean }> {
  const dist = new URL('../runtime/dist/', import.meta.url);
  const built = existsSync(new URL('redis/index.js', dist));
  const base = built ? dist.href : new URL('../runtime/src/', import.meta.url).href;
  const ext = built ? '.js' : '.ts';
  return {
    rt: (await import(`${base}index${ext}`)) as typeof Runtime,
    redisEntry: (await import(`${base}redis/index${ext}`)) as typeof RedisEntry,
    built,
  };
}

const schemes = {
  bearer: { type: 'bearer', option: 'bearerToken' },
  oauth: {
    type: 'bearer',
    option: 'accessToken',
    oauth2: { clientCredentials: { tokenUrl: '/oauth/token' }, clientIdOption: 'clientId', clientSecretOption: 'clientSecret' },
  },
} as const;
const viaBearer: Runtime.OperationDescriptor = { id: 'getPet', method: 'GET', path: '/pets/p1', response: 'json', security: [['bearer']] };
const viaOauth: Runtime.OperationDescriptor = { ...viaBearer, security: [['oauth']] };

interface Side {
  name: string;
  call: () => Promise<unknown>;
  best: number;
}

/** Alternating batches; returns the best average ms per call of each side. */
async function race(sides: Side[]): Promise<void> {
  for (const s of sides) for (let i = 0; i < 200; i++) await s.call(); // warm: pools, JIT, token
  for (let done = 0; done < CALLS; done += BATCH) {
    for (const s of sides) {
      const start = performance.now();
      for (let i = 0; i < BATCH; i++) await s.call();
      s.best = Math.min(s.best, (performance.now() - start) / BATCH);
    }
  }
}

export async function benchAuth(): Promise<Record<string, number>> {
  const { rt, redisEntry, built } = await load();
  if (!built) console.log('(runtime/dist missing: measuring the TypeScript sources through tsx; run `npm run build` first)');
  const server = spawn(process.execPath, ['-e', serverSource], { stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise<number>((resolve) => server.stdout!.once('data', (d: Buffer) => resolve(Number(String(d).trim()))));
  const baseUrl = `http://127.0.0.1:${port}`;
  const config = { securitySchemes: schemes } as unknown as Runtime.ClientConfig;
  const redis = await startRedis();
  const conn = createClient({ url: redis.url });
  conn.on('error', () => undefined);
  await conn.connect();
  const clients: Runtime.BaseClient[] = [];
  const make = (options: Record<string, unknown>) => {
    const c = new rt.BaseClient({ baseUrl, transport: 'undici', cache: false, ...options } as Runtime.ClientOptions, config);
    clients.push(c);
    return c;
  };
  try {
    const bearer = make({ bearerToken: 'static-token' });
    const oauth = make({ clientId: 'bench', clientSecret: 'bench-secret' });
    const tokenSides: Side[] = [
      { name: 'static bearer', call: () => bearer.request(viaBearer, [], undefined), best: Infinity },
      { name: 'client credentials (warm)', call: () => oauth.request(viaOauth, [], undefined), best: Infinity },
    ];
    await race(tokenSides);
    const [b, o] = tokenSides as [Side, Side];

    const stores = redisEntry.redisStores(conn, { prefix: 'bench:' });
    const fleet = { clientId: 'bench', clientSecret: 'bench-secret', rateLimit: 'pace' };
    const memory = make({ ...fleet, cache: true });
    const shared = make({ ...fleet, cache: stores.cache, tokenStore: stores.tokens, rateLimitStore: stores.rateLimit });
    const storeSides: Side[] = [
      { name: 'in-memory stores', call: () => memory.request(viaOauth, [], undefined), best: Infinity },
      { name: 'Redis stores', call: () => shared.request(viaOauth, [], undefined), best: Infinity },
    ];
    await race(storeSides);
    const [m, r] = storeSides as [Side, Side];

    for (const s of [...tokenSides, ...storeSides]) console.log(`${s.name.padEnd(28)} ${(s.best * 1000).toFixed(1)} µs/call`);
    const tokenRatio = o.best / b.best;
    console.log(`client credentials / static bearer: ${tokenRatio.toFixed(3)}x (target <= 1.05x)`);
    const storeRatio = r.best / m.best;
    console.log(`Redis stores / in-memory (pace + cache + tokens): ${storeRatio.toFixed(2)}x, +${((r.best - m.best) * 1000).toFixed(0)} µs/call`);
    return {
      bearerUsPerCall: b.best * 1000,
      clientCredentialsUsPerCall: o.best * 1000,
      clientCredentialsVsBearer: tokenRatio,
      memoryStoresUsPerCall: m.best * 1000,
      redisStoresUsPerCall: r.best * 1000,
      redisVsMemory: storeRatio,
    };
  } finally {
    await Promise.all(clients.map((c) => c.close()));
    await conn.quit().catch(() => undefined);
    await redis.stop();
    server.kill();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await benchAuth();
