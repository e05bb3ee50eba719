/**
 * The ETag cache as the request pipeline sees it: look up before sending a GET, store a `200`,
 * apply a `304`, invalidate after a write. All HTTP semantics live in the pure modules next to
 * this one; this class only sequences store reads and writes.
 */

import { parseCacheControl, isStorable } from './cache-control.js';
import { type EntityTag, parseEntityTag } from './etag.js';
import { baseCacheKey, type CacheKeyInput, variantCacheKey } from './key.js';
import { mergeNotModifiedHeaders, notModifiedSelects, storableHeaders } from './stored-headers.js';
import { type CachedResponse, type CacheStore, isCacheRecord } from './store.js';
import { parseVary, varyValues } from './vary.js';

/** A request as the cache needs it. */
export interface CacheRequest extends CacheKeyInput {
  /** The request's final headers, lower-case names: `Vary` selects among them. */
  readonly headers: Readonly<Record<string, string | undefined>>;
}

/** A stored response found for a request; send `entry.etag` as `If-None-Match`. */
export interface CacheHit {
  /** Key the entry lives under. */
  readonly key: string;
  readonly entry: CachedResponse;
  /** `entry.etag`, parsed. */
  readonly tag: EntityTag;
}

/** Why a response was or was not stored; for log lines and tests. */
export type SaveOutcome = 'stored' | 'not-200' | 'no-etag' | 'malformed-etag' | 'no-store' | 'vary-star';

/** Methods whose success invalidates the stored GET response of the same URL (RFC 9111 4.4). */
export const INVALIDATING_METHODS: ReadonlySet<string> = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Sequences store operations for the pipeline. Only `GET` is cached. Every stored response is
 * revalidated (`If-None-Match`) before use, never served on freshness alone: an SDK's caller
 * expects current data, and the win is the body the server does not resend.
 */
export class EtagCache {
  readonly store: CacheStore;
  readonly #now: () => number;

  /** @param now clock for `storedAt`, injectable for tests. @default Date.now */
  constructor(store: CacheStore, now: () => number = Date.now) {
    this.store = store;
    this.#now = now;
  }

  /**
   * The stored response for a GET, if any (following a `Vary` index to the request's variant).
   * Synchronous when the store is (the built-in LRU is): a lookup runs before every cached GET, and
   * a promise turn there was a visible share of a loopback request.
   */
  lookup(req: CacheRequest): CacheHit | undefined | Promise<CacheHit | undefined> {
    if (req.method !== 'GET') return undefined;
    const key = baseCacheKey(req);
    const record = this.store.get(key);
    return isThenable(record) ? Promise.resolve(record).then((r) => this.#follow(req, key, r)) : this.#follow(req, key, record);
  }

  /** Follows a `Vary` index to the variant for `req`'s headers; otherwise the record is the answer. */
  #follow(req: CacheRequest, key: string, found: unknown): CacheHit | undefined | Promise<CacheHit | undefined> {
    if (!isCacheRecord(found) || found.kind !== 'vary') return hitOf(key, found);
    const variantKey = variantCacheKey(key, found.names, varyValues(found.names, req.headers));
    const variant = this.store.get(variantKey);
    return isThenable(variant) ? Promise.resolve(variant).then((r) => hitOf(variantKey, r)) : hitOf(variantKey, variant);
  }

  /**
   * Stores the response to a GET when it is a `200` with a well-formed `ETag`, no `no-store` and no
   * `Vary: *`. A response that cannot be stored drops what was stored for the request, since the
   * server has moved on from it.
   * @param body the decoded body text
   */
  async save(req: CacheRequest, status: number, headers: Headers, body: string): Promise<SaveOutcome> {
    const outcome = saveOutcome(status, headers);
    const base = baseCacheKey(req);
    if (outcome !== 'stored') {
      await this.store.delete(base);
      return outcome;
    }
    const entry: CachedResponse = {
      kind: 'response',
      status,
      headers: storableHeaders(headers),
      body,
      etag: (headers.get('etag') ?? '').trim(),
      storedAt: this.#now(),
    };
    const names = parseVary(headers.get('vary'));
    if (names === '*' || names.length === 0) {
      await this.store.set(base, entry);
      return outcome;
    }
    // Variant first, index second: a concurrent lookup that sees the index finds the variant.
    await this.store.set(variantCacheKey(base, names, varyValues(names, req.headers)), entry);
    await this.store.set(base, { kind: 'vary', names });
    return outcome;
  }

  /**
   * Applies a `304` to the hit it answers: refreshes the stored headers and time, and returns the
   * updated entry. `undefined` when the `304` does not select the hit (different or malformed
   * `ETag`); the caller then fetches again without `If-None-Match`.
   * @see https://www.rfc-editor.org/rfc/rfc9111#section-4.3.4
   */
  async refresh(hit: CacheHit, notModified: Headers): Promise<CachedResponse | undefined> {
    // The merged `etag` is the 304's when it sent one, else ours (which then selects, see
    // notModifiedSelects): one pass over the 304's fields answers both questions.
    const headers = mergeNotModifiedHeaders(hit.entry.headers, notModified);
    const etag = headers['etag'] ?? hit.entry.etag;
    if (!notModifiedSelects(hit.tag, etag)) {
      await this.store.delete(hit.key);
      return undefined;
    }
    // The 304's ETag may differ from ours only in its W/ prefix; what we send next must be what the
    // server now says.
    const entry: CachedResponse = {
      kind: 'response',
      status: hit.entry.status,
      headers,
      body: hit.entry.body,
      etag: etag.trim(),
      storedAt: this.#now(),
    };
    await this.store.set(hit.key, entry);
    return entry;
  }

  /**
   * Drops the stored GET response for the URL a write went to. Call it when a POST, PUT, PATCH or
   * DELETE got a non-error status. Variants other than the one selected by this request's headers
   * become unreachable (their index is gone) and age out of the store.
   * @see https://www.rfc-editor.org/rfc/rfc9111#section-4.4
   */
  async invalidate(req: CacheRequest): Promise<void> {
    const base = baseCacheKey({ ...req, method: 'GET' });
    const record = await this.#get(base);
    if (record?.kind === 'vary') {
      await this.store.delete(variantCacheKey(base, record.names, varyValues(record.names, req.headers)));
    }
    await this.store.delete(base);
  }

  async #get(key: string): Promise<CachedResponse | { kind: 'vary'; names: readonly string[] } | undefined> {
    const record: unknown = await this.store.get(key);
    return isCacheRecord(record) ? record : undefined;
  }
}

/** A stored response as a hit, if `record` is one with a well-formed ETag. */
function hitOf(key: string, record: unknown): CacheHit | undefined {
  if (!isCacheRecord(record) || record.kind !== 'response') return undefined;
  const tag = parseEntityTag(record.etag);
  return tag === undefined ? undefined : { key, entry: record, tag };
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return typeof (value as PromiseLike<unknown> | undefined)?.then === 'function';
}

/** Whether a GET response may be stored, and if not, why. */
export function saveOutcome(status: number, headers: Headers): SaveOutcome {
  if (status !== 200) return 'not-200';
  const etag = headers.get('etag');
  if (etag === null) return 'no-etag';
  if (parseEntityTag(etag) === undefined) return 'malformed-etag';
  if (!isStorable(parseCacheControl(headers.get('cache-control')))) return 'no-store';
  if (parseVary(headers.get('vary')) === '*') return 'vary-star';
  return 'stored';
}
