import { describe, expect, it } from 'vitest';
import { nextPageRequest, readPointer, type PageRequest, type PaginationSpec } from '../../runtime/src/pagination/index.js';

type Params = Record<string, unknown>;
interface Case {
  name: string;
  given: {
    spec: PaginationSpec;
    params?: Params;
    body: unknown;
    link?: string;
    url?: string;
    op?: { query?: { name: string; group?: string }[]; body?: { mediaType: string; encoding: 'json'; group?: string } };
  };
  want: PageRequest<Params> | null;
}

const cursor: PaginationSpec = { style: 'cursor', param: { name: 'cursor' }, items: '/data', nextCursor: '/next_cursor' };
const stripe: PaginationSpec = { style: 'cursor', param: { name: 'starting_after' }, items: '/data', itemCursor: '/id', hasMore: '/has_more' };
const offset: PaginationSpec = { style: 'offset', param: { name: 'offset' }, items: '/items', total: '/total' };
const page: PaginationSpec = { style: 'page', param: { name: 'page' }, items: '/results', total: '/total_pages' };
const link: PaginationSpec = { style: 'link', items: '' };

const cases: Case[] = [
  { name: 'cursor: next cursor goes into the param', given: { spec: cursor, params: { limit: 2 }, body: { data: [1, 2], next_cursor: 'c2' } }, want: { params: { limit: 2, cursor: 'c2' } } },
  { name: 'cursor: null next cursor ends', given: { spec: cursor, body: { data: [1], next_cursor: null } }, want: null },
  { name: 'cursor: empty-string next cursor ends', given: { spec: cursor, body: { data: [1], next_cursor: '' } }, want: null },
  { name: 'cursor: missing next cursor ends', given: { spec: cursor, body: { data: [1] } }, want: null },
  { name: 'cursor: next cursor equal to the current one ends', given: { spec: cursor, params: { cursor: 'c1' }, body: { data: [1], next_cursor: 'c1' } }, want: null },
  { name: 'cursor: numeric cursor equal to a string one ends', given: { spec: cursor, params: { cursor: '7' }, body: { data: [1], next_cursor: 7 } }, want: null },
  { name: 'cursor: empty page with a cursor ends', given: { spec: cursor, body: { data: [], next_cursor: 'c9' } }, want: null },
  {
    name: 'cursor: nested pointer and has_more true',
    given: { spec: { ...cursor, nextCursor: '/meta/next', hasMore: '/meta/more' }, body: { data: [1], meta: { next: 'n', more: true } } },
    want: { params: { cursor: 'n' } },
  },
  { name: 'cursor: has_more false wins over a cursor', given: { spec: { ...cursor, hasMore: '/has_more' }, body: { data: [1], next_cursor: 'c', has_more: false } }, want: null },
  { name: 'stripe: last item id with has_more', given: { spec: stripe, params: { limit: 2 }, body: { data: [{ id: 'a' }, { id: 'b' }], has_more: true } }, want: { params: { limit: 2, starting_after: 'b' } } },
  { name: 'stripe: has_more false ends', given: { spec: stripe, body: { data: [{ id: 'a' }], has_more: false } }, want: null },
  { name: 'stripe: last item without id ends', given: { spec: stripe, body: { data: [{ name: 'x' }], has_more: true } }, want: null },
  {
    name: 'cursor: nested query layout puts the cursor under query',
    given: { spec: cursor, op: { query: [{ name: 'cursor', group: 'query' }] }, params: { query: { limit: 1 }, body: { q: 1 } }, body: { data: [1], next_cursor: 'z' } },
    want: { params: { query: { limit: 1, cursor: 'z' }, body: { q: 1 } } },
  },
  {
    name: 'cursor: body cursor in a nested body',
    given: {
      spec: { ...cursor, param: { name: 'cursor', in: 'body' } },
      op: { body: { mediaType: 'application/json', encoding: 'json', group: 'body' } },
      params: { body: { q: 'x' } },
      body: { data: [1], next_cursor: 'b2' },
    },
    want: { params: { body: { q: 'x', cursor: 'b2' } } },
  },
  { name: 'offset: advances by the items received', given: { spec: offset, params: { offset: 10, limit: 5 }, body: { items: [1, 2, 3], total: 100 } }, want: { params: { offset: 13, limit: 5 } } },
  { name: 'offset: starts from 0 when unset', given: { spec: offset, body: { items: [1, 2], total: 100 } }, want: { params: { offset: 2 } } },
  { name: 'offset: string offset from a saved query', given: { spec: offset, params: { offset: '4' }, body: { items: [1], total: 100 } }, want: { params: { offset: 5 } } },
  { name: 'offset: reaching total ends', given: { spec: offset, params: { offset: 8 }, body: { items: [1, 2], total: 10 } }, want: null },
  { name: 'offset: without total, continues until an empty page', given: { spec: { ...offset, total: undefined as never }, params: { offset: 8 }, body: { items: [1, 2] } }, want: { params: { offset: 10 } } },
  { name: 'offset: empty page ends', given: { spec: offset, params: { offset: 8 }, body: { items: [], total: 100 } }, want: null },
  { name: 'offset: server-declared next offset', given: { spec: { ...offset, nextOffset: '/next' }, params: { offset: 0 }, body: { items: [1], total: 100, next: 50 } }, want: { params: { offset: 50 } } },
  { name: 'offset: null server-declared next offset ends', given: { spec: { ...offset, nextOffset: '/next' }, body: { items: [1], total: 100, next: null } }, want: null },
  { name: 'page: first page defaults to 1', given: { spec: page, params: { per_page: 2 }, body: { results: [1, 2], total_pages: 3 } }, want: { params: { per_page: 2, page: 2 } } },
  { name: 'page: firstPage 0', given: { spec: { ...page, firstPage: 0 }, body: { results: [1], total_pages: 3 } }, want: { params: { page: 1 } } },
  { name: 'page: last page by total ends', given: { spec: page, params: { page: 3 }, body: { results: [1], total_pages: 3 } }, want: null },
  { name: 'page: without total, an empty page ends', given: { spec: { style: 'page', param: { name: 'page' }, items: '/results' }, params: { page: 9 }, body: { results: [] } }, want: null },
  { name: 'link: follows rel=next', given: { spec: link, params: { a: 1 }, body: [1], link: '</x?page=2>; rel="next"', url: 'https://api.test/x' }, want: { params: { a: 1 }, url: 'https://api.test/x?page=2' } },
  { name: 'link: no next link ends', given: { spec: link, body: [1], link: '</x?page=1>; rel="prev"' }, want: null },
  { name: 'link: next equal to the current URL ends', given: { spec: link, body: [1], link: '</x>; rel=next', url: 'https://api.test/x' }, want: null },
  { name: 'link: empty page with a next link ends', given: { spec: link, body: [], link: '</x?page=2>; rel=next' }, want: null },
  { name: 'link: next URL from a body field', given: { spec: { style: 'link', items: '/data', nextUrl: '/links/next' }, body: { data: [1], links: { next: '/x?after=9' } } }, want: { params: {}, url: 'https://api.test/x?after=9' } },
  { name: 'link: null body next URL ends', given: { spec: { style: 'link', items: '/data', nextUrl: '/links/next' }, body: { data: [1], links: { next: null } } }, want: null },
];

