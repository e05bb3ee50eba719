import { InvalidRequestError } from '../errors.js';
import { redactUrl } from '../logger.js';

/** A base URL split once per client, so requests concatenate strings instead of parsing URLs. */
export interface BaseUrl {
  /** `https://api.example.com` (no trailing slash). */
  readonly origin: string;
  /** Path prefix without trailing slash, e.g. `/v1`, or `''`. */
  readonly prefix: string;
}

/**
 * Parses a base URL such as `https://api.example.com/v1/`. Trailing slashes are dropped from the
 * prefix so joining with an operation path (which starts with `/`) never doubles them; any query or
 * fragment on the base URL is ignored.
 */
export function parseBaseUrl(baseUrl: string): BaseUrl {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    throw new InvalidRequestError(`Invalid baseUrl ${JSON.stringify(redactUrl(baseUrl))}: expected an absolute http(s) URL`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new InvalidRequestError(`Invalid baseUrl ${JSON.stringify(redactUrl(baseUrl))}: expected an http(s) URL`);
  }
  return { origin: url.origin, prefix: url.pathname.replace(/\/+$/, '') };
}

/** Joins a base prefix and an operation path with exactly one slash between them. */
export function joinPath(prefix: string, path: string): string {
  if (path === '') return prefix === '' ? '/' : prefix;
  // OpenAPI appends the path to the server URL as is: `/v1` + `/` is `/v1/`.
  return path.startsWith('/') ? prefix + path : `${prefix}/${path}`;
}
