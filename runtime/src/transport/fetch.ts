import { readBounded } from './read-bounded.js';
import type { AttemptSignal, Transport, TransportRequest, TransportResponse } from './types.js';

/** A real `AbortSignal` that follows `signal` (returned as is when it already is one). */
export function toAbortSignal(signal: AttemptSignal): AbortSignal {
  if (signal instanceof AbortSignal) return signal;
  const controller = new AbortController();
  if (signal.aborted) controller.abort(signal.reason);
  else signal.addEventListener('abort', () => controller.abort(signal.reason), { once: true });
  return controller.signal;
}

/**
 * Sends through `globalThis.fetch`, looked up on every request so that MSW, test patches and
 * polyfills installed after the client was created still apply. Works in browsers, edge runtimes,
 * Bun and Deno. Never passes an npm-undici dispatcher (it would not match Node's bundled fetch).
 */
export class FetchTransport implements Transport {
  async request(req: TransportRequest): Promise<TransportResponse> {
    const init: RequestInit & { duplex?: 'half' } = {
      method: req.method,
      headers: req.headers,
      body: req.body as BodyInit | undefined,
      signal: req.signal === undefined ? null : toAbortSignal(req.signal),
    };
    // Streaming request bodies require half-duplex in fetch.
    if (typeof ReadableStream !== 'undefined' && req.body instanceof ReadableStream) init.duplex = 'half';
    const res = await globalThis.fetch(req.url, init);
    // Mocked responses (MSW) and some polyfills leave `url` empty; it is then the request's URL.
    return new FetchResponse(res, req.url);
  }
}

class FetchResponse implements TransportResponse {
  readonly status: number;
  readonly url: string;
  readonly #res: Response;

  constructor(res: Response, requestUrl: string) {
    this.#res = res;
    this.status = res.status;
    this.url = res.url === '' ? requestUrl : res.url;
  }

  header(name: string): string | undefined {
    return this.#res.headers.get(name) ?? undefined;
  }

  headers(): Headers {
    return this.#res.headers;
  }

  text(limit?: number): Promise<string> {
    if (limit === undefined || this.#res.body === null) return this.#res.text();
    return readBounded(this.#res.body.getReader(), limit);
  }

  async bytes(): Promise<Uint8Array> {
    return new Uint8Array(await this.#res.arrayBuffer());
  }

  blob(): Promise<Blob> {
    return this.#res.blob();
  }

  async discard(): Promise<void> {
    await this.#res.body?.cancel().catch(() => undefined);
  }
}
