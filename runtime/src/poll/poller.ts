/**
 * `Poller`: what a long-running operation's method resolves to. It holds the operation's state (a
 * status URL, the last status body, where the result is) and polls through the client's normal
 * pipeline (auth, retries, ETag cache, logging, hooks); the rules it applies are data and pure
 * functions (terminal.ts, links.ts, pacing.ts). It serializes to JSON and resumes from it.
 * @see ../../../docs/operations.md
 */
import { AbortError, InvalidRequestError, InvalidResponseError, TimeoutError } from '../errors.js';
import type { OperationDescriptor, SecurityRequirement } from '../operation.js';
import { pageUrlOperation } from '../pagination/page-url.js';
import type { CoreClient } from '../client.js';
import type { ResponseInfo, WithResponse } from '../response/info.js';
import { serverRetryDelay } from '../retry/retry-after.js';
import { pollClientOf, type PollClient } from './access.js';
import { OperationFailedError } from './errors.js';
import { finalResultLink, initialLinks, sameUrl } from './links.js';
import { DEFAULT_MAX_WAIT, pollDelay } from './pacing.js';
import type { LongRunningSpec } from './spec.js';
import { POLLER_STATE_TYPE, readPollerState, type PollerState } from './state.js';
import { operationOutcome } from './terminal.js';

/** Options of `wait()` (and of `result()`, which waits first when needed). */
export interface WaitOptions<TStatus = unknown> {
  /** Stops waiting at once (the current sleep or poll); rejects with `AbortError`. The operation goes on. */
  signal?: AbortSignal | undefined;
  /** Called with every status polled. */
  onProgress?: ((status: TStatus) => void) | undefined;
  /** Fixed ms between polls when the server sends no `Retry-After`. @default backoff from 1 s to 30 s */
  pollInterval?: number | undefined;
  /**
   * Longest total time (ms) spent waiting between polls; then `wait()` rejects with `TimeoutError`
   * and the poller can wait again. @default 24 hours
   */
  maxWait?: number | undefined;
}

/** Polls per `wait()` at most, whatever the delays (a server answering `Retry-After: 0` forever). */
export const MAX_POLLS_PER_WAIT = 10_000;

type Outcome = 'running' | 'succeeded' | 'failed';

interface PollerInit<TStatus> {
  readonly operationId: string;
  readonly statusUrl: string;
  readonly status: TStatus;
  readonly outcome: Outcome;
  readonly resultUrl?: string | undefined;
  readonly result?: { readonly value: unknown } | undefined;
  readonly security?: readonly SecurityRequirement[] | undefined;
  readonly cancel?: LongRunningSpec['cancel'] | undefined;
  readonly serverDelay?: number | undefined;
  readonly response?: ResponseInfo | undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function outcomeOf(body: unknown): Outcome {
  const o = operationOutcome(body);
  return o === 'unknown' ? 'running' : o;
}

/**
 * A long-running operation: `status` (the last status body), `wait()`, `result()`, `cancel()`,
 * `toJSON()` and `Poller.resume(client, saved)`.
 *
 * @typeParam TStatus the status body (the 202 body, or the status resource's GET result)
 * @typeParam TResult what `result()` resolves to: the resource the result link points at
 */
export class Poller<TStatus = unknown, TResult = unknown> {
  readonly #client: PollClient;
  readonly #operationId: string;
  readonly #statusUrl: string;
  readonly #security: readonly SecurityRequirement[] | undefined;
  readonly #cancelSpec: LongRunningSpec['cancel'] | undefined;
  #status: TStatus;
  #outcome: Outcome;
  #resultUrl: string | undefined;
  #result: { readonly value: unknown } | undefined;
  #serverDelay: number | undefined;
  #response: ResponseInfo | undefined;

  private constructor(client: PollClient, init: PollerInit<TStatus>) {
    this.#client = client;
    this.#operationId = init.operationId;
    this.#statusUrl = init.statusUrl;
    this.#security = init.security;
    this.#cancelSpec = init.cancel;
    this.#status = init.status;
    this.#outcome = init.outcome;
    this.#resultUrl = init.resultUrl;
    this.#result = init.result;
    this.#serverDelay = init.serverDelay;
    this.#response = init.response;
  }

