/**
 * `application/x-www-form-urlencoded` bodies, each property written per its Encoding Object
 * (`style`, `explode`, `allowReserved`, `contentType`), with the defaults OpenAPI gives a form body:
 * style `form`, explode `true` (arrays repeat the key, objects spread into their own pairs).
 *
 * `deepObject` nests with brackets the way Stripe and Rails-style servers read them:
 * `metadata[key1]=v`, `items[0][price]=p`, `expand[0]=a` (arrays by index, so an array of objects
 * stays unambiguous). Names and values are encoded as WHATWG URLSearchParams does (`+` for space,
 * brackets percent-encoded), which those servers decode.
 * @see https://spec.openapis.org/oas/v3.1.0#encoding-object
 * @see https://url.spec.whatwg.org/#application/x-www-form-urlencoded
 */
import { InvalidRequestError } from '../errors.js';
import type { FieldEncoding } from '../operation.js';
import { contentText, isJsonMediaType } from './content.js';
import { definedEntries, formatScalar, isRecord } from './scalar.js';

/** The WHATWG form-urlencoded byte serializer: only `*-._` and alphanumerics stay, space is `+`. */
export function formComponent(text: string, allowReserved = false): string {
  const encoded = encodeURIComponent(text).replace(/[!'()~]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`).replace(/%20/g, '+');
  // allowReserved keeps RFC 3986 reserved characters, except those that would split the pair.
  return allowReserved ? encoded.replace(/%(3A|2F|3F|5B|5D|40|21|24|27|28|29|2A|2C|3B)/gi, decodeURIComponent) : encoded;
}

const DELIMITERS = { form: ',', spaceDelimited: ' ', pipeDelimited: '|', deepObject: ',' } as const;

/** Encodes a form body; `fields` is the media type's `encoding` map. */
export function encodeFormBody(value: unknown, fields?: Readonly<Record<string, FieldEncoding>>): string {
  if (!isRecord(value)) throw new InvalidRequestError('A form body must be an object');
  const out: string[] = [];
  for (const [name, v] of definedEntries(value)) appendField(out, name, v, fields?.[name]);
  return out.join('&');
}

function appendField(out: string[], name: string, value: unknown, encoding: FieldEncoding | undefined): void {
  const reserved = encoding?.allowReserved ?? false;
  const enc = (s: string): string => formComponent(s, reserved);
  const pair = (k: string, v: string): void => void out.push(`${enc(k)}=${enc(v)}`);
  if (encoding?.contentType !== undefined && isJsonMediaType(encoding.contentType)) {
    pair(name, contentText(encoding.contentType, value));
    return;
  }
  if (!isStructured(value)) {
    pair(name, formatScalar(value));
    return;
  }
  const style = encoding?.style ?? 'form';
  const explode = encoding?.explode ?? style === 'form';
  if (style === 'deepObject') {
    appendDeep(pair, name, value);
    return;
  }
  if (Array.isArray(value)) {
    const items = value.filter((v) => v !== undefined).map(formatScalar);
    if (explode) for (const item of items) pair(name, item);
    else if (items.length > 0) pair(name, items.join(DELIMITERS[style]));
    return;
  }
  const entries = definedEntries(value as Record<string, unknown>);
  if (explode) for (const [k, v] of entries) pair(k, formatScalar(v));
  else if (entries.length > 0) pair(name, entries.flatMap(([k, v]) => [k, formatScalar(v)]).join(DELIMITERS[style]));
}

/** Arrays and plain objects; dates, binary values and scalars are written as one value. */
function isStructured(value: unknown): value is Record<string, unknown> | unknown[] {
  return Array.isArray(value) || (isRecord(value) && !(value instanceof Uint8Array) && !(typeof Blob !== 'undefined' && value instanceof Blob));
}

/** `key[sub]=v` for objects, `key[0]=v` for arrays, to any depth; `undefined` members are skipped. */
function appendDeep(pair: (k: string, v: string) => void, key: string, value: unknown): void {
  if (Array.isArray(value)) {
    value.forEach((item, i) => {
      if (item !== undefined) appendDeep(pair, `${key}[${i}]`, item);
    });
  } else if (isStructured(value)) {
    for (const [k, v] of definedEntries(value as Record<string, unknown>)) appendDeep(pair, `${key}[${k}]`, v);
  } else {
    pair(key, formatScalar(value));
  }
}
