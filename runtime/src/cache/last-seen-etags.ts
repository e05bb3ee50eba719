/**
 * The `ETag` last seen per resource, for `ifMatch: 'auto'`. Separate from the response cache: it
 * holds short strings only, works with `cache: false`, and remembers tags from write responses too
 * (a successful PATCH usually returns the new version's tag).
 */

import { resourceKey, type CacheKeyInput } from './key.js';

/** @default 1000 resources remembered; the one whose tag changed longest ago is forgotten first. */
export const DEFAULT_LAST_SEEN_ETAGS = 1000;

export class LastSeenEtags {
  readonly #tags = new Map<string, string>();
  readonly #max: number;

  constructor(max = DEFAULT_LAST_SEEN_ETAGS) {
    this.#max = max;
  }

  /** Remembers `etag` as the current version of the request's URL (per credentials). */
  remember(req: Omit<CacheKeyInput, 'method'>, etag: string): void {
    const key = req.resource ?? resourceKey(req);
    if (this.#tags.get(key) === etag) return;
    this.#tags.delete(key);
    this.#tags.set(key, etag);
    if (this.#tags.size > this.#max) {
      const oldest = this.#tags.keys().next();
      if (!oldest.done) this.#tags.delete(oldest.value);
    }
  }

  /** The last `ETag` seen for the request's URL, if any. */
  get(req: Omit<CacheKeyInput, 'method'>): string | undefined {
    return this.#tags.get(req.resource ?? resourceKey(req));
  }

  /** Forgets the URL, e.g. after a successful DELETE. */
  forget(req: Omit<CacheKeyInput, 'method'>): void {
    this.#tags.delete(req.resource ?? resourceKey(req));
  }
}
