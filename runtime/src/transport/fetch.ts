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
    if (typeof ReadableStream !== 'undefined' && req.body instanceof ReadableStream) {
      init.duplex = 'half';
      return this.#streamed(req, init);
    }
    const res = await globalThis.fetch(req.url, init);
    return new FetchResponse(res);
  }

  /**
   * A streamed body is read once, so a 307/308 (which resends it) cannot be followed: fetch would
   * fail with a bare "fetch failed"; this says why. A 303 (and a 301/302 after a POST) continues
   * as a body-less GET, as fetch does, without credentials when it leaves the origin; any other
   * redirect would resend the body and fails the same way.
   */
  async #streamed(req: TransportRequest, init: RequestInit): Promise<TransportResponse> {
    const res = await globalThis.fetch(req.url, { ...init, redirect: 'manual' });
    const location = res.headers.get('location');
    const toGet = location !== null && ((res.status === 303 && req.method !== 'HEAD') || ((res.status === 301 || res.status === 302) && req.method === 'POST'));
    if (res.type === 'opaqueredirect' || (!toGet && location !== null && res.status >= 300 && res.status < 400)) {
      await res.body?.cancel().catch(() => undefined);
      throw new Error(`${req.method} ${req.url}: cannot follow a ${res.status || 'redirect'} redirect with a streamed request body (it cannot be sent again)`);
    }
    if (toGet) {
      await res.body?.cancel().catch(() => undefined);
      const next = new URL(location, req.url);
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(req.headers)) {
        if (name.startsWith('content-')) continue;
        if (next.origin !== req.origin && (name === 'authorization' || name === 'cookie' || name === 'proxy-authorization')) continue;
        headers[name] = value;
      }
      return new FetchResponse(await globalThis.fetch(next.href, { method: 'GET', headers, signal: init.signal ?? null }));
    }
    return new FetchResponse(res);
  }
}

class FetchResponse implements TransportResponse {
  readonly status: number;
  readonly url: string;
  readonly #res: Response;

  constructor(res: Response) {
    this.#res = res;
    this.status = res.status;
    this.url = res.url;
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

  stream(): ReadableStream<Uint8Array> {
    if (this.#res.bodyUsed) throw new TypeError('Response body already read');
    return this.#res.body ?? new ReadableStream({ start: (c) => c.close() });
  }
}
