/**
 * The client's `cache` option, turned into an `EtagCache` (or none).
 */

import { EtagCache } from './etag-cache.js';
import { MemoryCacheStore, type MemoryCacheStoreOptions } from './memory-store.js';
import { type CacheStore, isCacheStore } from './store.js';

/**
 * `true` (default): the built-in LRU with default bounds; `false`: no cache;
 * `{ maxEntries, maxBytes }`: the built-in LRU with these bounds; a `CacheStore`: your store.
 * @default true
 */
export type CacheOption = boolean | MemoryCacheStoreOptions | CacheStore;

/** Builds the cache for a client's `cache` option; `undefined` when caching is off. */
export function createEtagCache(option: CacheOption | undefined, now?: () => number): EtagCache | undefined {
  if (option === false) return undefined;
  if (option === undefined || option === true) return new EtagCache(new MemoryCacheStore(), now);
  if (isCacheStore(option)) return new EtagCache(option, now);
  if (typeof option === 'object' && option !== null) return new EtagCache(new MemoryCacheStore(option), now);
  throw new TypeError(`cache must be a boolean, { maxEntries, maxBytes } or a CacheStore, got ${typeof option}`);
}
