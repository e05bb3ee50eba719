import { AttemptAbort } from './attempt-signal.js';
import { startAttemptTimer, stopAttemptTimer } from './attempt-timer.js';
import { AbortError, ConnectionError, SdkError, TimeoutError } from './errors.js';
import { redactUrl } from './logger.js';
import { secretQueryNames } from './request/credentials.js';
import { decodeBody, readApiError } from './response/decode.js';
import { LazyResponseInfo, type WithResponse } from './response/info.js';
import type { PreparedRequest } from './request/prepare.js';
import type { Transport } from './transport/types.js';
import { UnreadBody, type CallState } from './response/unread.js';

/** Longest delay `setTimeout` accepts. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/** Per-attempt settings. */
export interface AttemptOptions {
  /**
   * Milliseconds for the whole attempt, body included; `0` or `Infinity` means no limit. Enforced
   * on a shared timer that may fire up to 1% (at most 100 ms) late, never early (attempt-timer.ts).
   */
  readonly timeout: number;
  readonly signal?: AbortSignal | undefined;
  /** Set by the call's `APIPromise`: `raw` leaves a 2xx body unread (`asResponse()`). */
  readonly call?: CallState | undefined;
}

/**
 * One HTTP attempt: send, then read and decode the body. Non-2xx statuses throw `ApiError`
 * subclasses; failures without a response throw `ConnectionError`, `TimeoutError` or `AbortError`.
 *
 * It keeps no state between calls, so the retry layer can call it again with the same prepared
 * request. One lightweight `AttemptAbort` per attempt, timed on a shared timer; both abort paths stop
 * the transport request, which releases or destroys its connection.
 */
export async function sendAttempt(
  transport: Transport,
  req: PreparedRequest,
  options: AttemptOptions,
): Promise<WithResponse<unknown>> {
  const userSignal = options.signal;
  if (userSignal?.aborted) throw new AbortError('The request was aborted', { cause: userSignal.reason });
  const signal = new AttemptAbort();
  // Node fires over-large delays at once (TimeoutOverflowWarning): those, 0 and Infinity mean no limit.
  const timer =
    options.timeout > 0 && options.timeout <= MAX_TIMER_MS ? startAttemptTimer(signal, options.timeout) : undefined;
  const onAbort = userSignal && ((): void => signal.abort(userSignal.reason));
  if (onAbort) userSignal.addEventListener('abort', onAbort, { once: true });
  try {
    const res = await transport.request({
      method: req.method,
      url: req.url,
      origin: req.origin,
      path: req.path,
      headers: req.headers,
      body: req.body,
      credentials: req.credentials,
      signal,
    });
    if (res.status < 200 || res.status > 299) throw await readApiError(res, req.method, shownUrl(req, req.url));
    // Streams and `asResponse()` get the body unread; the caller reads it as it arrives.
    if (options.call?.raw === true || req.stream?.reader?.isStream(req, res) === true) return { data: new UnreadBody(res), response: new LazyResponseInfo(res) };
    const data = await decodeBody(res, req.method, req.op.response, req.credentials);
    return { data, response: new LazyResponseInfo(res) };
  } catch (error) {
    if (error instanceof SdkError) throw error;
    if (userSignal?.aborted) throw new AbortError('The request was aborted', { cause: error });
    const url = shownUrl(req, req.url);
    if (signal.timedOut) throw new TimeoutError(`${req.method} ${url} timed out after ${options.timeout} ms`, { cause: error });
    const reason = error instanceof Error ? error.message : String(error);
    throw new ConnectionError(`${req.method} ${url} failed: ${reason}`, { cause: error });
  } finally {
    if (timer !== undefined) stopAttemptTimer(timer, signal);
    if (onAbort) userSignal.removeEventListener('abort', onAbort);
  }
}

/** A URL of this request as errors show it: credentials redacted by the logger's rule. */
function shownUrl(req: PreparedRequest, url: string): string {
  return redactUrl(url, secretQueryNames(req.credentials));
}
