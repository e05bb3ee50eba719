import type { ServerResponse } from 'node:http';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { BaseClient, RateLimitError, type OperationDescriptor } from '@sdkgen/runtime';
import { sendJson, startServer, type TestServer } from '../../support/server.js';

const op: OperationDescriptor = { id: 'getItem', method: 'GET', path: '/items', security: [['key']] };
const config = { securitySchemes: { key: { type: 'apiKey' as const, in: 'header' as const, name: 'X-Key', option: 'apiKey' } } };

/**
 * Fixed windows of `windowMs`, aligned to multiples of it, `limit` requests each, per API key; the
 * announced reset is the window's end (epoch seconds for the X- fields, seconds to go for IETF).
 */
function enforceWindow(server: TestServer, limit: number, windowMs: number, family: 'x' | 'ietf') {
  const counts = new Map<string, number>();
  const stats = { ok: 0, limited: 0 };
  server.route('GET', '/items', (req, res: ServerResponse) => {
    const now = Date.now();
    const window = Math.floor(now / windowMs);
    const id = `${String(req.headers['x-key'])}:${window}`;
    const used = (counts.get(id) ?? 0) + 1;
    counts.set(id, used);
    const resetAt = (window + 1) * windowMs;
    const remaining = Math.max(0, limit - used);
    const headers: Record<string, string> =
      family === 'x'
        ? { 'x-ratelimit-limit': String(limit), 'x-ratelimit-remaining': String(remaining), 'x-ratelimit-reset': String(resetAt / 1000) }
        : {
            ratelimit: `"w";r=${remaining};t=${Math.ceil((resetAt - now) / 1000)}`,
            'ratelimit-policy': `"w";q=${limit};w=${windowMs / 1000}`,
          };
    if (used > limit) {
      stats.limited++;
      return sendJson(res, 429, { error: 'rate limited' }, { ...headers, 'retry-after': '1' });
    }
    stats.ok++;
    sendJson(res, 200, { used }, headers);
  });
  return stats;
}

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server.close());
beforeEach(() => server.reset());

describe("rateLimit: 'pace'", () => {
  it('without pacing, a burst over the limit earns 429s (the server really enforces its window)', async () => {
    const stats = enforceWindow(server, 10, 1000, 'x');
    const client = new BaseClient({ baseUrl: server.url, apiKey: 'k1', maxRetries: 0 } as object, config);
    await Promise.allSettled(Array.from({ length: 25 }, () => client.request(op, [], undefined)));
    expect(stats.limited).toBeGreaterThan(0);
    await client.close();
  });

  it.each(['x', 'ietf'] as const)('paces 25 concurrent calls into 10-per-second windows with zero 429s (%s fields)', async (family) => {
    const stats = enforceWindow(server, 10, 1000, family);
    const client = new BaseClient({ baseUrl: server.url, apiKey: 'k1', rateLimit: 'pace', maxRetries: 0 } as object, config);
    const results = await Promise.allSettled(Array.from({ length: 25 }, () => client.request(op, [], undefined)));
    expect(results.filter((r) => r.status === 'rejected').map((r) => String((r as PromiseRejectedResult).reason))).toEqual([]);
    expect(stats).toEqual({ ok: 25, limited: 0 });
    await client.close();
  });

  it('budgets are per API key: two keys do not wait for each other', async () => {
    const stats = enforceWindow(server, 5, 60_000, 'x');
    const paced = (apiKey: string) => new BaseClient({ baseUrl: server.url, apiKey, rateLimit: 'pace', maxRetries: 0, maxRetryAfter: 0 } as object, config);
    const a = paced('a');
    const b = paced('b');
    // The window is long: whatever does not fit fails fast instead of waiting.
    const ra = await Promise.allSettled(Array.from({ length: 5 }, () => a.request(op, [], undefined)));
    const rb = await Promise.allSettled(Array.from({ length: 5 }, () => b.request(op, [], undefined)));
    expect([...ra, ...rb].every((r) => r.status === 'fulfilled')).toBe(true);
    expect(stats.limited).toBe(0);
    await Promise.all([a.close(), b.close()]);
  });

  it('fails at once with RateLimitError and retryAfter when the window resets later than maxRetryAfter, sending nothing', async () => {
    server.route('GET', '/items', (_req, res) =>
      sendJson(res, 200, {}, { 'x-ratelimit-limit': '1', 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '30' }),
    );
    // A clock that stands still: the window's reset is exactly 30 s away when the second call asks.
    class StillClient extends BaseClient {
      override clock = { now: () => Date.UTC(2026, 0, 1), sleep: async () => undefined, random: () => 0.5 };
    }
    const client = new StillClient({ baseUrl: server.url, apiKey: 'k', rateLimit: 'pace', maxRetryAfter: 1000 } as object, config);
    const { response } = await client.request(op, [], undefined).withResponse();
    expect(response.rateLimit).toMatchObject({ limit: 1, remaining: 0, resetAfter: 30_000 });
    const error = (await client.request(op, [], undefined).catch((e: unknown) => e)) as RateLimitError;
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error.retryAfter).toBe(30_000);
    expect(error.message).toBe('GET /items not sent: the rate limit allows it in 30000 ms, more than maxRetryAfter (1000 ms)');
    expect(server.requests).toHaveLength(1);
    await client.close();
  });

  it('an API without rate-limit fields is not slowed down', async () => {
    server.route('GET', '/items', (_req, res) => sendJson(res, 200, {}));
    const client = new BaseClient({ baseUrl: server.url, apiKey: 'k', rateLimit: 'pace', maxRetryAfter: 0 } as object, config);
    const results = await Promise.allSettled(Array.from({ length: 20 }, () => client.request(op, [], undefined)));
    expect(results.every((r) => r.status === 'fulfilled')).toBe(true);
    await client.close();
  });
});
