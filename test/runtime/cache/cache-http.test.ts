/**
 * The ETag cache end to end: a real BaseClient against a real HTTP server on 127.0.0.1.
 */
import type { ServerResponse } from 'node:http';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  ApiError,
  BaseClient,
  InvalidRequestError,
  PreconditionFailedError,
  type ClientOptions,
  type OperationDescriptor,
} from '@sdkgen/runtime';
import { MemoryCacheStore } from '../../../runtime/src/cache/memory-store.js';
import type { CacheRecord, CacheStore } from '../../../runtime/src/cache/store.js';
import { sendJson, startServer, type RecordedRequest, type TestServer } from '../../support/server.js';

interface Options extends ClientOptions {
  bearerToken?: string;
}

const getItem: OperationDescriptor = {
  id: 'getItem',
  method: 'GET',
  path: '/items/{id}',
  pathParams: [{ name: 'id' }],
  headers: [{ name: 'Accept-Language' }],
  security: [['bearer']],
  response: 'json',
};
const getItemQuery = (order: readonly string[]): OperationDescriptor => ({
  ...getItem,
  id: 'getItemQuery',
  query: order.map((name) => ({ name })),
});
const patchItem: OperationDescriptor = {
  id: 'patchItem',
  method: 'PATCH',
  path: '/items/{id}',
  pathParams: [{ name: 'id' }],
  body: { mediaType: 'application/json', encoding: 'json' },
  security: [['bearer']],
  response: 'json',
};
const deleteItem: OperationDescriptor = { ...patchItem, id: 'deleteItem', method: 'DELETE', body: undefined };

/** A small versioned resource API; ids starting with `w` use weak ETags. */
interface Item {
  version: number;
  data: Record<string, unknown>;
}

let server: TestServer;
let items: Map<string, Item>;
/** Per-path overrides of the resource handler. */
let special: Map<string, (req: RecordedRequest, res: ServerResponse) => void>;
const clients: BaseClient[] = [];

function etagOf(id: string, item: Item): string {
  return id.startsWith('w') ? `W/"${id}-${item.version}"` : `"${id}-${item.version}"`;
}

function opaque(tag: string): string {
  return tag.replace(/^W\//, '');
}

function handle(req: RecordedRequest, res: ServerResponse): void {
  const path = req.url.split('?')[0] ?? '';
  const override = special.get(path);
  if (override) return override(req, res);
  const id = decodeURIComponent(path.replace(/^\/items\//, ''));
  const item = items.get(id);
  if (!item) return sendJson(res, 404, { title: 'No such item' });
  const etag = etagOf(id, item);
  const lang = req.headers['accept-language'];
  if (req.method === 'GET') {
    const inm = req.headers['if-none-match'];
    if (inm !== undefined && inm.split(',').some((t) => opaque(t.trim()) === opaque(etag))) {
      res.writeHead(304, { etag, 'x-rate-remaining': String(100 - server.requests.length) });
      return void res.end();
    }
    return sendJson(res, 200, { id, ...item.data, ...(lang ? { lang } : {}) }, { etag, 'x-rate-remaining': '100' });
  }
  const ifMatch = req.headers['if-match'];
  // If-Match uses the strong comparison: a weak tag never matches (RFC 9110 13.1.1).
  if (ifMatch !== undefined && (ifMatch.startsWith('W/') || etag.startsWith('W/') || ifMatch !== etag)) {
    return sendJson(res, 412, { title: 'Precondition Failed' }, { 'content-type': 'application/problem+json' });
  }
  if (req.method === 'DELETE') {
    items.delete(id);
    res.writeHead(204);
    return void res.end();
  }
  item.version += 1;
  Object.assign(item.data, JSON.parse(req.body.toString('utf8')) as Record<string, unknown>);
  sendJson(res, 200, { id, ...item.data }, { etag: etagOf(id, item) });
}

function client(options: Options = {}): BaseClient {
  const c = new BaseClient(
    { baseUrl: server.url, transport: 'undici', maxRetries: 0, bearerToken: 'token-a', ...options } as Options,
    { securitySchemes: { bearer: { type: 'bearer', option: 'bearerToken' } } },
  );
  clients.push(c);
  return c;
}

type Json = Record<string, unknown>;
const get = (c: BaseClient, id: string, params?: object, options?: object) =>
  c.request<Json>(getItem, [id], params, options);
const sentInm = (): (string | undefined)[] =>
  server.requests.filter((r) => r.method === 'GET').map((r) => r.headers['if-none-match'] as string | undefined);

beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  await server.close();
});
beforeEach(() => {
  server.reset();
  server.fallback(handle);
  items = new Map([
    ['1', { version: 1, data: { name: 'one', tags: ['a'] } }],
    ['2', { version: 1, data: { name: 'two' } }],
    ['3', { version: 1, data: { name: 'three' } }],
    ['w1', { version: 1, data: { name: 'weak' } }],
  ]);
  special = new Map();
});
afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.close()));
});

