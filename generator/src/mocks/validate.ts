/**
 * A small JSON Schema subset validator: checks that mock data satisfies the OpenAPI schema it is
 * for (the generator uses it to tell spec examples that fit their schema from ones that do not;
 * tests use it on every default response). It covers the keywords our specs use (types incl. 3.0 `nullable` and 3.1
 * type arrays, enum/const, properties/required/additionalProperties, items/prefixItems, lengths,
 * bounds, multipleOf, pattern, common formats, allOf/anyOf/oneOf with discriminators, not, local
 * `$ref`) and reports every violation with its instance path. Not a general validator: unknown
 * keywords are ignored.
 */
import { isObject } from '../load/pointer.js';
import { matchesPattern } from './safe-pattern.js';

type Json = unknown;

function resolve(schema: unknown, document: unknown): unknown {
  let node = schema;
  for (let hops = 0; isObject(node) && typeof node['$ref'] === 'string' && hops < 32; hops++) {
    const ref = node['$ref'];
    const tokens = ref
      .slice(2)
      .split('/')
      .map((t) => decodeURIComponent(t).replace(/~1/g, '/').replace(/~0/g, '~'));
    let target: unknown = document;
    for (const t of tokens) target = isObject(target) ? target[t] : Array.isArray(target) ? target[Number(t)] : undefined;
    const { $ref: _ref, ...siblings } = node;
    node = isObject(target) && Object.keys(siblings).length > 0 ? { ...target, ...siblings } : target;
  }
  return node;
}

const FORMATS: Record<string, RegExp> = {
  'date-time': /^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/,
  date: /^\d{4}-\d{2}-\d{2}$/,
  uuid: /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i,
  email: /^[^@\s]+@[^@\s]+\.[^@\s]+$/,
  uri: /^[a-z][a-z0-9+.-]*:\S*$/i,
};

function typeOf(value: Json): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

function typeMatches(type: string, value: Json): boolean {
  const actual = typeOf(value);
  return type === actual || (type === 'number' && actual === 'integer');
}

function deepEqual(a: Json, b: Json): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

export interface ValidateOptions {
  /**
   * `exactly-one` is JSON Schema's `oneOf`; `any` accepts a value matching several branches
   * (overlapping branches are common in specs, and such a value is still fine for a client).
   * @default 'exactly-one'
   */
  readonly oneOf?: 'exactly-one' | 'any';
}

