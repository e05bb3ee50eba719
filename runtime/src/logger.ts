/**
 * The `logger` client option and the redaction applied to everything it is handed: credentials in
 * headers and query parameters never reach a log line.
 */

/**
 * Where the runtime writes its debug lines: one per request, retry (with reason and delay), cache
 * hit and failure. `console` fits, as do pino and winston loggers.
 */
export interface Logger {
  debug(message: string, data?: Record<string, unknown>): void;
  info?(message: string, data?: Record<string, unknown>): void;
  warn?(message: string, data?: Record<string, unknown>): void;
  error?(message: string, data?: Record<string, unknown>): void;
}

/**
 * Writes one debug line, swallowing anything the logger throws: logging must never change what a
 * call does. Every layer that logs should go through this.
 */
export function logDebug(logger: Logger | undefined, message: string, data?: Record<string, unknown>): void {
  if (logger === undefined) return;
  try {
    logger.debug(message, data);
  } catch {
    // A broken logger is not the API's fault.
  }
}

/**
 * Writes one warning (`logger.warn`, else `logger.debug`), swallowing anything the logger throws.
 * For things the app should act on: a deprecated operation, a shared store that failed.
 */
export function logWarn(logger: Logger | undefined, message: string, data?: Record<string, unknown>): void {
  if (logger === undefined) return;
  try {
    if (typeof logger.warn === 'function') logger.warn(message, data);
    else logger.debug(message, data);
  } catch {
    // A broken logger is not the API's fault.
  }
}

/** What replaces a redacted value. */
export const REDACTED = '[REDACTED]';

/** Header names that always carry credentials (lower case). */
const SECRET_HEADERS = new Set([
  'authorization',
  'proxy-authorization',
  'cookie',
  'set-cookie',
  'x-api-key',
  'api-key',
  'apikey',
  'x-auth-token',
  'x-access-token',
  'x-csrf-token',
  'x-xsrf-token',
]);

/** Query parameter names that always carry credentials (lower case). */
const SECRET_PARAMS = new Set(['key', 'sig', 'signature', 'code', 'password', 'client_secret', 'x-amz-signature']);

/**
 * Name fragments that mark a header or query parameter as a credential, beyond the fixed lists:
 * `X-Goog-Api-Key`, `access_token`, `X-Client-Secret`, `session_id`, ...
 */
const SECRET_FRAGMENT = /api[-_]?key|token|secret|passw(?:or)?d|session|credential|auth(?!or)/i;

/**
 * Whether a header or query parameter named `name` is a credential. `extra` adds names the client
 * knows to be secret (the `apiKey` security schemes' header, query and cookie names).
 */
export function isSecretName(name: string, kind: 'header' | 'query', extra: ReadonlySet<string> = new Set()): boolean {
  const lower = name.toLowerCase();
  if (extra.has(lower)) return true;
  if ((kind === 'header' ? SECRET_HEADERS : SECRET_PARAMS).has(lower)) return true;
  return SECRET_FRAGMENT.test(lower);
}

/** Header input accepted by {@link redactHeaders}. */
export type HeaderInput =
  | Iterable<readonly [string, string]>
  | Record<string, string | readonly string[] | undefined>;

/**
 * Copies headers into a plain object (names lower-cased) with credential values replaced by
 * {@link REDACTED}.
 *
 * @param extra additional secret names, lower case
 */
export function redactHeaders(headers: HeaderInput, extra?: ReadonlySet<string>): Record<string, string> {
  const entries: Iterable<readonly [string, string | readonly string[] | undefined]> =
    Symbol.iterator in headers ? (headers as Iterable<readonly [string, string]>) : Object.entries(headers);
  const out: Record<string, string> = {};
  for (const [name, value] of entries) {
    if (value === undefined) continue;
    const lower = name.toLowerCase();
    const text = typeof value === 'string' ? value : value.join(', ');
    out[lower] = isSecretName(lower, 'header', extra) ? REDACTED : text;
  }
  return out;
}

/**
 * Returns `url` with the values of credential query parameters replaced by {@link REDACTED}, and
 * any userinfo (`https://user:pass@host`) removed. Text that is not an absolute URL is returned
 * with its query redacted the same way.
 *
 * @param extra additional secret names, lower case
 */
export function redactUrl(url: string, extra?: ReadonlySet<string>): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return redactQueryText(url, extra);
  }
  if (parsed.username || parsed.password) {
    parsed.username = '';
    parsed.password = '';
  }
  const query = parsed.search;
  parsed.search = '';
  return parsed.href.replace(/#.*$/, '') + redactQueryText(query, extra) + parsed.hash;
}

/** Redacts `name=value` pairs after the first `?` (or in the whole text if it starts with one). */
function redactQueryText(text: string, extra?: ReadonlySet<string>): string {
  const at = text.indexOf('?');
  if (at < 0) return text;
  const pairs = text.slice(at + 1).split('&').map((pair) => {
    const eq = pair.indexOf('=');
    if (eq < 0) return pair;
    let name: string;
    try {
      name = decodeURIComponent(pair.slice(0, eq).replace(/\+/g, ' '));
    } catch {
      name = pair.slice(0, eq);
    }
    return isSecretName(name, 'query', extra) ? `${pair.slice(0, eq)}=${REDACTED}` : pair;
  });
  return `${text.slice(0, at)}?${pairs.join('&')}`;
}
