/**
 * Deterministic example synthesis: a JSON value that satisfies a schema, built only from the
 * schema (and the examples it carries), so the same spec always gives the same mock data.
 *
 * Covers what real specs use: `example` / `examples` / `default` / `const`, `enum`, string formats,
 * numeric bounds and `multipleOf`, string and array lengths, required and optional properties,
 * `additionalProperties`, `allOf` (merged), `oneOf` / `anyOf` (first usable branch, with the
 * discriminator value filled in), OpenAPI 3.0 `nullable` and 3.1 type arrays. Recursive schemas
 * are cut where a `$ref` repeats on the current path, and optional fields are left out below
 * {@link SynthesizeOptions.optionalDepth} so that large specs give small mocks.
 */
import { isObject } from '../load/pointer.js';
import { formatVariant } from './formats.js';
import { mergeAllOf } from './merge.js';
import { patternSample } from './pattern.js';
import { matchesPattern } from './safe-pattern.js';
import { resolveSchema } from './resolve.js';
import { validateSchema } from './validate.js';

/** Knobs of {@link synthesize}; the defaults suit mocks of large specs. */
export interface SynthesizeOptions {
  /** Nesting depth down to which optional properties are filled in; below it only required ones. @default 3 */
  readonly optionalDepth?: number;
  /** Nesting depth at which synthesis stops (the value is left out where the schema allows). @default 24 */
  readonly maxDepth?: number;
  /**
   * `response` leaves out `writeOnly` properties, `request` leaves out `readOnly` ones (unless required).
   * @default 'response'
   * @see https://spec.openapis.org/oas/v3.0.3#fixed-fields-19
   */
  readonly direction?: 'response' | 'request';
  /** Use `example`, `examples`, `default` found in schemas. @default true */
  readonly useExamples?: boolean;
  /**
   * Which of several distinct values to produce (0 is the plainest). Arrays give their items
   * consecutive variants, so `uniqueItems` holds and ids differ.
   * @default 0
   */
  readonly variant?: number;
}

/** Marks "no value can be produced here" (recursion cut, `false` schema); never escapes this module. */
const NOTHING: unique symbol = Symbol('nothing');
type Produced = unknown;

interface Context {
  readonly document: unknown;
  readonly optionalDepth: number;
  readonly maxDepth: number;
  readonly direction: 'response' | 'request';
  readonly useExamples: boolean;
  /** Schema nodes visited so far; bounded by {@link MAX_STEPS}. */
  steps: number;
}

/**
 * Schema nodes one synthesis may visit. Depth alone does not bound the work: wide, deeply nested
 * `allOf`/`oneOf` graphs (beezup.com's spec in APIs.guru) grow exponentially below `maxDepth`.
 * Past the budget, values are left out (or `null`) as at `maxDepth`.
 */
const MAX_STEPS = 20_000;

interface Position {
  readonly depth: number;
  /** `$ref`s being expanded on the way to this node: meeting one again is recursion. */
  readonly refs: readonly string[];
  readonly variant: number;
}

/**
 * Produces a JSON value for `schema` (which may be a `$ref`) inside `document`. Pure and
 * deterministic. Returns `null` when the schema admits no finite value we can find (a required
 * field that recurses forever, a `false` schema).
 */
export function synthesize(schema: unknown, document: unknown, options: SynthesizeOptions = {}): unknown {
  const context: Context = {
    document,
    optionalDepth: options.optionalDepth ?? 3,
    maxDepth: options.maxDepth ?? 24,
    direction: options.direction ?? 'response',
    useExamples: options.useExamples ?? true,
    steps: 0,
  };
  const value = produce(schema, context, { depth: 0, refs: [], variant: options.variant ?? 0 });
  return value === NOTHING ? null : value;
}

