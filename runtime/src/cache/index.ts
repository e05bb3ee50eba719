/** The ETag cache's public surface, re-exported by the runtime's entry point. */

export type { CacheOption } from './cache-option.js';
export {
  DEFAULT_CACHE_MAX_BYTES,
  DEFAULT_CACHE_MAX_ENTRIES,
  MemoryCacheStore,
  type MemoryCacheStoreOptions,
} from './memory-store.js';
export type { CachedResponse, CacheRecord, CacheStore, VaryIndex } from './store.js';
