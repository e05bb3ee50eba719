import { InvalidRequestError } from './errors.js';
import type { ResponseInfo, WithResponse } from './response/info.js';
import { toResponse, UnreadBody, type CallState } from './response/unread.js';

/**
 * The promise every generated method returns: awaiting it gives the decoded body;
 * `withResponse()` also gives status, headers and URL.
 *
 * `Symbol.species` is `Promise`, so `.then()`/`.catch()`/`.finally()` return plain promises instead
 * of calling this constructor with an executor.
 */
export class APIPromise<T> extends Promise<T> {
  static override get [Symbol.species](): PromiseConstructor {
    return Promise;
  }

  readonly #withResponse: Promise<WithResponse<T>>;
  readonly #call: CallState | undefined;

  /** @param call shared with the request pipeline, so `asResponse()` can leave the body unread */
  constructor(result: Promise<WithResponse<T>>, call?: CallState) {
    let resolve!: (value: T) => void;
    let reject!: (reason: unknown) => void;
    super((res, rej) => {
      resolve = res;
      reject = rej;
    });
    this.#withResponse = result;
    this.#call = call;
    result.then((r) => resolve(r.data), reject);
  }

  /**
   * The WHATWG `Response` with its body unread: stream it (`response.body`), or read it whole.
   * Retries, auth and typed errors for non-2xx statuses apply as usual; the body is not decoded.
   * Call it right away (`client.files.download(id).asResponse()`), not after awaiting the call.
   */
  asResponse(): Promise<Response> {
    this.then(undefined, () => undefined);
    const call = this.#call;
    if (call === undefined) return Promise.reject(new InvalidRequestError('asResponse() is not available on this promise'));
    call.raw = true;
    return this.#withResponse.then((r) => {
      if (r.data instanceof UnreadBody) return toResponse(r.data.res);
      throw new InvalidRequestError('asResponse() came too late: the body was already read; call it before awaiting the call');
    });
  }

  /** The decoded body together with the response's status, headers and URL. */
  withResponse(): Promise<{ data: T; response: ResponseInfo }> {
    // The caller handles failures through the returned promise; mark this one as handled so one
    // failure is not also reported as an unhandled rejection of the data promise.
    this.then(undefined, () => undefined);
    return this.#withResponse.then((r) => ({ data: r.data, response: r.response }));
  }
}

/*
 * `await`, `Promise.resolve` and `Promise.all` adopt a promise as is only when its `constructor`
 * is `Promise`; for any other constructor they go through its `then` in two extra microtasks, a
 * visible share of a loopback request. Instances stay `instanceof APIPromise` (the prototype chain
 * is unchanged), and `.then()` already makes plain promises (`Symbol.species`).
 */
Object.defineProperty(APIPromise.prototype, 'constructor', { value: Promise, writable: true, configurable: true, enumerable: false });