function produce(raw: unknown, context: Context, at: Position): Produced {
  context.steps += 1;
  if (at.depth > context.maxDepth || context.steps > MAX_STEPS) return allowsNull(raw, context) ? null : NOTHING;
  const resolved = resolveSchema(raw, context.document);
  if (resolved === undefined) return NOTHING;
  if (resolved.refs.some((ref) => at.refs.includes(ref))) {
    return allowsNull(raw, context) ? null : NOTHING;
  }
  if (resolved.schema === true) return {};
  if (resolved.schema === false) return NOTHING;
  let schema = resolved.schema;
  let refs = resolved.refs.length === 0 ? at.refs : [...at.refs, ...resolved.refs];
  if (Array.isArray(schema['allOf'])) {
    const merged = mergeAllOf(schema, context.document);
    if (merged.refs.some((ref) => refs.includes(ref))) return allowsNull(schema, context) ? null : NOTHING;
    schema = merged.schema;
    refs = [...refs, ...merged.refs];
  }
  const here: Position = { ...at, refs };

  if (context.useExamples) {
    const example = embeddedExample(schema, context.document);
    if (example !== NOTHING) return example;
  }
  if (Array.isArray(schema['enum']) && schema['enum'].length > 0) {
    const values = schema['enum'].filter((v) => v !== null);
    return values.length === 0 ? null : values[here.variant % values.length];
  }
  const branches = Array.isArray(schema['oneOf']) ? schema['oneOf'] : Array.isArray(schema['anyOf']) ? schema['anyOf'] : undefined;
  if (branches !== undefined) return produceBranch(schema, branches, context, here);

  const type = primaryType(schema);
  switch (type) {
    case 'null':
      return null;
    case 'string':
      return produceString(schema, here.variant);
    case 'integer':
    case 'number':
      return produceNumber(schema, type, here.variant);
    case 'boolean':
      return true;
    case 'array':
      return produceArray(schema, context, here);
    case 'object':
      return produceObject(schema, context, here);
    default:
      return {};
  }
}

/**
 * `const`, else the first of `example` (3.0), `examples` (3.1) and `default` that fits the schema's
 * own type and enum: specs often carry an `example: null` on a non-nullable field, or an array
 * example on the item schema, and a mock should not repeat those mistakes.
 */
function embeddedExample(schema: Record<string, unknown>, document: unknown): Produced {
  if ('const' in schema) return schema['const'];
  const candidates: unknown[] = [];
  if ('example' in schema) candidates.push(schema['example']);
  if (Array.isArray(schema['examples'])) candidates.push(...(schema['examples'] as unknown[]));
  if ('default' in schema) candidates.push(schema['default']);
  for (const value of candidates) {
    // Checked in depth: a whole-object example with one ill-typed field, or a date-time example on
    // a `format: date` field, is common; synthesis (which still uses the fields' own examples) does better.
    if (fitsShallowly(value, schema) && validateSchema(value, schema, document, { oneOf: 'any' }).length === 0) return value;
  }
  return NOTHING;
}

function jsonType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

/** Type, nullability and enum of the schema itself (not its children, not composition). */
function fitsShallowly(value: unknown, schema: Record<string, unknown>): boolean {
  if (value === undefined) return false;
  if (Array.isArray(schema['enum']) && !schema['enum'].some((e) => JSON.stringify(e) === JSON.stringify(value))) return false;
  const stated = schema['type'];
  const types = typeof stated === 'string' ? [stated] : Array.isArray(stated) ? stated : [];
  const actual = jsonType(value);
  if (actual === 'null') return types.length === 0 || types.includes('null') || schema['nullable'] === true || schema['enum'] !== undefined;
  if (types.length === 0) return true;
  return types.includes(actual) || (actual === 'integer' && types.includes('number'));
}

/** The first non-null type, stated or inferred from the keywords present. */
function primaryType(schema: Record<string, unknown>): string | undefined {
  const stated = schema['type'];
  if (typeof stated === 'string') return stated;
  if (Array.isArray(stated)) {
    const types = stated.filter((t): t is string => typeof t === 'string');
    return types.find((t) => t !== 'null') ?? types[0];
  }
  if ('properties' in schema || 'additionalProperties' in schema || 'required' in schema) return 'object';
  if ('items' in schema || 'prefixItems' in schema) return 'array';
  if ('minimum' in schema || 'maximum' in schema || 'multipleOf' in schema) return 'number';
  if ('format' in schema || 'pattern' in schema || 'minLength' in schema || 'maxLength' in schema) return 'string';
  return undefined;
}

