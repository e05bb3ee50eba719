import { InvalidRequestError } from '../errors.js';
import type { PathParamSpec } from '../operation.js';
import { definedEntries, formatScalar, isRecord } from './scalar.js';

/**
 * A path template split once into literal text and parameter slots, so building a path per request
 * is a join, not a regex scan.
 */
export interface CompiledPath {
  /** `literals.length === slots.length + 1`; the path is literals[0] + value(slots[0]) + literals[1] + ... */
  readonly literals: readonly string[];
  /** For each slot: index into the positional path arguments, and its spec. */
  readonly slots: readonly { readonly arg: number; readonly spec: PathParamSpec }[];
}

/** Splits `/pets/{petId}/toys/{toyId}` into literals and slots; arguments follow `specs` order. */
export function compilePath(template: string, specs: readonly PathParamSpec[] | undefined): CompiledPath {
  const literals: string[] = [];
  const slots: { arg: number; spec: PathParamSpec }[] = [];
  const re = /\{([^{}]+)\}/g;
  let last = 0;
  let next = 0;
  for (let m = re.exec(template); m !== null; m = re.exec(template)) {
    const name = m[1] as string;
    let arg = specs?.findIndex((s) => s.name === name) ?? -1;
    // Undeclared template variables take the next positional argument, in template order.
    if (arg === -1) arg = (specs?.length ?? 0) + next++;
    literals.push(template.slice(last, m.index));
    slots.push({ arg, spec: specs?.[arg] ?? { name } });
    last = m.index + m[0].length;
  }
  literals.push(template.slice(last));
  return { literals, slots };
}

/** Fills a compiled path with positional arguments, each encoded to stay within its segment. */
export function buildPath(path: CompiledPath, args: readonly unknown[]): string {
  let out = path.literals[0] as string;
  for (let i = 0; i < path.slots.length; i++) {
    const slot = path.slots[i]!;
    out += serializePathParam(slot.spec, args[slot.arg]) + path.literals[i + 1]!;
  }
  return out;
}

/**
 * Serializes one path parameter per its OpenAPI style (simple, label, matrix) with every value
 * percent-encoded by `encodeURIComponent`, so `/`, `?`, `#` and `%` cannot leave the segment.
 *
 * Values that would make a dot segment (`.`, `..`) or an empty segment are refused: no encoding
 * helps there, since WHATWG URL parsers (fetch) treat `%2E%2E` as `..` too, and sending them would
 * address a different resource.
 * @see https://spec.openapis.org/oas/v3.1.0#style-examples
 * @see https://url.spec.whatwg.org/#double-dot-path-segment
 */
export function serializePathParam(spec: PathParamSpec, value: unknown): string {
  if (value === undefined || value === null) {
    throw new InvalidRequestError(`Missing path parameter "${spec.name}"`);
  }
  const style = spec.style ?? 'simple';
  if (style === 'simple' && (typeof value === 'string' || typeof value === 'number')) {
    return encodeSegmentValue(spec.name, value);
  }
  const explode = spec.explode ?? false;
  const name = encodeURIComponent(spec.name);
  let out: string;
  if (Array.isArray(value)) {
    const items = value.map((v) => encodeSegmentValue(spec.name, v));
    if (style === 'label') out = '.' + items.join(explode ? '.' : ',');
    else if (style === 'matrix') out = explode ? items.map((v) => `;${name}=${v}`).join('') : `;${name}=${items.join(',')}`;
    else out = items.join(',');
  } else if (isRecord(value)) {
    const entries = definedEntries(value).map(
      ([k, v]) => [encodeURIComponent(k), encodeSegmentValue(spec.name, v)] as const,
    );
    const pairs = explode ? entries.map(([k, v]) => `${k}=${v}`) : entries.map(([k, v]) => `${k},${v}`);
    if (style === 'label') out = '.' + pairs.join(explode ? '.' : ',');
    else if (style === 'matrix') out = explode ? pairs.map((p) => `;${p}`).join('') : `;${name}=${pairs.join(',')}`;
    else out = pairs.join(',');
  } else {
    const v = encodeSegmentValue(spec.name, value);
    out = style === 'label' ? `.${v}` : style === 'matrix' ? `;${name}=${v}` : v;
  }
  return out;
}

function encodeSegmentValue(name: string, value: unknown): string {
  const encoded = encodeURIComponent(formatScalar(value));
  if (encoded === '' || encoded === '.' || encoded === '..') {
    throw new InvalidRequestError(
      `Path parameter "${name}" is ${encoded === '' ? 'empty' : `"${encoded}"`}, which would address a different path`,
    );
  }
  return encoded;
}
