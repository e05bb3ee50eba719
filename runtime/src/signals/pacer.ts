/**
 * `rateLimit: 'pace'`: before each attempt, take a unit of the budget of this API key on this
 * origin, or wait for the window to reset; never longer than `maxRetryAfter` in all (then the call
 * fails at once with `RateLimitError` carrying `retryAfter`). A failing shared store degrades to
 * this process's own budget, with a logged warning.
 */
import { fnv1a64 } from '../cache/hash.js';
import { AbortError, RateLimitError } from '../errors.js';
import { logWarn, type Logger } from '../logger.js';
import type { ClientConfig } from '../options.js';
import type { PreparedRequest } from '../request/prepare.js';
import type { RetryClock } from '../retry/send-with-retries.js';
import { MemoryRateLimitStore, type RateLimitOutcome, type RateLimitStore } from './rate-limit-store.js';
import type { RateLimitInfo } from './rate-limit.js';

/** After a store failure, the store is left alone this long. */
const STORE_RETRY_MS = 5_000;

export class Pacer {
  readonly #store: RateLimitStore;
  readonly #local = new MemoryRateLimitStore();
  readonly #logger: Logger | undefined;
  readonly #clock: () => RetryClock;
  readonly #probeTtl: number;
  /** Lower-case header names whose values identify the caller (credentials). */
  readonly #credentialHeaders: readonly string[];
  /** Query parameters that carry API keys. */
  readonly #credentialQuery: readonly string[];
  #storeDownUntil = 0;

  constructor(init: {
    store?: RateLimitStore | undefined;
    logger?: Logger | undefined;
    clock: () => RetryClock;
    config: ClientConfig;
    timeout: number;
  }) {
    this.#store = init.store ?? this.#local;
    this.#logger = init.logger;
    this.#clock = init.clock;
    this.#probeTtl = init.timeout > 0 && Number.isFinite(init.timeout) ? Math.min(init.timeout, 10_000) : 10_000;
    const headers = new Set(['authorization', 'cookie']);
    const query: string[] = [];
    for (const scheme of Object.values(init.config.securitySchemes ?? {})) {
      if (scheme.type !== 'apiKey') continue;
      if (scheme.in === 'header') headers.add(scheme.name.toLowerCase());
      else if (scheme.in === 'query') query.push(scheme.name);
    }
    this.#credentialHeaders = [...headers].sort();
    this.#credentialQuery = query;
  }

  /** The budget's key: the origin and a hash of the credentials the request carries (never the credentials). */
  key(req: PreparedRequest): string {
    const parts: string[] = [];
    for (const name of this.#credentialHeaders) {
      const value = req.headers[name];
      if (value !== undefined) parts.push(`${name}:${value}`);
    }
    if (this.#credentialQuery.length > 0) {
      const search = new URL(req.url).searchParams;
      for (const name of this.#credentialQuery) for (const value of search.getAll(name)) parts.push(`?${name}=${value}`);
    }
    return `ratelimit:${req.origin}:${parts.length === 0 ? 'anon' : fnv1a64(parts)}`;
  }

  /**
   * Waits until the budget allows one more request. Bounded: waits for spent windows count against
   * `maxRetryAfter` (one that would pass it throws `RateLimitError` before waiting); waits for a
   * probe end when it answers or when its `probeTtl` runs out.
   */
  async acquire(key: string, req: PreparedRequest, maxRetryAfter: number, signal: AbortSignal | undefined): Promise<void> {
    const clock = this.#clock();
    let waited = 0;
    for (;;) {
      const now = clock.now();
      const decision = await this.#shared((s) => s.acquire(key, now, this.#probeTtl));
      if (decision === 0 || decision.until <= now) return;
      const wait = decision.until - now;
      // Waiting for a probe's answer is short and bounded by the probe's lifetime; a spent window
      // is what maxRetryAfter bounds.
      if (decision.reason === 'window' && waited + wait > maxRetryAfter) throw paceError(req, waited + wait, maxRetryAfter);
      try {
        await clock.sleep(wait, signal);
      } catch (error) {
        throw new AbortError('The request was aborted while waiting for the rate-limit window', { cause: error });
      }
      waited += wait;
    }
  }

  /** Tells the store what an attempt learnt. Never throws. */
  async update(key: string, info: RateLimitInfo | undefined | 'no-response'): Promise<void> {
    const now = this.#clock().now();
    let outcome: RateLimitOutcome;
    if (info === 'no-response') outcome = info;
    else if (info?.remaining === undefined || info.reset === undefined) outcome = 'unlimited';
    else outcome = { remaining: info.remaining, resetAt: info.reset.getTime(), limit: info.limit };
    try {
      await this.#shared((s) => s.update(key, now, outcome));
    } catch {
      // The local store does not throw; a shared one's failure was handled in #shared.
    }
  }

  /** Runs `op` on the shared store; on failure warns, and uses this process's budget for a while. */
  async #shared<T>(op: (store: RateLimitStore) => T | Promise<T>): Promise<T> {
    const now = this.#clock().now();
    if (this.#store !== this.#local && now >= this.#storeDownUntil) {
      try {
        return await op(this.#store);
      } catch (error) {
        this.#storeDownUntil = now + STORE_RETRY_MS;
        logWarn(this.#logger, 'sdkgen rate-limit store failed; pacing on per-process state for now', {
          error: error instanceof Error ? error.message : String(error),
        });
      }
    }
    return op(this.#local);
  }
}

/** The call is not sent: the window resets later than the caller is willing to wait. */
function paceError(req: PreparedRequest, wait: number, maxRetryAfter: number): RateLimitError {
  const url = req.url.split('?')[0]!;
  const error = new RateLimitError({
    status: 429,
    headers: new Headers({ 'retry-after': String(Math.ceil(wait / 1000)) }),
    body: undefined,
    rawBody: '',
    method: req.method,
    url,
    message: `${req.method} ${new URL(url).pathname} not sent: the rate limit allows it in ${wait} ms, more than maxRetryAfter (${maxRetryAfter} ms)`,
  });
  error.retryAfter = wait;
  return error;
}
