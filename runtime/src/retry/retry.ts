/**
 * The retry loop. Attempts are counted and sequenced by p-retry; the delay between attempts is ours
 * (server hint or backoff) and is waited through an injected `sleep`, so tests run on a fake clock.
 *
 * p-retry's own timer is switched off with `minTimeout: 0` (its delay formula then yields 0 and it
 * never calls `setTimeout`); our wait happens inside its `shouldRetry` hook, which it awaits before
 * the next attempt. Its wall-clock budget (`maxRetryTime`) is left at Infinity so it never reads the
 * real clock.
 *
 * The first attempt runs before p-retry is entered: most calls succeed at once, and setting up
 * p-retry (option copies and validation, its async layers) cost about as much CPU as the rest of
 * the pipeline together. After a failure p-retry takes over from attempt 1, whose error it is handed
 * as if it had made the attempt itself, so every failure, including the first, goes through the
 * same hooks and counting.
 */
import pRetry from 'p-retry';
import { backoffDelay, type BackoffOptions } from './backoff.js';

/** Waits `ms`, rejecting with `signal.reason` as soon as `signal` aborts. */
export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

/** setTimeout's limit; longer timers fire at once, so longer waits are cut to it. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/** The real-time {@link Sleep}. */
export const sleep: Sleep = (ms, signal) =>
  new Promise<void>((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(
      () => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      },
      Math.min(Math.max(0, ms), MAX_TIMER_MS),
    );
    signal?.addEventListener('abort', onAbort, { once: true });
  });

/** What the caller's inspector says about one failed attempt. */
export interface AttemptVerdict {
  readonly retry: boolean;
  /** Short human reason, for logs ("status 503", "connection error", ...). */
  readonly reason: string;
  /** Delay the server asked for, in ms (from `retry-after-ms` / `Retry-After`), if any. */
  readonly retryAfter?: number | undefined;
}

/** Passed to {@link RetryLoopOptions.onRetry} before each wait. */
export interface RetryEvent {
  readonly error: unknown;
  /** The attempt that just failed, 1-based. */
  readonly attempt: number;
  /** Retries still allowed after this one. */
  readonly retriesLeft: number;
  readonly reason: string;
  /** The wait before the next attempt, in ms. */
  readonly delay: number;
  /** Whether `delay` came from the server (true) or from backoff (false). */
  readonly fromServer: boolean;
}

/** Passed to {@link RetryLoopOptions.onGiveUp} when the loop rethrows an attempt's error. */
export interface GiveUpEvent {
  readonly error: unknown;
  /** Attempts made, 1-based. */
  readonly attempts: number;
  readonly reason: string;
}

/** Options of {@link withRetries}. */
export interface RetryLoopOptions {
  /** Retries after the first attempt; non-finite values fall back to the default. @default 2 */
  readonly maxRetries?: number;
  /**
   * Longest server-requested delay honoured, in ms. A longer request ends the loop at once with
   * the attempt's error (waiting silently for minutes would look like a hang).
   * @default 60000
   */
  readonly maxRetryAfter?: number;
  /** Aborting stops a wait immediately (the loop rejects with `signal.reason`). */
  readonly signal?: AbortSignal | undefined;
  /** @default the real-time {@link sleep} */
  readonly sleep?: Sleep | undefined;
  /** Source of [0, 1) numbers for jitter. @default Math.random */
  readonly random?: (() => number) | undefined;
  readonly backoff?: BackoffOptions | undefined;
  /** Classifies a failed attempt. Called once per failure. */
  readonly inspect: (error: unknown, attempt: number) => AttemptVerdict;
  readonly onRetry?: ((event: RetryEvent) => void) | undefined;
  readonly onGiveUp?: ((event: GiveUpEvent) => void) | undefined;
  /**
   * Maps the signal's reason when the loop stops because `signal` aborted; the loop rejects with
   * what it returns. @default the reason itself
   */
  readonly onAbort?: ((reason: unknown) => unknown) | undefined;
}

/** @default 2 */
export const DEFAULT_MAX_RETRIES = 2;
/** @default 60000 */
export const DEFAULT_MAX_RETRY_AFTER = 60_000;

