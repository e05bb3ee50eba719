import type { TransportResponse } from '../transport/types.js';

/** What `withResponse()` exposes about the HTTP response. */
export interface ResponseInfo {
  readonly status: number;
  /** WHATWG `Headers`, built on first access. */
  readonly headers: Headers;
  readonly url: string;
}

/** A call's decoded result and its response. */
export interface WithResponse<T> {
  readonly data: T;
  readonly response: ResponseInfo;
}

/** Defers building `Headers` until someone reads them (most calls never do). */
export class LazyResponseInfo implements ResponseInfo {
  readonly #res: TransportResponse;
  constructor(res: TransportResponse) {
    this.#res = res;
  }
  get status(): number {
    return this.#res.status;
  }
  get url(): string {
    return this.#res.url;
  }
  get headers(): Headers {
    return this.#res.headers();
  }
}
