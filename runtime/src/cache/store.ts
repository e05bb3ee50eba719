/**
 * What the ETag cache stores, and the interface a store implements. Records are plain JSON-safe
 * objects (strings and numbers only), so a shared store can `JSON.stringify` them as they are.
 */

/** A stored `200` response. */
export interface CachedResponse {
  readonly kind: 'response';
  readonly status: number;
  /** Lower-case names; `set-cookie` and hop-by-hop fields are never stored. */
  readonly headers: Readonly<Record<string, string>>;
  /** The body as text. Re-parsing it on each hit gives callers a fresh copy (and is about twice as fast as `structuredClone` of the parsed value). */
  readonly body: string;
  /** The `ETag` exactly as received, sent back in `If-None-Match`. */
  readonly etag: string;
  /** When the response was stored or last revalidated, ms since the epoch. */
  readonly storedAt: number;
}

/**
 * Stored under a resource's base key when its response had `Vary`: which request headers select the
 * variant, each variant being stored under its own key.
 * @see https://www.rfc-editor.org/rfc/rfc9111#section-4.1
 */
export interface VaryIndex {
  readonly kind: 'vary';
  /** Lower-case, sorted header names. */
  readonly names: readonly string[];
}

export type CacheRecord = CachedResponse | VaryIndex;

/**
 * Where the ETag cache keeps its records. The built-in `MemoryCacheStore` is an LRU bounded by
 * entry count and bytes; pass your own (Redis, Keyv, ...) as the client's `cache` option to share
 * entries between processes. Every method may return a promise. A store may drop any record at
 * any time: the cache then simply fetches again. Keys never contain raw credentials.
 * @see docs/cache.md for a Redis and a Keyv implementation
 */
export interface CacheStore {
  get(key: string): CacheRecord | undefined | Promise<CacheRecord | undefined>;
  set(key: string, record: CacheRecord): void | Promise<void>;
  delete(key: string): void | Promise<void>;
}

/** Whether `value` has the shape of a `CacheRecord`: what a shared store returns is checked, not trusted. */
export function isCacheRecord(value: unknown): value is CacheRecord {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  if (v['kind'] === 'vary') return Array.isArray(v['names']) && v['names'].every((n) => typeof n === 'string');
  return (
    v['kind'] === 'response' &&
    typeof v['status'] === 'number' &&
    typeof v['body'] === 'string' &&
    typeof v['etag'] === 'string' &&
    typeof v['storedAt'] === 'number' &&
    typeof v['headers'] === 'object' &&
    v['headers'] !== null
  );
}

/** Whether `value` can serve as a `CacheStore`. */
export function isCacheStore(value: unknown): value is CacheStore {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v['get'] === 'function' && typeof v['set'] === 'function' && typeof v['delete'] === 'function';
}

/**
 * Approximate memory a record holds, in bytes: UTF-8 length of its strings plus a small fixed
 * overhead. Used by `MemoryCacheStore` for its byte bound.
 */
export function recordSize(key: string, record: CacheRecord): number {
  const OVERHEAD = 64;
  let size = OVERHEAD + utf8Length(key);
  if (record.kind === 'vary') {
    for (const name of record.names) size += name.length;
    return size;
  }
  size += utf8Length(record.body) + record.etag.length;
  for (const name in record.headers) size += name.length + utf8Length(record.headers[name] ?? '');
  return size;
}

const nodeBuffer = (globalThis as { Buffer?: { byteLength(s: string, encoding: 'utf8'): number } }).Buffer;

/** UTF-8 byte length without allocating (native `Buffer.byteLength` on Node). */
export function utf8Length(s: string): number {
  if (nodeBuffer) return nodeBuffer.byteLength(s, 'utf8');
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && isLowSurrogate(s.charCodeAt(i + 1))) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

function isLowSurrogate(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff;
}
