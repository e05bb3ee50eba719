/** Request bodies: which media type to send and how to encode it. @see https://spec.openapis.org/oas/v3.1.0#request-body-object */
import { isObject } from '../load/pointer.js';
import type { FieldEncoding } from '@sdkgen/runtime';
import type { RequestBodyModel } from '../model.js';

type BodyEncoding = RequestBodyModel['encoding'];
import { deref, objectShape } from './refs.js';

/** Media type without parameters, lowercase: `Application/JSON; charset=utf-8` -> `application/json`. */
export function essence(mediaType: string): string {
  return (mediaType.split(';')[0] ?? '').trim().toLowerCase();
}

/** `application/json`, `application/merge-patch+json`, `text/json`. */
export function isJsonMediaType(mediaType: string): boolean {
  const e = essence(mediaType);
  return e === 'application/json' || e.endsWith('+json') || e.endsWith('/json');
}

/** How the runtime encodes a body of this media type. */
export function bodyEncoding(mediaType: string): BodyEncoding {
  const e = essence(mediaType);
  if (isJsonMediaType(e)) return 'json';
  if (e === 'application/x-www-form-urlencoded') return 'form';
  if (e.startsWith('multipart/')) return 'multipart';
  if (e.startsWith('text/') || e === 'application/xml' || e.endsWith('+xml')) return 'text';
  return 'binary';
}

/** JSON first (`application/json`, then any JSON type), else the first listed. */
export function pickMediaType(mediaTypes: readonly string[]): string | undefined {
  return mediaTypes.find((m) => essence(m) === 'application/json') ?? mediaTypes.find(isJsonMediaType) ?? mediaTypes[0];
}

/** The body model, or `undefined` when the operation has none (or it lists no media types). */
export function normalizeRequestBody(doc: Record<string, unknown>, raw: unknown, pointer: string): RequestBodyModel | undefined {
  const body = deref(doc, raw);
  if (!isObject(body) || !isObject(body.content)) return undefined;
  const mediaTypes = Object.keys(body.content);
  const mediaType = pickMediaType(mediaTypes);
  if (mediaType === undefined) return undefined;
  const encoding = bodyEncoding(mediaType);
  const media = body.content[mediaType];
  const shape = encoding === 'json' && isObject(media) ? objectShape(doc, media.schema) : { isObject: false, propertyNames: [] };
  const model: RequestBodyModel = {
    required: body.required === true,
    mediaType,
    mediaTypes,
    encoding,
    isJsonObject: shape.isObject,
    propertyNames: shape.propertyNames,
    pointer,
  };
  if (typeof body.description === 'string') model.description = body.description;
  const fields = (encoding === 'form' || encoding === 'multipart') && isObject(media) ? fieldEncodings(doc, media.encoding) : undefined;
  if (fields !== undefined) model.fields = fields;
  if (encoding === 'json' && isObject(media) && admitsNull(deref(doc, media.schema))) model.nullable = true;
  return model;
}

/** `nullable: true` (3.0) or a `type` list with `"null"` (3.1), on the schema itself. */
function admitsNull(schema: unknown): boolean {
  if (!isObject(schema)) return false;
  return schema.nullable === true || schema.type === 'null' || (Array.isArray(schema.type) && schema.type.includes('null'));
}

const FORM_STYLES = new Set(['form', 'spaceDelimited', 'pipeDelimited', 'deepObject']);

/**
 * The Encoding Object map of a form or multipart media type, reduced to what the runtime reads
 * (`undefined` when nothing is set). `headers` of multipart parts are not sent.
 * @see https://spec.openapis.org/oas/v3.1.0#encoding-object
 */
function fieldEncodings(doc: Record<string, unknown>, raw: unknown): Record<string, FieldEncoding> | undefined {
  if (!isObject(raw)) return undefined;
  const out: Record<string, FieldEncoding> = {};
  for (const [name, value] of Object.entries(raw)) {
    const e = deref(doc, value);
    if (!isObject(e)) continue;
    const field: { -readonly [K in keyof FieldEncoding]: FieldEncoding[K] } = {};
    if (typeof e.style === 'string' && FORM_STYLES.has(e.style)) field.style = e.style as FieldEncoding['style'];
    if (typeof e.explode === 'boolean') field.explode = e.explode;
    if (e.allowReserved === true) field.allowReserved = true;
    if (typeof e.contentType === 'string' && e.contentType.trim() !== '') field.contentType = (e.contentType.split(',')[0] ?? '').trim();
    if (Object.keys(field).length > 0) Object.defineProperty(out, name, { value: field, enumerable: true, writable: true, configurable: true });
  }
  return Object.keys(out).length > 0 ? out : undefined;
}
