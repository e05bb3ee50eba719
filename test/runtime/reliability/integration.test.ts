import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  AbortError,
  ApiError,
  BadRequestError,
  ConnectionError,
  InternalServerError,
  isProblem,
  NotFoundError,
  RateLimitError,
  TimeoutError,
  type ClientOptions,
  type Logger,
  type ProblemDetails,
} from '@sdkgen/runtime';
import { startFaultServer, type FaultServer } from '../../support/fault-server.js';
import { createOrder, getOrder, getThing, NOW, patchThing, postThing, TestClient } from '../../support/reliability-client.js';
import { rejection } from '../../support/rejection.js';

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

let server: FaultServer;
const clients: TestClient[] = [];

beforeEach(async () => {
  server = await startFaultServer();
});
afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.close()));
  await server.close();
});

describe.each(['undici', 'fetch'] as const)('retries through BaseClient (%s transport)', (transport) => {
  const client = (options: Partial<ClientOptions> = {}, config?: ConstructorParameters<typeof TestClient>[1]) => {
    const c = new TestClient({ baseUrl: server.url, transport, ...options }, config);
    clients.push(c);
    return c;
  };
  const keysSeen = () => server.requests.map((r) => r.headers['idempotency-key']);

  it('503 + Retry-After (seconds): waits what the server asked, then succeeds', async () => {
    server.enqueue({ kind: 'status', status: 503, headers: { 'retry-after': '2' } });
    const c = client();
    const order = await c.request(createOrder, [], { item: 'book' });
    expect(order).toEqual({ id: 'ord_1', item: 'book' });
    expect(c.slept).toEqual([2000]);
    expect(server.requests).toHaveLength(2);
    const [first, second] = keysSeen();
    expect(first).toMatch(UUID_V4);
    expect(second).toBe(first);
    expect(server.sideEffects()).toBe(1);
  });

  it('429 + Retry-After as an HTTP-date', async () => {
    const date = new Date(NOW + 3000).toUTCString();
    server.enqueue({ kind: 'status', status: 429, headers: { 'retry-after': date } });
    const c = client();
    await expect(c.request(getThing, [], {})).resolves.toMatchObject({ method: 'GET' });
    expect(c.slept).toEqual([3000]);
  });

  it('retry-after-ms wins over Retry-After', async () => {
    server.enqueue({ kind: 'status', status: 503, headers: { 'retry-after-ms': '150', 'retry-after': '9' } });
    const c = client();
    await c.request(getThing, [], {});
    expect(c.slept).toEqual([150]);
  });

  it('no hint: exponential backoff 0.5 s, 1 s; then gives up with the last error', async () => {
    server.setPlan(() => ({ kind: 'status', status: 500 }));
    const c = client();
    const error = await rejection(c.request(getThing, [], {}));
    expect(error).toBeInstanceOf(InternalServerError);
    expect(c.slept).toEqual([500, 1000]);
    expect(server.requests).toHaveLength(3);
  });

  it('a Retry-After above maxRetryAfter fails at once, the error carrying retryAfter', async () => {
    server.enqueue({ kind: 'status', status: 429, headers: { 'retry-after': '120' } });
    const c = client({ maxRetryAfter: 60_000 });
    const error = await rejection(c.request(getThing, [], {}));
    expect(error).toBeInstanceOf(RateLimitError);
    expect((error as RateLimitError).retryAfter).toBe(120_000);
    expect(c.slept).toEqual([]);
    expect(server.requests).toHaveLength(1);
  });

  it('a call\'s own maxRetryAfter overrides the client\'s, both ways', async () => {
    server.enqueue({ kind: 'status', status: 429, headers: { 'retry-after': '30' } });
    const c = client({ maxRetryAfter: 60_000 });
    const error = await rejection(c.request(getThing, [], {}, { maxRetryAfter: 5_000 }));
    expect(error).toBeInstanceOf(RateLimitError);
    expect((error as RateLimitError).retryAfter).toBe(30_000);
    expect(c.slept).toEqual([]);

    server.enqueue({ kind: 'status', status: 429, headers: { 'retry-after': '120' } });
    await expect(c.request(getThing, [], {}, { maxRetryAfter: 300_000 })).resolves.toMatchObject({ method: 'GET' });
    expect(c.slept).toEqual([120_000]);
  });

  it('connection reset before the server read the POST: retried with the same key, one side effect', async () => {
    server.enqueue({ kind: 'reset-before' });
    const c = client();
    const order = await c.request(createOrder, [], { item: 'lamp' });
    expect(order).toEqual({ id: 'ord_1', item: 'lamp' });
    expect(server.sideEffects()).toBe(1);
    expect(new Set(keysSeen()).size).toBe(1);
    expect(c.slept).toEqual([500]);
  });

  it('connection reset after the server processed the POST: the retry is replayed, not repeated', async () => {
    server.enqueue({ kind: 'reset-after' });
    const c = client();
    const order = await c.request(createOrder, [], { item: 'chair' });
    expect(order).toEqual({ id: 'ord_1', item: 'chair' });
    expect(server.requests).toHaveLength(2);
    expect(server.replays()).toBe(1);
    expect(server.sideEffects()).toBe(1);
  });

  it('a POST without an idempotency key is retried only when the server says x-should-retry: true', async () => {
    server.enqueue({ kind: 'reset-after' });
    const c = client({}, {});
    const error = await rejection(c.request(postThing, [], { a: 1 }));
    expect(error).toBeInstanceOf(ConnectionError);
    expect(server.requests).toHaveLength(1);
    expect(server.requests[0]?.headers['idempotency-key']).toBeUndefined();

    server.enqueue({ kind: 'status', status: 503 });
    await expect(rejection(c.request(postThing, [], {}))).resolves.toBeInstanceOf(InternalServerError);
    expect(server.requests).toHaveLength(2);

    // The server answered and vouches that the request had no effect.
    server.enqueue({ kind: 'status', status: 503, headers: { 'x-should-retry': 'true' } });
    await c.request(postThing, [], {});
    expect(server.requests).toHaveLength(4);
  });

  it('PATCH: retried with an automatic key, not retried without one', async () => {
    server.enqueue({ kind: 'status', status: 502 });
    const keyed = client();
    await keyed.request(patchThing, [], { a: 1 });
    expect(server.requests).toHaveLength(2);
    expect(keysSeen()[0]).toMatch(UUID_V4);
    expect(keysSeen()[1]).toBe(keysSeen()[0]);

    server.enqueue({ kind: 'status', status: 502 });
    const unkeyed = client({}, {});
    await expect(rejection(unkeyed.request(patchThing, [], { a: 1 }))).resolves.toBeInstanceOf(InternalServerError);
    expect(server.requests).toHaveLength(3);
  });

  it('options.idempotencyKey overrides the generated key on every attempt', async () => {
    server.enqueue({ kind: 'status', status: 503 }, { kind: 'reset-before' });
    const c = client();
    await c.request(createOrder, [], { item: 'x' }, { idempotencyKey: 'order-42' });
    expect(keysSeen()).toEqual(['order-42', 'order-42', 'order-42']);
  });

  it("headers: { 'Idempotency-Key': null } sends no key, and the POST is then not retried", async () => {
    server.enqueue({ kind: 'status', status: 503 });
    const c = client();
    const error = await rejection(c.request(createOrder, [], { item: 'x' }, { headers: { 'Idempotency-Key': null } }));
    expect(error).toBeInstanceOf(InternalServerError);
    expect(keysSeen()).toEqual([undefined]);
  });

  it('a new call gets a new key', async () => {
    const c = client();
    await c.request(createOrder, [], { item: 'a' });
    await c.request(createOrder, [], { item: 'a' });
    const [a, b] = keysSeen();
    expect(a).not.toBe(b);
    expect(server.sideEffects()).toBe(2);
  });

  it('a slow response past the timeout is retried (GET)', async () => {
    // Timeouts are generous against normal latency: the test machine may be heavily loaded.
    server.enqueue({ kind: 'slow', delayMs: 1_500 });
    const c = client({ timeout: 1_000 });
    await expect(c.request(getThing, [], {})).resolves.toMatchObject({ method: 'GET' });
    expect(server.requests).toHaveLength(2);
  });

  it('a slow POST past the timeout: 409 while the server still works, then the replay; one side effect', async () => {
    server.enqueue({ kind: 'slow', delayMs: 2_000 });
    const c = client({ timeout: 1_000, maxRetries: 6 });
    // Real waits (a fifth of the backoff) so a retry can outlast the server's work.
    c.timeScale = 0.2;
    const order = await c.request(createOrder, [], { item: 'slow' });
    expect(order).toEqual({ id: 'ord_1', item: 'slow' });
    expect(server.answeredByStatus()[409]).toBeGreaterThan(0);
    expect(server.sideEffects()).toBe(1);
    expect(new Set(keysSeen()).size).toBe(1);
  });

  it('timeouts that never end exhaust the retries with a TimeoutError', async () => {
    server.setPlan(() => ({ kind: 'slow', delayMs: 300 }));
    const c = client({ timeout: 50, maxRetries: 1 });
    await expect(rejection(c.request(getThing, [], {}))).resolves.toBeInstanceOf(TimeoutError);
    expect(server.requests).toHaveLength(2);
  });

  it('x-should-retry overrides the status list both ways', async () => {
    const c = client();
    server.enqueue({ kind: 'status', status: 503, headers: { 'x-should-retry': 'false' } });
    await expect(rejection(c.request(getThing, [], {}))).resolves.toBeInstanceOf(InternalServerError);
    expect(server.requests).toHaveLength(1);

    server.enqueue({ kind: 'status', status: 400, headers: { 'x-should-retry': 'true' } });
    await expect(c.request(getThing, [], {})).resolves.toMatchObject({ method: 'GET' });
    expect(server.requests).toHaveLength(3);
  });

  it('non-retryable statuses fail at once', async () => {
    server.enqueue({ kind: 'status', status: 400 });
    const c = client();
    await expect(rejection(c.request(getThing, [], {}))).resolves.toBeInstanceOf(BadRequestError);
    expect(server.requests).toHaveLength(1);
  });

  it('maxRetries per client and per request', async () => {
    server.setPlan(() => ({ kind: 'status', status: 503 }));
    const c = client({ maxRetries: 4 });
    await rejection(c.request(getThing, [], {}));
    expect(server.requests).toHaveLength(5);
    await rejection(c.request(getThing, [], {}, { maxRetries: 0 }));
    expect(server.requests).toHaveLength(6);
    await rejection(c.request(getThing, [], {}, { maxRetries: 1 }));
    expect(server.requests).toHaveLength(8);
  });

  it('aborting stops a long Retry-After wait immediately with AbortError', async () => {
    server.enqueue({ kind: 'status', status: 503, headers: { 'retry-after': '50' } });
    const c = client();
    c.timeScale = 1;
    const controller = new AbortController();
    const call = c.request(getThing, [], {}, { signal: controller.signal });
    // Abort once the loop is waiting (bounded poll on the fake clock's record).
    for (let i = 0; i < 2_000 && c.slept.length === 0; i++) await new Promise((r) => setTimeout(r, 5));
    controller.abort();
    const error = await rejection(call);
    expect(error).toBeInstanceOf(AbortError);
    expect(c.slept).toEqual([50_000]);
    expect(server.requests).toHaveLength(1);
  });

  it('problem+json fills error.problem; isProblem narrows by type', async () => {
    const c = client();
    const error = await rejection(c.request(getOrder, ['ord_missing'], {}));
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error).toBeInstanceOf(ApiError);
    const notFound = error as NotFoundError;
    expect(notFound.problem).toEqual({
      type: 'https://errors.test/404',
      title: 'No such order',
      status: 404,
      orderId: 'ord_missing',
    } satisfies ProblemDetails);
    expect(isProblem(error, 'https://errors.test/404')).toBe(true);
    expect(isProblem(error, 'https://errors.test/409')).toBe(false);
    expect(server.requests).toHaveLength(1);
  });

  it('hooks see every attempt and response; onRequest may add headers', async () => {
    server.enqueue({ kind: 'status', status: 503 });
    const seen: string[] = [];
    const c = client({
      onRequest: (r) => {
        seen.push(`request ${r.operationId} ${r.method} attempt ${r.attempt}`);
        r.headers['x-attempt'] = String(r.attempt);
      },
      onResponse: (r) => void seen.push(`response ${r.status} attempt ${r.attempt}`),
    });
    await c.request(getThing, [], {});
    expect(seen).toEqual([
      'request getThing GET attempt 1',
      'response 503 attempt 1',
      'request getThing GET attempt 2',
      'response 200 attempt 2',
    ]);
    expect(server.requests.map((r) => r.headers['x-attempt'])).toEqual(['1', '2']);
  });

  it('a throwing onRequest hook fails the call with its error, without retries', async () => {
    const boom = new Error('hook failed');
    const c = client({
      onRequest: () => {
        throw boom;
      },
    });
    await expect(rejection(c.request(getThing, [], {}))).resolves.toBe(boom);
    expect(server.requests).toHaveLength(0);
  });

  it('logger: a line per attempt, per retry (reason, delay) and per failure; credentials redacted', async () => {
    const lines: { message: string; data?: Record<string, unknown> }[] = [];
    const logger: Logger = { debug: (message, data) => void lines.push({ message, data }) };
    server.enqueue({ kind: 'status', status: 503, headers: { 'retry-after': '1' } });
    server.enqueue({ kind: 'status', status: 404 });
    const c = client(
      // cache: false keeps the ETag layer's own lines (cache hit/miss) out of this test.
      { logger, cache: false, apiKey: 'sk-live-SECRET', bearerToken: 'tok-SECRET' } as ClientOptions,
      {
        idempotencyHeader: 'Idempotency-Key',
        securitySchemes: {
          key: { type: 'apiKey', in: 'header', name: 'X-Tenant-Pass', option: 'apiKey' },
          bearer: { type: 'bearer', option: 'bearerToken' },
        },
      },
    );
    const error = await rejection(
      c.request({ ...getThing, security: [['key', 'bearer']] }, [], { api_key: 'q-SECRET', limit: 2 }, { headers: { cookie: 'sid=c-SECRET' } }),
    );
    expect(error).toBeInstanceOf(NotFoundError);
    expect(server.requests[0]?.headers['x-tenant-pass']).toBe('sk-live-SECRET');
    expect(lines.map((l) => l.message)).toEqual([
      expect.stringMatching(/^sdkgen GET .*\/things\?api_key=\[REDACTED\]&limit=2 \(attempt 1\)$/),
      expect.stringMatching(/^sdkgen retrying GET .* in 1000 ms \(status 503\)$/),
      expect.stringMatching(/\(attempt 2\)$/),
      expect.stringMatching(/failed after 2 attempt\(s\) \(status 404 is not retryable\)$/),
    ]);
    expect(lines[1]?.data).toMatchObject({ delay: 1000, reason: 'status 503', delayFrom: 'server' });
    expect(lines[0]?.data?.['headers']).toMatchObject({
      authorization: '[REDACTED]',
      'x-tenant-pass': '[REDACTED]',
      cookie: '[REDACTED]',
    });
    expect(JSON.stringify(lines)).not.toContain('SECRET');
  });

  it('a throwing logger does not break the call', async () => {
    const c = client({
      logger: {
        debug: () => {
          throw new Error('logger down');
        },
      },
    });
    await expect(c.request(getThing, [], {})).resolves.toMatchObject({ method: 'GET' });
  });
});
