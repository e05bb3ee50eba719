/**
 * Makes a spec example fit its schema, keeping as much of it as possible. Real specs ship examples
 * that miss required fields or carry a string where the schema says integer (184 of GitHub's 915
 * JSON response examples do); a mock built from them would hand users' tests data their SDK types
 * say cannot happen. Fields that fit are kept as written, missing required fields are synthesized,
 * and parts of the wrong type are replaced by synthesized values.
 */
import { isObject } from '../load/pointer.js';
import { mergeAllOf } from './merge.js';
import { resolveSchema } from './resolve.js';
import { synthesize, type SynthesizeOptions } from './synthesize.js';
import { validateSchema } from './validate.js';

/** Nesting depth followed inside an example before the rest is replaced wholesale. */
const MAX_DEPTH = 32;

function fits(value: unknown, schema: unknown, document: unknown): boolean {
  return validateSchema(value, schema, document, { oneOf: 'any' }).length === 0;
}

function jsonType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

/** Whether a schema could describe a value of this JSON type (so repairing inside it makes sense). */
function sameKind(value: unknown, schema: Record<string, unknown>): boolean {
  const kind = jsonType(value);
  const stated = schema['type'];
  const types = typeof stated === 'string' ? [stated] : Array.isArray(stated) ? stated : [];
  if (types.length > 0) return types.includes(kind);
  if (kind === 'object') return 'properties' in schema || 'additionalProperties' in schema || 'required' in schema;
  if (kind === 'array') return 'items' in schema || 'prefixItems' in schema;
  return false;
}

/**
 * `example` when it already satisfies `schema` (with `oneOf` read as "at least one branch", since
 * overlapping branches are common); otherwise a repaired copy. Pure and deterministic.
 */
export function fitExample(example: unknown, schema: unknown, document: unknown, options: SynthesizeOptions = {}): unknown {
  return fit(example, schema, document, options, 0);
}

function fit(value: unknown, raw: unknown, document: unknown, options: SynthesizeOptions, depth: number): unknown {
  if (fits(value, raw, document)) return value;
  const replacement = (): unknown => synthesize(raw, document, options);
  const resolved = resolveSchema(raw, document);
  if (resolved === undefined || typeof resolved.schema === 'boolean' || depth > MAX_DEPTH) return replacement();
  let schema = resolved.schema;
  if (Array.isArray(schema['allOf'])) schema = mergeAllOf(schema, document).schema;
  const branches = [schema['oneOf'], schema['anyOf']].find(Array.isArray);
  if (branches !== undefined) {
    const { oneOf: _oneOf, anyOf: _anyOf, ...rest } = schema;
    // Repair against the first branch of the example's kind, with the shared keywords applied.
    for (const branch of branches) {
      const target = resolveSchema(branch, document)?.schema;
      const merged = isObject(target) ? mergeAllOf({ ...rest, allOf: [target] }, document).schema : undefined;
      if (merged !== undefined && sameKind(value, merged)) return fit(value, merged, document, options, depth + 1);
    }
    return replacement();
  }
  if (!sameKind(value, schema)) return replacement();
  if (Array.isArray(value)) return fitArray(value, schema, document, options, depth);
  if (isObject(value)) return fitObject(value, schema, document, options, depth);
  return replacement();
}

function fitArray(value: unknown[], schema: Record<string, unknown>, document: unknown, options: SynthesizeOptions, depth: number): unknown {
  const prefix = Array.isArray(schema['prefixItems']) ? schema['prefixItems'] : [];
  const itemSchema = (i: number): unknown => (i < prefix.length ? prefix[i] : (schema['items'] ?? {}));
  const max = typeof schema['maxItems'] === 'number' ? schema['maxItems'] : Infinity;
  const min = typeof schema['minItems'] === 'number' ? schema['minItems'] : 0;
  const items = value.slice(0, max).map((item, i) => fit(item, itemSchema(i), document, options, depth + 1));
  for (let i = items.length; i < min; i++) items.push(synthesize(itemSchema(i), document, { ...options, variant: i }));
  return items;
}

function fitObject(
  value: Record<string, unknown>,
  schema: Record<string, unknown>,
  document: unknown,
  options: SynthesizeOptions,
  depth: number,
): unknown {
  const properties = isObject(schema['properties']) ? schema['properties'] : {};
  const extra = schema['additionalProperties'];
  const out: Record<string, unknown> = {};
  const set = (name: string, v: unknown): void => {
    Object.defineProperty(out, name, { value: v, enumerable: true, writable: true, configurable: true });
  };
  for (const [name, v] of Object.entries(value)) {
    if (Object.hasOwn(properties, name)) set(name, fit(v, properties[name], document, options, depth + 1));
    else if (isObject(extra)) set(name, fit(v, extra, document, options, depth + 1));
    else if (extra !== false) set(name, v);
  }
  const required = Array.isArray(schema['required']) ? schema['required'].filter((r): r is string => typeof r === 'string') : [];
  for (const name of required) {
    if (Object.hasOwn(out, name)) continue;
    set(name, synthesize(Object.hasOwn(properties, name) ? properties[name] : isObject(extra) ? extra : { type: 'string' }, document, options));
  }
  return out;
}
