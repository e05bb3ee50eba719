import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { createClient } from 'redis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BaseClient, type OperationDescriptor, type SecuritySchemeSpec } from '@sdkgen/runtime';
import { redisStores } from '@sdkgen/runtime/redis';
import { startRedis, type RedisProcess } from '../../support/redis.js';
import { sendJson, startServer, type TestServer } from '../../support/server.js';

let redis: RedisProcess;
let db: ReturnType<typeof createClient>;
let prefixes = 0;
/** Each test its own key space on the one server. */
const prefix = () => `t${++prefixes}:`;

beforeAll(async () => {
  redis = await startRedis();
  db = createClient({ url: redis.url });
  db.on('error', () => undefined);
  await db.connect();
});
afterAll(async () => {
  await db.quit().catch(() => undefined);
  await redis.stop();
});

describe('redisStores: each store on a real redis-server', () => {
  it('cache: records round-trip; garbage is not trusted', async () => {
    const { cache } = redisStores(db, { prefix: prefix() });
    const record = { kind: 'response', status: 200, headers: { etag: '"a"' }, body: '{"x":1}', etag: '"a"', storedAt: 1 } as const;
    await cache.set('GET http://a/x', record);
    expect(await cache.get('GET http://a/x')).toEqual(record);
    await cache.delete('GET http://a/x');
    expect(await cache.get('GET http://a/x')).toBeUndefined();
    await db.set('t-garbage:cache:k', '{"kind":"response"}');
    expect(await redisStores(db, { prefix: 't-garbage:' }).cache.get('k')).toBeUndefined();
  });

  it('tokens: one lock holder at a time, unlock only by the owner, expire only the token that failed', async () => {
    const { tokens } = redisStores(db, { prefix: prefix() });
    const owners = await Promise.all(Array.from({ length: 20 }, () => tokens.lock('k', 10_000)));
    const held = owners.filter((o) => o !== undefined);
    expect(held).toHaveLength(1);
    await tokens.unlock('k', 'someone else');
    expect(await tokens.lock('k', 10_000)).toBeUndefined();
    await tokens.unlock('k', held[0]!);
    expect(await tokens.lock('k', 10_000)).toBeDefined();

    await tokens.set('k', { accessToken: 'a1', refreshToken: 'r1', expiresAt: Date.now() + 60_000, issuedAt: Date.now() });
    await tokens.expire('k', 'a0'); // an older token: no effect
    expect((await tokens.get('k'))?.expiresAt).toBeGreaterThan(Date.now());
    await tokens.expire('k', 'a1');
    expect(await tokens.get('k')).toMatchObject({ accessToken: 'a1', refreshToken: 'r1', expiresAt: 0 });
  });

  it('rate limit: 50 concurrent acquires on a window of 10 let exactly 10 through; one probe at a time', async () => {
    const { rateLimit } = redisStores(db, { prefix: prefix() });
    const now = Date.now();
    const first = await Promise.all(Array.from({ length: 5 }, () => rateLimit.acquire('k', now, 5000)));
    expect(first.filter((d) => d === 0)).toHaveLength(1); // the probe
    expect(first.filter((d) => d !== 0 && d.reason === 'probe')).toHaveLength(4);
    await rateLimit.update('k', now, { remaining: 10, resetAt: now + 60_000, limit: 11 });
    const decisions = await Promise.all(Array.from({ length: 50 }, () => rateLimit.acquire('k', now, 5000)));
    expect(decisions.filter((d) => d === 0)).toHaveLength(10);
    expect(decisions.filter((d) => d !== 0)).toEqual(Array.from({ length: 40 }, () => ({ until: now + 60_000, reason: 'window' })));
  });
});

const schemes: Record<string, SecuritySchemeSpec> = {
  oauth: {
    type: 'bearer',
    option: 'accessToken',
    oauth2: { clientCredentials: { tokenUrl: '/oauth/token' }, clientIdOption: 'clientId', clientSecretOption: 'clientSecret' },
  },
};
const getItem: OperationDescriptor = { id: 'getItem', method: 'GET', path: '/items', security: [['oauth']] };

