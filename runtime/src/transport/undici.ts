import type { Dispatcher, Pool } from 'undici';
import type { AttemptSignal, Transport, TransportBody, TransportRequest, TransportResponse } from './types.js';
import { decodeChunks } from './read-bounded.js';
import { StreamedBody } from './undici-body.js';

type UndiciModule = typeof import('undici');
type IncomingHeaders = Record<string, string | string[] | undefined>;

let undiciModule: UndiciModule | undefined;
let loading: Promise<UndiciModule> | undefined;

/**
 * undici is imported on first use, so a browser or edge bundle that only uses the fetch transport
 * never needs it; after the first load the module is used synchronously.
 */
function loadUndici(): Promise<UndiciModule> {
  return (loading ??= import('undici').then((m) => (undiciModule = m)));
}

/** One request of a (possibly redirected) exchange. */
export interface Hop {
  readonly url: string;
  readonly origin: string;
  readonly path: string;
  readonly method: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: TransportBody | undefined;
}

/** `fetch`'s redirect limit. */
const MAX_REDIRECTS = 20;
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
/** Dropped when a redirect changes the method to GET (the body is gone). */
const BODY_HEADERS = ['content-type', 'content-length', 'content-encoding', 'content-language', 'content-location'];
/** Dropped when a redirect leaves the origin, as `fetch` does. */
const ORIGIN_CREDENTIAL_HEADERS = ['authorization', 'proxy-authorization', 'cookie'];

function without(headers: Readonly<Record<string, string>>, names: readonly string[]): Record<string, string> {
  const out = { ...headers };
  for (const name of names) delete out[name];
  return out;
}

/** The next hop after a `status` redirect to `location` (relative to the current URL). */
export function redirected(hop: Hop, status: number, location: string): Hop {
  let next: URL;
  try {
    next = new URL(location, hop.url);
  } catch {
    throw new Error(`${hop.method} ${hop.url}: the redirect Location is not a URL: ${JSON.stringify(location.slice(0, 200))}`);
  }
  if (next.protocol !== 'http:' && next.protocol !== 'https:') {
    throw new Error(`${hop.method} ${hop.url}: refusing a redirect to ${next.protocol} URL`);
  }
  let { method, headers, body } = hop;
  if ((status === 303 && method !== 'GET' && method !== 'HEAD') || ((status === 301 || status === 302) && method === 'POST')) {
    method = 'GET';
    body = undefined;
    headers = without(headers, BODY_HEADERS);
  } else if (typeof ReadableStream !== 'undefined' && body instanceof ReadableStream) {
    throw new Error(`${hop.method} ${hop.url}: cannot follow a ${status} redirect with a streamed request body`);
  }
  if (next.origin !== hop.origin) headers = without(headers, ORIGIN_CREDENTIAL_HEADERS);
  // A fragment is never sent; `fetch` keeps the request's own fragment, which has no effect here.
  return { url: next.origin + next.pathname + next.search, origin: next.origin, path: next.pathname + next.search, method, headers, body };
}

/** Bytes of a body that `discard()` still reads to keep the connection; beyond this it is closed. */
const DISCARD_LIMIT = 128 * 1024;

/**
 * The Node default transport: one keep-alive undici `Pool` per origin. Requests go through the
 * pool's `dispatch` (the layer undici's own `request` API is built on) with a handler that collects
 * the body itself: no per-request `Readable` stream, `AsyncResource` or abort-listener wrapper, which
 * is most of what `request` adds on a loopback call. Every body the runtime reads is read whole
 * (or up to a bound) anyway, so nothing streams that used to.
 */
export class UndiciTransport implements Transport {
  /** True here; false in the browser build's stand-in (`undici.browser.ts`), which `auto` then avoids. */
  static readonly available: boolean = true;

  readonly #pools = new Map<string, Pool>();
  readonly #poolOptions: Pool.Options | undefined;
  #closed = false;

  /** @param poolOptions passed to every `Pool` (e.g. `connections`, `keepAliveTimeout`). */
  constructor(poolOptions?: Pool.Options) {
    this.#poolOptions = poolOptions;
  }

  /**
   * Sends `req`, following redirects as `fetch` does (its default `redirect: 'follow'`), so both
   * transports give the same answer: at most 20 hops; 303, and 301/302 after a POST, continue as a
   * GET without the body; 307/308 resend method and body (a streamed body cannot be resent: error);
   * a hop to another origin drops `Authorization`, `Proxy-Authorization` and `Cookie`. The response
   * `url` is the final one. The attempt's signal (timeout, caller abort) covers every hop.
   * @see https://fetch.spec.whatwg.org/#http-redirect-fetch
   */
  async request(req: TransportRequest): Promise<TransportResponse> {
    let hop: Hop = { url: req.url, origin: req.origin, path: req.path, method: req.method, headers: req.headers, body: req.body };
    for (let redirects = 0; ; redirects++) {
      const res = await this.#send(hop, req.signal);
      const location = REDIRECT_STATUSES.has(res.status) ? res.header('location') : undefined;
      if (location === undefined) return res;
      await res.discard();
      if (redirects === MAX_REDIRECTS) throw new Error(`${req.method} ${req.url}: more than ${MAX_REDIRECTS} redirects`);
      hop = redirected(hop, res.status, location);
    }
  }

