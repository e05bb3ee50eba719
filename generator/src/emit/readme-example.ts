/**
 * Example calls for the generated README: arguments with placeholder values of the right types,
 * taken from the spec (its examples first, else synthesized from the schema as the mocks are), so
 * every snippet the README shows type-checks against the SDK beside it.
 */
import { getAt, isObject, parsePointer } from '../load/pointer.js';
import { synthesize } from '../mocks/synthesize.js';
import type { OperationModel, ParamModel } from '../model.js';
import { propertyKey, stringLiteral } from './escape.js';

/** An example call longer than this is passed over for a shorter operation of the same resource. */
export const SHORT_CALL = 140;

/** Nothing usable: synthesis found no value, or a value too deep to read in a README. */
const NONE = Symbol('none');

function at(doc: object, pointer: string): unknown {
  try {
    return getAt(doc, parsePointer(pointer));
  } catch {
    return undefined;
  }
}

/** Follows local `$ref`s (bounded). */
function resolve(doc: object, node: unknown): unknown {
  let current = node;
  for (let hops = 0; hops < 32 && isObject(current) && typeof current['$ref'] === 'string'; hops++) current = at(doc, current['$ref']);
  return current;
}

/** The schema of a parameter: `schema`, else that of its one `content` entry. */
function paramSchema(doc: object, param: ParamModel): unknown {
  const p = resolve(doc, at(doc, param.pointer));
  if (!isObject(p)) return undefined;
  if (p['schema'] !== undefined) return p['schema'];
  const content = p['content'];
  const first = isObject(content) ? Object.values(content)[0] : undefined;
  return isObject(first) ? first['schema'] : undefined;
}

/** Whether a schema is a bare `type: string` (no format, enum, pattern or example to go by). */
function isPlainString(doc: object, schema: unknown): boolean {
  const s = resolve(doc, schema);
  if (!isObject(s) || s['type'] !== 'string') return false;
  return ['format', 'enum', 'pattern', 'example', 'examples', 'default', 'const'].every((k) => s[k] === undefined);
}

/** Whether a schema is a bare `type: integer` or `number` (no bounds, enum or example). */
function isPlainNumber(doc: object, schema: unknown): boolean {
  const s = resolve(doc, schema);
  if (!isObject(s) || (s['type'] !== 'integer' && s['type'] !== 'number')) return false;
  return ['enum', 'minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'multipleOf', 'example', 'examples', 'default', 'const'].every((k) => s[k] === undefined);
}

/** `properties` of a schema and of its `allOf` members (one level), by name. */
function propertiesOf(doc: object, schema: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const members = [schema, ...(Array.isArray(schema['allOf']) ? schema['allOf'].map((m) => resolve(doc, m)) : [])];
  for (const m of members) if (isObject(m) && isObject(m['properties'])) Object.assign(out, m['properties']);
  return out;
}

/**
 * Makes a synthesized value read like an example: a bare string field holds its own name
 * (`name: 'name'`, not `'string'`), a bare number 1, an empty list one item. Only where the schema
 * allows any value of that type, so the result still fits it.
 */
function humanize(doc: object, schema: unknown, value: unknown, key: string | undefined, depth = 0): unknown {
  const s = resolve(doc, schema);
  if (!isObject(s) || depth > 8) return value;
  if (typeof value === 'string' && key !== undefined && isPlainString(doc, s)) return key;
  if (value === 0 && isPlainNumber(doc, s)) return 1;
  if (Array.isArray(value)) {
    const items = s['items'];
    if (value.length === 0 && isObject(items) && s['maxItems'] !== 0) {
      const one = synthesize(items, doc, { direction: 'request', optionalDepth: 0 });
      return one === null ? value : [humanize(doc, items, one, key, depth + 1)];
    }
    return value.map((v) => humanize(doc, items, v, key, depth + 1));
  }
  if (isObject(value)) {
    const props = propertiesOf(doc, s);
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      Object.defineProperty(out, k, { value: humanize(doc, props[k], v, k, depth + 1), enumerable: true, writable: true, configurable: true });
    }
    return out;
  }
  return value;
}

