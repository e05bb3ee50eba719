/**
 * The credentials a request carries: which headers, query parameters and cookies the runtime put
 * there from the client's auth options (API keys of every placement, bearer and basic auth, OAuth
 * access tokens). Auth code records each one as it writes it ({@link addCredential}); the redirect
 * code strips exactly those on a hop to another origin, and error messages and log lines redact
 * them. Names a caller set by hand that are credentials by any reasonable reading (`Authorization`,
 * `Cookie`, `X-Api-Key`, ...) are treated the same way (`isCredentialHeader`).
 */
import { isSecretName } from '../logger.js';

/** Names of the credentials in one request. Absent on a request that carries none. */
export interface RequestCredentials {
  /** Lower-case header names. */
  readonly headers: readonly string[];
  /** Query parameter names as the runtime wrote them (decoded). */
  readonly query: readonly string[];
  /** Cookie names (they travel in the `cookie` header). */
  readonly cookies: readonly string[];
  /**
   * The body carries a credential (an OAuth client secret sent as a form field): a redirect that
   * would resend it to another origin (307, 308) fails instead.
   */
  readonly body?: boolean | undefined;
}

/** Where credentials are being recorded while a request is built. */
export interface CredentialSink {
  credentials: RequestCredentials | undefined;
}

/** One-credential records, shared: most requests carry exactly one, and this runs per request. */
const single = new Map<string, RequestCredentials>();

function one(where: 'header' | 'query' | 'cookie', name: string): RequestCredentials {
  const key = `${where}:${name}`;
  let record = single.get(key);
  if (record === undefined) {
    record = Object.freeze({
      headers: where === 'header' ? [name.toLowerCase()] : [],
      query: where === 'query' ? [name] : [],
      cookies: where === 'cookie' ? [name] : [],
    });
    // Names come from the spec's schemes (and token flows): a handful per client.
    if (single.size < 1000) single.set(key, record);
  }
  return record;
}

/**
 * Records that the request being built carries a credential in header / query parameter / cookie
 * `name`. Every layer that adds a credential (auth schemes, token flows) calls this, so the
 * credential never follows a redirect to another origin and never reaches a log line or message.
 */
export function addCredential(sink: CredentialSink, where: 'header' | 'query' | 'cookie', name: string): void {
  const added = one(where, name);
  const c = sink.credentials;
  sink.credentials =
    c === undefined
      ? added
      : {
          headers: [...c.headers, ...added.headers],
          query: [...c.query, ...added.query],
          cookies: [...c.cookies, ...added.cookies],
        };
}

/** Headers no hop to another origin keeps, whoever set them (as `fetch` drops them). */
const ALWAYS_CREDENTIALS = new Set(['authorization', 'proxy-authorization', 'cookie']);

/**
 * Whether header `name` (lower case) is a credential of this request: one the runtime recorded,
 * one `fetch` drops across origins, or one whose name says it is a secret (the logger's rule).
 */
export function isCredentialHeader(name: string, credentials: RequestCredentials | undefined): boolean {
  if (ALWAYS_CREDENTIALS.has(name)) return true;
  if (credentials !== undefined && (credentials.headers.includes(name) || (credentials.cookies.length > 0 && name === 'cookie'))) return true;
  return isSecretName(name, 'header');
}

/** Lower-case query names to redact in a URL of this request, beyond the logger's own list. */
export function secretQueryNames(credentials: RequestCredentials | undefined, extra?: ReadonlySet<string>): ReadonlySet<string> | undefined {
  if (credentials === undefined || credentials.query.length === 0) return extra;
  const names = new Set(extra);
  for (const name of credentials.query) names.add(name.toLowerCase());
  return names;
}

/**
 * Removes the query parameters the runtime recorded as credentials from a URL's query string
 * `search` (with its `?`, or empty). Only recorded names: a redirect's own query (a presigned
 * download URL's `X-Amz-Signature`) belongs to its target and must stay.
 */
export function withoutCredentialQuery(search: string, credentials: RequestCredentials | undefined): string {
  if (search.length <= 1 || credentials === undefined || credentials.query.length === 0) return search;
  const recorded = new Set(credentials.query.map((n) => n.toLowerCase()));
  const kept = search
    .slice(1)
    .split('&')
    .filter((pair) => {
      const eq = pair.indexOf('=');
      let name = eq === -1 ? pair : pair.slice(0, eq);
      try {
        name = decodeURIComponent(name.replace(/\+/g, ' '));
      } catch {
        // Keep the raw name.
      }
      return !recorded.has(name.toLowerCase());
    });
  return kept.length === 0 ? '' : `?${kept.join('&')}`;
}