  /** Dispatches one hop; resolves at its status line. Not `async`: no extra promise per request. */
  #send(hop: Hop, signal: AttemptSignal | undefined): Promise<Exchange> {
    const undici = undiciModule;
    if (undici === undefined) return loadUndici().then(() => this.#send(hop, signal));
    let pool = this.#pools.get(hop.origin);
    if (pool === undefined) {
      if (this.#closed) return Promise.reject(new Error('The client was closed'));
      pool = new undici.Pool(hop.origin, this.#poolOptions);
      this.#pools.set(hop.origin, pool);
    }
    let { headers, body } = hop;
    if (body instanceof FormData) {
      // npm undici's multipart encoder rejects the FormData of Node's bundled undici; let the global
      // Response encode it (streamed, with its boundary), fresh for every attempt.
      const encoded = new Response(body);
      headers = { ...headers, 'content-type': encoded.headers.get('content-type') ?? 'multipart/form-data' };
      body = encoded.body ?? undefined;
    }
    const exchange = new Exchange(hop.url, signal);
    const started = exchange.start();
    pool.dispatch(
      { method: hop.method as Dispatcher.HttpMethod, path: hop.path, headers, body: body as Dispatcher.DispatchOptions['body'] },
      exchange,
    );
    return started;
  }

  async close(): Promise<void> {
    this.#closed = true;
    const pools = [...this.#pools.values()];
    this.#pools.clear();
    await Promise.all(pools.map((p) => p.close()));
  }
}

/** Settles a promise from the outside; one per waiting reader. */
interface Waiter<T> {
  resolve(value: T): void;
  reject(error: unknown): void;
}

function abortError(reason: unknown): Error {
  return reason instanceof Error ? reason : new DOMException('The request was aborted', 'AbortError');
}

/**
 * One request/response exchange: undici's dispatch handler and, from the status line on, the
 * `TransportResponse` handed to the runtime. The body is collected as it arrives; readers wait for
 * its end. `text(limit)` and `discard()` stop a long body early by aborting the exchange, which
 * closes that connection rather than reading what nobody will use.
 */
class Exchange implements Dispatcher.DispatchHandler, TransportResponse {
  status = 0;
  readonly url: string;
  readonly #signal: AttemptSignal | undefined;
  #controller: Dispatcher.DispatchController | undefined;
  #rawHeaders: IncomingHeaders = {};
  #headers: Headers | undefined;
  #started: Waiter<Exchange> | undefined;
  #chunks: Buffer[] = [];
  #size = 0;
  /** Set once the body has ended, been cut at `#limit`, or failed. */
  #settled = false;
  #error: Error | undefined;
  #limit = Infinity;
  #discarding = false;
  #consumed = false;
  #reader: Waiter<void> | undefined;
  /** Set by `stream()`: chunks go to the reader as they arrive instead of being collected. */
  #streamed: StreamedBody | undefined;
  readonly #onAbort: (() => void) | undefined;

  constructor(url: string, signal: AttemptSignal | undefined) {
    this.url = url;
    this.#signal = signal;
    if (signal !== undefined) {
      this.#onAbort = () => this.#fail(abortError(signal.reason), true);
      signal.addEventListener('abort', this.#onAbort, { once: true });
    }
  }

  /** The promise of the status line and headers; call once, before dispatching. */
  start(): Promise<Exchange> {
    return new Promise((resolve, reject) => {
      this.#started = { resolve, reject };
      if (this.#signal?.aborted) this.#fail(abortError(this.#signal.reason), true);
    });
  }

  // --- undici's side ---

  onRequestStart(controller: Dispatcher.DispatchController): void {
    this.#controller = controller;
    // Aborted while queued in the pool: stop before anything is written.
    if (this.#error !== undefined) controller.abort(this.#error);
  }

  onResponseStart(_controller: Dispatcher.DispatchController, statusCode: number, headers: IncomingHeaders): void {
    if (statusCode < 200) return; // 1xx informational: the real response follows.
    this.status = statusCode;
    this.#rawHeaders = headers;
    const started = this.#started;
    this.#started = undefined;
    started?.resolve(this);
  }

  onResponseData(controller: Dispatcher.DispatchController, chunk: Buffer): void {
    if (this.#streamed !== undefined) {
      this.#streamed.push(chunk);
      return;
    }
    if (this.#settled) return;
    this.#size += chunk.byteLength;
    if (this.#discarding) {
      if (this.#size > DISCARD_LIMIT) this.#cut(controller);
      return;
    }
    this.#chunks.push(chunk);
    if (this.#size >= this.#limit) this.#cut(controller);
  }

  onResponseEnd(): void {
    this.#settle(undefined);
  }

  onResponseError(_controller: Dispatcher.DispatchController, error: Error): void {
    this.#fail(error, false);
  }

  /** Enough of the body is here: keep it, and close the connection instead of reading the rest. */
  #cut(controller: Dispatcher.DispatchController): void {
    this.#settle(undefined);
    controller.abort(new Error('Response body no longer needed'));
  }

  #fail(error: Error, abort: boolean): void {
    if (this.#settled) return;
    if (abort) this.#controller?.abort(error);
    const started = this.#started;
    this.#started = undefined;
    started?.reject(error);
    this.#settle(error);
  }

  #settle(error: Error | undefined): void {
    if (this.#settled) return;
    this.#settled = true;
    this.#error = error;
    if (this.#onAbort !== undefined) this.#signal!.removeEventListener('abort', this.#onAbort);
    if (this.#streamed !== undefined) {
      if (error === undefined) this.#streamed.end();
      else this.#streamed.error(error);
    }
    const reader = this.#reader;
    this.#reader = undefined;
    if (reader === undefined) return;
    if (error === undefined) reader.resolve();
    else reader.reject(error);
  }

  // --- the runtime's side ---

  header(name: string): string | undefined {
    const v = this.#rawHeaders[name];
    return Array.isArray(v) ? v.join(', ') : v;
  }

  headers(): Headers {
    if (this.#headers === undefined) {
      const h = new Headers();
      for (const name in this.#rawHeaders) {
        const value = this.#rawHeaders[name];
        if (Array.isArray(value)) for (const v of value) h.append(name, v);
        else if (value !== undefined) h.append(name, value);
      }
      this.#headers = h;
    }
    return this.#headers;
  }

  /** Waits for the body (or its first `limit` bytes) and hands over the chunks, once. */
  async #body(limit: number): Promise<Buffer[]> {
    if (this.#consumed) throw new TypeError('Response body already read');
    this.#consumed = true;
    if (!this.#settled) {
      this.#limit = limit;
      if (this.#size >= limit && this.#controller !== undefined) this.#cut(this.#controller);
      else await new Promise<void>((resolve, reject) => (this.#reader = { resolve, reject }));
    }
    if (this.#error !== undefined) throw this.#error;
    const chunks = this.#chunks;
    this.#chunks = [];
    return chunks;
  }

  async text(limit?: number): Promise<string> {
    const chunks = await this.#body(limit ?? Infinity);
    // A bounded read (error bodies) is decoded by the shared helper, which keeps `limit` bytes.
    if (limit !== undefined) return decodeChunks(chunks, limit);
    const buffer = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks);
    // WHATWG UTF-8 decode, as `Response.text()` does: a leading byte-order mark is dropped.
    const start = buffer.byteLength >= 3 && buffer[0] === 0xef && buffer[1] === 0xbb && buffer[2] === 0xbf ? 3 : 0;
    return buffer.toString('utf8', start);
  }

  async bytes(): Promise<Uint8Array> {
    const chunks = await this.#body(Infinity);
    const buffer = Buffer.concat(chunks);
    return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
  }

  async blob(): Promise<Blob> {
    const chunks = await this.#body(Infinity);
    return new Blob(chunks as unknown as BlobPart[], { type: this.header('content-type') ?? '' });
  }

  /** The body as a stream, read as it arrives (undici-body.ts); chunks already here come first. */
  stream(): ReadableStream<Uint8Array> {
    if (this.#consumed) throw new TypeError('Response body already read');
    this.#consumed = true;
    const streamed = new StreamedBody(() => this.#controller);
    for (const chunk of this.#chunks) streamed.push(chunk);
    this.#chunks = [];
    if (this.#settled) {
      if (this.#error === undefined) streamed.end();
      else streamed.error(this.#error);
    } else {
      this.#streamed = streamed;
    }
    return streamed.readable;
  }

  async discard(): Promise<void> {
    if (this.#consumed || this.#settled) {
      this.#chunks = [];
      return;
    }
    this.#consumed = true;
    this.#discarding = true;
    this.#chunks = [];
    if (this.#size > DISCARD_LIMIT && this.#controller !== undefined) this.#cut(this.#controller);
  }
}
