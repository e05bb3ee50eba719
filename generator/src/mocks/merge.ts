/**
 * `allOf` flattening for example synthesis: the parts of an `allOf` become one schema whose
 * instances satisfy every part in the common cases (object composition, a base type plus
 * constraints). It is not a general JSON Schema intersection, which is undecidable in general.
 */
import { isObject } from '../load/pointer.js';
import { resolveSchema } from './resolve.js';

/** Keywords whose values combine instead of the first part winning. */
const MERGED = new Set(['properties', 'required', 'allOf']);

/** An example of one part rarely fits the whole (it lacks the other parts' fields), so parts' examples are dropped. */
const PART_ONLY = new Set(['example', 'examples', 'default']);

/**
 * Merges `schema.allOf` (resolving `$ref` parts) into one schema without `allOf`. Nested `allOf`
 * in parts is flattened too, up to `depth` levels. Returns the refs passed through, so the caller
 * can bound recursion across them.
 *
 * - `properties`: union; a property defined by several parts becomes `{ allOf: [...] }` of them;
 * - `required`: union, in first-seen order;
 * - any other keyword: the outer schema's value, else the first part that has it.
 */
export function mergeAllOf(
  schema: Record<string, unknown>,
  document: unknown,
  depth = 8,
): { schema: Record<string, unknown>; refs: string[] } {
  const parts = Array.isArray(schema['allOf']) ? schema['allOf'] : [];
  const { allOf: _allOf, ...outer } = schema;
  const merged: Record<string, unknown> = { ...outer };
  const properties: Record<string, unknown[]> = {};
  const required: string[] = [];
  const refs: string[] = [];
  const take = (part: Record<string, unknown>, isOuter: boolean): void => {
    if (isObject(part['properties'])) {
      for (const [name, sub] of Object.entries(part['properties'])) {
        (properties[name] ??= []).push(sub);
      }
    }
    if (Array.isArray(part['required'])) {
      for (const name of part['required']) if (typeof name === 'string' && !required.includes(name)) required.push(name);
    }
    for (const [key, value] of Object.entries(part)) {
      if (MERGED.has(key) || key in merged || (!isOuter && PART_ONLY.has(key))) continue;
      merged[key] = value;
    }
  };
  take(outer, true);
  for (const raw of parts) {
    const resolved = resolveSchema(raw, document);
    if (resolved === undefined || typeof resolved.schema === 'boolean') continue;
    refs.push(...resolved.refs);
    let part = resolved.schema;
    if (Array.isArray(part['allOf']) && depth > 0) {
      const inner = mergeAllOf(part, document, depth - 1);
      refs.push(...inner.refs);
      part = inner.schema;
    }
    take(part, false);
  }
  const names = Object.keys(properties);
  if (names.length > 0) {
    merged['properties'] = Object.fromEntries(
      names.map((name) => {
        const subs = properties[name]!;
        return [name, subs.length === 1 ? subs[0] : { allOf: subs }];
      }),
    );
  }
  if (required.length > 0) merged['required'] = required;
  return { schema: merged, refs };
}
