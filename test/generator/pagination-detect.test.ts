/**
 * detectPagination over fixture specs (test/fixtures/pagination/*.yaml): one operation per detection
 * path, negative cases, and diagnostics for malformed extensions.
 */
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import type { PaginationSpec } from '@sdkgen/runtime';
import { Diagnostics, type Diagnostic } from '../../generator/src/diagnostics.js';
import { childPointer } from '../../generator/src/load/pointer.js';
import { detectPagination, itemTypeExpression, type PaginationModel } from '../../generator/src/pagination/index.js';

interface Detected {
  models: Map<string, PaginationModel | undefined>;
  diagnostics: Diagnostic[];
}

function detectAll(fixture: string): Detected {
  const doc = parse(readFileSync(new URL(`../fixtures/pagination/${fixture}`, import.meta.url), 'utf8')) as Record<string, unknown>;
  const diagnostics = new Diagnostics();
  const models = new Map<string, PaginationModel | undefined>();
  for (const [path, item] of Object.entries(doc.paths as Record<string, Record<string, unknown>>)) {
    for (const method of ['get', 'post', 'put', 'patch', 'delete']) {
      const op = item[method] as Record<string, unknown> | undefined;
      if (!op) continue;
      const pointer = childPointer('#/paths', path, method);
      models.set(op.operationId as string, detectPagination(op, doc, { method, pointer, pathItem: item, diagnostics, origin: (p) => ({ file: fixture, pointer: p }) }));
    }
  }
  return { models, diagnostics: diagnostics.items };
}

type Want = { spec: PaginationSpec; itemsPath?: string[] } | undefined;

function check(fixture: string, cases: Record<string, Want>, source: PaginationModel['source']): void {
  const { models } = detectAll(fixture);
  for (const [operationId, want] of Object.entries(cases)) {
    it(`${operationId}: ${want ? want.spec.style : 'not paginated'}`, () => {
      expect(models.has(operationId), `fixture has ${operationId}`).toBe(true);
      const got = models.get(operationId);
      if (want === undefined) {
        expect(got).toBeUndefined();
        return;
      }
      expect(got?.spec).toEqual(want.spec);
      expect(got?.source).toBe(source);
      expect(got?.itemsPath).toEqual(want.itemsPath);
      expect(got?.description).toContain(want.spec.style);
    });
  }
}

describe('shape detection', () => {
  check(
    'shape.yaml',
    {
      listCursor: { spec: { style: 'cursor', param: { name: 'cursor' }, items: '/data', nextCursor: '/next_cursor' }, itemsPath: ['data'] },
      listNestedMeta: { spec: { style: 'cursor', param: { name: 'page_token' }, items: '/results', nextCursor: '/meta/next_page_token' }, itemsPath: ['results'] },
      listGraphqlStyle: {
        spec: { style: 'cursor', param: { name: 'after' }, items: '/nodes', nextCursor: '/pageInfo/endCursor', hasMore: '/pageInfo/hasNextPage' },
        itemsPath: ['nodes'],
      },
      listStripe: { spec: { style: 'cursor', param: { name: 'starting_after' }, items: '/data', itemCursor: '/id', hasMore: '/has_more' }, itemsPath: ['data'] },
      listLinkHeader: { spec: { style: 'link', items: '' }, itemsPath: [] },
      listNextLinkField: { spec: { style: 'link', items: '/value', nextUrl: '/nextLink' }, itemsPath: ['value'] },
      listOffset: { spec: { style: 'offset', param: { name: 'offset' }, items: '/items', total: '/total_count' }, itemsPath: ['items'] },
      listPage: { spec: { style: 'page', param: { name: 'page' }, items: '/data', total: '/pagination/total_pages' }, itemsPath: ['data'] },
      getPetWithCursor: undefined,
      searchPets: undefined,
      listAllNoPaging: undefined,
      cursorWithoutNextField: undefined,
      ambiguousArrays: undefined,
      offsetWithoutLimit: undefined,
      getRunnerWithLinkHeader: undefined,
      listRunnersLinkHeader: { spec: { style: 'link', items: '/runners' }, itemsPath: ['runners'] },
    },
    'shape',
  );

  it('reports nothing for specs without extensions', () => {
    expect(detectAll('shape.yaml').diagnostics).toEqual([]);
  });
});