/** Whether `null` is a valid instance: 3.0 `nullable`, a 3.1 type array, a null branch or enum member. */
function allowsNull(raw: unknown, context: Context): boolean {
  const direct = isObject(raw) ? raw : undefined;
  const target = resolveSchema(raw, context.document)?.schema;
  return [direct, isObject(target) ? target : undefined].some((schema) => {
    if (schema === undefined) return false;
    if (schema['nullable'] === true || schema['type'] === 'null') return true;
    if (Array.isArray(schema['type']) && schema['type'].includes('null')) return true;
    if (Array.isArray(schema['enum']) && schema['enum'].includes(null)) return true;
    const branches = [schema['oneOf'], schema['anyOf']].flatMap((b) => (Array.isArray(b) ? b : []));
    return branches.some((b) => isObject(b) && (b['type'] === 'null' || (b['enum'] as unknown[] | undefined)?.includes(null) === true));
  });
}

function produceBranch(
  schema: Record<string, unknown>,
  branches: unknown[],
  context: Context,
  at: Position,
): Produced {
  const { oneOf: _oneOf, anyOf: _anyOf, discriminator, ...rest } = schema;
  // Sibling keywords (shared properties, `type: object`) apply to every branch.
  const shared = Object.keys(rest).some((k) => ['properties', 'required', 'type', 'additionalProperties'].includes(k));
  // Prefer a non-null branch: a mock of `Pet | null` is more useful as a Pet.
  const ordered = [...branches.filter((b) => !isNullSchema(b)), ...branches.filter(isNullSchema)];
  for (const branch of ordered) {
    const value = produce(shared ? { allOf: [rest, branch] } : branch, context, at);
    if (value === NOTHING) continue;
    return withDiscriminator(value, discriminator, branch, context);
  }
  return NOTHING;
}

function isNullSchema(schema: unknown): boolean {
  return isObject(schema) && schema['type'] === 'null';
}

/**
 * Sets the discriminator property to the value naming the chosen branch (its `mapping` key, else
 * the referenced schema's name), unless the branch already fixed it with `enum` or `const`.
 * @see https://spec.openapis.org/oas/v3.1.0#discriminator-object
 */
function withDiscriminator(value: Produced, discriminator: unknown, branch: unknown, context: Context): Produced {
  if (!isObject(discriminator) || typeof discriminator['propertyName'] !== 'string') return value;
  if (!isObject(value) || !isObject(branch) || typeof branch['$ref'] !== 'string') return value;
  const name = discriminator['propertyName'];
  const ref = branch['$ref'];
  const target = resolveSchema(branch, context.document)?.schema;
  const property = isObject(target) && isObject(target['properties']) ? target['properties'][name] : undefined;
  if (isObject(property) && ('enum' in property || 'const' in property)) return value;
  const mapping = isObject(discriminator['mapping']) ? discriminator['mapping'] : {};
  const key = Object.entries(mapping).find(([, to]) => to === ref)?.[0] ?? ref.slice(ref.lastIndexOf('/') + 1);
  return { ...value, [name]: key };
}

function produceString(schema: Record<string, unknown>, variant: number): string {
  const format = typeof schema['format'] === 'string' ? schema['format'] : undefined;
  const pattern = typeof schema['pattern'] === 'string' ? schema['pattern'] : undefined;
  const sample = formatVariant(format, variant);
  if (sample !== undefined && (pattern === undefined || matches(pattern, sample))) return sample;
  const fromPattern = pattern === undefined ? undefined : patternSample(pattern);
  if (fromPattern !== undefined) return fromPattern;
  let text = variant === 0 ? 'string' : `string${variant}`;
  const min = typeof schema['minLength'] === 'number' ? schema['minLength'] : 0;
  const max = typeof schema['maxLength'] === 'number' ? schema['maxLength'] : Infinity;
  if (text.length < min) text = text.padEnd(min, 'x');
  if (text.length > max) text = text.slice(0, max);
  return text;
}

function matches(pattern: string, text: string): boolean {
  return matchesPattern(pattern, text);
}

