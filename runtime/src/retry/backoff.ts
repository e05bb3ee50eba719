/**
 * Exponential backoff used when the server gave no (valid) Retry-After hint.
 */

/** Tuning of {@link backoffDelay}. */
export interface BackoffOptions {
  /** Delay before the first retry, in ms. @default 500 */
  readonly initialDelay?: number;
  /** Upper bound of the un-jittered delay, in ms. @default 8000 */
  readonly maxDelay?: number;
  /**
   * Fraction of the delay that jitter may take away (0 = no jitter). Jitter only ever shortens
   * the delay, so the cap stays a true cap, while concurrent clients still spread out.
   * @default 0.25
   */
  readonly jitter?: number;
}

/** Default first backoff delay in ms. */
export const DEFAULT_INITIAL_DELAY = 500;
/** Default backoff cap in ms. */
export const DEFAULT_MAX_DELAY = 8000;
/** Default jitter fraction. */
export const DEFAULT_JITTER = 0.25;

/**
 * Delay before retry number `retry` (0 for the first retry): `initialDelay * 2^retry`, capped at
 * `maxDelay`, then reduced by up to `jitter` of itself.
 *
 * @param random a source of numbers in [0, 1), injected so tests are deterministic
 * @default random Math.random
 */
export function backoffDelay(
  retry: number,
  random: () => number = Math.random,
  options: BackoffOptions = {},
): number {
  const initial = options.initialDelay ?? DEFAULT_INITIAL_DELAY;
  const max = options.maxDelay ?? DEFAULT_MAX_DELAY;
  const jitter = Math.min(Math.max(options.jitter ?? DEFAULT_JITTER, 0), 1);
  // 2 ** 1100 is Infinity; the min() turns that into the cap.
  const raw = Math.min(initial * 2 ** Math.max(0, retry), max);
  const r = Math.min(Math.max(random(), 0), 1);
  return Math.round(raw * (1 - jitter * r));
}