  /**
   * The poller of an operation the initiating call (`first`) just started. A response without a
   * `Location` / `Operation-Location` finished synchronously: its body is the status (and, unless
   * it reports a failure, the result).
   * @internal generated code calls `requestOperation(client, ...)`, which calls this
   */
  static start<TStatus, TResult>(client: PollClient, op: OperationDescriptor, first: WithResponse<unknown>): Poller<TStatus, TResult> {
    const { data, response } = first;
    const links = initialLinks(response.headers, response.url);
    const common = {
      operationId: op.id,
      status: data as TStatus,
      security: op.security,
      cancel: op.longRunning?.cancel,
      response,
    };
    if (links.statusUrl === undefined) {
      const outcome = operationOutcome(data) === 'failed' ? 'failed' : 'succeeded';
      return new Poller<TStatus, TResult>(client, {
        ...common,
        statusUrl: response.url,
        outcome,
        ...(outcome === 'succeeded' ? { result: { value: data }, resultUrl: response.url } : {}),
      });
    }
    return new Poller<TStatus, TResult>(client, {
      ...common,
      statusUrl: links.statusUrl,
      outcome: outcomeOf(data),
      resultUrl: links.resultUrl,
      serverDelay: serverRetryDelay(response.headers, client.clock.now()),
    });
  }

  /**
   * Continues a poller saved with `JSON.stringify(poller)` (e.g. in another process), through
   * `client`'s pipeline and credentials. Type it with the operation's status and result types:
   * `Poller.resume<CreateReportStatus, CreateReportResult>(client, saved)`.
   * @throws InvalidRequestError when `saved` is not a saved poller
   */
  static resume<TStatus = unknown, TResult = unknown>(client: CoreClient, saved: PollerState<TStatus> | string | unknown): Poller<TStatus, TResult> {
    const state = readPollerState(saved);
    const pollClient = pollClientOf(client);
    const outcome: Outcome = state.done ? (operationOutcome(state.status) === 'failed' ? 'failed' : 'succeeded') : 'running';
    return new Poller<TStatus, TResult>(pollClient, {
      operationId: state.operationId,
      statusUrl: state.statusUrl,
      status: state.status as TStatus,
      outcome,
      resultUrl: state.resultUrl,
      security: state.security,
      cancel: state.cancel,
    });
  }

  /** The last status body: the 202 body at first, then each polled status. */
  get status(): TStatus {
    return this.#status;
  }

  /** Whether the operation is over (succeeded or failed); `wait()` then answers without polling. */
  get done(): boolean {
    return this.#outcome !== 'running';
  }

  /** Absolute URL of the status resource. */
  get statusUrl(): string {
    return this.#statusUrl;
  }

