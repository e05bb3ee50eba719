/**
 * One logical call around the single-attempt step: idempotency key, retry loop, `Retry-After`,
 * problem details on errors, hooks and debug log lines. `BaseClient.execute` calls this with its
 * `attempt` method; nothing here knows about transports or request building.
 */
import { AbortError, ApiError, ConnectionError, TimeoutError } from '../errors.js';
import type { OnRequestHook, OnResponseHook } from '../hooks.js';
import { DEFAULTS, type ClientConfig, type ClientOptions, type RequestOptions } from '../options.js';
import { createIdempotencyKey, KEYED_METHODS } from '../idempotency.js';
import { logDebug as log, redactHeaders, redactUrl, type Logger } from '../logger.js';
import { parseProblem, type ProblemDetails } from '../problem.js';
import type { PreparedRequest } from '../request/prepare.js';
import type { WithResponse } from '../response/info.js';
import { retryDecision, type AttemptOutcome } from './policy.js';
import { serverRetryDelay } from './retry-after.js';
import { sleep, withRetries, type Sleep } from './retry.js';

/** Time and randomness the retry logic uses; replaced in tests so nothing waits for real seconds. */
export interface RetryClock {
  /** ms since the epoch; for HTTP-date `Retry-After` values. */
  now(): number;
  sleep: Sleep;
  /** [0, 1), for backoff jitter. */
  random(): number;
}

/** The real clock. */
export const systemClock: RetryClock = { now: () => Date.now(), sleep, random: () => Math.random() };

/** Everything a call needs besides the request and the attempt step. */
export interface CallSettings {
  readonly maxRetries: number;
  readonly maxRetryAfter: number;
  readonly signal?: AbortSignal | undefined;
  readonly clock: RetryClock;
  /** Lower-case name of the idempotency header. */
  readonly idempotencyHeader: string;
  /** Add a fresh key to POST and PATCH requests that have none. */
  readonly autoIdempotencyKey: boolean;
  readonly logger?: Logger | undefined;
  /** Extra secret header / query names (lower case) to redact, e.g. the spec's API-key names. */
  readonly secretNames?: ReadonlySet<string> | undefined;
  readonly onRequest?: OnRequestHook | undefined;
  readonly onResponse?: OnResponseHook | undefined;
}

/** How a failed attempt looks to the retry policy. */
export function attemptOutcome(error: unknown): AttemptOutcome {
  if (error instanceof ApiError) return { kind: 'response', status: error.status, shouldRetry: error.headers.get('x-should-retry') };
  // TimeoutError is checked first in case it ever becomes a ConnectionError subclass.
  if (error instanceof TimeoutError) return { kind: 'timeout' };
  if (error instanceof ConnectionError) return { kind: 'connection' };
  if (error instanceof AbortError) return { kind: 'abort' };
  return { kind: 'other' };
}

/**
 * Fills `error.problem` (RFC 9457 body) and `error.retryAfter` (server-requested delay, ms) from the
 * response the error carries. Never throws: a malformed body just leaves `problem` unset.
 */
export function enrichApiError(error: ApiError, now: number): void {
  if (error.problem === undefined) {
    const problem: ProblemDetails | undefined = parseProblem(error.headers.get('content-type'), error.rawBody);
    if (problem !== undefined) error.problem = problem;
  }
  if (error.retryAfter === undefined) {
    const retryAfter = serverRetryDelay(error.headers, now);
    if (retryAfter !== undefined) error.retryAfter = retryAfter;
  }
}

/**
 * Runs `attempt` under the retry policy. The same `req` (and so the same idempotency key and body)
 * is used by every attempt; each attempt gets its own header copy for the `onRequest` hook.
 */
