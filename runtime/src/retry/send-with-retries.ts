/**
 * One logical call around the single-attempt step: idempotency key, retry loop, `Retry-After`,
 * problem details on errors, hooks and debug log lines. `BaseClient.execute` calls this with its
 * `attempt` method; nothing here knows about transports or request building.
 */
import { AbortError, ApiError, ConnectionError, SdkError, TimeoutError } from '../errors.js';
import type { OnRequestHook, OnResponseHook } from '../hooks.js';
import { DEFAULTS, type ClientConfig, type ClientOptions, type RequestOptions } from '../options.js';
import { createIdempotencyKey, KEYED_METHODS } from '../idempotency.js';
import { logDebug as log, redactHeaders, redactUrl, type Logger } from '../logger.js';
import { parseProblem, type ProblemDetails } from '../problem.js';
import type { RequestCredentials } from '../request/credentials.js';
import { checkHeaders } from '../request/header-check.js';
import type { PreparedRequest } from '../request/prepare.js';
import type { WithResponse } from '../response/info.js';
import { retryDecision, type AttemptOutcome } from './policy.js';
import { serverRetryDelay } from './retry-after.js';
import { sleep, withRetries, type AttemptVerdict, type GiveUpEvent, type RetryEvent, type RetryLoopOptions, type Sleep } from './retry.js';

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
 * is used by every attempt; with an `onRequest` hook each attempt gets its own header copy.
 *
 * Log lines, redaction and hook payloads are built only when a logger or hook is set: without
 * them an attempt is just `attempt(req)`, since that work cost more than the request itself.
 */
export function sendWithRetries(
  req: PreparedRequest,
  settings: CallSettings,
  attempt: (req: PreparedRequest) => Promise<WithResponse<unknown>>,
): Promise<WithResponse<unknown>> {
  const { logger } = settings;
  const method = req.method.toUpperCase();
  const header = settings.idempotencyHeader;
  if (settings.autoIdempotencyKey && KEYED_METHODS.has(method) && req.headers[header] === undefined) {
    // Once per call, before the first attempt: every retry carries the same key.
    try {
      req.headers[header] = createIdempotencyKey();
    } catch (error) {
      return Promise.reject(error);
    }
  }
  const observed = logger !== undefined || settings.onRequest !== undefined || settings.onResponse !== undefined;
  const one = observed ? observedAttempt(req, settings, method, attempt) : () => attempt(req);
  return withRetries(one, new RetriedCall(req, settings, method, req.headers[header]));
}

/**
 * The retry loop's options for one call. A class rather than an object literal of closures: the
 * hooks run only after a failure, yet closures would be allocated for every call.
 */
class RetriedCall implements RetryLoopOptions {
  readonly maxRetries: number;
  readonly maxRetryAfter: number;
  readonly signal: AbortSignal | undefined;
  readonly sleep: Sleep;
  readonly random: () => number;
  readonly #req: PreparedRequest;
  readonly #settings: CallSettings;
  readonly #method: string;
  /** The key every attempt of this call sends, if any; failed calls' errors carry it. */
  readonly #idempotencyKey: string | undefined;

  constructor(req: PreparedRequest, settings: CallSettings, method: string, idempotencyKey: string | undefined) {
    // A streamed body is consumed by the first attempt and cannot be sent again.
    this.maxRetries = req.replayable ? settings.maxRetries : 0;
    this.maxRetryAfter = settings.maxRetryAfter;
    this.signal = settings.signal;
    this.sleep = settings.clock.sleep;
    this.random = settings.clock.random;
    this.#req = req;
    this.#settings = settings;
    this.#method = method;
    this.#idempotencyKey = idempotencyKey;
  }

  inspect(error: unknown): AttemptVerdict {
    // Here rather than in the attempt: every failure passes through once, hooks or not.
    if (error instanceof ApiError) enrichApiError(error, this.#settings.clock.now());
    this.#stamp(error);
    const hasIdempotencyKey = this.#idempotencyKey !== undefined;
    const decision = retryDecision({ method: this.#method, hasIdempotencyKey, outcome: attemptOutcome(error) });
    return { ...decision, retryAfter: error instanceof ApiError ? error.retryAfter : undefined };
  }

  onRetry({ attempt, delay, reason, retriesLeft, fromServer }: RetryEvent): void {
    this.#log(`retrying ${this.#method} ${this.#url()} in ${delay} ms (${reason})`, {
      operationId: this.#req.op.id,
      attempt,
      delay,
      reason,
      retriesLeft,
      delayFrom: fromServer ? 'server' : 'backoff',
    });
  }

  onGiveUp({ error, attempts, reason }: GiveUpEvent): void {
    this.#log(`${this.#method} ${this.#url()} failed after ${attempts} attempt(s) (${reason})`, {
      operationId: this.#req.op.id,
      attempts,
      reason,
      error: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
      status: error instanceof ApiError ? error.status : undefined,
    });
  }

  /** Aborted before an attempt or during a wait: the loop hands over the signal's reason. */
  onAbort(reason: unknown): unknown {
    if (reason instanceof AbortError) return this.#stamp(reason);
    this.#log(`${this.#method} ${this.#url()} aborted`, { operationId: this.#req.op.id });
    return this.#stamp(new AbortError('The request was aborted', { cause: reason }));
  }

  /** Puts the call's idempotency key on an error of the runtime's, so the app can retry with it. */
  #stamp(error: unknown): unknown {
    if (this.#idempotencyKey !== undefined && error instanceof SdkError) error.idempotencyKey ??= this.#idempotencyKey;
    return error;
  }

  #url(): string {
    return redactUrl(this.#req.url, withRecorded(this.#settings.secretNames, this.#req.credentials));
  }

  #log(message: string, data: Record<string, unknown>): void {
    if (this.#settings.logger !== undefined) log(this.#settings.logger, `sdkgen ${message}`, data);
  }
}

