/** Finding the item array and paging fields of a list response by name. */
import { isArraySchema, isBooleanSchema, isIntegerSchema, isStringLike, resolveSchema, schemaProperties, type Doc } from './schema.js';

/** Item-array property names, most telling first. */
const ITEM_ARRAYS = ['data', 'items', 'results', 'records', 'entries', 'values', 'value', 'list', 'elements', 'nodes', 'objects', 'hits', 'rows'];
/** Objects that may wrap the item array (`{ data: { items: [...] } }`). */
const ITEM_WRAPPERS = ['data', 'result', 'response', 'page'];
/** Objects that may hold paging fields (`{ meta: { next_cursor } }`). */
const META_OBJECTS = ['meta', 'pagination', 'paging', 'page_info', 'pageInfo', 'response_metadata', 'cursors', 'cursor', 'links', 'page', '_meta', 'metadata'];

/**
 * The path to the item array: `[]` for a top-level array; a preferred name, else the only array
 * property, else the same one level down in a `data`/`result` wrapper. `undefined` when there is none
 * or it is ambiguous.
 */
export function findItemsPath(doc: Doc, schema: unknown): string[] | undefined {
  if (schema === undefined) return undefined;
  if (isArraySchema(doc, schema)) return [];
  const inObject = (node: unknown): string[] | undefined => {
    const arrays = [...schemaProperties(doc, node)].filter(([, s]) => isArraySchema(doc, s)).map(([name]) => name);
    const preferred = ITEM_ARRAYS.find((n) => arrays.includes(n));
    if (preferred !== undefined) return [preferred];
    return arrays.length === 1 ? arrays : undefined;
  };
  const direct = inObject(schema);
  if (direct !== undefined) return direct;
  const props = schemaProperties(doc, schema);
  for (const wrapper of ITEM_WRAPPERS) {
    const inner = props.get(wrapper);
    if (inner === undefined) continue;
    const nested = inObject(inner);
    if (nested !== undefined) return [wrapper, ...nested];
  }
  return undefined;
}

export type FieldKind = 'string' | 'boolean' | 'integer';

function matches(doc: Doc, schema: unknown, kind: FieldKind): boolean {
  if (kind === 'boolean') return isBooleanSchema(doc, schema);
  if (kind === 'integer') return isIntegerSchema(doc, schema);
  return isStringLike(doc, schema) && !isArraySchema(doc, schema) && resolveSchema(doc, schema)?.properties === undefined;
}

/**
 * The first of `names` found as a field of the right kind: at the top level, then inside a meta object
 * (`meta`, `pagination`, `page_info`, ...), optionally only inside `within` (a meta object already found).
 */
export function findField(doc: Doc, schema: unknown, names: readonly string[], kind: FieldKind, within?: string): string[] | undefined {
  const top = schemaProperties(doc, schema);
  if (within === undefined) {
    for (const name of names) {
      const s = top.get(name);
      if (s !== undefined && matches(doc, s, kind)) return [name];
    }
  }
  for (const meta of within === undefined ? META_OBJECTS : [within]) {
    const m = top.get(meta);
    if (m === undefined) continue;
    const inner = schemaProperties(doc, m);
    for (const name of names) {
      const s = inner.get(name);
      if (s !== undefined && matches(doc, s, kind)) return [meta, name];
    }
  }
  return undefined;
}
