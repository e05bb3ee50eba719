/**
 * Cache keys. A key names one stored response: method, URL with its query in a canonical order,
 * a hash of the credentials the request carried, and (for a response with `Vary`) a hash of the
 * request's values for the varying headers. Raw credentials never appear in a key, so a shared
 * store (Redis, Keyv) never holds them: query-string API keys are cut out of the URL and hashed.
 * @see https://www.rfc-editor.org/rfc/rfc9111#section-2 (the cache key)
 */

import { fnv1a64 } from './hash.js';

/** What identifies a request for the cache, before `Vary` is known. */
export interface CacheKeyInput {
  /** Upper-case method. */
  readonly method: string;
  /** Absolute URL as sent, query already encoded. */
  readonly url: string;
  /**
   * Every credential value the request carries (bearer token, API key, `user:password`, cookie
   * value, ...), in a stable order. Empty for anonymous requests.
   */
  readonly credentials: readonly string[];
  /** Query parameters that carry credentials; removed from the URL in the key (they are hashed). */
  readonly secretQueryParams?: readonly string[] | undefined;
  /** `resourceKey(this)`, when the caller computed it already (it is needed several times per call). */
  readonly resource?: string | undefined;
}

/**
 * The URL with query pairs sorted by name (a stable sort: repeated names keep their relative
 * order, since `tag=a&tag=b` may mean something else than `tag=b&tag=a`), the fragment dropped,
 * and the named secret parameters removed. Comparison is on the encoded form the SDK sends.
 */
export function normalizeUrl(url: string, secretQueryParams: readonly string[] = []): string {
  const hash = url.indexOf('#');
  const bare = hash === -1 ? url : url.slice(0, hash);
  const q = bare.indexOf('?');
  if (q === -1) return bare;
  // The SDK's own URLs are already canonical; checking that in place avoids splitting and joining
  // on every cached GET.
  if (secretQueryParams.length === 0 && isCanonicalQuery(bare, q + 1)) return bare;
  let pairs = bare.slice(q + 1).split('&');
  if (secretQueryParams.length > 0) {
    const secrets = new Set<string>();
    for (const name of secretQueryParams) secrets.add(encodeURIComponent(name)).add(name);
    pairs = pairs.filter((pair) => !secrets.has(pairName(pair)));
  }
  pairs = pairs.filter((pair) => pair !== '');
  // The SDK sends query parameters in a fixed order, so the common case is already sorted.
  if (!isSorted(pairs)) pairs.sort(byName);
  return pairs.length === 0 ? bare.slice(0, q) : `${bare.slice(0, q)}?${pairs.join('&')}`;
}

/**
 * Whether the query starting at `start` has no empty pairs and its names in order, so that
 * `normalizeUrl` would return it unchanged. Scans in place: no substrings, no arrays.
 */
function isCanonicalQuery(url: string, start: number): boolean {
  let prevStart = -1;
  let prevEnd = -1;
  while (start <= url.length) {
    const amp = url.indexOf('&', start);
    const end = amp === -1 ? url.length : amp;
    if (end === start) return false;
    const eq = url.indexOf('=', start);
    const nameEnd = eq === -1 || eq > end ? end : eq;
    if (prevStart !== -1 && compareRanges(url, prevStart, prevEnd, start, nameEnd) > 0) return false;
    prevStart = start;
    prevEnd = nameEnd;
    start = end + 1;
  }
  return true;
}

/** `url.slice(a, aEnd)` compared with `url.slice(b, bEnd)` by UTF-16 code units, as `<` compares strings. */
function compareRanges(url: string, a: number, aEnd: number, b: number, bEnd: number): number {
  for (; a < aEnd && b < bEnd; a++, b++) {
    const d = url.charCodeAt(a) - url.charCodeAt(b);
    if (d !== 0) return d;
  }
  return aEnd - a - (bEnd - b);
}

function byName(a: string, b: string): number {
  const na = pairName(a);
  const nb = pairName(b);
  return na < nb ? -1 : na > nb ? 1 : 0;
}

function isSorted(pairs: readonly string[]): boolean {
  for (let i = 1; i < pairs.length; i++) if (byName(pairs[i - 1]!, pairs[i]!) > 0) return false;
  return true;
}

function pairName(pair: string): string {
  const eq = pair.indexOf('=');
  return eq === -1 ? pair : pair.slice(0, eq);
}

/**
 * The partition of a set of credentials: `anon` without any, else a 64-bit FNV-1a hash
 * (see `hash.ts` for why a non-cryptographic hash is enough here).
 */
export function credentialsPartition(credentials: readonly string[]): string {
  if (credentials.length === 0) return 'anon';
  // A client sends the same credentials request after request: remember the last answer.
  if (sameStrings(credentials, lastCredentials)) return lastPartition;
  lastPartition = fnv1a64(credentials);
  lastCredentials = [...credentials];
  return lastPartition;
}

let lastCredentials: readonly string[] = [];
let lastPartition = 'anon';

function sameStrings(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * The key of a request before `Vary` is known: `GET https://host/path?a=1&b=2 cred:<hash>`.
 * Under it the store holds either the response (no `Vary`) or a `VaryIndex` naming the headers.
 */
export function baseCacheKey(input: CacheKeyInput): string {
  return `${input.method} ${input.resource ?? resourceKey(input)}`;
}

/**
 * The resource part of a key, without the method: normalized URL and credential partition. Also
 * the key under which `ifMatch: 'auto'` remembers ETags.
 */
export function resourceKey(input: Omit<CacheKeyInput, 'method'>): string {
  return `${normalizeUrl(input.url, input.secretQueryParams)} cred:${credentialsPartition(input.credentials)}`;
}

/**
 * The key of one variant: the base key plus a hash of the request's values for the `Vary` names
 * (hashed, not spelled out, because `Vary: Authorization` or `Cookie` would otherwise put a
 * credential in the key). `null` (header absent) hashes differently from `''`.
 */
export function variantCacheKey(baseKey: string, names: readonly string[], values: readonly (string | null)[]): string {
  const parts: string[] = [];
  for (let i = 0; i < names.length; i++) {
    const value = values[i];
    parts.push(names[i] ?? '', value === null || value === undefined ? '!absent' : `=${value}`);
  }
  return `${baseKey} vary:${fnv1a64(parts)}`;
}
