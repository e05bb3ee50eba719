import { InvalidRequestError } from '../errors.js';
import type { BodySpec } from '../operation.js';
import type { TransportBody } from '../transport/types.js';
import { encodeFormBody } from './form.js';
import { encodeMultipartBody } from './multipart.js';
import { definedEntries, formatScalar, isRecord } from './scalar.js';
import { isStreamedPart, isStreamSource, multipartStream, StreamedFile, toReadableStream, type MultipartPart } from './upload.js';

/** An encoded body and the Content-Type to send with it (`undefined` lets the transport set it, e.g. multipart boundaries). */
export interface EncodedBody {
  readonly body: TransportBody;
  readonly contentType: string | undefined;
}

/**
 * Encodes one kind of body. JSON and text bodies are built in (`encodeBuiltinBody`); generated code
 * names the encoder of any other kind in the descriptor (`body.encode`), so a bundle carries the
 * form, multipart and upload code only when an operation it calls sends such a body.
 */
export type BodyEncoder = (spec: BodySpec, value: unknown) => EncodedBody;

/**
 * Encodes a request body per `spec.encoding`:
 * - `json`: `JSON.stringify`;
 * - `form`: `application/x-www-form-urlencoded`, each field per its Encoding Object (`form.ts`);
 * - `multipart`: parts with the Content-Type the Encoding Object or the value gives (`multipart.ts`);
 *   a `FormData` the caller built is sent as is; with a streamed file field (stream, async
 *   iterable, `toFile` of a stream) a streamed multipart body (`upload.ts`);
 * - `text`: `String(value)`;
 * - `binary`: Blob, Uint8Array (incl. Buffer), ArrayBuffer, string, or a stream sent as it is read
 *   (ReadableStream, AsyncIterable<Uint8Array>, Node readable, `toFile` of a stream).
 *
 * Every encoding in one function: what `BaseClient` falls back to for descriptors that name no encoder.
 */
export function encodeBody(spec: BodySpec, value: unknown): EncodedBody {
  switch (spec.encoding) {
    case 'form':
      return formBody(spec, value);
    case 'multipart':
      return multipartBody(spec, value);
    case 'binary':
      return binaryBody(spec, value);
    default:
      return encodeBuiltinBody(spec, value);
  }
}

/**
 * JSON and text bodies, which every client encodes without help; another encoding needs an encoder
 * (the descriptor's `body.encode`, else the client's `parts.encodeBody`).
 */
export function encodeBuiltinBody(spec: BodySpec, value: unknown): EncodedBody {
  if (spec.encoding === 'json') return { body: JSON.stringify(value), contentType: spec.mediaType };
  if (spec.encoding === 'text') return { body: formatScalar(value), contentType: spec.mediaType };
  throw new InvalidRequestError(`No encoder for a ${spec.encoding} body (descriptor body.encode or config parts.encodeBody)`);
}

/** `application/x-www-form-urlencoded`, each field per its Encoding Object (`form.ts`). */
export const formBody: BodyEncoder = (spec, value) => ({ body: encodeFormBody(value, spec.fields), contentType: spec.mediaType });

/**
 * Multipart parts with the Content-Type the Encoding Object or the value gives (`multipart.ts`); a
 * `FormData` the caller built is sent as is; a streamed file field makes a streamed body (`upload.ts`).
 */
export const multipartBody: BodyEncoder = (spec, value) => {
  // The transport writes Content-Type with the boundary it chose for a FormData.
  if (value instanceof FormData) return { body: value, contentType: undefined };
  if (isRecord(value) && Object.values(value).some((v) => isStreamedPart(v) || (Array.isArray(v) && v.some(isStreamedPart)))) {
    return multipartStream(multipartParts(value));
  }
  return encodeMultipartBody(value, spec.mediaType, spec.fields);
};

/** Blob, Uint8Array, ArrayBuffer, string, or a stream sent as it is read (`upload.ts`). */
export const binaryBody: BodyEncoder = (spec, value) => encodeBinary(spec, value);

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

/** The parts of a multipart body that holds a stream, in field order (objects as JSON text). */
function multipartParts(value: Record<string, unknown>): MultipartPart[] {
  const parts: MultipartPart[] = [];
  const add = (name: string, v: unknown): void => {
    if (v instanceof Blob || v instanceof StreamedFile || isStreamSource(v)) parts.push({ name, value: v });
    else if (v instanceof Uint8Array || v instanceof ArrayBuffer) parts.push({ name, value: new Blob([v as Uint8Array<ArrayBuffer>]) });
    else parts.push({ name, value: typeof v === 'object' && v !== null ? JSON.stringify(v) : formatScalar(v) });
  };
  for (const [k, v] of definedEntries(value)) {
    if (Array.isArray(v)) for (const item of v) add(k, item);
    else add(k, v);
  }
  return parts;
}
