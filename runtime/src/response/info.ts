import { parseRateLimit, type RateLimitInfo } from '../signals/rate-limit.js';
import type { TransportResponse } from '../transport/types.js';

/** What `withResponse()` exposes about the HTTP response. */
export interface ResponseInfo {
  readonly status: number;
  /** WHATWG `Headers`, built on first access. */
  readonly headers: Headers;
  readonly url: string;
  /**
   * The rate limit the response announced (`X-RateLimit-*`, or the IETF `RateLimit` fields), or
   * `undefined`. Delta resets count from when the response arrived.
   */
  readonly rateLimit?: RateLimitInfo | undefined;
}

/** A call's decoded result and its response. */
export interface WithResponse<T> {
  readonly data: T;
  readonly response: ResponseInfo;
}

/** Defers building `Headers` until someone reads them (most calls never do). */
export class LazyResponseInfo implements ResponseInfo {
  readonly #res: TransportResponse;
  readonly #receivedAt: number;
  constructor(res: TransportResponse) {
    this.#res = res;
    this.#receivedAt = Date.now();
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
  get rateLimit(): RateLimitInfo | undefined {
    const res = this.#res;
    return parseRateLimit({ get: (name) => res.header(name) }, this.#receivedAt);
  }
}
