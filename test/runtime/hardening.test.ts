/**
 * Regression tests for the runtime items of issue 11, each against a real loopback server, on both
 * transports where the behaviour belongs to them. The credential rules (items 2 and 3) live in
 * `security/credentials.test.ts`; the redirect-loop part of item 14 in `transports.test.ts`.
 */
import { createHook } from 'node:async_hooks';
import type { ServerResponse } from 'node:http';
import { brotliCompressSync, createGzip, deflateRawSync, deflateSync, gzipSync } from 'node:zlib';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  ApiError,
  ConnectionError,
  InvalidRequestError,
  InvalidResponseError,
  MAX_ERROR_BODY_BYTES,
  TimeoutError,
  type ClientOptions,
  type OperationDescriptor,
  type SecuritySchemeSpec,
} from '@sdkgen/runtime';
import { TestClient } from '../support/reliability-client.js';
import { sendJson, startServer, type RecordedRequest, type TestServer } from '../support/server.js';

/** V8's longest string (2^29 - 24 UTF-16 units on 64-bit): a longer 2xx body cannot be decoded as text. */
const MAX_TEXT_BYTES = 2 ** 29 - 24;

const schemes: Record<string, SecuritySchemeSpec> = {
  headerKey: { type: 'apiKey', in: 'header', name: 'X-Api-Key', option: 'apiKey' },
  bearer: { type: 'bearer', option: 'bearerToken' },
};

const getThing: OperationDescriptor = {
  id: 'getThing',
  method: 'GET',
  path: '/things',
  headers: [{ name: 'X-Tenant' }],
  security: [['headerKey']],
  response: 'json',
};
const createOrder: OperationDescriptor = {
  id: 'createOrder',
  method: 'POST',
  path: '/orders',
  body: { mediaType: 'application/json', encoding: 'json' },
  response: 'json',
};

const echoHeaders = (req: RecordedRequest, res: ServerResponse): void => sendJson(res, 200, { headers: req.headers, raw: req.rawHeaders });