/** p-retry rejects non-`Error` throws with a TypeError; keep the original value reachable. */
class ThrownValue extends Error {
  constructor(readonly value: unknown) {
    super('non-Error value thrown');
  }
}

/**
 * Runs `attempt` until it resolves, the inspector declines a retry, retries run out, the server
 * asks for a delay above `maxRetryAfter`, or `signal` aborts. Rejects with the last attempt's error
 * (or the signal's reason).
 *
 * @param attempt receives the 1-based attempt number
 */
export function withRetries<T>(attempt: (attemptNumber: number) => Promise<T>, options: RetryLoopOptions): Promise<T> {
  // Not an async function: on success the caller gets the attempt's own promise, one turn sooner.
  const { signal } = options;
  if (signal?.aborted) return retryAfterFirstFailure(attempt, options, signal.reason);
  let first: Promise<T>;
  try {
    first = attempt(1);
  } catch (error) {
    return retryAfterFirstFailure(attempt, options, error);
  }
  return first.then(undefined, (error: unknown) => retryAfterFirstFailure(attempt, options, error));
}

/** The p-retry loop, entered once attempt 1 has failed with `firstError`. */
async function retryAfterFirstFailure<T>(
  attempt: (attemptNumber: number) => Promise<T>,
  options: RetryLoopOptions,
  firstError: unknown,
): Promise<T> {
  const maxRetries = options.maxRetries ?? DEFAULT_MAX_RETRIES;
  // Every loop is bounded: a non-finite or negative count falls back to the default / to 0.
  const retries = Number.isFinite(maxRetries) ? Math.max(0, Math.floor(maxRetries)) : DEFAULT_MAX_RETRIES;
  const maxRetryAfter = options.maxRetryAfter ?? DEFAULT_MAX_RETRY_AFTER;
  const wait = options.sleep ?? sleep;
  const random = options.random ?? Math.random;
  const { signal } = options;
  // Set in onFailedAttempt (which p-retry always calls first) and read by shouldRetry and on give-up.
  let verdict: AttemptVerdict = { retry: false, reason: 'not inspected' };
  let lastAttempt = 0;
  let verdictError: unknown;

  try {
    return await pRetry(
      async (n) => {
        lastAttempt = n;
        try {
          // Attempt 1 already ran (withRetries); p-retry sees its failure as its own.
          if (n === 1) throw firstError;
          signal?.throwIfAborted();
          return await attempt(n);
        } catch (error) {
          // A TypeError that does not look like a network error skips p-retry's hooks entirely;
          // wrapping keeps every failure on the same path.
          throw error instanceof Error && !(error instanceof TypeError) ? error : new ThrownValue(error);
        }
      },
      {
        retries,
        minTimeout: 0,
        factor: 1,
        randomize: false,
        onFailedAttempt: ({ error, attemptNumber }) => {
          verdictError = unwrap(error);
          verdict = options.inspect(verdictError, attemptNumber);
        },
        shouldRetry: async ({ retriesConsumed, retriesLeft, attemptNumber }) => {
          if (!verdict.retry) return false;
          const server = verdict.retryAfter;
          if (server !== undefined && server > maxRetryAfter) {
            verdict = {
              retry: false,
              reason: `${verdict.reason}; server asked to wait ${server} ms, more than maxRetryAfter ${maxRetryAfter} ms`,
            };
            return false;
          }
          const delay = server ?? backoffDelay(retriesConsumed, random, options.backoff);
          options.onRetry?.({
            error: verdictError,
            attempt: attemptNumber,
            retriesLeft: retriesLeft - 1,
            reason: verdict.reason,
            delay,
            fromServer: server !== undefined,
          });
          await wait(delay, signal);
          return true;
        },
      },
    );
  } catch (error) {
    const original = unwrap(error);
    if (signal?.aborted && original === signal.reason) throw options.onAbort ? options.onAbort(original) : original;
    const reason = verdict.retry ? `${verdict.reason}; retries exhausted (${retries})` : verdict.reason;
    options.onGiveUp?.({ error: original, attempts: lastAttempt, reason });
    throw original;
  }
}

function unwrap(error: unknown): unknown {
  return error instanceof ThrownValue ? error.value : error;
}