describe('x-pagination', () => {
  check(
    'ours.yaml',
    {
      oursCursor: {
        spec: { style: 'cursor', param: { name: 'token' }, items: '/entries', nextCursor: '/paging/next', hasMore: '/paging/more' },
        itemsPath: ['entries'],
      },
      oursItemCursor: { spec: { style: 'cursor', param: { name: 'since_id' }, items: '', itemCursor: '/key' }, itemsPath: [] },
      oursBodyCursor: { spec: { style: 'cursor', param: { name: 'cursor', in: 'body' }, items: '/hits', nextCursor: '/next' }, itemsPath: ['hits'] },
      oursPage: { spec: { style: 'page', param: { name: 'p' }, items: '/data', total: '/pages', firstPage: 0 }, itemsPath: ['data'] },
      oursLink: { spec: { style: 'link', items: '', nextUrl: '/dummy' }, itemsPath: [] },
      oursOptOut: undefined,
      oursBadStyle: undefined,
      oursBadFields: undefined,
      oursNotObject: undefined,
    },
    'x-pagination',
  );

  it('reports each problem of a malformed x-pagination as an error at the extension', () => {
    const errors = detectAll('ours.yaml').diagnostics.filter((d) => d.severity === 'error');
    const at = (op: string) => errors.filter((d) => d.pointer.startsWith(`#/paths/~1${op}/get/x-pagination`)).map((d) => d.message);
    expect(errors.every((d) => d.code === 'SDKGEN_PAGINATION_INVALID' && d.file === 'ours.yaml' && d.fix !== '')).toBe(true);
    expect(at('bad-style')).toEqual([expect.stringMatching(/style must be one of cursor, offset, page, link, got "keyset"/)]);
    expect(at('bad-fields')).toEqual([
      expect.stringMatching(/hasMore must be a JSON pointer/),
      expect.stringMatching(/param "nope" is not a query parameter/),
      expect.stringMatching(/needs nextCursor .* or itemCursor/),
      expect.stringMatching(/items "\/missing" is not an array/),
    ]);
    expect(at('not-object')).toEqual([expect.stringMatching(/expected an object or false/)]);
    expect(at('cursor')).toEqual([]);
  });

  it('warns about unknown keys', () => {
    const warnings = detectAll('ours.yaml').diagnostics.filter((d) => d.severity === 'warning');
    expect(warnings.map((d) => [d.pointer, d.message])).toEqual([['#/paths/~1bad-fields/get/x-pagination/colour', 'x-pagination: unknown key "colour" is ignored']]);
  });
});

describe('Stainless x-stainless-pagination-property', () => {
  check(
    'stainless.yaml',
    {
      stainlessCursor: { spec: { style: 'cursor', param: { name: 'page_after' }, items: '/result', nextCursor: '/result_info/cursor' }, itemsPath: ['result'] },
      stainlessCursorId: { spec: { style: 'cursor', param: { name: 'after_id' }, items: '/data', hasMore: '/more', itemCursor: '/uid' }, itemsPath: ['data'] },
      stainlessOffset: { spec: { style: 'offset', param: { name: 'skip' }, items: '/rows', total: '/count' }, itemsPath: ['rows'] },
      stainlessPageNumber: { spec: { style: 'page', param: { name: 'pg' }, items: '' }, itemsPath: [] },
      stainlessCursorUrl: { spec: { style: 'link', items: '/data', nextUrl: '/next_page' }, itemsPath: ['data'] },
      stainlessFromHeader: undefined,
    },
    'x-stainless-pagination-property',
  );

  it('warns about a cursor read from a header', () => {
    const d = detectAll('stainless.yaml').diagnostics;
    expect(d.map((x) => [x.severity, x.code, x.pointer])).toEqual([['warning', 'SDKGEN_PAGINATION_EXTENSION_UNSUPPORTED', '#/paths/~1from-header/get']]);
    expect(d[0]?.message).toMatch(/X-Next header is not supported/);
  });
});

describe('Speakeasy x-speakeasy-pagination', () => {
  const { models, diagnostics } = detectAll('speakeasy.yaml');
  check(
    'speakeasy.yaml',
    {
      speakeasyCursor: {
        spec: { style: 'cursor', param: { name: 'cursor' }, items: '/data/resultArray', nextCursor: '/data/next' },
        itemsPath: ['data', 'resultArray'],
      },
      speakeasyLastItem: { spec: { style: 'cursor', param: { name: 'since' }, items: '/data', itemCursor: '/id' }, itemsPath: ['data'] },
      speakeasyOffset: { spec: { style: 'offset', param: { name: 'offset' }, items: '/items' }, itemsPath: ['items'] },
      speakeasyPage: { spec: { style: 'page', param: { name: 'page', in: 'body' }, items: '/items', total: '/pages' }, itemsPath: ['items'] },
      speakeasyUrl: { spec: { style: 'link', items: '/data', nextUrl: '/next' }, itemsPath: ['data'] },
    },
    'x-speakeasy-pagination',
  );

  it('an unreadable extension warns and falls back to shape detection', () => {
    expect(models.get('speakeasyUnsupported')?.source).toBe('shape');
    expect(models.get('speakeasyUnsupported')?.spec).toEqual({ style: 'cursor', param: { name: 'cursor' }, items: '/data', nextCursor: '/next_cursor' });
    expect(diagnostics.map((d) => [d.severity, d.pointer])).toEqual([['warning', '#/paths/~1unsupported/get/x-speakeasy-pagination']]);
    expect(diagnostics[0]?.message).toMatch(/outputs\.results .* is not a supported JSONPath/);
  });
});

