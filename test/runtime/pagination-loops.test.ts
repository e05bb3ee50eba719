/**
 * Pagination never loops (runtime/src/pagination/trail.ts), against a real loopback server through
 * BaseClient.requestPage: a Link or body-URL cycle, a cursor handed out twice, a page-number server
 * that clamps past the end or ignores the number, an offset server that ignores the offset. Every
 * run is bounded by `maxPages` (or a loop count) so that, before the guard, these tests fail on the
 * request count instead of running 5,000 requests.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { BaseClient, type OperationDescriptor, type Page } from '@sdkgen/runtime';
import { PageTrail, sameJson, TRAIL_LIMIT } from '../../runtime/src/pagination/trail.js';
import { sendJson, startServer, type RecordedRequest, type TestServer } from '../support/server.js';

interface Item {
  id: string;
}
type Params = Record<string, unknown>;

const BOUND = 50;

const op = (id: string, path: string, pagination: OperationDescriptor['pagination'], query: string[] = []): OperationDescriptor => ({
  id,
  method: 'GET',
  path,
  query: query.map((name) => ({ name })),
  response: 'json',
  pagination,
});

const ops = {
  linkHeader: op('linkHeader', '/link', { style: 'link', items: '' }),
  linkBody: op('linkBody', '/link-body', { style: 'link', items: '/data', nextUrl: '/links/next' }),
  cursor: op('cursor', '/cursor', { style: 'cursor', param: { name: 'cursor' }, items: '/data', nextCursor: '/next' }, ['cursor']),
  page: op('page', '/page', { style: 'page', param: { name: 'page' }, items: '/data' }, ['page']),
  pageWithTotal: op('pageWithTotal', '/page', { style: 'page', param: { name: 'page' }, items: '/data', total: '/pages' }, ['page']),
  offset: op('offset', '/offset', { style: 'offset', param: { name: 'offset' }, items: '/data' }, ['offset']),
};

let server: TestServer;
let client: BaseClient;

const q = (req: RecordedRequest, name: string): string | null => new URL(req.url, 'http://x').searchParams.get(name);
const items = (...ids: string[]): Item[] => ids.map((id) => ({ id }));

async function ids(kind: keyof typeof ops, params: Params = {}): Promise<string[]> {
  const out: string[] = [];
  for await (const item of client.requestPage<Item, Params>(ops[kind], [], params, { maxPages: BOUND })) out.push(item.id);
  return out;
}

beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  await client?.close();
  await server.close();
});
beforeEach(() => {
  server.reset();
  client = new BaseClient({ baseUrl: `${server.url}/v1`, maxRetries: 0 }, {});
});

describe('link style', () => {
  it('an A -> B -> A Link header cycle stops after B, before requesting A again', async () => {
    server.route('GET', '/v1/link', (req, res) => {
      const b = q(req, 'p') === 'b';
      sendJson(res, 200, items(b ? 'b1' : 'a1'), { link: b ? '</v1/link>; rel="next"' : '<link?p=b>; rel="next"' });
    });
    expect(await ids('linkHeader')).toEqual(['a1', 'b1']);
    expect(server.requests.map((r) => r.url)).toEqual(['/v1/link', '/v1/link?p=b']);
  });

  it('a longer cycle in body URLs (A -> B -> C -> B) stops at C', async () => {
    const next: Record<string, string> = { a: 'b', b: 'c', c: 'b' };
    server.route('GET', '/v1/link-body', (req, res) => {
      const p = q(req, 'p') ?? 'a';
      sendJson(res, 200, { data: items(`${p}1`, `${p}2`), links: { next: `${server.url}/v1/link-body?p=${next[p]}` } });
    });
    expect(await ids('linkBody')).toEqual(['a1', 'a2', 'b1', 'b2', 'c1', 'c2']);
    expect(server.requests).toHaveLength(3);
  });

  it('a manual hasNextPage()/getNextPage() loop ends on the cycle too', async () => {
    server.route('GET', '/v1/link', (req, res) => {
      const b = q(req, 'p') === 'b';
      sendJson(res, 200, items(b ? 'b1' : 'a1'), { link: b ? '</v1/link>; rel="next"' : '<link?p=b>; rel="next"' });
    });
    let page: Page<Item, Params> = await client.requestPage<Item, Params>(ops.linkHeader, [], {});
    let pages = 1;
    while (page.hasNextPage() && pages < BOUND) {
      page = await page.getNextPage();
      pages++;
    }
    expect(pages).toBe(2);
    expect(page.nextPageUrl()).toBeNull();
  });
});

describe('cursor style', () => {
  it('a cursor handed out again (first -> b -> c -> b) stops at c', async () => {
    const next: Record<string, string> = { first: 'b', b: 'c', c: 'b' };
    server.route('GET', '/v1/cursor', (req, res) => {
      const c = q(req, 'cursor') ?? 'first';
      sendJson(res, 200, { data: items(c), next: next[c] });
    });
    expect(await ids('cursor')).toEqual(['first', 'b', 'c']);
    expect(server.requests).toHaveLength(3);
  });

  it('a cursor the caller started from counts as seen', async () => {
    server.route('GET', '/v1/cursor', (req, res) => {
      const c = q(req, 'cursor');
      sendJson(res, 200, { data: items(c ?? 'none'), next: c === 'x' ? 'y' : 'x' });
    });
    expect(await ids('cursor', { cursor: 'x' })).toEqual(['x', 'y']);
    expect(server.requests).toHaveLength(2);
  });

  it('asking one page for its next page twice gives two working branches', async () => {
    server.route('GET', '/v1/cursor', (req, res) => {
      const n = Number(q(req, 'cursor') ?? 0);
      sendJson(res, 200, { data: items(`i${n}`), next: n < 3 ? String(n + 1) : null });
    });
    const first = await client.requestPage<Item, Params>(ops.cursor, [], {});
    const second = await first.getNextPage();
    const third = await second.getNextPage();
    const secondAgain = await first.getNextPage();
    expect(third.hasNextPage()).toBe(true);
    expect(secondAgain.hasNextPage()).toBe(true);
    const rest: string[] = [];
    for await (const item of secondAgain) rest.push(item.id);
    expect(rest).toEqual(['i1', 'i2', 'i3']);
  });
});

describe('page and offset styles without a total', () => {
  it('a server that clamps the page number to its last page: the repeat is the end, reported empty', async () => {
    const pages = [items('a', 'b'), items('c', 'd'), items('e')];
    server.route('GET', '/v1/page', (req, res) => {
      const n = Math.min(Number(q(req, 'page') ?? 1), pages.length);
      sendJson(res, 200, { data: pages[n - 1] });
    });
    expect(await ids('page')).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(server.requests.map((r) => q(r, 'page'))).toEqual([null, '2', '3', '4']);

    const last = await client.requestPage<Item, Params>(ops.page, [], { page: 3 });
    const repeat = await last.getNextPage();
    expect(repeat.data).toEqual([]);
    expect(repeat.response.body).toEqual({ data: items('e') });
    expect(repeat.hasNextPage()).toBe(false);
  });

  it('a server that ignores the page number stops after one repeat', async () => {
    server.route('GET', '/v1/page', (_req, res) => sendJson(res, 200, { data: items('a', 'b') }));
    expect(await ids('page')).toEqual(['a', 'b']);
    expect(server.requests).toHaveLength(2);
  });

  it('a server that ignores the offset stops after one repeat', async () => {
    server.route('GET', '/v1/offset', (_req, res) => sendJson(res, 200, { data: items('a', 'b') }));
    expect(await ids('offset')).toEqual(['a', 'b']);
    expect(server.requests.map((r) => q(r, 'offset'))).toEqual([null, '2']);
  });

  it('equal items on different pages are not a repeat when the pages differ anywhere', async () => {
    server.route('GET', '/v1/page', (req, res) => {
      const n = Number(q(req, 'page') ?? 1);
      sendJson(res, 200, { data: n <= 3 ? [{ id: 'same' }, { id: `x${n}` }] : [] });
    });
    expect(await ids('page')).toEqual(['same', 'x1', 'same', 'x2', 'same', 'x3']);
  });

  it('with a declared total the server decides: identical pages are walked to the total', async () => {
    server.route('GET', '/v1/page', (_req, res) => sendJson(res, 200, { data: items('a'), pages: 3 }));
    expect(await ids('pageWithTotal')).toEqual(['a', 'a', 'a']);
  });
});

describe('PageTrail', () => {
  it('remembers at most TRAIL_LIMIT keys, the most recent ones', () => {
    let trail = PageTrail.start();
    for (let i = 0; i < TRAIL_LIMIT * 3; i++) trail = trail.extend(`k${i}`);
    expect(trail.size).toBe(TRAIL_LIMIT);
    expect(trail.has(`k${TRAIL_LIMIT * 3 - 1}`)).toBe(true);
    expect(trail.has(`k${TRAIL_LIMIT * 2}`)).toBe(true);
    expect(trail.has(`k${TRAIL_LIMIT * 2 - 1}`)).toBe(false);
  });

  it('a branch sees only the keys on its own way', () => {
    const root = PageTrail.start().extend('a');
    const b = root.extend('b');
    const c = root.extend('c');
    expect(b.has('b')).toBe(true);
    expect(b.has('c')).toBe(false);
    expect(c.has('c')).toBe(true);
    expect(c.has('b')).toBe(false);
    expect(c.has('a')).toBe(true);
    expect(b.extend('d').has('a')).toBe(true);
  });
});

describe('sameJson', () => {
  it.each([
    { a: [{ id: 1, tags: ['x'] }], b: [{ id: 1, tags: ['x'] }], want: true },
    { a: [{ id: 1, tags: ['x'] }], b: [{ tags: ['x'], id: 1 }], want: true },
    { a: [{ id: 1 }], b: [{ id: 2 }], want: false },
    { a: [{ id: 1 }], b: [{ id: 1, x: null }], want: false },
    { a: [{ id: 1, x: undefined }], b: [{ id: 1, y: undefined }], want: false },
    { a: [[1, 2]], b: [{ 0: 1, 1: 2 }], want: false },
    { a: [1, 2], b: [1, 2, 3], want: false },
    { a: ['1'], b: [1], want: false },
    { a: [null], b: [{}], want: false },
  ])('$a vs $b -> $want', ({ a, b, want }) => {
    expect(sameJson(a, b)).toBe(want);
  });
});