export async function sendWithRetries(
  req: PreparedRequest,
  settings: CallSettings,
  attempt: (req: PreparedRequest) => Promise<WithResponse<unknown>>,
): Promise<WithResponse<unknown>> {
  const { clock, logger, signal } = settings;
  const method = req.method.toUpperCase();
  const header = settings.idempotencyHeader;
  if (settings.autoIdempotencyKey && KEYED_METHODS.has(method) && req.headers[header] === undefined) {
    // Once per call, before the first attempt: every retry carries the same key.
    req.headers[header] = createIdempotencyKey();
  }
  const hasIdempotencyKey = req.headers[header] !== undefined;
  const secrets = settings.secretNames;
  const url = logger === undefined ? req.url : redactUrl(req.url, secrets);
  const operationId = req.op.id;

  const one = async (n: number): Promise<WithResponse<unknown>> => {
    const headers = { ...req.headers };
    await settings.onRequest?.({ operationId, method, url: req.url, headers, attempt: n });
    log(logger, `sdkgen ${method} ${url} (attempt ${n})`, { operationId, method, url, attempt: n, headers: redactHeaders(headers, secrets) });
    try {
      const result = await attempt({ ...req, headers });
      await settings.onResponse?.({ operationId, method, url: req.url, status: result.response.status, headers: result.response.headers, attempt: n });
      return result;
    } catch (error) {
      if (error instanceof ApiError) {
        enrichApiError(error, clock.now());
        await settings.onResponse?.({ operationId, method, url: req.url, status: error.status, headers: error.headers, attempt: n });
      }
      throw error;
    }
  };

  try {
    return await withRetries(one, {
      // A streamed body is consumed by the first attempt and cannot be sent again.
      maxRetries: req.replayable ? settings.maxRetries : 0,
      maxRetryAfter: settings.maxRetryAfter,
      signal,
      sleep: clock.sleep,
      random: clock.random,
      inspect: (error) => {
        const decision = retryDecision({ method, hasIdempotencyKey, outcome: attemptOutcome(error) });
        return { ...decision, retryAfter: error instanceof ApiError ? error.retryAfter : undefined };
      },
      onRetry: ({ attempt: n, delay, reason, retriesLeft, fromServer }) =>
        log(logger, `sdkgen retrying ${method} ${url} in ${delay} ms (${reason})`, {
          operationId,
          attempt: n,
          delay,
          reason,
          retriesLeft,
          delayFrom: fromServer ? 'server' : 'backoff',
        }),
      onGiveUp: ({ error, attempts, reason }) =>
        log(logger, `sdkgen ${method} ${url} failed after ${attempts} attempt(s) (${reason})`, {
          operationId,
          attempts,
          reason,
          error: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
          status: error instanceof ApiError ? error.status : undefined,
        }),
    });
  } catch (error) {
    // Aborted during a wait: the loop rejects with the signal's reason.
    if (signal?.aborted && !(error instanceof AbortError) && error === signal.reason) {
      log(logger, `sdkgen ${method} ${url} aborted`, { operationId });
      throw new AbortError('The request was aborted', { cause: error });
    }
    throw error;
  }
}

/** API-key header, query and cookie names per scheme table, lower-cased for redaction. */
const secretNamesCache = new WeakMap<object, ReadonlySet<string>>();

function secretNamesOf(config: ClientConfig): ReadonlySet<string> {
  const schemes = config.securitySchemes ?? {};
  let names = secretNamesCache.get(schemes);
  if (names === undefined) {
    const set = new Set<string>();
    for (const scheme of Object.values(schemes)) if (scheme.type === 'apiKey') set.add(scheme.name.toLowerCase());
    names = set;
    secretNamesCache.set(schemes, names);
  }
  return names;
}

/** Per-call settings from the client's options, the generated config and the call's options. */
export function callSettings(
  client: ClientOptions,
  config: ClientConfig,
  options: RequestOptions | undefined,
  clock: RetryClock,
): CallSettings {
  const configured = client.idempotencyHeader ?? config.idempotencyHeader;
  const header = (configured ?? DEFAULTS.idempotencyHeader).toLowerCase();
  // `headers: { 'Idempotency-Key': null }` on a call means "send none".
  const removed = Object.entries(options?.headers ?? {}).some(([name, value]) => value == null && name.toLowerCase() === header);
  return {
    maxRetries: options?.maxRetries ?? client.maxRetries ?? DEFAULTS.maxRetries,
    maxRetryAfter: client.maxRetryAfter ?? DEFAULTS.maxRetryAfter,
    signal: options?.signal,
    clock,
    idempotencyHeader: header,
    autoIdempotencyKey: configured !== undefined && !removed,
    logger: client.logger,
    secretNames: secretNamesOf(config),
    onRequest: client.onRequest,
    onResponse: client.onResponse,
  };
}
