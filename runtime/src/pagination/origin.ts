import { redactUrl } from '../logger.js';
import { PaginationError } from './errors.js';

/**
 * Refuses a next-page URL (from a `Link` header or body field) whose origin differs from the client's
 * base URL, unless the client opted in with `allowCrossOriginPagination`. Following it would send the
 * client's credentials to whichever host the server (or an attacker able to shape the response) named.
 * @see https://www.rfc-editor.org/rfc/rfc6454 (web origin)
 */
export function checkPageUrl(url: string, baseUrl: string, allowCrossOrigin: boolean): void {
  if (allowCrossOrigin) return;
  let target: URL;
  let base: URL;
  try {
    target = new URL(url);
    base = new URL(baseUrl);
  } catch {
    throw new PaginationError(`Refusing to follow next-page URL ${JSON.stringify(redactUrl(url))}: it is not an absolute URL`);
  }
  if (target.origin !== base.origin) {
    throw new PaginationError(
      `Refusing to follow next-page URL on ${target.origin}: the client's base URL is on ${base.origin}, and the ` +
        `request would carry the client's credentials there. Pass allowCrossOriginPagination: true to the client ` +
        `to follow it anyway.`,
    );
  }
}