describe('nextPageRequest', () => {
  for (const { name, given, want } of cases) {
    it(name, () => {
      const items = readPointer(given.body, given.spec.items) as unknown[];
      const got = nextPageRequest({
        spec: given.spec,
        op: given.op ?? {},
        params: given.params ?? {},
        items,
        body: given.body,
        headers: new Headers(given.link ? { link: given.link } : {}),
        url: given.url ?? 'https://api.test/x?page=1',
      });
      expect(got).toEqual(want);
    });
  }

  it('never modifies the params it was given', () => {
    const params = { query: { cursor: 'a' } };
    nextPageRequest({
      spec: cursor,
      op: { query: [{ name: 'cursor', group: 'query' }] },
      params,
      items: [1],
      body: { data: [1], next_cursor: 'b' },
      headers: new Headers(),
      url: 'https://api.test/x',
    });
    expect(params).toEqual({ query: { cursor: 'a' } });
  });
});

describe('readPointer', () => {
  const cases: { given: [unknown, string]; want: unknown }[] = [
    { given: [{ a: 1 }, ''], want: { a: 1 } },
    { given: [{ a: { b: [10, 20] } }, '/a/b/1'], want: 20 },
    { given: [{ 'a/b': { '~c': 3 } }, '/a~1b/~0c'], want: 3 },
    { given: [{ a: [1] }, '/a/-'], want: undefined },
    { given: [{ a: null }, '/a/b'], want: undefined },
    { given: [{}, '/toString'], want: undefined },
    { given: [{ a: 1 }, '#/a'], want: 1 },
  ];
  for (const { given, want } of cases) {
    it(`${JSON.stringify(given[0])} at ${JSON.stringify(given[1])}`, () => {
      expect(readPointer(given[0], given[1])).toEqual(want);
    });
  }
});
