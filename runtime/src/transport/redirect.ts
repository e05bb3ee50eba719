/**
 * Redirects, followed by the runtime itself on every transport, as `fetch` follows them (its
 * default `redirect: 'follow'`), so all transports give the same answer and the same credential
 * rule holds on each: a hop to another origin (scheme, host or port) drops every credential the
 * request carries (`request/credentials.ts`).
 * @see https://fetch.spec.whatwg.org/#http-redirect-fetch
 */
import { RedirectError } from '../errors.js';
import { redactUrl } from '../logger.js';
import { isCredentialHeader, secretQueryNames, withoutCredentialQuery, type RequestCredentials } from '../request/credentials.js';
import type { TransportBody, TransportRequest, TransportResponse } from './types.js';

/** One request of a (possibly redirected) exchange. */
export interface Hop {
  readonly url: string;
  readonly origin: string;
  readonly path: string;
  readonly method: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: TransportBody | undefined;
  readonly credentials?: RequestCredentials | undefined;
}

/** `fetch`'s redirect limit. */
export const MAX_REDIRECTS = 20;
export const REDIRECT_STATUSES: ReadonlySet<number> = new Set([301, 302, 303, 307, 308]);
/** Dropped when a redirect changes the method to GET (the body is gone). */
const BODY_HEADERS = ['content-type', 'content-length', 'content-encoding', 'content-language', 'content-location'];

/** The hop's URL as an error message may show it. */
function shown(hop: Hop): string {
  return redactUrl(hop.url, secretQueryNames(hop.credentials));
}

/** The next hop after a `status` redirect to `location` (relative to the current URL). */
export function redirected(hop: Hop, status: number, location: string): Hop {
  let next: URL;
  try {
    next = new URL(location, hop.url);
  } catch {
    throw new RedirectError(`${hop.method} ${shown(hop)}: the redirect Location is not a URL: ${JSON.stringify(redactUrl(location.slice(0, 200)))}`);
  }
  if (next.protocol !== 'http:' && next.protocol !== 'https:') {
    throw new RedirectError(`${hop.method} ${shown(hop)}: refusing a redirect to ${next.protocol} URL`);
  }
  let { method, headers, body } = hop;
  if ((status === 303 && method !== 'GET' && method !== 'HEAD') || ((status === 301 || status === 302) && method === 'POST')) {
    method = 'GET';
    body = undefined;
    const kept = { ...headers };
    for (const name of BODY_HEADERS) delete kept[name];
    headers = kept;
  } else if (typeof ReadableStream !== 'undefined' && body instanceof ReadableStream) {
    throw new RedirectError(`${hop.method} ${shown(hop)}: cannot follow a ${status} redirect with a streamed request body`);
  }
  let search = next.search;
  if (next.origin !== hop.origin && body !== undefined && hop.credentials?.body === true) {
    throw new RedirectError(`${hop.method} ${shown(hop)}: refusing a ${status} redirect to another origin: the request body carries credentials`);
  }
  if (next.origin !== hop.origin) {
    const kept: Record<string, string> = {};
    for (const name in headers) if (!isCredentialHeader(name, hop.credentials)) kept[name] = headers[name]!;
    headers = kept;
    // A Location that echoes the request URL (an http -> https upgrade) would carry a query key along.
    search = withoutCredentialQuery(search, hop.credentials);
  }
  // A fragment is never sent; `fetch` keeps the request's own fragment, which has no effect here.
  const path = next.pathname + search;
  return { url: next.origin + path, origin: next.origin, path, method, headers, body, credentials: hop.credentials };
}

/** Whether `res` is a redirect to follow (a 3xx without `Location` is the response itself). */
export function isRedirect(res: TransportResponse): boolean {
  return REDIRECT_STATUSES.has(res.status) && res.header('location') !== undefined;
}

/**
 * Follows the redirect `res` answered to `req`, sending each next hop through `send`: at most 20
 * hops; 303, and 301/302 after a POST, continue as a GET without the body; 307/308 resend method and
 * body (a streamed body cannot be resent: `RedirectError`); a hop to another origin drops the
 * request's credentials. A loop or an unusable `Location` fails with `RedirectError`, which is never
 * retried. Transports call it only when {@link isRedirect}, so a plain exchange pays nothing.
 */
export async function followRedirects<R extends TransportResponse>(req: TransportRequest, res: R, send: (hop: Hop) => Promise<R>): Promise<R> {
  let hop: Hop = req;
  for (let redirects = 1; ; redirects++) {
    const location = REDIRECT_STATUSES.has(res.status) ? res.header('location') : undefined;
    if (location === undefined) return res;
    await res.discard();
    if (redirects > MAX_REDIRECTS) {
      throw new RedirectError(`${req.method} ${shown(req)}: more than ${MAX_REDIRECTS} redirects (a redirect loop?)`);
    }
    hop = redirected(hop, res.status, location);
    res = await send(hop);
  }
}