describe('ETag cache over HTTP', () => {
  it('revalidates with If-None-Match and serves the stored body on 304, refreshing headers', async () => {
    const c = client();
    const first = await get(c, '1').withResponse();
    const second = await get(c, '1').withResponse();
    expect(sentInm()).toEqual([undefined, '"1-1"']);
    expect(second.data).toEqual(first.data);
    expect(second.data).toEqual({ id: '1', name: 'one', tags: ['a'] });
    expect(second.response.status).toBe(200);
    expect(second.response.headers.get('content-type')).toBe('application/json');
    // RFC 9111 4.3.4: the 304's fields replace the stored ones.
    expect(second.response.headers.get('x-rate-remaining')).toBe('98');
    const third = await get(c, '1').withResponse();
    expect(third.response.headers.get('x-rate-remaining')).toBe('97');
  });

  it('hands out a fresh copy each time: mutating a result does not change the cache', async () => {
    const c = client();
    const a = await get(c, '1');
    (a['tags'] as string[]).push('mutated');
    a['name'] = 'changed';
    const b = await get(c, '1');
    expect(b).toEqual({ id: '1', name: 'one', tags: ['a'] });
    (b['tags'] as string[]).push('again');
    expect(await get(c, '1')).toEqual({ id: '1', name: 'one', tags: ['a'] });
    expect(sentInm()).toEqual([undefined, '"1-1"', '"1-1"']);
  });

  it('keeps weak ETags and revalidates with them', async () => {
    const c = client();
    await get(c, 'w1');
    expect(await get(c, 'w1')).toEqual({ id: 'w1', name: 'weak' });
    expect(sentInm()).toEqual([undefined, 'W/"w1-1"']);
  });

  it('separates Vary variants (Accept-Language)', async () => {
    const c = client();
    special.set('/greeting', (req, res) => {
      const lang = req.headers['accept-language'] ?? 'en';
      const etag = `"greeting-${lang}"`;
      if (req.headers['if-none-match'] === etag) {
        res.writeHead(304, { etag, vary: 'Accept-Language' });
        return void res.end();
      }
      sendJson(res, 200, { text: lang === 'fr' ? 'bonjour' : 'hello' }, { etag, vary: 'Accept-Language' });
    });
    const greet = (lang: string) =>
      c.request<Json>({ ...getItem, path: '/greeting', pathParams: [] }, [], { 'Accept-Language': lang });
    expect(await greet('en')).toEqual({ text: 'hello' });
    expect(await greet('fr')).toEqual({ text: 'bonjour' });
    expect(await greet('en')).toEqual({ text: 'hello' });
    expect(await greet('fr')).toEqual({ text: 'bonjour' });
    expect(sentInm()).toEqual([undefined, undefined, '"greeting-en"', '"greeting-fr"']);
  });

  it('partitions by credentials: a client with another token never gets the first one\'s entry', async () => {
    // One shared store, and a careless server that gives both users the same ETag: without the
    // credential partition, bob would revalidate alice's entry and receive her body.
    const store = new MemoryCacheStore();
    special.set('/me', (req, res) => {
      if (req.headers['if-none-match'] === '"me"') {
        res.writeHead(304, { etag: '"me"' });
        return void res.end();
      }
      sendJson(res, 200, { user: req.headers['authorization'] }, { etag: '"me"' });
    });
    const me = (c: BaseClient) => c.request<Json>({ ...getItem, path: '/me', pathParams: [] }, [], {});
    const alice = client({ bearerToken: 'alice-token', cache: store });
    const bob = client({ bearerToken: 'bob-token', cache: store });
    expect(await me(alice)).toEqual({ user: 'Bearer alice-token' });
    expect(await me(bob)).toEqual({ user: 'Bearer bob-token' });
    expect(await me(alice)).toEqual({ user: 'Bearer alice-token' });
    expect(await me(bob)).toEqual({ user: 'Bearer bob-token' });
    expect(sentInm()).toEqual([undefined, undefined, '"me"', '"me"']);
    expect(store.size).toBe(2);
  });

  it('does not store responses with Cache-Control: no-store', async () => {
    const c = client();
    special.set('/secret', (_req, res) => sendJson(res, 200, { s: 1 }, { etag: '"s"', 'cache-control': 'no-store' }));
    const secret = () => c.request<Json>({ ...getItem, path: '/secret', pathParams: [] }, [], {});
    await secret();
    await secret();
    expect(sentInm()).toEqual([undefined, undefined]);
  });

  it('per request: no-store bypasses the cache, no-cache refetches and stores', async () => {
    const c = client();
    await get(c, '1');
    await get(c, '1', {}, { cache: 'no-store' });
    items.get('1')!.version = 2;
    expect(await get(c, '1', {}, { cache: 'no-cache' })).toEqual({ id: '1', name: 'one', tags: ['a'] });
    await get(c, '1');
    expect(sentInm()).toEqual([undefined, undefined, undefined, '"1-2"']);
  });

  it('evicts the least recently used entry by count', async () => {
    const c = client({ cache: { maxEntries: 2 } });
    await get(c, '1');
    await get(c, '2');
    await get(c, '3'); // evicts 1
    await get(c, '1'); // miss, stored again; evicts 2
    await get(c, '3');
    expect(sentInm()).toEqual([undefined, undefined, undefined, undefined, '"3-1"']);
  });

  it('evicts by bytes, and does not store an entry larger than maxBytes', async () => {
    special.set('/big', (req, res) => {
      const size = Number(new URL(req.url, 'http://x').searchParams.get('size'));
      const etag = `"big-${size}"`;
      if (req.headers['if-none-match'] === etag) {
        res.writeHead(304, { etag });
        return void res.end();
      }
      sendJson(res, 200, { pad: 'x'.repeat(size) }, { etag });
    });
    const store = new MemoryCacheStore({ maxBytes: 5_000 });
    const c = client({ cache: store });
    const big = (size: number) => c.request<Json>({ ...getItemQuery(['size']), path: '/big', pathParams: [] }, [], { size });
    await big(2_000);
    await big(2_001);
    expect(store.size).toBe(2);
    await big(2_002); // over 5,000 bytes with three: the oldest goes
    expect(store.size).toBe(2);
    await big(9_000); // larger than maxBytes: not stored, nothing else evicted
    expect(store.size).toBe(2);
    expect(store.bytes).toBeLessThanOrEqual(5_000);
    await big(2_000);
    await big(2_002);
    await big(9_000);
    expect(sentInm()).toEqual([undefined, undefined, undefined, undefined, undefined, '"big-2002"', undefined]);
  });

  it('normalizes query order in the key', async () => {
    const c = client();
    await c.request<Json>(getItemQuery(['a', 'b']), ['1'], { a: '1', b: '2' });
    await c.request<Json>(getItemQuery(['b', 'a']), ['1'], { a: '1', b: '2' });
    expect(server.requests.map((r) => r.url)).toEqual(['/items/1?a=1&b=2', '/items/1?b=2&a=1']);
    expect(sentInm()).toEqual([undefined, '"1-1"']);
  });

  it('invalidates the entry after a PATCH to the same URL', async () => {
    const c = client();
    await get(c, '1');
    await c.request(patchItem, ['1'], { name: 'uno' });
    expect(await get(c, '1')).toEqual({ id: '1', name: 'uno', tags: ['a'] });
    expect(sentInm()).toEqual([undefined, undefined]);
  });

  it('works with an async store that round-trips JSON (as Redis or Keyv would)', async () => {
    const data = new Map<string, string>();
    const store: CacheStore = {
      get: async (key) => {
        const raw = data.get(key);
        return raw === undefined ? undefined : (JSON.parse(raw) as CacheRecord);
      },
      set: async (key, record) => void data.set(key, JSON.stringify(record)),
      delete: async (key) => void data.delete(key),
    };
    const c = client({ cache: store });
    await get(c, '1');
    expect(await get(c, '1')).toEqual({ id: '1', name: 'one', tags: ['a'] });
    expect(sentInm()).toEqual([undefined, '"1-1"']);
    expect([...data.keys()].join()).not.toContain('token-a');
  });

  it('partitions by an API key sent in the query, and keeps the key out of store keys', async () => {
    const data = new Map<string, CacheRecord>();
    const store: CacheStore = {
      get: (key) => data.get(key),
      set: (key, record) => void data.set(key, record),
      delete: (key) => void data.delete(key),
    };
    const keyed = (apiKey: string): BaseClient => {
      const c = new BaseClient({ baseUrl: server.url, transport: 'undici', maxRetries: 0, cache: store, apiKey } as Options, {
        securitySchemes: { key: { type: 'apiKey', in: 'query', name: 'api_key', option: 'apiKey' } },
      });
      clients.push(c);
      return c;
    };
    const op = { ...getItem, security: [['key']] };
    await keyed('key-one').request(op, ['1'], {});
    await keyed('key-two').request(op, ['1'], {});
    await keyed('key-one').request(op, ['1'], {});
    expect(server.requests.map((r) => r.url)).toEqual([
      '/items/1?api_key=key-one',
      '/items/1?api_key=key-two',
      '/items/1?api_key=key-one',
    ]);
    expect(sentInm()).toEqual([undefined, undefined, '"1-1"']);
    expect(data.size).toBe(2);
    for (const key of data.keys()) expect(key).toMatch(/^GET http:\/\/127\.0\.0\.1:\d+\/items\/1 cred:[0-9a-f]{16}$/);
  });

  it('a failing store does not fail calls', async () => {
    const broken: CacheStore = {
      get: () => Promise.reject(new Error('redis down')),
      set: () => Promise.reject(new Error('redis down')),
      delete: () => Promise.reject(new Error('redis down')),
    };
    const c = client({ cache: broken });
    expect(await get(c, '1')).toEqual({ id: '1', name: 'one', tags: ['a'] });
    expect(await get(c, '1')).toEqual({ id: '1', name: 'one', tags: ['a'] });
  });

  it('cache: false sends no validators', async () => {
    const c = client({ cache: false });
    await get(c, '1');
    await get(c, '1');
    expect(sentInm()).toEqual([undefined, undefined]);
  });

  it('logs miss, hit and revalidation without credentials', async () => {
    const lines: { message: string; data: Record<string, unknown> | undefined }[] = [];
    const c = client({ logger: { debug: (message: string, data?: Record<string, unknown>) => lines.push({ message, data }) } });
    await get(c, '1');
    await get(c, '1');
    const cacheLines = lines.filter((l) => l.message.startsWith('sdkgen cache'));
    const url = `${server.url}/items/1`;
    expect(cacheLines.map((l) => l.message)).toEqual([
      `sdkgen cache miss: GET ${url}`,
      `sdkgen cache hit, revalidating: GET ${url}`,
      `sdkgen cache revalidated (304), serving the stored body: GET ${url}`,
    ]);
    expect(cacheLines[2]?.data).toMatchObject({ method: 'GET', url: `${server.url}/items/1`, etag: '"1-1"' });
    expect(JSON.stringify(lines)).not.toContain('token-a');
  });
});