/** The attempt step with `onRequest` / `onResponse` hooks and a debug line per attempt. */
function observedAttempt(
  req: PreparedRequest,
  settings: CallSettings,
  method: string,
  attempt: (req: PreparedRequest) => Promise<WithResponse<unknown>>,
): (n: number) => Promise<WithResponse<unknown>> {
  const { logger, onRequest, onResponse } = settings;
  const secrets = withRecorded(settings.secretNames, req.credentials);
  const url = logger === undefined ? req.url : redactUrl(req.url, secrets);
  const operationId = req.op.id;
  return async (n) => {
    // A hook's header changes apply to this attempt only.
    const headers = onRequest === undefined ? req.headers : { ...req.headers };
    if (onRequest !== undefined) {
      await onRequest({ operationId, method, url: req.url, headers, attempt: n });
      normalizeHookHeaders(headers);
      checkHeaders(headers);
    }
    if (logger !== undefined) {
      log(logger, `sdkgen ${method} ${url} (attempt ${n})`, { operationId, method, url, attempt: n, headers: redactHeaders(headers, secrets) });
    }
    try {
      const result = await attempt(headers === req.headers ? req : { ...req, headers });
      await onResponse?.({ operationId, method, url: req.url, status: result.response.status, headers: result.response.headers, attempt: n });
      return result;
    } catch (error) {
      if (error instanceof ApiError) {
        // The hook reads the error's fields; the retry inspector would fill them a moment later.
        enrichApiError(error, settings.clock.now());
        await onResponse?.({ operationId, method, url: req.url, status: error.status, headers: error.headers, attempt: n });
      }
      throw error;
    }
  };
}

/**
 * Header names are case-insensitive, but a hook writes plain object keys: `headers['Authorization']`
 * beside the SDK's `authorization` would reach the wire twice and escape the cache's credential
 * partition. Folds every name to lower case; a name the hook spelled differently wins over the
 * lower-case one it shadows (the hook wrote it last).
 */
export function normalizeHookHeaders(headers: Record<string, string>): void {
  for (const name of Object.keys(headers)) {
    const lower = name.toLowerCase();
    if (lower === name) continue;
    const value = headers[name]!;
    delete headers[name];
    if (value === undefined || value === null) delete headers[lower];
    else headers[lower] = value;
  }
}

/** The client's secret names plus the credentials this request recorded, for redaction. */
function withRecorded(names: ReadonlySet<string> | undefined, credentials: RequestCredentials | undefined): ReadonlySet<string> | undefined {
  if (credentials === undefined) return names;
  const all = new Set(names);
  for (const list of [credentials.headers, credentials.query, credentials.cookies]) for (const name of list) all.add(name.toLowerCase());
  return all;
}

/** API-key header, query and cookie names per scheme table, lower-cased for redaction. */
function secretNamesOf(config: ClientConfig): ReadonlySet<string> {
  const set = new Set<string>();
  for (const scheme of Object.values(config.securitySchemes ?? {})) if (scheme.type === 'apiKey') set.add(scheme.name.toLowerCase());
  return set;
}

/** The parts of {@link CallSettings} that depend only on the client; computed once per client. */
export interface ClientCallSettings {
  readonly maxRetries: number;
  readonly maxRetryAfter: number;
  /** Lower-case name of the idempotency header. */
  readonly idempotencyHeader: string;
  /** The spec or the client named an idempotency header, so POST and PATCH get a key by default. */
  readonly idempotencyConfigured: boolean;
  readonly logger?: Logger | undefined;
  readonly secretNames: ReadonlySet<string>;
  readonly onRequest?: OnRequestHook | undefined;
  readonly onResponse?: OnResponseHook | undefined;
}

/** Client-wide call settings from the client's options and the generated config. */
export function clientCallSettings(client: ClientOptions, config: ClientConfig): ClientCallSettings {
  const configured = client.idempotencyHeader ?? config.idempotencyHeader;
  return {
    maxRetries: client.maxRetries ?? DEFAULTS.maxRetries,
    maxRetryAfter: client.maxRetryAfter ?? DEFAULTS.maxRetryAfter,
    idempotencyHeader: (configured ?? DEFAULTS.idempotencyHeader).toLowerCase(),
    idempotencyConfigured: configured !== undefined,
    logger: client.logger,
    secretNames: secretNamesOf(config),
    onRequest: client.onRequest,
    onResponse: client.onResponse,
  };
}

/** Whether the call's `headers` option removes `name` (`{ 'Idempotency-Key': null }` means "send none"). */
function removesHeader(headers: RequestOptions['headers'], name: string): boolean {
  if (headers === undefined) return false;
  for (const key in headers) if (headers[key] == null && key.toLowerCase() === name) return true;
  return false;
}

/** Per-call settings: the client's, with the call's options applied. */
export function callSettings(client: ClientCallSettings, options: RequestOptions | undefined, clock: RetryClock): CallSettings {
  return {
    maxRetries: options?.maxRetries ?? client.maxRetries,
    maxRetryAfter: options?.maxRetryAfter ?? client.maxRetryAfter,
    signal: options?.signal,
    clock,
    idempotencyHeader: client.idempotencyHeader,
    autoIdempotencyKey: client.idempotencyConfigured && !removesHeader(options?.headers, client.idempotencyHeader),
    logger: client.logger,
    secretNames: client.secretNames,
    onRequest: client.onRequest,
    onResponse: client.onResponse,
  };
}
