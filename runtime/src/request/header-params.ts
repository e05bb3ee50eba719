import type { ParamSpec } from '../operation.js';
import { contentText } from './content.js';
import { definedEntries, formatScalar, isRecord } from './scalar.js';

/**
 * Serializes a header parameter (style `simple`): arrays as `a,b`, objects as `k,v,k2,v2`
 * (or `k=v,k2=v2` exploded). Returns `undefined` for `undefined`.
 * @see https://spec.openapis.org/oas/v3.1.0#style-examples
 */
export function serializeHeaderParam(spec: ParamSpec, value: unknown): string | undefined {
  if (value === undefined) return undefined;
  if (spec.content !== undefined) return contentText(spec.content, value);
  if (Array.isArray(value)) return value.map(formatScalar).join(',');
  if (isRecord(value)) {
    const entries = definedEntries(value);
    return spec.explode
      ? entries.map(([k, v]) => `${k}=${formatScalar(v)}`).join(',')
      : entries.flatMap(([k, v]) => [k, formatScalar(v)]).join(',');
  }
  return formatScalar(value);
}

/**
 * Appends `name=value` cookie pairs for one cookie parameter (style `form`), values percent-encoded
 * so `;` and `,` cannot split the cookie header.
 * @see https://www.rfc-editor.org/rfc/rfc6265#section-4.1.1
 */
export function appendCookieParam(out: string[], spec: ParamSpec, value: unknown): void {
  if (value === undefined) return;
  const enc = encodeURIComponent;
  if (spec.content !== undefined) {
    out.push(`${spec.name}=${enc(contentText(spec.content, value))}`);
    return;
  }
  const explode = spec.explode ?? true;
  if (Array.isArray(value)) {
    const items = value.filter((v) => v !== undefined).map((v) => enc(formatScalar(v)));
    if (explode) for (const v of items) out.push(`${spec.name}=${v}`);
    else out.push(`${spec.name}=${items.join(',')}`);
  } else if (isRecord(value)) {
    const entries = definedEntries(value);
    if (explode) for (const [k, v] of entries) out.push(`${k}=${enc(formatScalar(v))}`);
    else out.push(`${spec.name}=${entries.flatMap(([k, v]) => [enc(k), enc(formatScalar(v))]).join(',')}`);
  } else {
    out.push(`${spec.name}=${enc(formatScalar(value))}`);
  }
}
