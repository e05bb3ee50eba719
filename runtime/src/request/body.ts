import { InvalidRequestError } from '../errors.js';
import type { BodySpec } from '../operation.js';
import type { TransportBody } from '../transport/types.js';
import { definedEntries, formatScalar, isRecord } from './scalar.js';
import { isStreamedPart, isStreamSource, multipartStream, StreamedFile, toReadableStream, type MultipartPart } from './upload.js';

/** An encoded body and the Content-Type to send with it (`undefined` lets the transport set it, e.g. multipart boundaries). */
export interface EncodedBody {
  readonly body: TransportBody;
  readonly contentType: string | undefined;
}

/**
 * Encodes a request body per `spec.encoding`:
 * - `json`: `JSON.stringify`;
 * - `form`: `application/x-www-form-urlencoded`, arrays as repeated keys, objects as JSON;
 * - `multipart`: `FormData`; Blob/File kept, bytes wrapped in a Blob, objects JSON-encoded; with a
 *   streamed file field (stream, async iterable, `toFile` of a stream) a streamed multipart body;
 * - `text`: `String(value)`;
 * - `binary`: Blob, Uint8Array (incl. Buffer), ArrayBuffer, string, or a stream sent as it is read
 *   (ReadableStream, AsyncIterable<Uint8Array>, Node readable, `toFile` of a stream).
 */
export function encodeBody(spec: BodySpec, value: unknown): EncodedBody {
  switch (spec.encoding) {
    case 'json':
      return { body: JSON.stringify(value), contentType: spec.mediaType };
    case 'form':
      return { body: encodeForm(value), contentType: spec.mediaType };
    case 'multipart': {
      if (isRecord(value) && !(value instanceof FormData) && Object.values(value).some((v) => isStreamedPart(v) || (Array.isArray(v) && v.some(isStreamedPart)))) {
        return multipartStream(multipartParts(value));
      }
      // The transport writes Content-Type with the boundary it chose.
      return { body: encodeMultipart(value), contentType: undefined };
    }
    case 'text':
      return { body: formatScalar(value), contentType: spec.mediaType };
    case 'binary':
      return encodeBinary(spec, value);
  }
}

/** `application/x-www-form-urlencoded` per the WHATWG URL standard (spaces as `+`). */
export function encodeForm(value: unknown): string {
  if (!isRecord(value)) throw new InvalidRequestError('A form body must be an object');
  const params = new URLSearchParams();
  for (const [k, v] of definedEntries(value)) {
    if (Array.isArray(v)) for (const item of v) params.append(k, formatScalar(item));
    else params.append(k, formatScalar(v));
  }
  return params.toString();
}

/** Builds `FormData`; arrays become repeated fields. */
export function encodeMultipart(value: unknown): FormData {
  if (value instanceof FormData) return value;
  if (!isRecord(value)) throw new InvalidRequestError('A multipart body must be an object');
  const form = new FormData();
  for (const [k, v] of definedEntries(value)) {
    if (Array.isArray(v)) for (const item of v) appendPart(form, k, item);
    else appendPart(form, k, v);
  }
  return form;
}

/** The parts of a multipart body that holds a stream, in field order. */
function multipartParts(value: Record<string, unknown>): MultipartPart[] {
  const parts: MultipartPart[] = [];
  const add = (name: string, v: unknown): void => {
    if (v instanceof Blob || v instanceof StreamedFile || isStreamSource(v)) parts.push({ name, value: v });
    else if (v instanceof Uint8Array || v instanceof ArrayBuffer) parts.push({ name, value: new Blob([v as Uint8Array<ArrayBuffer>]) });
    else parts.push({ name, value: formatScalar(v) });
  };
  for (const [k, v] of definedEntries(value)) {
    if (Array.isArray(v)) for (const item of v) add(k, item);
    else add(k, v);
  }
  return parts;
}

function appendPart(form: FormData, name: string, value: unknown): void {
  if (value instanceof Blob) {
    // A File keeps its own name; a bare Blob gets the field name so servers treat it as a file.
    form.append(name, value, typeof File !== 'undefined' && value instanceof File ? value.name : name);
  } else if (value instanceof Uint8Array || value instanceof ArrayBuffer) {
    form.append(name, new Blob([value as Uint8Array<ArrayBuffer>]), name);
  } else {
    form.append(name, formatScalar(value));
  }
}

function encodeBinary(spec: BodySpec, value: unknown): EncodedBody {
  // A wildcard media type (`*/*`, `image/*`) is not a valid Content-Type; prefer the Blob's own type.
  const wildcard = spec.mediaType.includes('*');
  const fallback = wildcard ? 'application/octet-stream' : spec.mediaType;
  if (value instanceof Blob) return { body: value, contentType: wildcard && value.type ? value.type : fallback };
  if (value instanceof Uint8Array) return { body: value, contentType: fallback };
  if (value instanceof ArrayBuffer) return { body: new Uint8Array(value), contentType: fallback };
  if (typeof value === 'string') return { body: value, contentType: fallback };
  if (value instanceof StreamedFile) return { body: value.stream(), contentType: wildcard && value.type ? value.type : fallback };
  if (isStreamSource(value)) return { body: toReadableStream(value), contentType: fallback };
  throw new InvalidRequestError('A binary body must be a Blob, Uint8Array, ArrayBuffer, string, ReadableStream or AsyncIterable<Uint8Array>');
}