describe.each(['undici', 'fetch'] as const)('runtime hardening on the %s transport', (transport) => {
  let server: TestServer;
  const clients: TestClient[] = [];
  function client(options: Partial<ClientOptions> & Record<string, unknown> = {}): TestClient {
    const c = new TestClient(
      { baseUrl: `${server.url}/v1`, transport, maxRetries: 0, ...options },
      { securitySchemes: schemes, idempotencyHeader: 'Idempotency-Key' },
    );
    clients.push(c);
    return c;
  }
  beforeAll(async () => {
    server = await startServer();
  });
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((c) => c.close()));
    server.reset();
  });
  afterAll(async () => {
    await server.close();
  });

  describe('item 4: header precedence is defaultHeaders < spec parameters and auth < per-call headers', () => {
    const defaults = { 'X-Tenant': 'stale-tenant', 'X-Api-Key': 'stale-key', Accept: 'application/vnd.acme+json' };

    it('a header parameter and the apiKey beat defaultHeaders; defaults beat only the SDK’s own Accept', async () => {
      server.fallback(echoHeaders);
      const { headers } = await client({ defaultHeaders: defaults, apiKey: 'fresh-key' }).request<{ headers: Record<string, string> }>(
        getThing,
        [],
        { 'X-Tenant': 'tenant-from-param' },
      );
      expect(headers['x-tenant']).toBe('tenant-from-param');
      expect(headers['x-api-key']).toBe('fresh-key');
      expect(headers['accept']).toBe('application/vnd.acme+json');
    });

    it('per-call headers beat parameters and auth', async () => {
      server.fallback(echoHeaders);
      const { headers } = await client({ defaultHeaders: defaults, apiKey: 'fresh-key' }).request<{ headers: Record<string, string> }>(
        getThing,
        [],
        { 'X-Tenant': 'tenant-from-param' },
        { headers: { 'x-tenant': 'tenant-from-call', 'X-API-KEY': 'key-from-call' } },
      );
      expect(headers['x-tenant']).toBe('tenant-from-call');
      expect(headers['x-api-key']).toBe('key-from-call');
    });
  });

  describe('item 6: compressed responses decode alike on both transports', () => {
    const body = { items: Array.from({ length: 200 }, (_, i) => ({ id: i, name: `item ${i}` })) };
    const json = Buffer.from(JSON.stringify(body));
    const encodings: Record<string, () => Buffer> = {
      gzip: () => gzipSync(json),
      'x-gzip': () => gzipSync(json),
      deflate: () => deflateSync(json),
      'deflate (raw, as some servers send it)': () => deflateRawSync(json),
      br: () => brotliCompressSync(json),
      'gzip, br': () => brotliCompressSync(gzipSync(json)),
    };
    function serveCompressed(status = 200) {
      return (req: RecordedRequest, res: ServerResponse): void => {
        const name = decodeURIComponent(new URL(req.url, 'http://x').searchParams.get('enc') ?? '');
        const make = encodings[name];
        if (make === undefined) return void res.writeHead(200, { 'content-type': 'application/json' }).end(json);
        const coding = name.startsWith('deflate') ? 'deflate' : name;
        res.writeHead(status, { 'content-type': 'application/json', 'content-encoding': coding }).end(make());
      };
    }
    const listOp: OperationDescriptor = { id: 'list', method: 'GET', path: '/list', query: [{ name: 'enc' }], response: 'json' };

    it.each(Object.keys(encodings))('Content-Encoding %s', async (enc) => {
      server.route('GET', '/v1/list', serveCompressed());
      expect(await client().request(listOp, [], { enc })).toEqual(body);
    });

    it('asks for gzip, deflate and br when the caller did not choose', async () => {
      server.fallback(echoHeaders);
      const { headers } = await client().request<{ headers: Record<string, string> }>(listOp, [], undefined);
      // fetch asks for what it decodes (Node: gzip, deflate, and br from undici 6 on).
      expect(headers['accept-encoding']).toMatch(/gzip/);
      if (transport === 'undici') expect(headers['accept-encoding']).toBe('gzip, deflate, br');
    });

    it('a caller-set Accept-Encoding is sent as is, and the answer is still decoded', async () => {
      server.route('GET', '/v1/list', (req, res) => {
        expect(req.headers['accept-encoding']).toBe('gzip');
        serveCompressed()(req, res);
      });
      expect(await client().request(listOp, [], { enc: 'gzip' }, { headers: { 'Accept-Encoding': 'gzip' } })).toEqual(body);
    });

    it('a compressed error body is decoded into the ApiError', async () => {
      server.route('GET', '/v1/list', serveCompressed(422));
      const error = (await client().request(listOp, [], { enc: 'br' }).catch((e: unknown) => e)) as ApiError;
      expect(error).toBeInstanceOf(ApiError);
      expect(error.body).toEqual(body);
    });
  });

  describe('item 13: header names are case-insensitive at the hook boundary', () => {
    it('a hook writing headers["Authorization"] replaces the bearer token: one Authorization on the wire', async () => {
      server.fallback(echoHeaders);
      const c = client({
        bearerToken: 'token-A',
        onRequest: ({ headers }) => void (headers['Authorization'] = 'Bearer token-B'),
      });
      const { raw } = await c.request<{ raw: string[] }>({ ...getThing, security: [['bearer']] }, [], undefined);
      const sent = raw.flatMap((name, i) => (i % 2 === 0 && name.toLowerCase() === 'authorization' ? [raw[i + 1]] : []));
      expect(sent).toEqual(['Bearer token-B']);
    });

    it('the cache partitions by an Authorization a hook set in any case: user B never gets user A’s body', async () => {
      // A server that revalidates by ETag alone, as many do: the client must not ask B's question with A's validator.
      server.route('GET', '/v1/me', (req, res) => {
        if (req.headers['if-none-match'] === '"v1"') return void res.writeHead(304, { etag: '"v1"' }).end();
        sendJson(res, 200, { user: req.headers['authorization'] }, { etag: '"v1"' });
      });
      let user = 'Bearer user-A';
      const c = client({ cache: true, onRequest: ({ headers }) => void (headers['Authorization'] = user) });
      const me: OperationDescriptor = { id: 'me', method: 'GET', path: '/me', response: 'json' };
      expect(await c.request(me, [], undefined)).toEqual({ user: 'Bearer user-A' });
      user = 'Bearer user-B';
      expect(await c.request(me, [], undefined)).toEqual({ user: 'Bearer user-B' });
    });
  });

  describe('item 14: local mistakes fail at once, without a request or a retry', () => {
    const bad: { name: string; params?: Record<string, unknown>; options?: Record<string, unknown>; call?: Record<string, unknown> }[] = [
      { name: 'CR/LF in a header parameter', params: { 'X-Tenant': 'a\r\nX-Injected: 1' } },
      { name: 'a LF in the API key', options: { apiKey: 'key\nmore' } },
      { name: 'a NUL in a per-call header', call: { headers: { 'X-Trace': 'a\0b' } } },
      { name: 'an invalid header name', call: { headers: { 'bad name': 'x' } } },
      { name: 'CR/LF written by an onRequest hook', options: { onRequest: ({ headers }: { headers: Record<string, string> }) => void (headers['x-hook'] = 'a\r\nb') } },
    ];
    it.each(bad)('$name: InvalidRequestError, nothing sent', async ({ params, options, call }) => {
      server.fallback(echoHeaders);
      const error = await client({ apiKey: 'k', maxRetries: 2, ...options })
        .request(getThing, [], params, call)
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(InvalidRequestError);
      expect(server.requests).toHaveLength(0);
    });

    it('a 2xx body declared longer than a string can hold fails at once with InvalidResponseError, never retried', async () => {
      server.route('GET', '/v1/things', (_req, res) => {
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(MAX_TEXT_BYTES + 1) });
        res.write(Buffer.alloc(64 * 1024, 0x20));
        // The rest never comes; the socket closes soon after (a client that waited would see a reset).
        setTimeout(() => res.destroy(), 200).unref();
      });
      const error = await client({ apiKey: 'k', maxRetries: 2 }).request(getThing, [], undefined).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(InvalidResponseError);
      expect((error as Error).message).toMatch(/longest string/);
      expect(server.requests).toHaveLength(1);
    });

    it('InvalidResponseError.rawBody keeps at most MAX_ERROR_BODY_BYTES of a bad 2xx body', async () => {
      const huge = `{"broken": "${'x'.repeat(3 * MAX_ERROR_BODY_BYTES)}`;
      server.route('GET', '/v1/things', (_req, res) => void res.writeHead(200, { 'content-type': 'application/json' }).end(huge));
      const error = (await client({ apiKey: 'k' }).request(getThing, [], undefined).catch((e: unknown) => e)) as InvalidResponseError;
      expect(error).toBeInstanceOf(InvalidResponseError);
      expect(error.rawBody.length).toBe(MAX_ERROR_BODY_BYTES);
      expect(huge.startsWith(error.rawBody)).toBe(true);
    });
  });

  describe('item 15: errors of a keyed call carry its idempotency key', () => {
    const keysSeen = (): (string | undefined)[] => server.requests.map((r) => r.headers['idempotency-key'] as string | undefined);

    it('ApiError after retries: the key every attempt sent; retrying with it sends the same key', async () => {
      server.route('POST', '/v1/orders', (_req, res) => sendJson(res, 503, { message: 'busy' }));
      const c = client({ maxRetries: 2 });
      const error = (await c.request(createOrder, [], { sku: 'a' }).catch((e: unknown) => e)) as ApiError;
      expect(error).toBeInstanceOf(ApiError);
      const [first, ...rest] = keysSeen();
      expect(first).toMatch(/^[0-9a-f-]{36}$/);
      expect(rest).toEqual([first, first]);
      expect(error.idempotencyKey).toBe(first);

      server.route('POST', '/v1/orders', (_req, res) => sendJson(res, 201, { id: 'o1' }));
      await c.request(createOrder, [], { sku: 'a' }, { idempotencyKey: error.idempotencyKey! });
      expect(keysSeen().at(-1)).toBe(first);
    });

    it('ConnectionError carries the key', async () => {
      server.route('POST', '/v1/orders', (_req, res) => void res.destroy());
      const error = (await client().request(createOrder, [], { sku: 'a' }).catch((e: unknown) => e)) as ConnectionError;
      expect(error).toBeInstanceOf(ConnectionError);
      expect(error.idempotencyKey).toBe(keysSeen()[0]);
    });

    it('TimeoutError carries the caller’s own key', async () => {
      server.route('POST', '/v1/orders', () => undefined);
      const error = (await client({ timeout: 50 })
        .request(createOrder, [], { sku: 'a' }, { idempotencyKey: 'order-42' })
        .catch((e: unknown) => e)) as TimeoutError;
      expect(error).toBeInstanceOf(TimeoutError);
      expect(error.idempotencyKey).toBe('order-42');
    });

    it('an unkeyed call’s error has none', async () => {
      server.route('GET', '/v1/things', (_req, res) => sendJson(res, 404, {}));
      const error = (await client({ apiKey: 'k' }).request(getThing, [], undefined).catch((e: unknown) => e)) as ApiError;
      expect(error.idempotencyKey).toBeUndefined();
    });
  });
});

