import { BaseClient, type OperationDescriptor } from '@sdkgen/runtime';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  cursorVariant,
  MOCK_PAGES,
  MockRegistry,
  pathMatcher,
  problem,
  readPointer,
  writePointer,
  type MockOperation,
  type MockPagination,
} from '../../templates/mocks-runtime.js';

const BASE = 'http://mocks.test/v1';
const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const getPet: MockOperation = {
  method: 'GET',
  path: '/pets/{petId}',
  pathParams: [{ name: 'petId', type: 'integer' }],
  query: [
    { name: 'tags', array: true },
    { name: 'ids', type: 'integer', array: true, explode: false },
    { name: 'verbose', type: 'boolean' },
  ],
  headers: [{ name: 'X-Trace-Id' }],
  response: { status: 200, contentType: 'application/json', kind: 'json', body: () => ({ id: 1, name: 'Rex' }) },
};

const createPet: MockOperation = {
  method: 'POST',
  path: '/pets',
  body: 'json',
  response: { status: 201, contentType: 'application/json', kind: 'json', body: () => ({ id: 2, name: 'Max' }) },
};

describe('pathMatcher', () => {
  it.each([
    { given: ['http://a.test', '/pets/{id}', 'http://a.test/pets/7'], want: ['7'] },
    { given: ['http://a.test/', '/pets/{id}', 'http://a.test/pets/7'], want: ['7'] },
    { given: ['http://a.test/v1', '/files/{name}.json', 'http://a.test/v1/files/a.b.json'], want: ['a.b'] },
    { given: ['http://a.test', '/v1/{name}:download', 'http://a.test/v1/x:download'], want: ['x'] },
    { given: ['http://a.test', '/pets/{id}', 'http://a.test/pets/7/toys'], want: null },
    { given: ['http://a.test', '/pets/{id}', 'http://b.test/pets/7'], want: null },
    { given: ['http://a.test', '/a+b(c)', 'http://a.test/a+b(c)'], want: [] },
    { given: ['HTTP://A.test:80/v1/', '/pets/{id}', 'http://a.test/v1/pets/7'], want: ['7'] },
  ] as const)('$given', ({ given, want }) => {
    const { regexp } = pathMatcher(given[0], given[1]);
    const match = regexp.exec(given[2]);
    expect(match === null ? null : match.slice(1)).toEqual(want);
  });
});

describe('pointers and cursor variants', () => {
  it.each([
    { given: [{ a: { b: [1, 2] } }, '/a/b/1'], want: 2 },
    { given: [[1, 2], ''], want: [1, 2] },
    { given: [{ 'a/b': 1 }, '/a~1b'], want: 1 },
    { given: [{}, '/missing'], want: undefined },
  ] as const)('readPointer $given', ({ given, want }) => {
    expect(readPointer(given[0], given[1])).toEqual(want);
  });

  it('writePointer creates objects on the way and replaces the root for ""', () => {
    expect(writePointer({}, '/meta/next', 'x')).toEqual({ meta: { next: 'x' } });
    expect(writePointer([1], '', [2])).toEqual([2]);
  });

  it.each([
    { given: [5, 2], want: 7 },
    { given: ['pet', 0], want: 'pet' },
    { given: ['pet', 3], want: 'pet-3' },
    { given: ['00000000-0000-4000-8000-000000000000', 255], want: '00000000-0000-4000-8000-0000000000ff' },
  ] as const)('cursorVariant $given', ({ given, want }) => {
    expect(cursorVariant(given[0], given[1])).toBe(want);
  });
});