/** Every violation of `schema` by `value`, as `path: message` lines; empty when valid. */
export function validateSchema(value: Json, schema: unknown, document: unknown, options: ValidateOptions = {}, path = '$'): string[] {
  const s = resolve(schema, document);
  if (s === true || s === undefined) return [];
  if (s === false) return [`${path}: no value is allowed here`];
  if (!isObject(s)) return [`${path}: schema is not an object`];
  const errors: string[] = [];
  const fail = (message: string): void => {
    errors.push(`${path}: ${message}`);
  };

  if (value === null && s['nullable'] === true) return [];
  if (s['type'] !== undefined) {
    const types = Array.isArray(s['type']) ? (s['type'] as string[]) : [s['type'] as string];
    if (!types.some((t) => typeMatches(t, value))) {
      fail(`expected ${types.join(' | ')}, got ${typeOf(value)}`);
      return errors;
    }
  }
  if (Array.isArray(s['enum']) && !s['enum'].some((e) => deepEqual(e, value))) fail(`not one of the enum values`);
  if ('const' in s && !deepEqual(s['const'], value)) fail(`not the const value`);

  if (typeof value === 'string') {
    if (typeof s['minLength'] === 'number' && value.length < s['minLength']) fail(`shorter than ${s['minLength']}`);
    if (typeof s['maxLength'] === 'number' && value.length > s['maxLength']) fail(`longer than ${s['maxLength']}`);
    if (typeof s['pattern'] === 'string' && !matchesPattern(s['pattern'], value)) fail(`does not match ${s['pattern']}`);
    const format = typeof s['format'] === 'string' ? FORMATS[s['format']] : undefined;
    if (format !== undefined && !format.test(value)) fail(`not a valid ${String(s['format'])}`);
  }
  if (typeof value === 'number') {
    const n = (k: string): number | undefined => (typeof s[k] === 'number' ? (s[k] as number) : undefined);
    const min = n('minimum');
    const max = n('maximum');
    if (min !== undefined && (s['exclusiveMinimum'] === true ? value <= min : value < min)) fail(`below minimum ${min}`);
    if (max !== undefined && (s['exclusiveMaximum'] === true ? value >= max : value > max)) fail(`above maximum ${max}`);
    const exMin = n('exclusiveMinimum');
    const exMax = n('exclusiveMaximum');
    if (exMin !== undefined && value <= exMin) fail(`not above ${exMin}`);
    if (exMax !== undefined && value >= exMax) fail(`not below ${exMax}`);
    const step = n('multipleOf');
    if (step !== undefined && Math.abs(value / step - Math.round(value / step)) > 1e-9) fail(`not a multiple of ${step}`);
  }
  if (Array.isArray(value)) {
    if (typeof s['minItems'] === 'number' && value.length < s['minItems']) fail(`fewer than ${s['minItems']} items`);
    if (typeof s['maxItems'] === 'number' && value.length > s['maxItems']) fail(`more than ${s['maxItems']} items`);
    if (s['uniqueItems'] === true && new Set(value.map((v) => JSON.stringify(v))).size !== value.length) fail('items are not unique');
    const prefix = Array.isArray(s['prefixItems']) ? s['prefixItems'] : [];
    value.forEach((item, i) => {
      const itemSchema = i < prefix.length ? prefix[i] : s['items'];
      if (itemSchema !== undefined) errors.push(...validateSchema(item, itemSchema, document, options, `${path}[${i}]`));
    });
  }
  if (isObject(value)) {
    const properties = isObject(s['properties']) ? s['properties'] : {};
    for (const name of Array.isArray(s['required']) ? (s['required'] as string[]) : []) {
      if (!Object.hasOwn(value, name)) fail(`missing required property ${JSON.stringify(name)}`);
    }
    for (const [name, v] of Object.entries(value)) {
      if (Object.hasOwn(properties, name)) {
        errors.push(...validateSchema(v, properties[name], document, options, `${path}.${name}`));
      } else if (s['additionalProperties'] === false) {
        fail(`unexpected property ${JSON.stringify(name)}`);
      } else if (isObject(s['additionalProperties'])) {
        errors.push(...validateSchema(v, s['additionalProperties'], document, options, `${path}.${name}`));
      }
    }
    if (typeof s['minProperties'] === 'number' && Object.keys(value).length < s['minProperties']) fail(`fewer than ${s['minProperties']} properties`);
  }

  if (Array.isArray(s['allOf'])) for (const part of s['allOf']) errors.push(...validateSchema(value, part, document, options, path));
  if (Array.isArray(s['anyOf']) && !s['anyOf'].some((b) => validateSchema(value, b, document, options, path).length === 0)) {
    fail('matches no anyOf branch');
  }
  if (Array.isArray(s['oneOf'])) {
    const branches = discriminated(s, value) ?? s['oneOf'];
    const matching = branches.filter((b) => validateSchema(value, b, document, options, path).length === 0).length;
    if (matching === 0 || (matching > 1 && options.oneOf !== 'any')) fail(`matches ${matching} oneOf branches, not exactly one`);
  }
  if (s['not'] !== undefined && validateSchema(value, s['not'], document, options, path).length === 0) fail('matches the "not" schema');
  return errors;
}

/** With a discriminator, only the branch it names counts. @see https://spec.openapis.org/oas/v3.1.0#discriminator-object */
function discriminated(schema: Record<string, unknown>, value: Json): unknown[] | undefined {
  const d = schema['discriminator'];
  if (!isObject(d) || typeof d['propertyName'] !== 'string' || !isObject(value)) return undefined;
  const tag = value[d['propertyName']];
  if (typeof tag !== 'string') return undefined;
  const mapping = isObject(d['mapping']) ? d['mapping'] : {};
  const ref = typeof mapping[tag] === 'string' ? mapping[tag] : undefined;
  const branches = (schema['oneOf'] as unknown[]).filter(
    (b) => isObject(b) && typeof b['$ref'] === 'string' && (ref !== undefined ? b['$ref'] === ref : b['$ref'].endsWith(`/${tag}`)),
  );
  return branches.length > 0 ? branches : undefined;
}
