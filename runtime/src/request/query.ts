import type { ParamSpec } from '../operation.js';
import { contentText } from './content.js';
import { definedEntries, formatScalar, isRecord } from './scalar.js';

/**
 * Percent-encodes a query name or value. With `allowReserved`, RFC 3986 reserved characters stay
 * as they are, except `&`, `=`, `#` and `+`, which would change how the query string parses.
 * @see https://spec.openapis.org/oas/v3.1.0#parameter-object (allowReserved)
 */
export function encodeQueryComponent(value: string, allowReserved = false): string {
  const encoded = encodeURIComponent(value);
  return allowReserved ? encoded.replace(/%(3A|2F|3F|5B|5D|40|21|24|27|28|29|2A|2C|3B)/gi, decodeURIComponent) : encoded;
}

/**
 * Appends `name=value` pairs for one query parameter to `out`, per OpenAPI `style` / `explode`:
 * form (default, explode default true), spaceDelimited, pipeDelimited, deepObject.
 * `undefined` (and empty arrays) add nothing; `null` adds `name=`.
 * @param name `spec.name` encoded; `prepareRequest` passes it precomputed per operation.
 * @see https://spec.openapis.org/oas/v3.1.0#style-examples
 */
export function appendQueryParam(
  out: string[],
  spec: ParamSpec,
  value: unknown,
  name: string = encodeQueryComponent(spec.name, spec.allowReserved ?? false),
): void {
  if (value === undefined) return;
  const reserved = spec.allowReserved ?? false;
  if (spec.content !== undefined) {
    out.push(`${name}=${encodeQueryComponent(contentText(spec.content, value), reserved)}`);
    return;
  }
  // Scalars are the common case and serialize the same in every style.
  if (typeof value !== 'object' || value === null || value instanceof Date) {
    out.push(`${name}=${encodeQueryComponent(formatScalar(value), reserved)}`);
    return;
  }
  const style = spec.style ?? 'form';
  const explode = spec.explode ?? style === 'form';
  const enc = (s: string): string => encodeQueryComponent(s, reserved);
  if (Array.isArray(value)) {
    const items = value.filter((v) => v !== undefined).map((v) => enc(formatScalar(v)));
    if (items.length === 0) return;
    if (style === 'deepObject') {
      for (const v of items) out.push(`${name}%5B%5D=${v}`);
    } else if (explode) {
      for (const v of items) out.push(`${name}=${v}`);
    } else {
      out.push(`${name}=${items.join(delimiter(style))}`);
    }
    return;
  }
  if (isRecord(value)) {
    if (style === 'deepObject') {
      appendDeep(out, name, value, enc);
      return;
    }
    const entries = definedEntries(value);
    if (explode) {
      for (const [k, v] of entries) out.push(`${enc(k)}=${enc(formatScalar(v))}`);
    } else if (entries.length > 0) {
      const flat = entries.flatMap(([k, v]) => [enc(k), enc(formatScalar(v))]);
      out.push(`${name}=${flat.join(delimiter(style))}`);
    }
    return;
  }
  // Other objects (binary values, class instances) are sent as their string form.
  out.push(`${name}=${enc(formatScalar(value))}`);
}

/** Brackets are percent-encoded (RFC 3986 does not allow them raw in a query); servers decode both. */
function appendDeep(out: string[], prefix: string, value: Record<string, unknown>, enc: (s: string) => string): void {
  for (const [k, v] of definedEntries(value)) {
    const key = `${prefix}%5B${enc(k)}%5D`;
    if (isRecord(v)) appendDeep(out, key, v, enc);
    else if (Array.isArray(v)) {
      for (const item of v) if (item !== undefined) out.push(`${key}%5B%5D=${enc(formatScalar(item))}`);
    } else out.push(`${key}=${enc(formatScalar(v))}`);
  }
}

/** Joins non-exploded values; space and pipe are sent encoded, which every server decodes. */
function delimiter(style: string): string {
  return style === 'spaceDelimited' ? '%20' : style === 'pipeDelimited' ? '%7C' : ',';
}

/**
 * The whole query string of an OpenAPI 3.2 `in: querystring` parameter (without `?`): form pairs
 * for `application/x-www-form-urlencoded` (objects spread, arrays repeat the key), else the
 * percent-encoded text of the value in its media type (JSON text for JSON types).
 * @see https://spec.openapis.org/oas/v3.2.0#parameter-locations
 */
export function serializeQueryString(mediaType: string, value: unknown): string {
  if (value === undefined || value === null) return '';
  const essence = (mediaType.split(';')[0] ?? '').trim().toLowerCase();
  if (essence === 'application/x-www-form-urlencoded') {
    if (typeof value === 'string') return value.replace(/^\?/, '');
    const out: string[] = [];
    if (isRecord(value)) {
      for (const [k, v] of definedEntries(value)) appendQueryParam(out, { name: k }, v);
    }
    return out.join('&');
  }
  return encodeQueryComponent(contentText(mediaType, value));
}