/** The smallest value >= the variant that fits `minimum`/`maximum` (3.0 and 3.1 exclusive forms) and `multipleOf`. */
function produceNumber(schema: Record<string, unknown>, type: 'integer' | 'number', variant: number): number {
  const num = (key: string): number | undefined => (typeof schema[key] === 'number' ? (schema[key] as number) : undefined);
  let low = num('minimum');
  let high = num('maximum');
  let lowOpen = schema['exclusiveMinimum'] === true;
  let highOpen = schema['exclusiveMaximum'] === true;
  const exMin = num('exclusiveMinimum');
  const exMax = num('exclusiveMaximum');
  if (exMin !== undefined && (low === undefined || exMin >= low)) [low, lowOpen] = [exMin, true];
  if (exMax !== undefined && (high === undefined || exMax <= high)) [high, highOpen] = [exMax, true];
  const step = num('multipleOf') ?? (type === 'integer' ? 1 : undefined);
  let value = variant;
  if (low !== undefined && (value < low || (lowOpen && value <= low))) {
    value = lowOpen ? (step !== undefined ? low + step : high !== undefined ? (low + high) / 2 : low + 1) : low;
  }
  if (high !== undefined && (value > high || (highOpen && value >= high))) {
    value = highOpen ? (step !== undefined ? high - step : low !== undefined ? (low + high) / 2 : high - 1) : high;
  }
  if (step !== undefined && step > 0) {
    const up = Math.ceil(value / step) * step;
    const fixed = high !== undefined && (up > high || (highOpen && up >= high)) ? Math.floor(value / step) * step : up;
    // Keep binary floating point noise (0.1 * 3) out of the mock.
    value = Number(fixed.toPrecision(12));
  }
  return type === 'integer' ? Math.ceil(value) : value;
}

function produceArray(schema: Record<string, unknown>, context: Context, at: Position): Produced {
  const min = typeof schema['minItems'] === 'number' ? schema['minItems'] : 0;
  const max = typeof schema['maxItems'] === 'number' ? schema['maxItems'] : Infinity;
  // One item shows the shape; below the optional depth only what minItems demands.
  const count = Math.min(max, Math.max(min, at.depth < context.optionalDepth ? 1 : 0));
  const prefix = Array.isArray(schema['prefixItems']) ? schema['prefixItems'] : [];
  const items: unknown[] = [];
  for (let i = 0; i < count; i++) {
    const itemSchema = i < prefix.length ? prefix[i] : (schema['items'] ?? {});
    const value = produce(itemSchema, context, { depth: at.depth + 1, refs: at.refs, variant: at.variant + i });
    if (value === NOTHING) return items.length >= min ? items : NOTHING;
    items.push(value);
  }
  return items;
}

function produceObject(schema: Record<string, unknown>, context: Context, at: Position): Produced {
  const properties = isObject(schema['properties']) ? schema['properties'] : {};
  const required = new Set(Array.isArray(schema['required']) ? schema['required'].filter((r) => typeof r === 'string') : []);
  const fillOptional = at.depth < context.optionalDepth;
  const skipped = context.direction === 'response' ? 'writeOnly' : 'readOnly';
  const next: Position = { depth: at.depth + 1, refs: at.refs, variant: at.variant };
  const value: Record<string, unknown> = {};
  const set = (name: string, v: unknown): void => {
    // Own data property even for `__proto__`: spec names are data, never prototype changes.
    Object.defineProperty(value, name, { value: v, enumerable: true, writable: true, configurable: true });
  };
  for (const [name, sub] of Object.entries(properties)) {
    const isRequired = required.has(name);
    if (!isRequired && !fillOptional) continue;
    const target = resolveSchema(sub, context.document)?.schema;
    if (!isRequired && isObject(target) && target[skipped] === true) continue;
    const v = produce(sub, context, next);
    if (v !== NOTHING) set(name, v);
    else if (isRequired) return NOTHING;
  }
  const extra = schema['additionalProperties'];
  const extraSchema = isObject(extra) ? extra : extra === true ? {} : undefined;
  for (const name of required) {
    if (Object.hasOwn(properties, name)) continue;
    const v = extraSchema === undefined ? 'string' : produce(extraSchema, context, next);
    if (v === NOTHING) return NOTHING;
    set(name, v);
  }
  const minProperties = typeof schema['minProperties'] === 'number' ? schema['minProperties'] : 0;
  if (isObject(extra) && Object.keys(properties).length === 0 && (fillOptional || minProperties > 0)) {
    for (let i = Object.keys(value).length; i < Math.max(1, minProperties); i++) {
      const v = produce(extra, context, { ...next, variant: at.variant + i });
      if (v === NOTHING) break;
      set(i === 0 ? 'key' : `key${i}`, v);
    }
  }
  return value;
}
