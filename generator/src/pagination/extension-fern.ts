/**
 * Fern's `x-fern-pagination` on an operation (or `true`, taking the document-level default):
 * cursor `{ cursor: $request.cursor, next_cursor: $response.next, results: $response.data }`,
 * offset `{ offset: $request.page, results: $response.data, step?: $request.limit, has-next-page?: $response.has_more }`,
 * URI `{ next_uri: $response.next, results: $response.data }`. Fern's offset without `step` advances by
 * one, so it is a page number; with `step` it is an item offset.
 * @see https://buildwithfern.com/learn/api-definitions/openapi/extensions/pagination
 */
import type { PageParamSpec, PaginationSpec } from '@sdkgen/runtime';
import { childPointer, isObject } from '../load/pointer.js';
import { buildModel, CODES, type RuleInput, type RuleResult } from './context.js';
import { paramDeclared } from './extension-ours.js';
import { parseJsonPath } from './jsonpath.js';
import { schemaProperties, toPointer } from './schema.js';

export const X_FERN = 'x-fern-pagination';

export function detectFern(input: RuleInput): RuleResult {
  let raw = input.op[X_FERN];
  if (raw === undefined || raw === false) return undefined;
  const at = childPointer(input.pointer, X_FERN);
  const warn = (message: string): undefined => {
    input.report('warning', CODES.unsupported, at, `${X_FERN}: ${message}; the operation is paginated by shape, if at all`, 'Fix the extension, or add x-pagination to say how the operation pages.');
    return undefined;
  };
  if (raw === true) raw = input.doc[X_FERN];
  if (!isObject(raw)) return warn('expected an object (or true with a document-level x-fern-pagination object)');
  const response = (key: string): string[] | undefined | 'bad' => {
    const v = raw[key];
    if (v === undefined) return undefined;
    const loc = typeof v === 'string' ? parseJsonPath(v, '$response') : undefined;
    return loc === undefined || loc.lastItem !== undefined ? 'bad' : loc.path;
  };
  const request = (key: string): PageParamSpec | undefined | 'bad' => {
    const v = raw[key];
    if (v === undefined) return undefined;
    const loc = typeof v === 'string' ? parseJsonPath(v, '$request') : undefined;
    if (loc === undefined || loc.lastItem !== undefined || loc.path.length !== 1) return 'bad';
    const name = loc.path[0] as string;
    if (input.view.params.some((p) => p.in === 'query' && p.name === name)) return { name };
    if (input.view.bodySchema && schemaProperties(input.doc, input.view.bodySchema).has(name)) return { name, in: 'body' };
    return 'bad';
  };
  const results = response('results');
  if (results === undefined || results === 'bad') return warn(`results ${JSON.stringify(raw.results)} must be a $response expression`);
  const hasMore = response('has-next-page');
  if (hasMore === 'bad') return warn('has-next-page must be a $response expression');
  const base = { items: toPointer(results), ...(hasMore !== undefined && { hasMore: toPointer(hasMore) }) };
  let spec: PaginationSpec;
  if (raw.cursor !== undefined) {
    const param = request('cursor');
    const next = response('next_cursor');
    if (param === undefined || param === 'bad') return warn(`cursor ${JSON.stringify(raw.cursor)} must name a query parameter or body property ($request.<name>)`);
    if (next === undefined || next === 'bad') return warn('next_cursor must be a $response expression');
    spec = { style: 'cursor', param, ...base, nextCursor: toPointer(next) };
  } else if (raw.offset !== undefined) {
    const param = request('offset');
    if (param === undefined || param === 'bad') return warn(`offset ${JSON.stringify(raw.offset)} must name a query parameter or body property ($request.<name>)`);
    spec = raw.step === undefined ? { style: 'page', param, ...base } : { style: 'offset', param, ...base };
  } else if (raw.next_uri !== undefined || raw.next_path !== undefined) {
    const next = response(raw.next_uri !== undefined ? 'next_uri' : 'next_path');
    if (next === undefined || next === 'bad') return warn('next_uri must be a $response expression');
    spec = { style: 'link', ...base, nextUrl: toPointer(next) };
  } else {
    return warn('expected cursor, offset or next_uri');
  }
  if (spec.param !== undefined && !paramDeclared(input, spec.param)) return warn(`"${spec.param.name}" is not declared by the operation`);
  return buildModel(input, spec, 'x-fern-pagination', results);
}