describe('MockRegistry handlers', () => {
  it('answers with the example by default', async () => {
    const mocks = new MockRegistry(BASE);
    server.use(mocks.handler(getPet), mocks.handler(createPet));
    const got = await fetch(`${BASE}/pets/1`);
    expect(got.status).toBe(200);
    expect(got.headers.get('content-type')).toBe('application/json');
    expect(await got.json()).toEqual({ id: 1, name: 'Rex' });
    const created = await fetch(`${BASE}/pets`, { method: 'POST', body: '{}' });
    expect(created.status).toBe(201);
  });

  it('gives the resolver typed params, query, headers and body', async () => {
    const mocks = new MockRegistry(BASE);
    const seen: unknown[] = [];
    server.use(
      mocks.handler(getPet, (ctx) => {
        seen.push({ params: ctx.params, query: ctx.query, headers: ctx.headers });
        return { id: 9 };
      }),
      mocks.handler(createPet, ({ body }) => {
        seen.push(body);
        return HttpResponseLike(body);
      }),
    );
    const res = await fetch(`${BASE}/pets/42?tags=a&tags=b&ids=1,2&verbose=true`, { headers: { 'x-trace-id': 't1' } });
    expect(await res.json()).toEqual({ id: 9 });
    await fetch(`${BASE}/pets`, { method: 'POST', body: JSON.stringify({ name: 'Rex' }), headers: { 'content-type': 'application/json' } });
    expect(seen).toEqual([
      { params: { petId: 42 }, query: { tags: ['a', 'b'], ids: [1, 2], verbose: true }, headers: { 'X-Trace-Id': 't1' } },
      { name: 'Rex' },
    ]);
  });

  it('sends problem() responses as application/problem+json', async () => {
    const mocks = new MockRegistry(BASE);
    server.use(mocks.handler(getPet, () => problem(404, { title: 'No such pet', petId: 1 })));
    const res = await fetch(`${BASE}/pets/1`);
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    expect(await res.json()).toEqual({ type: 'about:blank', status: 404, title: 'No such pet', petId: 1 });
  });

  it('configure() changes the base URL of later handlers', async () => {
    const mocks = new MockRegistry('https://default.example');
    mocks.configure({ baseUrl: 'http://other.test' });
    server.use(mocks.handler(getPet));
    expect((await fetch('http://other.test/pets/1')).status).toBe(200);
    // The old base URL has no handler left: MSW (onUnhandledRequest: 'error') says so and fails the request.
    const printed = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      await expect(fetch('https://default.example/pets/1')).rejects.toThrow();
      expect(printed.mock.calls.map((args) => args.join(' ')).join('\n')).toMatch(/without a matching request handler[\s\S]*GET https:\/\/default\.example\/pets\/1/);
    } finally {
      printed.mockRestore();
    }
  });

  it('once answers a single request', async () => {
    const mocks = new MockRegistry(BASE);
    server.use(mocks.handler(getPet));
    // Later server.use() calls take precedence, as with MSW overrides in a test.
    server.use(mocks.handler(getPet, () => problem(503), { once: true }));
    expect((await fetch(`${BASE}/pets/1`)).status).toBe(503);
    expect((await fetch(`${BASE}/pets/1`)).status).toBe(200);
  });
});

/** A resolver may return any Response; this one echoes the body. */
function HttpResponseLike(body: unknown): Response {
  return new Response(JSON.stringify(body), { status: 201, headers: { 'content-type': 'application/json' } });
}

/** Follows pages the way an SDK would, bounded. */
async function walk(first: string, next: (body: Record<string, unknown>, res: Response, url: string) => string | undefined): Promise<unknown[][]> {
  const pages: unknown[][] = [];
  let url: string | undefined = first;
  for (let i = 0; url !== undefined && i < 10; i++) {
    const res = await fetch(url);
    expect(res.status).toBe(200);
    const body = (await res.json()) as Record<string, unknown>;
    pages.push((Array.isArray(body) ? body : (readPointer(body, '/data') as unknown[])) ?? []);
    url = next(body, res, url);
  }
  return pages;
}

function listOperation(pagination: MockPagination, body: unknown): MockOperation {
  return {
    method: 'GET',
    path: '/items',
    pagination,
    response: { status: 200, contentType: 'application/json', kind: 'json', body: () => structuredClone(body) },
  };
}

describe('default paginating handlers', () => {
  const page = { data: [{ id: 'a' }, { id: 'b' }], next_cursor: null, has_more: false };

  it('cursor in the body: pages until next_cursor is null', async () => {
    server.use(new MockRegistry(BASE).handler(listOperation({ style: 'cursor', param: { name: 'cursor' }, items: '/data', nextCursor: '/next_cursor', hasMore: '/has_more' }, page)));
    const pages = await walk(`${BASE}/items`, (body) => (body['next_cursor'] === null ? undefined : `${BASE}/items?cursor=${String(body['next_cursor'])}`));
    expect(pages).toHaveLength(MOCK_PAGES);
    expect(pages.flat()).toHaveLength(MOCK_PAGES * 2);
  });

  it('Stripe style: starting_after the last id, has_more', async () => {
    server.use(new MockRegistry(BASE).handler(listOperation({ style: 'cursor', param: { name: 'starting_after' }, items: '/data', itemCursor: '/id', hasMore: '/has_more' }, page)));
    const pages = await walk(`${BASE}/items`, (body) => {
      const data = body['data'] as { id: string }[];
      return body['has_more'] === true ? `${BASE}/items?starting_after=${data.at(-1)!.id}` : undefined;
    });
    expect(pages.flat().map((item) => (item as { id: string }).id)).toEqual(['a', 'b-1', 'a-2', 'b-3', 'a-4', 'b-5']);
  });

  it('offset with a total', async () => {
    server.use(new MockRegistry(BASE).handler(listOperation({ style: 'offset', param: { name: 'offset' }, items: '/data', total: '/total' }, page)));
    const pages = await walk(`${BASE}/items`, (body, _res, url) => {
      const offset = Number(new URL(url).searchParams.get('offset') ?? 0) + (body['data'] as unknown[]).length;
      return offset < (body['total'] as number) ? `${BASE}/items?offset=${offset}` : undefined;
    });
    expect(pages.map((p) => p.length)).toEqual([2, 2, 2]);
  });

  it('page numbers with a page count', async () => {
    server.use(new MockRegistry(BASE).handler(listOperation({ style: 'page', param: { name: 'p' }, items: '/data', total: '/pages', firstPage: 0 }, page)));
    const pages = await walk(`${BASE}/items`, (body, _res, url) => {
      const next = Number(new URL(url).searchParams.get('p') ?? 0) + 1;
      return next < (body['pages'] as number) ? `${BASE}/items?p=${next}` : undefined;
    });
    expect(pages).toHaveLength(MOCK_PAGES);
  });

  it('Link header over a top-level array', async () => {
    server.use(new MockRegistry(BASE).handler(listOperation({ style: 'link', items: '' }, [{ id: 1 }])));
    const pages = await walk(`${BASE}/items`, (_body, res) => /<([^>]+)>;\s*rel="next"/.exec(res.headers.get('link') ?? '')?.[1]);
    expect(pages).toEqual([[{ id: 1 }], [{ id: 1 }], [{ id: 1 }]]);
  });

  it('an unknown cursor is a 400 problem, not a silent first page', async () => {
    server.use(new MockRegistry(BASE).handler(listOperation({ style: 'cursor', param: { name: 'cursor' }, items: '/data', nextCursor: '/next_cursor' }, page)));
    const res = await fetch(`${BASE}/items?cursor=bogus`);
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
  });
});

