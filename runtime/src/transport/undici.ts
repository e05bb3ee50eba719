import type { Dispatcher, Pool } from 'undici';
import type { AttemptSignal, Transport, TransportRequest, TransportResponse } from './types.js';
import { ACCEPT_ENCODING, createDecoder, type BodyDecoder } from './decompress.js';
import { decodeChunks } from './read-bounded.js';
import { StreamedBody } from './undici-body.js';
import { followRedirects, isRedirect, type Hop } from './redirect.js';
import { MAX_TEXT_BYTES, textTooLong } from './text-limit.js';

type UndiciModule = typeof import('undici');
type ZlibModule = typeof import('node:zlib');
type IncomingHeaders = Record<string, string | string[] | undefined>;

let undiciModule: UndiciModule | undefined;
let zlibModule: ZlibModule | undefined;
let loading: Promise<unknown> | undefined;

/**
 * undici (and node:zlib, for compressed responses) are imported on first use, so a browser or edge
 * bundle that only uses the fetch transport never needs them; after the first load the modules are
 * used synchronously.
 */
function loadUndici(): Promise<unknown> {
  return (loading ??= Promise.all([
    import('undici').then((m) => (undiciModule = m)),
    import('node:zlib').then((m) => (zlibModule = m)),
  ]));
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
   * Sends `req`, following redirects as `fetch` does (`followRedirects`: at most 20 hops, 303 and
   * POST 301/302 become GET, credentials dropped on a hop to another origin). The response `url` is
   * the final one. The attempt's signal (timeout, caller abort) covers every hop.
   */
  request(req: TransportRequest): Promise<TransportResponse> {
    return this.#send(req, req.signal).then((res) => (isRedirect(res) ? followRedirects(req, res, (hop) => this.#send(hop, req.signal)) : res));
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
    // Ask for compression unless the caller chose encodings (a client puts it among its default
    // headers, so this copy is only made for direct use); `Exchange` decodes what comes back.
    if (headers['accept-encoding'] === undefined) headers = { ...headers, 'accept-encoding': ACCEPT_ENCODING };
    const exchange = new Exchange(hop.url, hop.method, signal);
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
  readonly #method: string;
  /** Undoes the response's `Content-Encoding`; absent for an uncompressed body. */
  #decoder: BodyDecoder | undefined;
  /** Longest body a reader accepts (`text()`: what fits a string); more fails the exchange. */
  #max = Infinity;
  /** undici delivered the whole body (decoding may still be under way). */
  #received = false;
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

  constructor(url: string, method: string, signal: AttemptSignal | undefined) {
    this.url = url;
    this.#method = method;
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
    const encoding = headers['content-encoding'];
    // As `fetch`: no body to decode after HEAD or with 204/304.
    if (encoding !== undefined && this.#method !== 'HEAD' && statusCode !== 204 && statusCode !== 304) {
      this.#decoder = createDecoder(zlibModule!, Array.isArray(encoding) ? encoding.join(', ') : encoding, {
        data: (chunk) => this.#accept(chunk),
        end: () => this.#settle(undefined),
        error: (error) => this.#fail(error, true),
      });
    }
    const started = this.#started;
    this.#started = undefined;
    started?.resolve(this);
  }

  onResponseData(_controller: Dispatcher.DispatchController, chunk: Buffer): void {
    if (this.#settled) return;
    if (this.#decoder !== undefined && !this.#discarding) this.#decoder.write(chunk);
    else this.#accept(chunk);
  }

  onResponseEnd(): void {
    this.#received = true;
    if (this.#decoder !== undefined && !this.#discarding) this.#decoder.end();
    else this.#settle(undefined);
  }

  /** One chunk of the (decoded) body. */
  #accept(chunk: Buffer): void {
    if (this.#streamed !== undefined) {
      this.#streamed.push(chunk);
      return;
    }
    if (this.#settled) return;
    this.#size += chunk.byteLength;
    if (this.#discarding) {
      if (this.#size > DISCARD_LIMIT) this.#cut();
      return;
    }
    this.#chunks.push(chunk);
    if (this.#size > this.#max) this.#fail(textTooLong(), true);
    else if (this.#size >= this.#limit) this.#cut();
  }

  onResponseError(_controller: Dispatcher.DispatchController, error: Error): void {
    this.#fail(error, false);
  }

  /** Enough of the body is here: keep it, and close the connection instead of reading the rest. */
  #cut(): void {
    this.#settle(undefined);
    this.#decoder?.destroy();
    this.#controller?.abort(new Error('Response body no longer needed'));
  }

  #fail(error: Error, abort: boolean): void {
    if (this.#settled) return;
    if (abort) this.#controller?.abort(error);
    this.#decoder?.destroy();
    this.#chunks = [];
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

  /**
   * Waits for the body (or its first `limit` bytes) and hands over the chunks, once. A body over
   * `max` bytes fails (and stops downloading) instead.
   */
  async #body(limit: number, max = Infinity): Promise<Buffer[]> {
    if (this.#consumed) throw new TypeError('Response body already read');
    this.#consumed = true;
    if (this.#size > max) {
      this.#fail(textTooLong(), true);
      this.#chunks = [];
      throw textTooLong();
    }
    if (!this.#settled) {
      this.#limit = limit;
      this.#max = max;
      if (this.#size >= limit && this.#controller !== undefined) this.#cut();
      else await new Promise<void>((resolve, reject) => (this.#reader = { resolve, reject }));
    }
    if (this.#error !== undefined) throw this.#error;
    const chunks = this.#chunks;
    this.#chunks = [];
    return chunks;
  }

  async text(limit?: number): Promise<string> {
    const chunks = await this.#body(limit ?? Infinity, limit === undefined ? MAX_TEXT_BYTES : Infinity);
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
    if (this.#decoder !== undefined) {
      this.#decoder.destroy();
      if (this.#received) this.#settle(undefined);
    }
    if (this.#size > DISCARD_LIMIT && this.#controller !== undefined) this.#cut();
  }
}