/** Token endpoint plus an API allowing `limit` calls per `windowMs` window (aligned), per token. */
async function fleetServer(limit: number, windowMs: number) {
  const server = await startServer();
  const stats = { tokens: 0, ok: 0, limited: 0, unauthorized: 0 };
  const counts = new Map<string, number>();
  server.route('POST', '/oauth/token', async (_req, res) => {
    await new Promise((r) => setTimeout(r, 50)); // overlapping requests would show
    stats.tokens++;
    sendJson(res, 200, { access_token: `fleet-token-${stats.tokens}`, token_type: 'Bearer', expires_in: 3600 });
  });
  server.route('GET', '/items', (req, res) => {
    const token = req.headers.authorization ?? '';
    if (!token.startsWith('Bearer fleet-token-')) {
      stats.unauthorized++;
      return sendJson(res, 401, {});
    }
    const now = Date.now();
    const window = Math.floor(now / windowMs);
    const used = (counts.get(`${token}:${window}`) ?? 0) + 1;
    counts.set(`${token}:${window}`, used);
    const headers = {
      'x-ratelimit-limit': String(limit),
      'x-ratelimit-remaining': String(Math.max(0, limit - used)),
      'x-ratelimit-reset': String(((window + 1) * windowMs) / 1000),
    };
    if (used > limit) {
      stats.limited++;
      return sendJson(res, 429, {}, { ...headers, 'retry-after': '1' });
    }
    stats.ok++;
    sendJson(res, 200, { used }, headers);
  });
  return { server, stats };
}

describe('a fleet on Redis', () => {
  it('4 worker processes, 40 calls, 10 per 1 s window: zero 429s and one token request', async () => {
    const { server, stats } = await fleetServer(10, 1000);
    const worker = fileURLToPath(new URL('./fleet-worker.ts', import.meta.url));
    const env = { ...process.env, REDIS_URL: redis.url, API_URL: server.url, PREFIX: prefix(), CALLS: '10' };
    const children = Array.from({ length: 4 }, () => fork(worker, { env, execArgv: ['--import', 'tsx'], stdio: 'ignore' }));
    try {
      const ready = children.map((c) => new Promise((resolve, reject) => {
        c.once('message', resolve);
        c.once('exit', (code) => reject(new Error(`worker exited early (${code})`)));
      }));
      await Promise.all(ready);
      const reports = children.map((c) => new Promise<{ ok: number; failures: string[] }>((resolve) => c.once('message', resolve as never)));
      for (const c of children) c.send('go');
      const results = await Promise.all(reports);
      expect(results.flatMap((r) => r.failures)).toEqual([]);
      expect(results.reduce((n, r) => n + r.ok, 0)).toBe(40);
      expect(stats).toEqual({ tokens: 1, ok: 40, limited: 0, unauthorized: 0 });
    } finally {
      for (const c of children) if (c.exitCode === null) c.kill();
      await server.close();
    }
  }, 60_000);
});

describe('Redis stopped mid-run', () => {
  it('calls go on with per-process state and a logged warning, never a failed call', async () => {
    const own = await startRedis();
    const conn = createClient({ url: own.url, socket: { reconnectStrategy: () => 100 } });
    conn.on('error', () => undefined);
    await conn.connect();
    const { server, stats } = await fleetServer(1000, 60_000);
    const warnings: string[] = [];
    const stores = redisStores(conn, { prefix: prefix(), timeout: 200, retryAfter: 500 });
    const newClient = () =>
      new BaseClient(
        {
          baseUrl: server.url,
          clientId: 'solo',
          clientSecret: 'solo-secret',
          rateLimit: 'pace',
          maxRetries: 0,
          cache: stores.cache,
          tokenStore: stores.tokens,
          rateLimitStore: stores.rateLimit,
          logger: { debug: () => undefined, warn: (m: string, d?: unknown) => warnings.push(`${m} ${JSON.stringify(d)}`) },
        } as object,
        { securitySchemes: schemes },
      );
    const client = newClient();
    // Started after the outage: it has no token of its own yet, and the token store is down.
    let late: BaseClient | undefined;
    try {
      for (let i = 0; i < 3; i++) await client.request(getItem, [], undefined);
      expect(warnings).toEqual([]);
      expect(stats.tokens).toBe(1);
      await own.stop();
      const during = await Promise.allSettled(Array.from({ length: 10 }, () => client.request(getItem, [], undefined)));
      expect(during.filter((r) => r.status === 'rejected')).toEqual([]);
      expect(warnings.some((w) => w.startsWith('sdkgen rate-limit store failed'))).toBe(true);
      late = newClient();
      await expect(late.request(getItem, [], undefined)).resolves.toEqual({ used: 1 }); // its own token: a window of its own on this server
      expect(warnings.some((w) => w.startsWith('sdkgen token store failed'))).toBe(true);
      expect(warnings.some((w) => w.startsWith('sdkgen cache store failed'))).toBe(true);
      // The late client fetched its own token: per-process behaviour while Redis is away.
      expect(stats).toMatchObject({ ok: 14, tokens: 2, limited: 0 });
      const logged = warnings.join('\n');
      expect(logged).not.toContain('solo-secret');
      expect(logged).not.toContain('fleet-token-');
    } finally {
      await client.close();
      await late?.close();
      await conn.disconnect().catch(() => undefined);
      await own.stop();
      await server.close();
    }
  }, 30_000);
});