describe('item 14: a 2xx body over the string limit without Content-Length (undici, compressed)', () => {
  it('stops decoding at the limit and fails once with InvalidResponseError', async () => {
    // A gzip stream of MAX_TEXT_BYTES + 1 MiB of spaces: about 0.5 MiB on the wire, chunked.
    const gzip = createGzip({ level: 1 });
    const parts: Buffer[] = [];
    gzip.on('data', (c: Buffer) => parts.push(c));
    const mib = Buffer.alloc(1024 * 1024, 0x20);
    for (let i = 0; i < Math.ceil(MAX_TEXT_BYTES / mib.length) + 1; i++) gzip.write(mib);
    await new Promise<void>((resolve) => gzip.end(resolve));
    const bomb = Buffer.concat(parts);
    const server = await startServer();
    const c = new TestClient({ baseUrl: server.url, transport: 'undici', maxRetries: 2 });
    try {
      server.fallback((_req, res) => void res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip' }).end(bomb));
      const error = await c.request({ id: 'big', method: 'GET', path: '/big', response: 'json' }, [], undefined).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(InvalidResponseError);
      expect(server.requests).toHaveLength(1);
    } finally {
      await c.close();
      await server.close();
    }
  });
});

describe('item 7: attempt timers do not pile up', () => {
  it('3,000 calls with deadline-style timeouts (each different) leave a bounded number of live timers', async () => {
    const live = new Set<number>();
    const hook = createHook({
      init: (id, type) => void (type === 'Timeout' && live.add(id)),
      destroy: (id) => void live.delete(id),
    });
    const server = await startServer();
    server.fallback((_req, res) => sendJson(res, 200, {}));
    const c = new TestClient({ baseUrl: server.url, transport: 'undici', maxRetries: 0 });
    const op: OperationDescriptor = { id: 'ping', method: 'GET', path: '/ping', response: 'json' };
    try {
      await c.request(op, [], undefined); // connect and load undici before counting
      hook.enable();
      for (let i = 0; i < 3_000; i++) await c.request(op, [], undefined, { timeout: 120_000 + i });
      // Destroy hooks run from the next turn of the event loop.
      await new Promise((resolve) => setImmediate(resolve));
      await new Promise((resolve) => setImmediate(resolve));
      hook.disable();
      // Ours (at most MAX_IDLE_BATCHES, 4, idle batches) plus a few socket timers of the in-process
      // server and of undici's pool; one per call would be about 3,000.
      expect(live.size).toBeLessThanOrEqual(20);
    } finally {
      hook.disable();
      await c.close();
      await server.close();
    }
  });
});
