/**
 * Detection by shape, for specs without pagination extensions. Deliberately narrow: only GET
 * operations, and only when both the request (a paging query parameter) and the response (an item
 * array plus a way to the next page) agree, so that a `cursor` parameter on an operation returning
 * one object is not mistaken for a list.
 */
import type { PaginationSpec } from '@sdkgen/runtime';
import { buildModel, type RuleInput, type RuleResult } from './context.js';
import { findField, findItemsPath } from './items.js';
import type { ParamView } from './operation-view.js';
import { isUrlSchema, schemaAtPath, toPointer } from './schema.js';

/** Query parameters that carry an opaque cursor. */
export const CURSOR_PARAMS = [
  'cursor', 'after', 'starting_after', 'startingAfter', 'page_token', 'pageToken', 'next_token', 'nextToken',
  'continuation_token', 'continuationToken', 'continuation', 'page[after]', 'page[cursor]', 'start_cursor', 'startCursor',
  'next_cursor', 'nextCursor', 'next_page_token', 'nextPageToken', 'marker', 'next',
];
/** Of those, the ones that take the last item's id (Stripe's `starting_after`). */
const ID_CURSOR_PARAMS = ['starting_after', 'startingAfter', 'after', 'page[after]'];
/** Response fields holding the next cursor, most telling first. */
export const NEXT_CURSOR_FIELDS = [
  'next_cursor', 'nextCursor', 'next_page_token', 'nextPageToken', 'next_token', 'nextToken', 'continuation_token',
  'continuationToken', 'next_marker', 'nextMarker', 'end_cursor', 'endCursor', 'next_page_cursor', 'next', 'after', 'cursor',
];
/** Response fields holding the next page's URL. */
const NEXT_URL_FIELDS = ['next_url', 'nextUrl', 'next_page_url', 'nextPageUrl', 'next_link', 'nextLink', '@odata.nextLink', 'next_href'];
const HAS_MORE_FIELDS = ['has_more', 'hasMore', 'has_next_page', 'hasNextPage', 'has_next', 'hasNext', 'more'];
const OFFSET_PARAMS = ['offset', 'skip', 'start', 'page[offset]'];
const LIMIT_PARAMS = ['limit', 'take', 'count', 'size', 'page_size', 'pageSize', 'per_page', 'perPage', 'max_results', 'maxResults', 'page[limit]', 'page[size]'];
const PAGE_PARAMS = ['page', 'page_number', 'pageNumber', 'page[number]', 'pageNo', 'page_no'];
const PAGE_SIZE_PARAMS = ['per_page', 'perPage', 'page_size', 'pageSize', 'limit', 'size', 'page[size]', 'pageLimit'];
const TOTAL_FIELDS = ['total', 'total_count', 'totalCount', 'total_results', 'totalResults', 'total_items', 'totalItems'];
const NEXT_OFFSET_FIELDS = ['next_offset', 'nextOffset'];
const TOTAL_PAGES_FIELDS = ['total_pages', 'totalPages', 'page_count', 'pageCount', 'pages', 'last_page', 'lastPage'];

/** Any parameter that says the operation pages. */
const PAGING_PARAMS = [...new Set([...CURSOR_PARAMS, ...OFFSET_PARAMS, ...LIMIT_PARAMS, ...PAGE_PARAMS, ...PAGE_SIZE_PARAMS])];

function queryParam(params: readonly ParamView[], names: readonly string[]): ParamView | undefined {
  for (const name of names) {
    const p = params.find((q) => q.in === 'query' && q.name === name);
    if (p) return p;
  }
  return undefined;
}

