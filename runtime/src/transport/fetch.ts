import { RedirectError } from '../errors.js';
import { redactUrl } from '../logger.js';
import { secretQueryNames } from '../request/credentials.js';
import { readBounded } from './read-bounded.js';
import { followRedirects, isRedirect, type Hop } from './redirect.js';
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
 * Whether `fetch` hides redirects from `redirect: 'manual'` (browsers and their workers answer with
 * an opaque response without `Location`); server runtimes (Node, Bun, Deno, edge) show them.
 */
function fetchHidesRedirects(): boolean {
  const g = globalThis as { document?: unknown; WorkerGlobalScope?: unknown };
  return g.document !== undefined || g.WorkerGlobalScope !== undefined;
}

/**
 * Sends through `globalThis.fetch`, looked up on every request so that MSW, test patches and
 * polyfills installed after the client was created still apply. Works in browsers, edge runtimes,
 * Bun and Deno. Never passes an npm-undici dispatcher (it would not match Node's bundled fetch).
 *
 * Redirects are followed by the runtime (`redirect: 'manual'` and `followRedirects`), as the undici
 * transport follows them, because `fetch` itself keeps API-key headers on a hop to another origin.
 * A browser hides a redirect's target from the page: there a request without credentials lets the
 * browser follow, and one with credentials fails with `RedirectError` rather than leak them.
 */
export class FetchTransport implements Transport {
  request(req: TransportRequest): Promise<TransportResponse> {
    const follow = req.credentials === undefined && fetchHidesRedirects();
    return this.#send(req, req.signal, follow).then((res) =>
      isRedirect(res) ? followRedirects(req, res, (hop) => this.#send(hop, req.signal, follow)) : res,
    );
  }

  async #send(hop: Hop, signal: AttemptSignal | undefined, follow: boolean): Promise<FetchResponse> {
    const init: RequestInit & { duplex?: 'half' } = {
      method: hop.method,
      headers: hop.headers,
      body: hop.body as BodyInit | undefined,
      signal: signal === undefined ? null : toAbortSignal(signal),
      redirect: follow ? 'follow' : 'manual',
    };
    // Streaming request bodies require half-duplex in fetch.
    if (typeof ReadableStream !== 'undefined' && hop.body instanceof ReadableStream) init.duplex = 'half';
    const res = await globalThis.fetch(hop.url, init);
    if (res.type === 'opaqueredirect') {
      throw new RedirectError(
        `${hop.method} ${redactUrl(hop.url, secretQueryNames(hop.credentials))}: the server redirected a request that carries credentials, ` +
          `and this fetch hides where to: not followed, so the credentials cannot reach another origin`,
      );
    }
    return new FetchResponse(res, hop.url);
  }
}

class FetchResponse implements TransportResponse {
  readonly status: number;
  readonly url: string;
  readonly #res: Response;

  constructor(res: Response, url: string) {
    this.#res = res;
    this.status = res.status;
    // A mocked response (MSW) may have no URL of its own.
    this.url = res.url || url;
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
