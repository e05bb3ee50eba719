import { FetchTransport } from './fetch.js';
import type { Transport, TransportRequest, TransportResponse } from './types.js';
import { UndiciTransport } from './undici.js';

/** msw 2 (@mswjs/interceptors) sets this global while `server.listen()` is active. */
const MSW_FETCH_INTERCEPTOR = Symbol.for('fetch-interceptor');

/** True while MSW intercepts `globalThis.fetch`; checked per request. */
export function isFetchIntercepted(): boolean {
  return (globalThis as Record<symbol, unknown>)[MSW_FETCH_INTERCEPTOR] !== undefined;
}

/** True in Node (Bun and Deno also report it, and run undici fine). */
export function isNode(): boolean {
  return typeof process !== 'undefined' && typeof process.versions?.node === 'string';
}

/**
 * undici in Node, except while MSW intercepts fetch (checked per request, so a client created before
 * `server.listen()` is still intercepted); fetch everywhere else.
 */
export class AutoTransport implements Transport {
  readonly #fetch = new FetchTransport();
  // A bundler may have swapped undici for the browser stand-in even where `process` exists.
  readonly #node = isNode() && UndiciTransport.available;
  #undici: UndiciTransport | undefined;

  request(req: TransportRequest): Promise<TransportResponse> {
    if (!this.#node || isFetchIntercepted()) return this.#fetch.request(req);
    return (this.#undici ??= new UndiciTransport()).request(req);
  }

  async close(): Promise<void> {
    await this.#undici?.close();
  }
}
