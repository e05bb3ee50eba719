/**
 * Pagination behaviour against a real loopback server, through BaseClient.requestPage (the path
 * generated list methods take): every style, stop conditions, bounds, early break, abort, resume,
 * cross-origin Link refusal, and retries/ETags per page.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, expectTypeOf, it } from 'vitest';
import {
  AbortError,
  BaseClient,
  InvalidResponseError,
  BadRequestError,
  NotFoundError,
  Page,
  PagePromise,
  PaginationError,
  type OperationDescriptor,
} from '@sdkgen/runtime';
import { sendJson, startServer, type RecordedRequest, type TestServer } from '../support/server.js';

interface Pet {
  id: string;
  name: string;
}
type ListParams = { limit?: number; cursor?: string; starting_after?: string; offset?: number; page?: number; per_page?: number };

const pets: Pet[] = Array.from({ length: 25 }, (_, i) => ({ id: `p${String(i).padStart(2, '0')}`, name: `pet ${i}` }));

function query(req: RecordedRequest): URLSearchParams {
  return new URL(req.url, 'http://x').searchParams;
}
function int(value: string | null, fallback: number): number {
  return value === null ? fallback : Number(value);
}

const ops = {
  cursor: {
    id: 'listCursor',
    method: 'GET',
    path: '/cursor',
    query: [{ name: 'limit' }, { name: 'cursor' }],
    response: 'json',
    pagination: { style: 'cursor', param: { name: 'cursor' }, items: '/data', nextCursor: '/next_cursor' },
  },
  stripe: {
    id: 'listStripe',
    method: 'GET',
    path: '/stripe',
    query: [{ name: 'limit' }, { name: 'starting_after' }],
    response: 'json',
    pagination: { style: 'cursor', param: { name: 'starting_after' }, items: '/data', itemCursor: '/id', hasMore: '/has_more' },
  },
  offset: {
    id: 'listOffset',
    method: 'GET',
    path: '/offset',
    query: [{ name: 'offset' }, { name: 'limit' }],
    response: 'json',
    pagination: { style: 'offset', param: { name: 'offset' }, items: '/items', total: '/total' },
  },
  page: {
    id: 'listPage',
    method: 'GET',
    path: '/page',
    query: [{ name: 'page' }, { name: 'per_page' }],
    response: 'json',
    pagination: { style: 'page', param: { name: 'page' }, items: '/results' },
  },
  link: {
    id: 'listLink',
    method: 'GET',
    path: '/link',
    query: [{ name: 'per_page' }],
    response: 'json',
    security: [['apiKey']],
    pagination: { style: 'link', items: '' },
  },
} satisfies Record<string, OperationDescriptor>;

let server: TestServer;
let other: TestServer;
let client: BaseClient;

function newClient(extra: Record<string, unknown> = {}): BaseClient {
  return new BaseClient(
    { baseUrl: `${server.url}/v1`, maxRetries: 2, apiKey: 'k-secret', ...extra } as never,
    { securitySchemes: { apiKey: { type: 'apiKey', in: 'header', name: 'x-api-key', option: 'apiKey' } } },
  );
}

function list<K extends keyof typeof ops>(kind: K, params: ListParams = {}, options?: Parameters<BaseClient['requestPage']>[3]) {
  return client.requestPage<Pet, ListParams>(ops[kind], [], params, options);
}

function installRoutes(): void {
  server.route('GET', '/v1/cursor', (req, res) => {
    const q = query(req);
    const start = q.has('cursor') ? pets.findIndex((p) => p.id === q.get('cursor')) : 0;
    const data = pets.slice(start, start + int(q.get('limit'), 10));
    const next = pets[start + data.length];
    sendJson(res, 200, { data, next_cursor: next ? next.id : null });
  });
  server.route('GET', '/v1/stripe', (req, res) => {
    const q = query(req);
    const after = q.get('starting_after');
    const start = after === null ? 0 : pets.findIndex((p) => p.id === after) + 1;
    const data = pets.slice(start, start + int(q.get('limit'), 10));
    sendJson(res, 200, { object: 'list', data, has_more: start + data.length < pets.length });
  });
  server.route('GET', '/v1/offset', (req, res) => {
    const q = query(req);
    const offset = int(q.get('offset'), 0);
    sendJson(res, 200, { items: pets.slice(offset, offset + int(q.get('limit'), 10)), total: pets.length });
  });
  server.route('GET', '/v1/page', (req, res) => {
    const q = query(req);
    const page = int(q.get('page'), 1);
    const size = int(q.get('per_page'), 10);
    sendJson(res, 200, { results: pets.slice((page - 1) * size, page * size) });
  });
  server.route('GET', '/v1/link', (req, res) => {
    const q = query(req);
    const page = int(q.get('page'), 1);
    const size = int(q.get('per_page'), 10);
    const data = pets.slice((page - 1) * size, page * size);
    const links = [`</v1/link?page=1&per_page=${size}>; rel="first"`];
    if (page * size < pets.length) links.push(`<link?page=${page + 1}&per_page=${size}>; rel="next"`);
    sendJson(res, 200, data, { link: links.join(', ') });
  });
}

async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of iterable) out.push(x);
  return out;
}

beforeAll(async () => {
  server = await startServer();
  other = await startServer();
});
afterAll(async () => {
  await client?.close();
  await server.close();
  await other.close();
});
beforeEach(() => {
  server.reset();
  other.reset();
  installRoutes();
  client = newClient();
});

describe('requestPage styles', () => {
  it('cursor: iterates every item across pages, sending the next cursor', async () => {
    const got = await collect(list('cursor', { limit: 10 }));
    expect(got.map((p) => p.id)).toEqual(pets.map((p) => p.id));
    expect(server.requests.map((r) => r.url)).toEqual(['/v1/cursor?limit=10', '/v1/cursor?limit=10&cursor=p10', '/v1/cursor?limit=10&cursor=p20']);
  });

  it('cursor: awaiting gives the first page with its navigation', async () => {
    const params: ListParams = { limit: 10 };
    const first = await list('cursor', params);
    expect(first).toBeInstanceOf(Page);
    expect(first.data.map((p) => p.id)).toEqual(pets.slice(0, 10).map((p) => p.id));
    expect(first.hasNextPage()).toBe(true);
    expect(first.nextPageParams()).toEqual({ limit: 10, cursor: 'p10' });
    expect(params).toEqual({ limit: 10 });
    const second = await first.getNextPage();
    expect(second.data[0]?.id).toBe('p10');
    const third = await second.getNextPage();
    expect(third.hasNextPage()).toBe(false);
    expect(third.nextPageParams()).toBeNull();
    await expect(third.getNextPage()).rejects.toThrow(/No next page/);
    expect(server.requests).toHaveLength(3);
  });

  it('cursor: resumes from saved next-page params', async () => {
    const saved = (await list('cursor', { limit: 10 })).nextPageParams();
    expect(saved).not.toBeNull();
    const rest = await collect(list('cursor', saved ?? {}));
    expect(rest.map((p) => p.id)).toEqual(pets.slice(10).map((p) => p.id));
  });

  it('has_more/starting_after: the last item id is the next cursor until has_more is false', async () => {
    const got = await collect(list('stripe', { limit: 7 }));
    expect(got).toHaveLength(25);
    expect(server.requests.map((r) => query(r).get('starting_after'))).toEqual([null, 'p06', 'p13', 'p20']);
  });

  it('offset: advances by items received and stops at total', async () => {
    const pages = await collect(list('offset', { limit: 10 }).pages());
    expect(pages.map((p) => p.data.length)).toEqual([10, 10, 5]);
    expect(server.requests.map((r) => query(r).get('offset'))).toEqual([null, '10', '20']);
  });

  it('page: counts pages and stops at the first empty page', async () => {
    const got = await collect(list('page', { per_page: 10 }));
    expect(got).toHaveLength(25);
    expect(server.requests.map((r) => query(r).get('page'))).toEqual([null, '2', '3', '4']);
  });

  it('link: follows relative rel="next" URLs with credentials on the same origin', async () => {
    const pages = await collect(list('link', { per_page: 10 }).pages());
    expect(pages.flatMap((p) => p.data)).toHaveLength(25);
    expect(server.requests.map((r) => r.url)).toEqual(['/v1/link?per_page=10', '/v1/link?page=2&per_page=10', '/v1/link?page=3&per_page=10']);
    expect(server.requests.every((r) => r.headers['x-api-key'] === 'k-secret')).toBe(true);
    expect(pages[0]?.nextPageUrl()).toBe(`${server.url}/v1/link?page=2&per_page=10`);
    expect(pages[0]?.nextPageParams()).toBeNull();
  });

  it('link: resumes from a saved next-page URL', async () => {
    const first = await list('link', { per_page: 10 });
    const url = first.nextPageUrl() ?? '';
    const rest = await collect(list('link', {}, { pageUrl: url }));
    expect(rest.map((p) => p.id)).toEqual(pets.slice(10).map((p) => p.id));
  });
});

describe('request bodies and failures', () => {
  it('a cursor in the JSON body of a POST search goes into the next request body', async () => {
    const search = {
      id: 'searchPets',
      method: 'POST',
      path: '/search',
      body: { mediaType: 'application/json', encoding: 'json' },
      response: 'json',
      pagination: { style: 'cursor', param: { name: 'cursor', in: 'body' }, items: '/hits', nextCursor: '/next' },
    } satisfies OperationDescriptor;
    server.route('POST', '/v1/search', (req, res) => {
      const body = JSON.parse(req.body.toString('utf8')) as { q: string; cursor?: string };
      const start = Number(body.cursor ?? '0');
      sendJson(res, 200, { hits: pets.slice(start, start + 10).filter((p) => p.name.includes(body.q)), next: start + 10 < pets.length ? String(start + 10) : null });
    });
    const got = await collect(client.requestPage<Pet, { q: string; cursor?: string }>(search, [], { q: 'pet' }));
    expect(got).toHaveLength(25);
    expect(server.requests.map((r) => JSON.parse(r.body.toString('utf8')) as unknown)).toEqual([{ q: 'pet' }, { q: 'pet', cursor: '10' }, { q: 'pet', cursor: '20' }]);
  });

  it('a failing first page rejects the iteration with the typed error', async () => {
    server.route('GET', '/v1/cursor', (_req, res) => sendJson(res, 404, { title: 'gone' }));
    const error = await collect(list('cursor')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotFoundError);
    expect(server.requests).toHaveLength(1);
  });

  it('a failing later page surfaces after the earlier items', async () => {
    server.route('GET', '/v1/cursor', (req, res) => {
      if (query(req).has('cursor')) return sendJson(res, 400, { title: 'bad cursor' });
      sendJson(res, 200, { data: [pets[0]], next_cursor: 'c1' });
    });
    const seen: string[] = [];
    const error = await (async () => {
      for await (const p of list('cursor')) seen.push(p.id);
    })().catch((e: unknown) => e);
    expect(seen).toEqual(['p00']);
    expect(error).toBeInstanceOf(BadRequestError);
  });
});

describe('cross-origin next links', () => {
  beforeEach(() => {
    server.route('GET', '/v1/link', (_req, res) => sendJson(res, 200, [pets[0]], { link: `<${other.url}/steal>; rel="next"` }));
    other.route('GET', '/steal', (_req, res) => sendJson(res, 200, [pets[1]]));
  });

  it('are refused with a PaginationError before any request, credentials stay home', async () => {
    const seen: Pet[] = [];
    const error = await (async () => {
      for await (const p of list('link')) seen.push(p);
    })().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PaginationError);
    expect(String((error as Error).message)).toMatch(/allowCrossOriginPagination/);
    expect(seen.map((p) => p.id)).toEqual(['p00']);
    expect(other.requests).toHaveLength(0);
  });

  it('are followed when the client opts in', async () => {
    client = newClient({ allowCrossOriginPagination: true });
    const got = await collect(list('link'));
    expect(got.map((p) => p.id)).toEqual(['p00', 'p01']);
    expect(other.requests).toHaveLength(1);
  });

  it('a saved pageUrl on another origin is refused too', async () => {
    await expect(list('link', {}, { pageUrl: `${other.url}/steal` })).rejects.toBeInstanceOf(PaginationError);
    expect(other.requests).toHaveLength(0);
    expect(server.requests).toHaveLength(0);
  });
});

describe('stop conditions', () => {
  it('a next cursor equal to the current one ends iteration', async () => {
    server.route('GET', '/v1/cursor', (_req, res) => sendJson(res, 200, { data: [pets[0]], next_cursor: 'same' }));
    const got = await collect(list('cursor', {}, { maxPages: 10 }));
    expect(got).toHaveLength(2);
    expect(server.requests).toHaveLength(2);
  });

  it('an empty page with a cursor ends iteration', async () => {
    let n = 0;
    server.route('GET', '/v1/cursor', (_req, res) => sendJson(res, 200, { data: n++ === 0 ? [pets[0]] : [], next_cursor: `c${n}` }));
    const got = await collect(list('cursor', {}, { maxPages: 10 }));
    expect(got).toHaveLength(1);
    expect(server.requests).toHaveLength(2);
  });

  it('a body whose item field is not an array is an InvalidResponseError', async () => {
    server.route('GET', '/v1/cursor', (_req, res) => sendJson(res, 200, { data: { not: 'an array' } }));
    await expect(list('cursor')).rejects.toBeInstanceOf(InvalidResponseError);
  });
});

describe('bounds, break and abort', () => {
  it('maxItems stops mid-page without fetching further pages', async () => {
    const got = await collect(list('cursor', { limit: 10 }, { maxItems: 12 }));
    expect(got).toHaveLength(12);
    expect(server.requests).toHaveLength(2);
  });

  it('maxPages bounds pages and items', async () => {
    const pages = await collect(list('cursor', { limit: 10 }, { maxPages: 2 }).pages());
    expect(pages).toHaveLength(2);
    expect(await collect(list('cursor', { limit: 10 }, { maxPages: 1 }))).toHaveLength(10);
  });

  it('break after the first item sends no further request', async () => {
    for await (const p of list('cursor', { limit: 10 })) {
      expect(p.id).toBe('p00');
      break;
    }
    // A later request on the same client proves nothing was queued behind the break.
    await client.request(ops.cursor, [], { limit: 1 });
    expect(server.requests.map((r) => r.url)).toEqual(['/v1/cursor?limit=10', '/v1/cursor?limit=1']);
  });

  it('aborting between items stops iteration with AbortError and no further request', async () => {
    const controller = new AbortController();
    const seen: string[] = [];
    const error = await (async () => {
      for await (const p of list('cursor', { limit: 10 }, { signal: controller.signal })) {
        seen.push(p.id);
        if (seen.length === 3) controller.abort();
      }
    })().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AbortError);
    expect(seen).toHaveLength(3);
    expect(server.requests).toHaveLength(1);
  });

  it('aborting while a page request is in flight rejects with AbortError', async () => {
    const controller = new AbortController();
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    server.route('GET', '/v1/cursor', async (req, res) => {
      if (query(req).has('cursor')) {
        controller.abort();
        await held;
      }
      sendJson(res, 200, { data: [pets[0]], next_cursor: 'next' });
    });
    const error = await collect(list('cursor', {}, { signal: controller.signal })).catch((e: unknown) => e);
    release();
    expect(error).toBeInstanceOf(AbortError);
    expect(server.requests).toHaveLength(2);
  });
});

describe('the client pipeline applies to every page', () => {
  it('a page answered 503 is retried, and iteration continues', async () => {
    let failures = 0;
    server.route('GET', '/v1/offset', (req, res) => {
      const offset = int(query(req).get('offset'), 0);
      if (offset === 10 && failures++ === 0) return sendJson(res, 503, { error: 'busy' }, { 'retry-after-ms': '0' });
      sendJson(res, 200, { items: pets.slice(offset, offset + 10), total: pets.length });
    });
    const got = await collect(list('offset'));
    expect(got).toHaveLength(25);
    expect(server.requests.map((r) => query(r).get('offset'))).toEqual([null, '10', '10', '20']);
  });

  it('page requests revalidate with the ETag cache', async () => {
    server.route('GET', '/v1/page', (req, res) => {
      const page = int(query(req).get('page'), 1);
      const etag = `"page-${page}"`;
      if (req.headers['if-none-match'] === etag) {
        res.writeHead(304, { etag }).end();
        return;
      }
      sendJson(res, 200, { results: page <= 2 ? pets.slice((page - 1) * 10, page * 10) : [] }, { etag });
    });
    const first = await collect(list('page'));
    const second = await collect(list('page'));
    expect(second).toEqual(first);
    expect(server.requests.slice(3).map((r) => r.headers['if-none-match'])).toEqual(['"page-1"', '"page-2"', '"page-3"']);
  });
});

describe('types', () => {
  it('infers the item type in for await, and the page type on await', async () => {
    const promise = list('cursor', { limit: 30 });
    expectTypeOf(promise).toEqualTypeOf<PagePromise<Pet, ListParams>>();
    for await (const pet of promise) {
      expectTypeOf(pet).toEqualTypeOf<Pet>();
      expect(pet.id).toBe('p00');
      break;
    }
    const page = await list('cursor');
    expectTypeOf(page.data).toEqualTypeOf<Pet[]>();
    expectTypeOf(page.nextPageParams()).toEqualTypeOf<ListParams | null>();
    for await (const pg of list('cursor').pages()) expectTypeOf(pg).toEqualTypeOf<Page<Pet, ListParams>>();
    // @ts-expect-error items are Pets, not strings
    for await (const pet of list('cursor')) pet satisfies string;
  });
});
