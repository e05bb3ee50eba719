/**
 * The rate-limit budget of one API key on one origin, kept where every process of a fleet can
 * share it: the `RateLimitStore` interface and its in-memory default.
 *
 * The budget works by reservation: a request takes one unit before it is sent (`acquire`), and
 * each response tells the store what the server counts (`update`). When no window is known (the
 * first request, or the window just ended) one request goes alone as a probe and the others wait
 * for its answer, so nobody sends into a window whose size is unknown. Every implementation must
 * follow the same rules (the Redis one runs them as one Lua script).
 */

/** A window as a response announced it. */
export interface RateLimitWindow {
  /** Requests left, as the server counts them. */
  readonly remaining: number;
  /** When the window ends, ms since the epoch. */
  readonly resetAt: number;
  readonly limit?: number | undefined;
}

/**
 * `0`: go (one unit was taken). Otherwise wait until `until` (ms since the epoch) and ask again:
 * `window`, the window's reset (its budget is spent); `probe`, another request is finding out
 * what the window is (a short poll).
 */
export type RateLimitDecision = 0 | { readonly until: number; readonly reason: 'window' | 'probe' };

export interface RateLimitStore {
  /** Takes one unit of `key`'s budget, or says until when to wait. */
  acquire(key: string, now: number, probeTtl: number): RateLimitDecision | Promise<RateLimitDecision>;
  /**
   * What an attempt learnt: a window (sets a new one, or lowers `remaining` of the current one),
   * `'unlimited'` (the response announced no limit: unpaced for a while) or `'no-response'`.
   * Each ends a probe.
   */
  update(key: string, now: number, outcome: RateLimitOutcome): void | Promise<void>;
}

/** What an attempt tells the store. */
export type RateLimitOutcome = RateLimitWindow | 'unlimited' | 'no-response';

/** How long a key that announced no limit is left unpaced before another probe. */
export const UNLIMITED_MS = 1_000;

interface State {
  /** Requests sent and not answered yet: after a reset they may land in the new window. */
  inflight: number;
  remaining: number;
  resetAt: number;
  limit: number | undefined;
  probeUntil: number;
  freeUntil: number;
}

/** Probes still pending poll at this interval at most. */
export const PROBE_POLL_MS = 20;

/** One process, one map. The rules here are the reference the Redis script follows. */
export class MemoryRateLimitStore implements RateLimitStore {
  readonly #states = new Map<string, State>();
  /** Keys kept at most (oldest dropped): one per API key and origin, so a handful in practice. */
  readonly #maxKeys: number;

  constructor(maxKeys = 1000) {
    this.#maxKeys = maxKeys;
  }

  #state(key: string): State {
    let s = this.#states.get(key);
    if (s === undefined) {
      s = { inflight: 0, remaining: 0, resetAt: 0, limit: undefined, probeUntil: 0, freeUntil: 0 };
      this.#states.set(key, s);
      if (this.#states.size > this.#maxKeys) this.#states.delete(this.#states.keys().next().value!);
    }
    return s;
  }

  acquire(key: string, now: number, probeTtl: number): RateLimitDecision {
    const s = this.#state(key);
    if (now < s.freeUntil) return 0;
    if (now < s.resetAt) {
      if (s.remaining > 0) {
        s.remaining--;
        s.inflight++;
        return 0;
      }
      return { until: s.resetAt, reason: 'window' };
    }
    if (now < s.probeUntil) return { until: Math.min(s.probeUntil, now + PROBE_POLL_MS), reason: 'probe' };
    s.probeUntil = now + probeTtl;
    s.inflight++;
    return 0;
  }

  update(key: string, now: number, outcome: RateLimitOutcome): void {
    const s = this.#state(key);
    s.inflight = Math.max(0, s.inflight - 1);
    const live = now < s.resetAt;
    if (outcome === 'unlimited') {
      s.probeUntil = 0;
      // No limit announced: unpaced for a while, unless a window is running.
      if (!live) s.freeUntil = now + UNLIMITED_MS;
      return;
    }
    if (outcome === 'no-response') {
      s.probeUntil = 0;
      return;
    }
    // A late answer about a window that is over: nothing to learn (and it was no probe).
    if (outcome.resetAt <= now) return;
    s.probeUntil = 0;
    s.freeUntil = 0;
    if (live) {
      s.remaining = Math.min(s.remaining, outcome.remaining);
      s.resetAt = Math.max(s.resetAt, outcome.resetAt);
    } else {
      // Requests still in flight were sent for the old window but may land in this one.
      s.remaining = Math.max(0, outcome.remaining - s.inflight);
      s.resetAt = outcome.resetAt;
    }
    s.limit = outcome.limit ?? s.limit;
  }
}
