/**
 * `x-pagination`, sdkgen's own extension on an operation. Every location is a JSON pointer into the
 * response body (`''` is the body itself). `x-pagination: false` turns detection off for the operation.
 *
 * ```yaml
 * x-pagination:
 *   style: cursor            # cursor | offset | page | link
 *   param: cursor            # request parameter for the cursor / offset / page number;
 *                            # or { name: cursor, in: body } for a JSON body field
 *   items: /data             # the item array (default: found by shape)
 *   nextCursor: /next_cursor # cursor: the next cursor ...
 *   itemCursor: /id          # ... or the last item's field (Stripe's starting_after)
 *   hasMore: /has_more       # optional: false on the last page
 *   total: /total            # optional: offset: total items; page: total pages
 *   nextOffset: /next_offset # optional, offset
 *   nextUrl: /links/next     # link: next-page URL in the body (default: the Link header)
 *   firstPage: 1             # page: number of the first page (default 1)
 * ```
 */
import type { PageParamSpec, PaginationSpec, PaginationStyle } from '@sdkgen/runtime';
import { childPointer, isObject } from '../load/pointer.js';
import { buildModel, CODES, type RuleInput, type RuleResult } from './context.js';
import { findItemsPath } from './items.js';
import { fromPointer, isArraySchema, schemaAtPath, schemaProperties, toPointer } from './schema.js';

export const X_PAGINATION = 'x-pagination';
const STYLES: readonly PaginationStyle[] = ['cursor', 'offset', 'page', 'link'];
const POINTER_KEYS = ['items', 'nextCursor', 'itemCursor', 'hasMore', 'total', 'nextOffset', 'nextUrl'] as const;
const KNOWN_KEYS = new Set<string>(['style', 'param', 'firstPage', ...POINTER_KEYS]);

export function detectOurs(input: RuleInput): RuleResult {
  const raw = input.op[X_PAGINATION];
  if (raw === undefined) return undefined;
  const at = childPointer(input.pointer, X_PAGINATION);
  if (raw === false) return null;
  const problems: string[] = [];
  const fail = (): null => {
    for (const message of problems) {
      input.report('error', CODES.invalid, at, `x-pagination: ${message}`, 'Fix x-pagination (see docs: style, param, items, nextCursor | itemCursor, hasMore, total, nextUrl), or set it to false.');
    }
    return null;
  };
  if (!isObject(raw)) {
    problems.push(`expected an object or false, got ${JSON.stringify(raw)}`);
    return fail();
  }
  for (const key of Object.keys(raw)) {
    if (!KNOWN_KEYS.has(key)) input.report('warning', CODES.invalid, childPointer(at, key), `x-pagination: unknown key "${key}" is ignored`, `Remove "${key}" or check its spelling.`);
  }
  const style = raw.style;
  if (typeof style !== 'string' || !(STYLES as readonly string[]).includes(style)) {
    problems.push(`style must be one of ${STYLES.join(', ')}, got ${JSON.stringify(style)}`);
    return fail();
  }
  const pointers: Partial<Record<(typeof POINTER_KEYS)[number], string>> = {};
  for (const key of POINTER_KEYS) {
    const v = raw[key];
    if (v === undefined) continue;
    if (typeof v !== 'string' || fromPointer(v) === undefined) problems.push(`${key} must be a JSON pointer such as "/data", got ${JSON.stringify(v)}`);
    else pointers[key] = v.startsWith('#') ? v.slice(1) : v;
  }

  const param = readParam(raw.param, problems);
  if (style !== 'link' && param === undefined && raw.param === undefined) problems.push(`style ${style} needs param (the request parameter that carries the ${style === 'cursor' ? 'cursor' : style === 'offset' ? 'offset' : 'page number'})`);
  if (param !== undefined && !paramDeclared(input, param)) {
    problems.push(`param "${param.name}" is not a ${param.in === 'body' ? 'property of the JSON request body' : 'query parameter of the operation'}`);
  }
  if (style === 'cursor' && pointers.nextCursor === undefined && pointers.itemCursor === undefined) problems.push('style cursor needs nextCursor (a pointer to the next cursor) or itemCursor (a field of the last item)');
  const firstPage = raw.firstPage;
  if (firstPage !== undefined && (typeof firstPage !== 'number' || !Number.isInteger(firstPage))) problems.push('firstPage must be an integer');

  const schema = input.view.response?.schema;
  let items = pointers.items === undefined ? findItemsPath(input.doc, schema) : fromPointer(pointers.items);
  if (items === undefined) {
    if (pointers.items === undefined) problems.push('items is missing and the response has no single item array; set items to its pointer, e.g. "/data"');
  } else if (schema !== undefined) {
    const target = items.length === 0 ? schema : schemaAtPath(input.doc, schema, items);
    if (target === undefined || !isArraySchema(input.doc, target)) problems.push(`items ${JSON.stringify(pointers.items ?? '')} is not an array in the ${input.view.response?.status ?? ''} response schema`);
  }
  if (problems.length > 0 || items === undefined) return fail();
  items ??= [];

  const spec: PaginationSpec = {
    style: style as PaginationStyle,
    ...(param !== undefined && style !== 'link' && { param }),
    items: pointers.items ?? toPointer(items),
    ...(pointers.nextCursor !== undefined && { nextCursor: pointers.nextCursor }),
    ...(pointers.itemCursor !== undefined && { itemCursor: pointers.itemCursor }),
    ...(pointers.hasMore !== undefined && { hasMore: pointers.hasMore }),
    ...(pointers.total !== undefined && { total: pointers.total }),
    ...(pointers.nextOffset !== undefined && { nextOffset: pointers.nextOffset }),
    ...(pointers.nextUrl !== undefined && { nextUrl: pointers.nextUrl }),
    ...(typeof firstPage === 'number' && { firstPage }),
  };
  return buildModel(input, spec, 'x-pagination', items);
}

function readParam(raw: unknown, problems: string[]): PageParamSpec | undefined {
  if (raw === undefined) return undefined;
  if (typeof raw === 'string' && raw !== '') return { name: raw };
  if (isObject(raw) && typeof raw.name === 'string' && raw.name !== '') {
    if (raw.in === undefined || raw.in === 'query') return { name: raw.name };
    if (raw.in === 'body') return { name: raw.name, in: 'body' };
  }
  problems.push(`param must be a parameter name or { name, in: query | body }, got ${JSON.stringify(raw)}`);
  return undefined;
}

/** Whether the operation declares the paging parameter where `param.in` says. */
export function paramDeclared(input: RuleInput, param: PageParamSpec): boolean {
  if (param.in === 'body') return input.view.bodySchema !== undefined && schemaProperties(input.doc, input.view.bodySchema).has(param.name);
  return input.view.params.some((p) => p.in === 'query' && p.name === param.name);
}
