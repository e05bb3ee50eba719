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
    this.#records.delete(key);
    this.#records.set(key, slot);
    return slot.record;
  }

  set(key: string, record: CacheRecord): void {
    this.delete(key);
    const size = recordSize(key, record);
    if (size > this.maxBytes) return;
    this.#records.set(key, { record, size });
    this.#bytes += size;
    if (this.#records.size <= this.maxEntries && this.#bytes <= this.maxBytes) return;
    for (const [oldest, slot] of this.#records) {
      if (this.#records.size <= this.maxEntries && this.#bytes <= this.maxBytes) break;
      this.#records.delete(oldest);
      this.#bytes -= slot.size;
    }
  }

  delete(key: string): void {
    const slot = this.#records.get(key);
    if (slot === undefined) return;
    this.#records.delete(key);
    this.#bytes -= slot.size;
  }

  /** Drops every record. */
  clear(): void {
    this.#records.clear();
    this.#bytes = 0;
  }
}

function positiveOr(value: number | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  if (!Number.isFinite(value) || value < 1) throw new RangeError(`cache.${name} must be a positive number, got ${value}`);
  return Math.floor(value);
}
