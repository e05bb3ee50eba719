/** Just enough schema reading for pagination: properties through `$ref` and `allOf`, arrays, pointers. */
import { isObject } from '../load/pointer.js';
import { deref } from '../normalize/refs.js';

export type Doc = Record<string, unknown>;
type Schema = Record<string, unknown>;

/** The schema a (possibly `$ref`) node stands for, or `undefined`. */
export function resolveSchema(doc: Doc, node: unknown): Schema | undefined {
  const s = deref(doc, node);
  return isObject(s) ? s : undefined;
}

/** Properties of an object schema, `allOf` members merged (first declaration wins). */
export function schemaProperties(doc: Doc, node: unknown): Map<string, Schema> {
  const props = new Map<string, Schema>();
  const seen = new Set<unknown>();
  const visit = (n: unknown, depth: number): void => {
    const s = resolveSchema(doc, n);
    if (!s || seen.has(s) || depth > 16) return;
    seen.add(s);
    if (isObject(s.properties)) {
      for (const [name, p] of Object.entries(s.properties)) {
        const resolved = resolveSchema(doc, p);
        if (resolved && !props.has(name)) props.set(name, resolved);
      }
    }
    if (Array.isArray(s.allOf)) for (const m of s.allOf) visit(m, depth + 1);
  };
  visit(node, 0);
  return props;
}

function hasType(s: Schema, type: string): boolean {
  return s.type === type || (Array.isArray(s.type) && s.type.includes(type));
}

/** An array schema (`type: array`, or `items` without `properties`). */
export function isArraySchema(doc: Doc, node: unknown): boolean {
  const s = resolveSchema(doc, node);
  if (!s) return false;
  return hasType(s, 'array') || (s.items !== undefined && s.properties === undefined && s.type === undefined);
}

export function isBooleanSchema(doc: Doc, node: unknown): boolean {
  const s = resolveSchema(doc, node);
  return s !== undefined && hasType(s, 'boolean');
}

export function isIntegerSchema(doc: Doc, node: unknown): boolean {
  const s = resolveSchema(doc, node);
  return s !== undefined && (hasType(s, 'integer') || hasType(s, 'number'));
}

/** A string (or untyped) schema: cursors are strings, but specs often leave them untyped. */
export function isStringLike(doc: Doc, node: unknown): boolean {
  const s = resolveSchema(doc, node);
  if (s === undefined) return true;
  if (s.type === undefined) return true;
  return hasType(s, 'string') || hasType(s, 'integer');
}

/** A string field holding a URL (`format: uri` / `uri-reference`). */
export function isUrlSchema(doc: Doc, node: unknown): boolean {
  const s = resolveSchema(doc, node);
  return s !== undefined && (s.format === 'uri' || s.format === 'uri-reference' || s.format === 'url');
}

/** The schema of an array's items. */
export function itemSchema(doc: Doc, node: unknown): unknown {
  return resolveSchema(doc, node)?.items;
}

/** The schema at a property path (`['meta', 'next']`), or `undefined` when it is not declared. */
export function schemaAtPath(doc: Doc, node: unknown, path: readonly string[]): Schema | undefined {
  let current = resolveSchema(doc, node);
  for (const name of path) {
    if (!current) return undefined;
    current = schemaProperties(doc, current).get(name);
  }
  return current;
}

/** `['meta', 'a/b']` -> `/meta/a~1b` (RFC 6901, no leading `#`). */
export function toPointer(path: readonly string[]): string {
  return path.map((t) => `/${t.replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');
}

/** `/meta/a~1b` -> `['meta', 'a/b']`; `''` -> `[]`; `undefined` when not a pointer. */
export function fromPointer(pointer: string): string[] | undefined {
  const p = pointer.startsWith('#') ? pointer.slice(1) : pointer;
  if (p === '') return [];
  if (!p.startsWith('/')) return undefined;
  return p
    .slice(1)
    .split('/')
    .map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'));
}
