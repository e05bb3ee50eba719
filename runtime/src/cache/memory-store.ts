/**
 * The default cache store: an in-process LRU bounded both by entry count and by bytes.
 */

import { type CacheRecord, type CacheStore, recordSize } from './store.js';

/** Bounds of the built-in store. */
export interface MemoryCacheStoreOptions {
  /** Most records kept (a `Vary` index counts as one). @default 1000 */
  readonly maxEntries?: number | undefined;
  /** Most bytes kept (UTF-8 size of bodies, headers and keys, approximately). @default 10 MiB */
  readonly maxBytes?: number | undefined;
}

/** @see MemoryCacheStoreOptions */
export const DEFAULT_CACHE_MAX_ENTRIES = 1000;
/** @see MemoryCacheStoreOptions */
export const DEFAULT_CACHE_MAX_BYTES = 10 * 1024 * 1024;

/**
 * Least-recently-used store. A `Map` keeps insertion order, so moving a record to the end on every
 * read and evicting from the front gives LRU order without a linked list. A record larger than
 * `maxBytes` on its own is not stored (and any older record under its key is dropped), so one huge
 * response cannot flush everything else.
 */
export class MemoryCacheStore implements CacheStore {
  readonly maxEntries: number;
  readonly maxBytes: number;
  readonly #records = new Map<string, { record: CacheRecord; size: number }>();
  #bytes = 0;
  /** The key at the newest end of `#records`, if known. */
  #newest: string | undefined;

  constructor(options: MemoryCacheStoreOptions = {}) {
    this.maxEntries = positiveOr(options.maxEntries, DEFAULT_CACHE_MAX_ENTRIES, 'maxEntries');
    this.maxBytes = positiveOr(options.maxBytes, DEFAULT_CACHE_MAX_BYTES, 'maxBytes');
  }

  /** Records held now. */
  get size(): number {
    return this.#records.size;
  }

  /** Bytes held now, as counted against `maxBytes`. */
  get bytes(): number {
    return this.#bytes;
  }

  get(key: string): CacheRecord | undefined {
    const slot = this.#records.get(key);
    if (slot === undefined) return undefined;
    // Re-inserting moves the key to the newest end; skip it when it is there already (a hot key
    // read again and again would otherwise churn the Map's hash table).
    if (key !== this.#newest) {
      this.#records.delete(key);
      this.#records.set(key, slot);
      this.#newest = key;
    }
    return slot.record;
  }

  set(key: string, record: CacheRecord): void {
    const size = recordSize(key, record);
    const old = this.#records.get(key);
    if (old !== undefined && key === this.#newest && size <= this.maxBytes) {
      // Already the newest: replace in place, no re-insertion.
      this.#records.set(key, { record, size });
      this.#bytes += size - old.size;
    } else {
      this.delete(key);
      if (size > this.maxBytes) return;
      this.#records.set(key, { record, size });
      this.#newest = key;
      this.#bytes += size;
    }
    if (this.#records.size <= this.maxEntries && this.#bytes <= this.maxBytes) return;
    for (const [oldest, slot] of this.#records) {
      if (this.#records.size <= this.maxEntries && this.#bytes <= this.maxBytes) break;
      this.#records.delete(oldest);
      this.#bytes -= slot.size;
      if (oldest === this.#newest) this.#newest = undefined;
    }
  }

  delete(key: string): void {
    const slot = this.#records.get(key);
    if (slot === undefined) return;
    this.#records.delete(key);
    this.#bytes -= slot.size;
    if (key === this.#newest) this.#newest = undefined;
  }

  /** Drops every record. */
  clear(): void {
    this.#records.clear();
    this.#bytes = 0;
    this.#newest = undefined;
  }
}

function positiveOr(value: number | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  if (!Number.isFinite(value) || value < 1) throw new RangeError(`cache.${name} must be a positive number, got ${value}`);
  return Math.floor(value);
}
