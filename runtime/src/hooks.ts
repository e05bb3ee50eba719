/**
 * The `onRequest` / `onResponse` client options: user code that sees every attempt and every
 * response, for tracing, metrics or extra headers.
 */

/** What `onRequest` sees before each attempt (retries included). */
export interface RequestHookInfo {
  /** The operation's id (operationId from the spec). */
  readonly operationId: string;
  readonly method: string;
  readonly url: string;
  /**
   * Lower-case header names, credentials included. Changes made here apply to this attempt only
   * (each attempt starts from the prepared headers), so a hook can stamp a per-attempt trace id.
   * Names may be written in any case: afterwards they are folded to lower case (a hook's
   * `Authorization` replaces the SDK's `authorization`), and names and values are checked as the
   * SDK's own are (CR, LF or NUL fail the call with `InvalidRequestError`).
   */
  readonly headers: Record<string, string>;
  /** 1-based. */
  readonly attempt: number;
}

/** What `onResponse` sees for each response, 2xx or not, before the retry decision. */
export interface ResponseHookInfo {
  readonly operationId: string;
  readonly method: string;
  readonly url: string;
  readonly status: number;
  readonly headers: Headers;
  /** 1-based. */
  readonly attempt: number;
}

/**
 * Called before each attempt. May be async (the attempt waits). A throw fails the call with that
 * error, without retries.
 */
export type OnRequestHook = (request: RequestHookInfo) => void | Promise<void>;

/** Called after each response arrives. May be async. A throw fails the call with that error. */
export type OnResponseHook = (response: ResponseHookInfo) => void | Promise<void>;
