import { InvalidResponseError, makeApiError } from '../errors.js';
import type { ResponseKind } from '../operation.js';
import { redactUrl } from '../logger.js';
import { secretQueryNames, type RequestCredentials } from '../request/credentials.js';
import { decodeChunks } from '../transport/read-bounded.js';
import { isTextTooLong, MAX_TEXT_BYTES } from '../transport/text-limit.js';
import type { TransportResponse } from '../transport/types.js';

/** At most this much of an error body is kept; the rest is discarded. @default 1 MiB */
export const MAX_ERROR_BODY_BYTES = 1024 * 1024;

/** `application/json`, `application/problem+json`, `text/json`, ... */
export function isJsonContentType(contentType: string | undefined): boolean {
  if (contentType === undefined) return false;
  const semi = contentType.indexOf(';');
  const type = (semi === -1 ? contentType : contentType.slice(0, semi)).trim().toLowerCase();
  return type.endsWith('/json') || type.endsWith('+json');
}

/**
 * Reads a 2xx body per the operation's response kind. `auto`: JSON for JSON media types, a string
 * for `text/*`, `undefined` for 204/205/HEAD/empty bodies, a Blob otherwise.
 * Invalid JSON becomes `InvalidResponseError` carrying the raw text (its first
 * `MAX_ERROR_BODY_BYTES`). Messages show the response URL redacted (`credentials`: what the request
 * carried, beyond the logger's rule).
 */
export async function decodeBody(
  res: TransportResponse,
  method: string,
  kind: ResponseKind = 'auto',
  credentials?: RequestCredentials | undefined,
): Promise<unknown> {
  if (kind === 'empty' || res.status === 204 || res.status === 205 || method === 'HEAD') {
    await res.discard();
    return undefined;
  }
  const contentType = res.header('content-type');
  // A stream the request did not ask for as one (stream/open.ts) is read like any other body.
  if (kind === 'stream') kind = 'auto';
  if (kind === 'auto') {
    if (isJsonContentType(contentType)) kind = 'json';
    else if (contentType?.toLowerCase().startsWith('text/')) kind = 'text';
    else {
      const blob = await res.blob();
      return blob.size === 0 ? undefined : blob;
    }
  }
  if (kind === 'binary') return res.blob();
  const length = Number(res.header('content-length'));
  if (length > MAX_TEXT_BYTES && res.header('content-encoding') === undefined) {
    await res.discard();
    throw tooLong(res, length, credentials);
  }
  let text: string;
  try {
    text = await res.text();
  } catch (error) {
    if (isTextTooLong(error)) throw tooLong(res, length, credentials);
    throw error;
  }
  if (kind === 'text') return text;
  if (text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch (cause) {
    throw new InvalidResponseError(`Invalid JSON in the ${res.status} response from ${shownUrl(res, credentials)}`, {
      status: res.status,
      headers: res.headers(),
      rawBody: boundedText(text, MAX_ERROR_BODY_BYTES),
      cause,
    });
  }
}

function shownUrl(res: TransportResponse, credentials: RequestCredentials | undefined): string {
  return redactUrl(res.url, secretQueryNames(credentials));
}

/**
 * A 2xx body that cannot fit in a string: found by its `Content-Length` before reading, else when
 * the transport reaches the limit. Never retried: the same body would be downloaded again only to
 * fail again (`.asResponse()` or a binary response kind reads such a body as bytes).
 */
function tooLong(res: TransportResponse, length: number, credentials: RequestCredentials | undefined): InvalidResponseError {
  const size = length > MAX_TEXT_BYTES ? `${length} bytes` : `over ${MAX_TEXT_BYTES} bytes`;
  return new InvalidResponseError(
    `The ${res.status} response from ${shownUrl(res, credentials)} is ${size}, longer than the longest string ` +
      `JavaScript can hold (${MAX_TEXT_BYTES} bytes): read it as binary (.asResponse())`,
    { status: res.status, headers: res.headers(), rawBody: '' },
  );
}

/**
 * Turns a non-2xx response into the matching `ApiError` subclass. The body is read with a bound
 * (`MAX_ERROR_BODY_BYTES`), parsed as JSON when it is JSON (or looks like it) and kept as text when
 * not, so HTML error pages, truncated JSON and enormous bodies all become a typed error.
 */
export async function readApiError(res: TransportResponse, method: string, url: string) {
  const rawBody = await res.text(MAX_ERROR_BODY_BYTES);
  let body: unknown = rawBody === '' ? undefined : rawBody;
  const first = rawBody.trimStart()[0];
  if (rawBody !== '' && (isJsonContentType(res.header('content-type')) || first === '{' || first === '[')) {
    try {
      body = JSON.parse(rawBody);
    } catch {
      // Keep the text: a truncated or malformed error body is still worth showing.
    }
  }
  return makeApiError({ status: res.status, headers: res.headers(), body, rawBody, method, url });
}

/** The first `limit` UTF-8 bytes of `text` (whole characters). */
export function boundedText(text: string, limit: number): string {
  // UTF-16 units never take fewer UTF-8 bytes than themselves, so a short text fits as is.
  if (text.length * 3 <= limit) return text;
  return decodeChunks([new TextEncoder().encode(text.slice(0, limit))], limit).replace(/\uFFFD$/, '');
}
