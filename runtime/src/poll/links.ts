/**
 * Where to poll and where the result is: the rules as pure functions over headers and bodies.
 * Table-tested in test/runtime/poll/links.test.ts.
 */
import type { HeaderReader } from '../retry/retry-after.js';

/** Body fields that carry the result's URL on a final status, in order. */
export const RESULT_LINK_FIELDS: readonly string[] = ['result_url', 'resultUrl'];

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `value` resolved against `base`; `undefined` when it is not a URL (or not http(s)). */
export function resolveLink(value: string | null | undefined, base: string): string | undefined {
  if (value == null || value.trim() === '') return undefined;
  try {
    const url = new URL(value.trim(), base);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The links of the response that started an operation. The status monitor is `Operation-Location`
 * when present, else `Location`; when both are present, `Location` is where the result will be
 * (Azure's convention for POST operations).
 * @param requestUrl the URL the initiating request was sent to (relative links resolve against it)
 */
export function initialLinks(headers: HeaderReader, requestUrl: string): { statusUrl?: string; resultUrl?: string } {
  const operationLocation = resolveLink(headers.get('operation-location'), requestUrl);
  const location = resolveLink(headers.get('location'), requestUrl);
  if (operationLocation !== undefined) {
    return location !== undefined && location !== operationLocation ? { statusUrl: operationLocation, resultUrl: location } : { statusUrl: operationLocation };
  }
  return location === undefined ? {} : { statusUrl: location };
}

/**
 * The result link a successful final status gives: a `result_url` / `resultUrl` body field, else a
 * `Location` header on the status response.
 * @param base the status URL (relative links resolve against it)
 */
export function finalResultLink(body: unknown, headers: HeaderReader | undefined, base: string): string | undefined {
  if (isRecord(body)) {
    for (const field of RESULT_LINK_FIELDS) {
      const value = body[field];
      if (typeof value === 'string') {
        const url = resolveLink(value, base);
        if (url !== undefined) return url;
      }
    }
  }
  return headers === undefined ? undefined : resolveLink(headers.get('location'), base);
}

/** Whether two absolute URLs name the same resource (after WHATWG normalization). */
export function sameUrl(a: string, b: string): boolean {
  try {
    return new URL(a).href === new URL(b).href;
  } catch {
    return a === b;
  }
}