/** A value for one parameter: the spec's example or a synthesized one; a bare string is named after the parameter. */
function paramValue(doc: object, param: ParamModel): unknown {
  if (param.synthesized === true) return param.name;
  const schema = paramSchema(doc, param);
  const p = resolve(doc, at(doc, param.pointer));
  if (isObject(p) && p['example'] !== undefined && typeof p['example'] !== 'object') return p['example'];
  if (schema === undefined) return NONE;
  if (isPlainString(doc, schema)) return param.name;
  // An id of 0 reads like a mistake; an unconstrained number gets 1.
  if (isPlainNumber(doc, schema)) return 1;
  const value = synthesize(schema, doc, { direction: 'request', optionalDepth: 0 });
  return value === null && !allowsNull(doc, schema) ? NONE : humanize(doc, schema, value, param.name);
}

function allowsNull(doc: object, schema: unknown): boolean {
  const s = resolve(doc, schema);
  return isObject(s) && (s['nullable'] === true || (Array.isArray(s['type']) && s['type'].includes('null')) || s['type'] === 'null');
}

/** The request body's value (required fields only), or NONE. */
function bodyValue(doc: object, op: OperationModel): unknown {
  const body = op.requestBody;
  if (body === undefined) return NONE;
  const raw = resolve(doc, at(doc, body.pointer));
  const content = isObject(raw) ? raw['content'] : undefined;
  const media = isObject(content) ? content[body.mediaType] : undefined;
  const schema = isObject(media) ? media['schema'] : undefined;
  if (body.encoding === 'binary') return 'file contents';
  if (schema === undefined) return NONE;
  const value = synthesize(schema, doc, { direction: 'request', optionalDepth: 0, useExamples: false });
  return value === null && !allowsNull(doc, schema) ? NONE : humanize(doc, schema, value, undefined);
}

/** A one-line TypeScript literal; backticks are escaped so the value cannot close a Markdown code span. */
function literal(value: unknown, depth = 0): string | typeof NONE {
  if (depth > 6) return NONE;
  if (value === null || typeof value === 'boolean') return String(value);
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : NONE;
  if (typeof value === 'string') return stringLiteral(value).replace(/`/g, '\\x60');
  if (Array.isArray(value)) {
    const items = value.map((v) => literal(v, depth + 1));
    return items.includes(NONE) ? NONE : `[${items.join(', ')}]`;
  }
  if (isObject(value)) {
    const entries = Object.entries(value).map(([k, v]) => {
      const text = literal(v, depth + 1);
      return text === NONE ? NONE : `${propertyKey(k).replace(/`/g, '\\x60')}: ${text}`;
    });
    if (entries.includes(NONE)) return NONE;
    return entries.length === 0 ? '{}' : `{ ${entries.join(', ')} }`;
  }
  return NONE;
}

/**
 * The arguments of an example call of `op` (path values, then the params object when something in
 * it is required), as TypeScript source; `undefined` when no values of the right types can be found.
 */
export function exampleArguments(doc: object, op: OperationModel): string[] | undefined {
  const args: string[] = [];
  for (const p of op.pathParams) {
    const text = literal(paramValue(doc, p));
    if (text === NONE) return undefined;
    args.push(text);
  }
  const params = exampleParams(doc, op);
  if (params === NONE) return undefined;
  if (params !== undefined) args.push(params);
  return args;
}

/** The params object with every required member, `undefined` when none is required. */
function exampleParams(doc: object, op: OperationModel): string | undefined | typeof NONE {
  const required = (ps: ParamModel[]): Record<string, unknown> | typeof NONE => {
    const out: Record<string, unknown> = {};
    for (const p of ps.filter((x) => x.required)) {
      const v = paramValue(doc, p);
      if (v === NONE) return NONE;
      Object.defineProperty(out, p.name, { value: v, enumerable: true, writable: true, configurable: true });
    }
    return out;
  };
  const query = required(op.queryParams);
  const headers = required([...op.headerParams, ...op.cookieParams]);
  if (query === NONE || headers === NONE) return NONE;
  const bodyRequired = op.requestBody?.required === true;
  const body = bodyRequired ? bodyValue(doc, op) : undefined;
  if (body === NONE) return NONE;
  let params: Record<string, unknown>;
  if (op.paramsLayout === 'nested') {
    params = {};
    if (bodyRequired) params['body'] = body;
    if (Object.keys(query).length > 0) params['query'] = query;
    Object.assign(params, headers);
  } else {
    if (bodyRequired && !isObject(body)) return NONE;
    params = { ...query, ...(isObject(body) ? body : {}), ...headers };
  }
  if (Object.keys(params).length === 0) return bodyRequired ? '{}' : undefined;
  const text = literal(params);
  return text === NONE ? NONE : text;
}
