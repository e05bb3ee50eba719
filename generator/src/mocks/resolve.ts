/**
 * Local `$ref` resolution over the bundled document, for the example synthesizer. The loader has
 * already turned every external reference into a local one (`#/components/schemas/Pet`), so only
 * same-document pointers are followed here.
 */
import { getAt, isObject, parsePointer } from '../load/pointer.js';

/** A JSON Schema as found in an OpenAPI document: an object, or `true` / `false` (3.1). */
export type Schema = Record<string, unknown> | boolean;

/** Longest `$ref` chain followed before giving up (`A -> B -> A` would otherwise never end). */
const MAX_REF_CHAIN = 32;

/**
 * Follows `$ref` until a schema without one, collecting the pointers passed through so callers can
 * bound recursion. A dangling or non-local reference resolves to `undefined` (the validator has
 * already reported it; synthesis just produces nothing for it).
 *
 * OpenAPI 3.1 allows siblings next to `$ref`; they are kept, with the target's keywords as defaults.
 */
export function resolveSchema(
  schema: unknown,
  document: unknown,
): { schema: Schema; refs: string[] } | undefined {
  const refs: string[] = [];
  let node = schema;
  let siblings: Record<string, unknown> = {};
  while (isObject(node) && typeof node['$ref'] === 'string') {
    const ref = node['$ref'];
    if (!ref.startsWith('#') || refs.length >= MAX_REF_CHAIN || refs.includes(ref)) return undefined;
    const { $ref: _ref, ...rest } = node;
    siblings = { ...rest, ...siblings };
    refs.push(ref);
    let target: unknown;
    try {
      target = getAt(document, parsePointer(ref));
    } catch {
      return undefined;
    }
    node = target;
  }
  if (typeof node === 'boolean') return { schema: node, refs };
  if (!isObject(node)) return undefined;
  return { schema: Object.keys(siblings).length === 0 ? node : { ...node, ...siblings }, refs };
}
