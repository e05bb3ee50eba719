/** Following local `$ref`s and flattening `allOf` in the bundled document. */
import { getAt, isObject, parsePointer } from '../load/pointer.js';

/** Longest `$ref` chain followed before giving up (a loop of aliases). */
const MAX_HOPS = 32;

/** The node a (possibly `$ref`) node stands for; `undefined` when a ref dangles or loops. */
export function deref(doc: Record<string, unknown>, node: unknown): unknown {
  let current = node;
  for (let hops = 0; isObject(current) && typeof current.$ref === 'string'; hops++) {
    if (hops >= MAX_HOPS || !current.$ref.startsWith('#')) return undefined;
    try {
      current = getAt(doc, parsePointer(current.$ref));
    } catch {
      return undefined;
    }
  }
  return current;
}

/** What a schema says about being a JSON object, after following refs and merging `allOf`. */
export interface ObjectShape {
  isObject: boolean;
  propertyNames: string[];
}

/**
 * Reads object-ness and property names from `schema`, merging `allOf` members and `oneOf`/`anyOf`
 * unions whose every variant is an object (cycle-safe, depth-bounded).
 */
export function objectShape(doc: Record<string, unknown>, schema: unknown, depth = 0): ObjectShape {
  if (depth > 16) return { isObject: false, propertyNames: [] };
  const names: string[] = [];
  const seen = new Set<unknown>();
  let isObj = false;
  const visit = (node: unknown, depth: number): void => {
    const s = deref(doc, node);
    if (!isObject(s) || seen.has(s) || depth > 16) return;
    seen.add(s);
    const type = s.type;
    if (type === 'object' || (Array.isArray(type) && type.includes('object') && !type.includes('array'))) isObj = true;
    if (isObject(s.properties)) {
      isObj = true;
      for (const name of Object.keys(s.properties)) if (!names.includes(name)) names.push(name);
    }
    if (Array.isArray(s.allOf)) for (const member of s.allOf) visit(member, depth + 1);
    // A union of objects is still an object body; its fields are the union of the variants' fields.
    // Unions are looked into only near the top, so nested or cyclic unions cannot blow up.
    for (const variants of depth < 3 ? [s.oneOf, s.anyOf] : []) {
      if (!Array.isArray(variants) || variants.length === 0) continue;
      const shapes = variants.map((v) => objectShape(doc, v, depth + 1));
      if (!shapes.every((sh) => sh.isObject)) continue;
      isObj = true;
      for (const sh of shapes) for (const name of sh.propertyNames) if (!names.includes(name)) names.push(name);
    }
  };
  visit(schema, depth);
  return { isObject: isObj, propertyNames: names };
}
