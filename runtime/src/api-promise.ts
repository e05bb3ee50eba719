import type { ResponseInfo, WithResponse } from './response/info.js';

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

  constructor(result: Promise<WithResponse<T>>) {
    let resolve!: (value: T) => void;
    let reject!: (reason: unknown) => void;
    super((res, rej) => {
      resolve = res;
      reject = rej;
    });
    this.#withResponse = result;
    result.then((r) => resolve(r.data), reject);
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
