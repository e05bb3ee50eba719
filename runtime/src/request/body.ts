import { InvalidRequestError } from '../errors.js';
import type { BodySpec } from '../operation.js';
import type { TransportBody } from '../transport/types.js';
import { encodeFormBody } from './form.js';
import { encodeMultipartBody } from './multipart.js';
import { formatScalar } from './scalar.js';

/** An encoded body and the Content-Type to send with it (`undefined` lets the transport set it, e.g. multipart boundaries). */
export interface EncodedBody {
  readonly body: TransportBody;
  readonly contentType: string | undefined;
}

/**
 * Encodes a request body per `spec.encoding`:
 * - `json`: `JSON.stringify`;
 * - `form`: `application/x-www-form-urlencoded`, each field per its Encoding Object (`form.ts`);
 * - `multipart`: parts with the Content-Type the Encoding Object or the value gives (`multipart.ts`);
 *   a `FormData` the caller built is sent as is;
 * - `text`: `String(value)`;
 * - `binary`: Blob, Uint8Array (incl. Buffer), ArrayBuffer, ReadableStream or string as is.
 */
export function encodeBody(spec: BodySpec, value: unknown): EncodedBody {
  switch (spec.encoding) {
    case 'json':
      return { body: JSON.stringify(value), contentType: spec.mediaType };
    case 'form':
      return { body: encodeFormBody(value, spec.fields), contentType: spec.mediaType };
    case 'multipart':
      // The transport writes Content-Type with the boundary it chose for a FormData.
      if (value instanceof FormData) return { body: value, contentType: undefined };
      return encodeMultipartBody(value, spec.mediaType, spec.fields);
    case 'text':
      return { body: formatScalar(value), contentType: spec.mediaType };
    case 'binary':
      return encodeBinary(spec, value);
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
  if (typeof ReadableStream !== 'undefined' && value instanceof ReadableStream) {
    return { body: value as ReadableStream<Uint8Array>, contentType: fallback };
  }
  throw new InvalidRequestError('A binary body must be a Blob, Uint8Array, ArrayBuffer, ReadableStream or string');
}