describe('default paginating handlers under the real runtime (for await)', () => {
  const page = { data: [{ id: 'a' }, { id: 'b' }], next_cursor: null, has_more: false, total: 0, pages: 0 };
  it.each([
    { style: 'cursor, next cursor in the body', pagination: { style: 'cursor', param: { name: 'cursor' }, items: '/data', nextCursor: '/next_cursor' }, query: ['cursor'] },
    { style: 'cursor, Stripe starting_after + has_more', pagination: { style: 'cursor', param: { name: 'starting_after' }, items: '/data', itemCursor: '/id', hasMore: '/has_more' }, query: ['starting_after'] },
    { style: 'offset + total', pagination: { style: 'offset', param: { name: 'offset' }, items: '/data', total: '/total' }, query: ['offset'] },
    { style: 'page + page count', pagination: { style: 'page', param: { name: 'page' }, items: '/data', total: '/pages' }, query: ['page'] },
    // Numbers alone: the runtime stops at a page repeating the previous one, so the mock's pages differ.
    { style: 'page number alone', pagination: { style: 'page', param: { name: 'page' }, items: '/data' }, query: ['page'] },
    { style: 'offset alone', pagination: { style: 'offset', param: { name: 'offset' }, items: '/data' }, query: ['offset'] },
    { style: 'Link header', pagination: { style: 'link', items: '/data' }, query: [] },
  ] as const)('$style', async ({ pagination, query }) => {
    server.use(new MockRegistry(BASE).handler(listOperation(pagination, page)));
    const client = new BaseClient({ baseUrl: BASE, maxRetries: 0 }, {});
    const op: OperationDescriptor = { id: 'listItems', method: 'GET', path: '/items', query: query.map((name) => ({ name })), pagination };
    const ids: string[] = [];
    for await (const item of client.requestPage<{ id: string }>(op, [], {}, { maxItems: 50 })) ids.push(item.id);
    expect(ids).toHaveLength(MOCK_PAGES * 2);
  });

  it.each([
    { items: [{ id: 'a', n: 1 }], want: ['a', 'a-1', 'a-2'] },
    { items: [{ tag: { name: 'x' } }, { tag: { name: 'x' } }], want: ['x', 'x', 'x-2', 'x-3', 'x-4', 'x-5'] },
    { items: [7], want: [7, 8, 9] },
  ])('page numbers alone over $items: every page differs from the one before', async ({ items, want }) => {
    const pagination = { style: 'page', param: { name: 'page' }, items: '/data' } as const;
    server.use(new MockRegistry(BASE).handler(listOperation(pagination, { data: items })));
    const client = new BaseClient({ baseUrl: BASE, maxRetries: 0 }, {});
    const op: OperationDescriptor = { id: 'listItems', method: 'GET', path: '/items', query: [{ name: 'page' }], pagination };
    const got: unknown[] = [];
    for await (const item of client.requestPage<unknown>(op, [], {}, { maxItems: 50 })) {
      got.push(typeof item === 'object' && item !== null ? ((item as { id?: unknown }).id ?? (item as { tag: { name: unknown } }).tag.name) : item);
    }
    expect(got).toEqual(want);
  });
});