export function detectByShape(input: RuleInput): RuleResult {
  const { doc, view } = input;
  if (view.method !== 'get' || view.response === undefined) return undefined;
  const schema = view.response.schema;
  const items = findItemsPath(doc, schema);
  if (items === undefined) return undefined;
  const itemsPointer = toPointer(items);
  const model = (spec: PaginationSpec) => buildModel(input, spec, 'shape', items);
  const hasMoreAt = (within?: string) => findField(doc, schema, HAS_MORE_FIELDS, 'boolean', within);

  // 1. A cursor parameter, answered by a next-cursor field or by has_more (Stripe).
  const cursor = queryParam(view.params, CURSOR_PARAMS);
  if (cursor !== undefined && items.length > 0) {
    const next = findField(doc, schema, NEXT_CURSOR_FIELDS, 'string');
    if (next !== undefined && !sameField(next, items)) {
      const hasMore = next.length > 1 ? hasMoreAt(next[0]) ?? hasMoreAt() : hasMoreAt();
      const nextSchema = schemaAtPath(doc, schema, next);
      if (isUrlSchema(doc, nextSchema) || next[0] === 'links') {
        return model({ style: 'link', items: itemsPointer, nextUrl: toPointer(next), ...(hasMore && { hasMore: toPointer(hasMore) }) });
      }
      return model({
        style: 'cursor',
        param: { name: cursor.name },
        items: itemsPointer,
        nextCursor: toPointer(next),
        ...(hasMore && { hasMore: toPointer(hasMore) }),
      });
    }
    const hasMore = hasMoreAt();
    if (hasMore !== undefined && ID_CURSOR_PARAMS.includes(cursor.name)) {
      return model({ style: 'cursor', param: { name: cursor.name }, items: itemsPointer, itemCursor: '/id', hasMore: toPointer(hasMore) });
    }
  }

  // 1b. A next-page URL field (`nextLink`, `next_url`, `links.next`) beside the items.
  if (items.length > 0) {
    const nextUrl = findField(doc, schema, NEXT_URL_FIELDS, 'string') ?? findField(doc, schema, ['next'], 'string', 'links');
    if (nextUrl !== undefined) return model({ style: 'link', items: itemsPointer, nextUrl: toPointer(nextUrl) });
  }

  // 2. An RFC 8288 Link header on the response: on a top-level array, or beside a paging parameter
  // (specs put Link on single-resource GETs too, whose object merely holds an array).
  if (view.response.headers.includes('link') && (items.length === 0 || queryParam(view.params, PAGING_PARAMS) !== undefined)) {
    return model({ style: 'link', items: itemsPointer });
  }

  // 3. offset + limit.
  const offset = queryParam(view.params, OFFSET_PARAMS);
  if (offset !== undefined && queryParam(view.params, LIMIT_PARAMS) !== undefined) {
    const total = items.length > 0 ? findField(doc, schema, TOTAL_FIELDS, 'integer') : undefined;
    const nextOffset = items.length > 0 ? findField(doc, schema, NEXT_OFFSET_FIELDS, 'integer') : undefined;
    const hasMore = items.length > 0 ? hasMoreAt() : undefined;
    return model({
      style: 'offset',
      param: { name: offset.name },
      items: itemsPointer,
      ...(total && { total: toPointer(total) }),
      ...(nextOffset && { nextOffset: toPointer(nextOffset) }),
      ...(hasMore && { hasMore: toPointer(hasMore) }),
    });
  }

  // 4. page + per_page.
  const page = queryParam(view.params, PAGE_PARAMS);
  if (page !== undefined && queryParam(view.params, PAGE_SIZE_PARAMS.filter((n) => n !== page.name)) !== undefined) {
    const totalPages = items.length > 0 ? findField(doc, schema, TOTAL_PAGES_FIELDS, 'integer') : undefined;
    const hasMore = items.length > 0 ? hasMoreAt() : undefined;
    return model({
      style: 'page',
      param: { name: page.name },
      items: itemsPointer,
      ...(totalPages && { total: toPointer(totalPages) }),
      ...(hasMore && { hasMore: toPointer(hasMore) }),
    });
  }
  return undefined;
}

function sameField(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((t, i) => t === b[i]);
}