describe('Fern x-fern-pagination', () => {
  check(
    'fern.yaml',
    {
      fernCursor: { spec: { style: 'cursor', param: { name: 'cursor' }, items: '/data', nextCursor: '/next_cursor' }, itemsPath: ['data'] },
      fernDocumentDefault: { spec: { style: 'cursor', param: { name: 'starting_after' }, items: '/data', nextCursor: '/page/next' }, itemsPath: ['data'] },
      fernOffsetAsPage: { spec: { style: 'page', param: { name: 'page' }, items: '/results', hasMore: '/has_more' }, itemsPath: ['results'] },
      fernOffsetStep: { spec: { style: 'offset', param: { name: 'offset' }, items: '/results' }, itemsPath: ['results'] },
      fernUri: { spec: { style: 'link', items: '/data', nextUrl: '/links/next' }, itemsPath: ['data'] },
      fernNestedRequest: undefined,
    },
    'x-fern-pagination',
  );

  it('warns about a request expression it cannot map', () => {
    const d = detectAll('fern.yaml').diagnostics;
    expect(d.map((x) => [x.severity, x.pointer])).toEqual([['warning', '#/paths/~1bad/get/x-fern-pagination']]);
  });
});

describe('precedence', () => {
  const doc = {
    openapi: '3.1.0',
    paths: {},
    components: {},
  };
  const op = (extra: Record<string, unknown>) => ({
    parameters: [
      { name: 'cursor', in: 'query', schema: { type: 'string' } },
      { name: 'tok', in: 'query', schema: { type: 'string' } },
    ],
    responses: {
      '200': {
        description: 'ok',
        content: { 'application/json': { schema: { type: 'object', properties: { data: { type: 'array', items: {} }, next_cursor: { type: 'string' }, n2: { type: 'string' } } } } },
      },
    },
    ...extra,
  });
  const detect = (o: Record<string, unknown>) => detectPagination(o, doc, { method: 'get', pointer: '#/paths/~1x/get' });
  const cases: { name: string; given: Record<string, unknown>; want: PaginationModel['source'] }[] = [
    { name: 'shape alone', given: {}, want: 'shape' },
    { name: 'fern over shape', given: { 'x-fern-pagination': { cursor: '$request.tok', next_cursor: '$response.n2', results: '$response.data' } }, want: 'x-fern-pagination' },
    {
      name: 'speakeasy over fern',
      given: {
        'x-fern-pagination': { cursor: '$request.tok', next_cursor: '$response.n2', results: '$response.data' },
        'x-speakeasy-pagination': { type: 'cursor', inputs: [{ name: 'tok', in: 'parameters', type: 'cursor' }], outputs: { results: '$.data', nextCursor: '$.n2' } },
      },
      want: 'x-speakeasy-pagination',
    },
    {
      name: 'x-pagination over everything',
      given: {
        'x-pagination': { style: 'cursor', param: 'tok', nextCursor: '/n2' },
        'x-speakeasy-pagination': { type: 'cursor', inputs: [{ name: 'tok', in: 'parameters', type: 'cursor' }], outputs: { results: '$.data', nextCursor: '$.n2' } },
      },
      want: 'x-pagination',
    },
  ];
  for (const { name, given, want } of cases) {
    it(name, () => {
      expect(detect(op(given))?.source).toBe(want);
    });
  }
});

describe('itemTypeExpression', () => {
  const cases: { given: [string, string[] | undefined]; want: string }[] = [
    { given: ['ListPetsResponse', ['data']], want: 'NonNullable<NonNullable<ListPetsResponse>["data"]>[number]' },
    { given: ['Body', []], want: 'NonNullable<Body>[number]' },
    { given: ['Body', ['data', 'items']], want: 'NonNullable<NonNullable<NonNullable<Body>["data"]>["items"]>[number]' },
    { given: ['Body', ['we"ird']], want: 'NonNullable<NonNullable<Body>["we\\"ird"]>[number]' },
    { given: ['Body', undefined], want: 'unknown' },
  ];
  for (const { given, want } of cases) {
    it(`${given[0]} ${JSON.stringify(given[1])}`, () => {
      expect(itemTypeExpression(...given)).toBe(want);
    });
  }
});
