import { InvalidResponseError, makeApiError } from '../errors.js';
import type { ResponseKind } from '../operation.js';
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
 * Invalid JSON becomes `InvalidResponseError` carrying the raw text.
 */
export async function decodeBody(res: TransportResponse, method: string, kind: ResponseKind = 'auto'): Promise<unknown> {
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
  if (kind === 'text') return res.text();
  if (kind === 'binary') return res.blob();
  const text = await res.text();
  if (text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch (cause) {
    throw new InvalidResponseError(`Invalid JSON in the ${res.status} response from ${res.url}`, {
      status: res.status,
      headers: res.headers(),
      rawBody: text,
      cause,
    });
  }
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
