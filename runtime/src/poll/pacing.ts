/**
 * How long to wait before the next poll. Pure: the server's hint and the poll count come in, a
 * delay in ms comes out. Table-tested in test/runtime/poll/pacing.test.ts.
 */

/** First backoff delay between polls, ms. */
export const POLL_INITIAL_DELAY = 1000;
/** Longest backoff delay between polls, ms. */
export const POLL_MAX_DELAY = 30_000;
/** Default bound of one `wait()`: the total time spent waiting between polls, ms (24 hours). */
export const DEFAULT_MAX_WAIT = 24 * 60 * 60 * 1000;

/** Inputs of {@link pollDelay}. */
export interface PollPacing {
  /** Delay the last response asked for (`retry-after-ms` / `Retry-After`), ms. */
  readonly serverDelay?: number | undefined;
  /** The longest server delay honoured, ms; longer asks are cut to it. */
  readonly maxRetryAfter: number;
  /** A fixed interval chosen by the caller, used when the server gives no hint. */
  readonly pollInterval?: number | undefined;
  /** Polls made so far without a server hint, 0-based (drives the backoff). */
  readonly unhinted: number;
}

/**
 * The server's `Retry-After` (capped at `maxRetryAfter`: polling never stops because a server asked
 * for a long pause) wins; else the caller's `pollInterval`; else a backoff doubling from 1 s to 30 s.
 */
export function pollDelay(p: PollPacing): number {
  if (p.serverDelay !== undefined && Number.isFinite(p.serverDelay)) return Math.max(0, Math.min(p.serverDelay, p.maxRetryAfter));
  if (p.pollInterval !== undefined && Number.isFinite(p.pollInterval)) return Math.max(0, p.pollInterval);
  return Math.min(POLL_INITIAL_DELAY * 2 ** Math.min(Math.max(0, p.unhinted), 30), POLL_MAX_DELAY);
}
