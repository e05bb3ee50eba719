/**
 * The retry decision: may this failed attempt be tried again? Pure; the retry loop asks it once per
 * failed attempt.
 */

/** How one attempt failed. */
export type AttemptOutcome =
  /** The server answered with a non-2xx status. `shouldRetry` is the raw `x-should-retry` header. */
  | { readonly kind: 'response'; readonly status: number; readonly shouldRetry?: string | null | undefined }
  /** No response: connection refused or reset, socket closed before a response, DNS failure. */
  | { readonly kind: 'connection' }
  /** The per-attempt timeout fired. */
  | { readonly kind: 'timeout' }
  /** The caller aborted through its signal. Never retried. */
  | { readonly kind: 'abort' }
  /** Anything else (a bug, a body that could not be serialized, ...). Never retried. */
  | { readonly kind: 'other' };

/** Input of {@link retryDecision}. */
export interface RetryContext {
  /** HTTP method, upper case. */
  readonly method: string;
  /** Whether the request carries an idempotency key (header sent on every attempt of the call). */
  readonly hasIdempotencyKey: boolean;
  readonly outcome: AttemptOutcome;
}

/** Result of {@link retryDecision}; `reason` is for logs. */
export interface RetryDecision {
  readonly retry: boolean;
  readonly reason: string;
}

/**
 * Statuses retried by default.
 * 408, 429, 500, 502, 503 and 504 are transient (other 5xx, e.g. 501, are not); 409 is how idempotency-key stores answer "the first attempt with this
 * key is still in progress", which resolves by itself.
 */
export const RETRYABLE_STATUSES: ReadonlySet<number> = new Set([408, 409, 429, 500, 502, 503, 504]);

/**
 * Methods that may be repeated without changing the outcome.
 * @see https://www.rfc-editor.org/rfc/rfc9110#section-9.2.2
 */
export const IDEMPOTENT_METHODS: ReadonlySet<string> = new Set(['GET', 'HEAD', 'PUT', 'DELETE', 'OPTIONS', 'TRACE']);

/**
 * Decides whether a failed attempt is retried.
 *
 * Order: an abort or an unknown error is final; then the server's own word, `x-should-retry:
 * true|false`, decides (the server answered, so it knows whether it acted: `true` on a POST means the
 * request had no effect and may be repeated); then a POST or PATCH without an idempotency key is not
 * repeated (after a lost response or a bare 5xx the server may have acted; a repeat could duplicate
 * the side effect); then connection errors, timeouts and {@link RETRYABLE_STATUSES} retry.
 *
 * @see https://www.rfc-editor.org/rfc/rfc9110#section-9.2.2
 */
export function retryDecision(context: RetryContext): RetryDecision {
  const { outcome } = context;
  if (outcome.kind === 'abort') return { retry: false, reason: 'aborted' };
  if (outcome.kind === 'other') return { retry: false, reason: 'not a transient error' };
  if (outcome.kind === 'response') {
    const header = outcome.shouldRetry?.trim().toLowerCase();
    if (header === 'true') return { retry: true, reason: `status ${outcome.status}, x-should-retry: true` };
    if (header === 'false') return { retry: false, reason: `status ${outcome.status}, x-should-retry: false` };
  }
  const method = context.method.toUpperCase();
  if (!IDEMPOTENT_METHODS.has(method) && !context.hasIdempotencyKey) {
    return { retry: false, reason: `${method} without an idempotency key` };
  }
  if (outcome.kind === 'connection') return { retry: true, reason: 'connection error' };
  if (outcome.kind === 'timeout') return { retry: true, reason: 'timeout' };
  if (RETRYABLE_STATUSES.has(outcome.status)) return { retry: true, reason: `status ${outcome.status}` };
  return { retry: false, reason: `status ${outcome.status} is not retryable` };
}
