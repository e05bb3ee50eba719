/**
 * Stainless: its pagination schemes live in the Stainless config, but the spec may mark the parts
 * with `x-stainless-pagination-property: { purpose, is_top_level_array?, from_header? }` on request
 * parameters, request-body properties and response properties. We read those marks directly.
 * Purposes used: `items`, `has_next_page`, `next_cursor_param` + `next_cursor_field` (cursor),
 * `next_cursor_id_param` + `cursor_item_id` (cursor_id), `offset_count_param` +
 * `offset_total_count_field` (offset), `page_number_param` + `total_page_count_field` (page_number),
 * `cursor_url_field` (cursor_url).
 * @see https://www.stainless.com/docs/reference/config#pagination-property
 */
import type { PageParamSpec, PaginationSpec } from '@sdkgen/runtime';
import { isObject } from '../load/pointer.js';
import { buildModel, CODES, type RuleInput, type RuleResult } from './context.js';
import { findItemsPath } from './items.js';
import { itemSchema, resolveSchema, schemaAtPath, schemaProperties, toPointer, type Doc } from './schema.js';

export const X_STAINLESS = 'x-stainless-pagination-property';

interface Mark {
  purpose?: string;
  fromHeader?: string;
  topLevelArray: boolean;
}

function markOf(...nodes: unknown[]): Mark | undefined {
  for (const node of nodes) {
    if (!isObject(node)) continue;
    const m = node[X_STAINLESS];
    if (!isObject(m)) continue;
    return {
      ...(typeof m.purpose === 'string' && { purpose: m.purpose }),
      ...(typeof m.from_header === 'string' && { fromHeader: m.from_header }),
      topLevelArray: m.is_top_level_array === true,
    };
  }
  return undefined;
}

/** Response fields by purpose, searched at the top level and one object level down. */
function responseMarks(doc: Doc, schema: unknown): Map<string, { path: string[]; mark: Mark }> {
  const found = new Map<string, { path: string[]; mark: Mark }>();
  const visit = (node: unknown, path: string[]): void => {
    for (const [name, prop] of schemaProperties(doc, node)) {
      const mark = markOf(prop);
      if (mark?.purpose !== undefined && !found.has(mark.purpose)) found.set(mark.purpose, { path: [...path, name], mark });
      if (path.length === 0 && isObject(prop) && prop.properties !== undefined) visit(prop, [name]);
    }
  };
  visit(schema, []);
  return found;
}

export function detectStainless(input: RuleInput): RuleResult {
  const { doc, view } = input;
  const params = new Map<string, PageParamSpec>();
  for (const p of view.params) {
    const purpose = markOf(p.raw, p.schema)?.purpose;
    if (p.in === 'query' && purpose !== undefined && !params.has(purpose)) params.set(purpose, { name: p.name });
  }
  for (const [name, prop] of view.bodySchema ? schemaProperties(doc, view.bodySchema) : []) {
    const purpose = markOf(prop)?.purpose;
    if (purpose !== undefined && !params.has(purpose)) params.set(purpose, { name, in: 'body' });
  }
  const schema = view.response?.schema;
  const fields = schema ? responseMarks(doc, schema) : new Map<string, { path: string[]; mark: Mark }>();
  const topLevel = schema !== undefined && markOf(schema)?.topLevelArray === true;
  if (params.size === 0 && fields.size === 0 && !topLevel) return undefined;

  const warn = (message: string): undefined => {
    input.report('warning', CODES.unsupported, input.pointer, `${X_STAINLESS}: ${message}; the operation is paginated by shape, if at all`, 'Add x-pagination to the operation to say how it pages.');
    return undefined;
  };
  for (const [purpose, { mark }] of fields) {
    if (mark.fromHeader === undefined) continue;
    // The body field named here is not where the value is, so shape detection would be wrong too.
    input.report('warning', CODES.unsupported, input.pointer, `${X_STAINLESS}: ${purpose} read from the ${mark.fromHeader} header is not supported; the operation is not paginated`, 'Add x-pagination to the operation to say how it pages.');
    return null;
  }
  const items = topLevel ? [] : fields.get('items')?.path ?? findItemsPath(doc, schema);
  if (items === undefined) return warn('no item array found (mark it with purpose: items)');
  const ptr = (purpose: string): string | undefined => {
    const f = fields.get(purpose);
    return f ? toPointer(f.path) : undefined;
  };
  const hasMore = ptr('has_next_page');
  const base = { items: toPointer(items), ...(hasMore !== undefined && { hasMore }) };
  let spec: PaginationSpec | undefined;
  const cursorParam = params.get('next_cursor_param');
  const idParam = params.get('next_cursor_id_param');
  const offsetParam = params.get('offset_count_param');
  const pageParam = params.get('page_number_param');
  const urlField = ptr('cursor_url_field');
  if (cursorParam && ptr('next_cursor_field')) {
    spec = { style: 'cursor', param: cursorParam, ...base, nextCursor: ptr('next_cursor_field') as string };
  } else if (idParam) {
    spec = { style: 'cursor', param: idParam, ...base, itemCursor: itemIdPointer(doc, schema, items) };
  } else if (offsetParam) {
    const total = ptr('offset_total_count_field');
    spec = { style: 'offset', param: offsetParam, ...base, ...(total !== undefined && { total }) };
  } else if (pageParam) {
    const total = ptr('total_page_count_field');
    spec = { style: 'page', param: pageParam, ...base, ...(total !== undefined && { total }) };
  } else if (urlField !== undefined) {
    spec = { style: 'link', ...base, nextUrl: urlField };
  }
  if (spec === undefined) return warn(`no supported combination of purposes (found ${[...params.keys(), ...fields.keys()].join(', ')})`);
  return buildModel(input, spec, 'x-stainless-pagination-property', items);
}

/** The item field marked `cursor_item_id`, else `/id`. */
function itemIdPointer(doc: Doc, schema: unknown, items: string[]): string {
  const array = items.length === 0 ? schema : schemaAtPath(doc, schema, items);
  const item = resolveSchema(doc, itemSchema(doc, array));
  for (const [name, prop] of item ? schemaProperties(doc, item) : []) {
    if (markOf(prop)?.purpose === 'cursor_item_id') return toPointer([name]);
  }
  return '/id';
}