  /**
   * Polls until the operation is over. Resolves with the final status; rejects with
   * `OperationFailedError` (its `operation` is the final status) when it failed or was canceled.
   * Pacing: the server's `Retry-After` (capped by the client's `maxRetryAfter`), else
   * `pollInterval`, else a backoff from 1 s to 30 s.
   */
  async wait(options: WaitOptions<TStatus> = {}): Promise<TStatus> {
    const { signal, onProgress } = options;
    const maxWait = options.maxWait ?? DEFAULT_MAX_WAIT;
    let waited = 0;
    let unhinted = 0;
    try {
      signal?.throwIfAborted();
      for (let polls = 0; this.#outcome === 'running'; polls++) {
        if (polls >= MAX_POLLS_PER_WAIT) throw this.#stillRunning(waited, `${MAX_POLLS_PER_WAIT} polls`);
        const hinted = this.#serverDelay !== undefined || options.pollInterval !== undefined;
        const delay = pollDelay({ serverDelay: this.#serverDelay, maxRetryAfter: this.#client.maxRetryAfter, pollInterval: options.pollInterval, unhinted });
        if (!hinted) unhinted++;
        if (waited + delay > maxWait) throw this.#stillRunning(waited, `maxWait ${maxWait} ms`);
        await this.#client.clock.sleep(delay, signal);
        waited += delay;
        await this.#poll(signal);
        onProgress?.(this.#status);
      }
    } catch (error) {
      throw asAbort(error, signal);
    }
    if (this.#outcome === 'failed') throw this.#failure();
    return this.#status;
  }

  /**
   * The operation's result: waits first (with `options`) if it is still running, then follows the
   * result link (`result_url` / `resultUrl`, a `Location` header on the final status, a `303` from
   * the status URL, or the initiating response's `Location` next to an `Operation-Location`), or
   * reads Google's `response` member. Fetched once, then remembered.
   */
  async result(options: WaitOptions<TStatus> = {}): Promise<TResult> {
    if (this.#outcome === 'running') await this.wait(options);
    if (this.#outcome === 'failed') throw this.#failure();
    if (this.#result !== undefined) return this.#result.value as TResult;
    const status = this.#status;
    if (this.#resultUrl === undefined) {
      if (isRecord(status) && status['response'] !== undefined) return status['response'] as TResult;
      const response = this.#response;
      throw new InvalidResponseError(
        `Operation ${this.#operationId} succeeded, but its final status names no result (no result_url, resultUrl, Location or 303)`,
        { status: response?.status ?? 200, headers: response?.headers ?? new Headers(), rawBody: JSON.stringify(status) ?? '' },
      );
    }
    const { data } = await this.#send('GET', this.#resultUrl, options.signal);
    this.#result = { value: data };
    return data as TResult;
  }

  /**
   * Asks the server to cancel: `DELETE` on the status URL, or the spec's cancel operation. A status
   * body in the answer becomes `status`; a later `wait()` then rejects with `OperationFailedError`
   * once the status says `canceled`.
   */
  async cancel(options: { signal?: AbortSignal | undefined } = {}): Promise<void> {
    const spec = this.#cancelSpec;
    let url = this.#statusUrl;
    if (spec?.suffix !== undefined && spec.suffix !== '') {
      const target = new URL(url);
      target.pathname += spec.suffix;
      url = target.href;
    }
    const { data, response } = await this.#send(spec?.method ?? 'DELETE', url, options.signal);
    if (operationOutcome(data) !== 'unknown') this.#apply(data, response);
  }

  /** The poller as plain JSON (URLs, last status, scheme names; never credentials). */
  toJSON(): PollerState<TStatus> {
    return {
      type: POLLER_STATE_TYPE,
      operationId: this.#operationId,
      statusUrl: this.#statusUrl,
      status: this.#status,
      done: this.#outcome !== 'running',
      ...(this.#resultUrl !== undefined && { resultUrl: this.#resultUrl }),
      ...(this.#security !== undefined && { security: this.#security }),
      ...(this.#cancelSpec !== undefined && { cancel: this.#cancelSpec }),
    };
  }

  /** One poll of the status URL. */
  async #poll(signal: AbortSignal | undefined): Promise<void> {
    const { data, response } = await this.#send('GET', this.#statusUrl, signal);
    this.#serverDelay = serverRetryDelay(response.headers, this.#client.clock.now());
    if (operationOutcome(data) === 'unknown') {
      // No status word: a redirect away from the status URL (`303 See Other`) or a final answer
      // other than 202 means the status URL answered with the result itself.
      const redirected = response.url !== '' && !sameUrl(response.url, this.#statusUrl);
      if (redirected || response.status !== 202) {
        this.#outcome = 'succeeded';
        this.#result = { value: data };
        this.#resultUrl = redirected ? response.url : this.#statusUrl;
        this.#response = response;
        return;
      }
    }
    this.#apply(data, response);
  }

  #apply(status: unknown, response: ResponseInfo): void {
    this.#status = status as TStatus;
    this.#response = response;
    this.#outcome = outcomeOf(status);
    if (this.#outcome === 'succeeded') this.#resultUrl = finalResultLink(status, response.headers, this.#statusUrl) ?? this.#resultUrl;
  }

  /** A request to `url` through the client's pipeline, with the operation's security. */
  #send(method: 'GET' | 'DELETE' | 'POST', url: string, signal: AbortSignal | undefined): Promise<WithResponse<unknown>> {
    const origin = new URL(url).origin;
    if (origin !== this.#client.origin) {
      return Promise.reject(
        new InvalidRequestError(
          `Refusing to ${method} ${origin} for operation ${this.#operationId}: the client's base URL is on ${this.#client.origin}, ` +
            `and the request would carry the client's credentials there`,
        ),
      );
    }
    const base: OperationDescriptor = {
      id: this.#operationId,
      method,
      path: '/',
      response: 'auto',
      ...(this.#security !== undefined && { security: this.#security }),
    };
    return this.#client.execute(pageUrlOperation(base, url), signal === undefined ? undefined : { signal });
  }

  #failure(): OperationFailedError<TStatus> {
    return new OperationFailedError(this.#operationId, this.#statusUrl, this.#status);
  }

  #stillRunning(waited: number, bound: string): TimeoutError {
    return new TimeoutError(
      `Operation ${this.#operationId} is still running after ${waited} ms of waiting (${bound}); call wait() again to go on`,
    );
  }
}

/** A sleep or poll stopped by the caller's signal becomes `AbortError`; anything else passes. */
function asAbort(error: unknown, signal: AbortSignal | undefined): unknown {
  if (signal?.aborted !== true || error instanceof AbortError) return error;
  if (error !== signal.reason) return error;
  return new AbortError('Waiting for the operation was aborted', { cause: error });
}