describe('optimistic concurrency (If-Match)', () => {
  it('sends If-Match and succeeds when the version matches', async () => {
    const c = client();
    expect(await c.request(patchItem, ['1'], { name: 'uno' }, { ifMatch: '"1-1"' })).toEqual({
      id: '1',
      name: 'uno',
      tags: ['a'],
    });
    expect(server.requests[0]?.headers['if-match']).toBe('"1-1"');
  });

  it('turns 412 into PreconditionFailedError', async () => {
    const c = client();
    const error = await c.request(patchItem, ['1'], { name: 'uno' }, { ifMatch: '"1-0"' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PreconditionFailedError);
    expect((error as PreconditionFailedError).status).toBe(412);
    expect(items.get('1')?.data['name']).toBe('one');
  });

  it("ifMatch: 'auto' uses the ETag last seen for the URL, including the one a write returned", async () => {
    const c = client();
    await get(c, '1');
    await c.request(patchItem, ['1'], { name: 'uno' }, { ifMatch: 'auto' });
    await c.request(patchItem, ['1'], { name: 'eins' }, { ifMatch: 'auto' });
    expect(server.requests.filter((r) => r.method === 'PATCH').map((r) => r.headers['if-match'])).toEqual([
      '"1-1"',
      '"1-2"',
    ]);
    // Someone else changes it: our remembered tag is stale, and the write is refused.
    items.get('1')!.version = 9;
    await expect(c.request(patchItem, ['1'], { name: 'x' }, { ifMatch: 'auto' })).rejects.toBeInstanceOf(
      PreconditionFailedError,
    );
  });

  it("ifMatch: 'auto' without a known ETag refuses to send an unconditional write", async () => {
    const c = client();
    await expect(c.request(patchItem, ['2'], { name: 'x' }, { ifMatch: 'auto' })).rejects.toBeInstanceOf(
      InvalidRequestError,
    );
    expect(server.requests).toHaveLength(0);
  });

  it("ifMatch: 'auto' is per credentials, and DELETE forgets the tag", async () => {
    const store = new MemoryCacheStore();
    const alice = client({ bearerToken: 'alice', cache: store });
    const bob = client({ bearerToken: 'bob', cache: store });
    await get(alice, '1');
    await expect(bob.request(patchItem, ['1'], { name: 'x' }, { ifMatch: 'auto' })).rejects.toBeInstanceOf(
      InvalidRequestError,
    );
    await alice.request(deleteItem, ['1'], {}, { ifMatch: 'auto' });
    await expect(alice.request(patchItem, ['1'], { name: 'x' }, { ifMatch: 'auto' })).rejects.toBeInstanceOf(
      InvalidRequestError,
    );
  });
});

describe('bad input from the server', () => {
  it('does not store a 200 with a malformed ETag', async () => {
    const c = client();
    special.set('/unquoted', (_req, res) => sendJson(res, 200, { ok: true }, { etag: 'abc123' }));
    const call = () => c.request<Json>({ ...getItem, path: '/unquoted', pathParams: [] }, [], {});
    await call();
    await call();
    expect(sentInm()).toEqual([undefined, undefined]);
  });

  it('a 304 for another (or a malformed) ETag is answered by one unconditional refetch', async () => {
    const c = client();
    for (const wrong of ['"other"', 'not-quoted']) {
      let served = 0;
      const path = `/shifty-${wrong.length}`;
      special.set(path, (req, res) => {
        served += 1;
        if (req.headers['if-none-match'] !== undefined) {
          res.writeHead(304, { etag: wrong });
          return void res.end();
        }
        sendJson(res, 200, { served }, { etag: '"shifty"' });
      });
      const call = () => c.request<Json>({ ...getItem, path, pathParams: [] }, [], {});
      await call();
      expect(await call()).toEqual({ served: 3 });
    }
    expect(sentInm()).toEqual([undefined, '"shifty"', undefined, undefined, '"shifty"', undefined]);
  });

  it('a 304 to a request without If-None-Match (entry gone meanwhile) is refetched once, never an empty body', async () => {
    const c = client();
    let count = 0;
    special.set('/stubborn', (_req, res) => {
      count += 1;
      if (count === 1) {
        res.writeHead(304, { etag: '"x"' });
        return void res.end();
      }
      sendJson(res, 200, { count }, { etag: '"x"' });
    });
    const call = () => c.request<Json>({ ...getItem, path: '/stubborn', pathParams: [] }, [], {});
    expect(await call()).toEqual({ count: 2 });
    expect(sentInm()).toEqual([undefined, undefined]);
  });

  it('a server that only ever answers 304 gives an ApiError, not an empty body', async () => {
    const c = client();
    special.set('/always304', (_req, res) => {
      res.writeHead(304, { etag: '"x"' });
      res.end();
    });
    const error = await c.request({ ...getItem, path: '/always304', pathParams: [] }, [], {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(304);
    expect(server.requests).toHaveLength(2);
  });
});
