/**
 * `multipart/form-data` bodies written by hand rather than through `FormData`, so every part gets
 * the Content-Type OpenAPI gives it: `encoding.<prop>.contentType` when the spec sets one, else
 * `application/json` for objects (JSON text), `application/octet-stream` (or the Blob's own type)
 * for binary values, and plain text for scalars (no header: text/plain is multipart's default).
 * A `FormData` would force a filename on every non-text part. Arrays become one part per item.
 * The result is a `Blob`, which every transport sends as is and which can be resent on a retry.
 * @see https://spec.openapis.org/oas/v3.1.0#encoding-object
 * @see https://www.rfc-editor.org/rfc/rfc7578
 */
import { InvalidRequestError } from '../errors.js';
import type { FieldEncoding } from '../operation.js';
import { contentText, isJsonMediaType } from './content.js';
import { definedEntries, formatScalar, isRecord } from './scalar.js';

/** A multipart body and the Content-Type (with its boundary) to send it with. */
export interface MultipartBody {
  readonly body: Blob;
  readonly contentType: string;
}

/** `name="..."` values escaped as the HTML form submission algorithm does (`"` and line breaks). */
function quoted(text: string): string {
  return text.replace(/\r\n|\r|\n/g, '%0D%0A').replace(/"/g, '%22');
}

/** A boundary of 24 random hex characters after a fixed prefix (RFC 2046: at most 70 characters). */
export function multipartBoundary(): string {
  const bytes = globalThis.crypto.getRandomValues(new Uint8Array(12));
  return `----sdkgen${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`;
}

/**
 * Encodes `value` (an object) as `mediaType` (`multipart/form-data` unless the spec names another
 * multipart type); `fields` is the media type's `encoding` map.
 */
export function encodeMultipartBody(value: unknown, mediaType: string, fields?: Readonly<Record<string, FieldEncoding>>, boundary = multipartBoundary()): MultipartBody {
  if (!isRecord(value)) throw new InvalidRequestError('A multipart body must be an object');
  const parts: BlobPart[] = [];
  for (const [name, v] of definedEntries(value)) {
    const items = Array.isArray(v) ? v.filter((x) => x !== undefined) : [v];
    for (const item of items) parts.push(`--${boundary}\r\n`, ...part(name, item, fields?.[name]?.contentType), '\r\n');
  }
  parts.push(`--${boundary}--\r\n`);
  const essence = (mediaType.split(';')[0] ?? '').trim();
  const type = essence.startsWith('multipart/') && !essence.includes('*') ? essence : 'multipart/form-data';
  return { body: new Blob(parts), contentType: `${type}; boundary=${boundary}` };
}

/** Headers and content of one part. */
function part(name: string, value: unknown, declared: string | undefined): BlobPart[] {
  let disposition = `Content-Disposition: form-data; name="${quoted(name)}"`;
  const binary = binaryOf(value);
  if (binary !== undefined) {
    const file = typeof File !== 'undefined' && value instanceof File ? value.name : name;
    const type = declared !== undefined && !declared.includes('*') ? declared : binary.type || 'application/octet-stream';
    disposition += `; filename="${quoted(file)}"`;
    return [`${disposition}\r\nContent-Type: ${type}\r\n\r\n`, binary];
  }
  const type = declared ?? (isRecord(value) || Array.isArray(value) ? 'application/json' : undefined);
  const text = type !== undefined && isJsonMediaType(type) ? contentText(type, value) : formatScalar(value);
  return type === undefined ? [`${disposition}\r\n\r\n`, text] : [`${disposition}\r\nContent-Type: ${type}\r\n\r\n`, text];
}

function binaryOf(value: unknown): Blob | undefined {
  if (value instanceof Blob) return value;
  if (value instanceof Uint8Array || value instanceof ArrayBuffer) return new Blob([value as Uint8Array<ArrayBuffer>]);
  if (typeof ReadableStream !== 'undefined' && value instanceof ReadableStream) {
    throw new InvalidRequestError('A multipart file part must be a Blob, File, Uint8Array or ArrayBuffer, not a ReadableStream');
  }
  return undefined;
}
