/**
 * Loop guards for pagination. A server that answers page B with a link back to page A, hands out a
 * cursor it already gave, or clamps a page number past the end to the last page would otherwise be
 * paged forever. Two rules, both bounded in memory:
 *
 * - cursor and link styles: the next cursor or URL is one this run already requested (within the
 *   last {@link TRAIL_LIMIT} pages) -> no next page. Caught before the repeat is requested.
 * - page and offset styles without a declared end (no `total`, no server-given next offset), where
 *   the next number is our own count and never repeats: a page whose items are the previous page's
 *   -> it is the end, reported empty. Caught on the first repeated page.
 */

/** How many of a run's most recent page keys (cursors, URLs) are remembered. */
export const TRAIL_LIMIT = 1000;

/** The keys of one line of pages, oldest first, each with the depth (page count) it was requested at. */
interface Line {
  readonly keys: Map<string, number>;
  /** Depth of the newest page on this line. */
  tip: number;
}

/**
 * The cursors or URLs a run has requested, most recent {@link TRAIL_LIMIT}. Each page holds its own
 * trail; walking forward shares one `Map` (O(1) per page). Fetching a second next page from the same
 * page (`getNextPage()` twice) starts a line of its own, so one branch never stops another.
 */
export class PageTrail {
  readonly #line: Line;
  readonly #depth: number;

  private constructor(line: Line, depth: number) {
    this.#line = line;
    this.#depth = depth;
  }

  /** The trail before the first page of a run. */
  static start(): PageTrail {
    return new PageTrail({ keys: new Map(), tip: 0 }, 0);
  }

  /** The trail of the page requested with `key` after this one (`undefined`: a first page with no cursor). */
  extend(key: string | undefined): PageTrail {
    let line = this.#line;
    if (line.tip !== this.#depth) {
      const keys = new Map<string, number>();
      for (const [k, depth] of line.keys) if (depth <= this.#depth) keys.set(k, depth);
      line = { keys, tip: this.#depth };
    }
    const depth = this.#depth + 1;
    if (key !== undefined) {
      line.keys.delete(key);
      line.keys.set(key, depth);
      if (line.keys.size > TRAIL_LIMIT) line.keys.delete(line.keys.keys().next().value as string);
    }
    line.tip = depth;
    return new PageTrail(line, depth);
  }

  /** Whether `key` was requested on the way to this page (this page included). */
  has(key: string): boolean {
    const depth = this.#line.keys.get(key);
    return depth !== undefined && depth <= this.#depth;
  }

  /** How many keys are remembered (for tests of the bound). */
  get size(): number {
    return this.#line.keys.size;
  }
}

/** Nesting beyond this is compared as different: a repeat that deep is not worth a deep recursion. */
const MAX_DEPTH = 64;

/**
 * Whether two decoded JSON values are equal: same primitives, arrays of equal elements in order,
 * objects with equal values under the same keys. Stops at the first difference, so comparing a page
 * with a different next page costs about one item.
 */
export function sameJson(a: unknown, b: unknown, depth = 0): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null || depth > MAX_DEPTH) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameJson(a[i], b[i], depth + 1)) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  for (const key of keys) {
    if (!Object.hasOwn(b, key) || !sameJson((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key], depth + 1)) return false;
  }
  return true;
}
