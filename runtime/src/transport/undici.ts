import type { Dispatcher, Pool } from 'undici';
import type { AttemptSignal, Transport, TransportRequest, TransportResponse } from './types.js';

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
  readonly #pools = new Map<string, Pool>();
  readonly #poolOptions: Pool.Options | undefined;
  #closed = false;

  /** @param poolOptions passed to every `Pool` (e.g. `connections`, `keepAliveTimeout`). */
  constructor(poolOptions?: Pool.Options) {
    this.#poolOptions = poolOptions;
  }

  async request(req: TransportRequest): Promise<TransportResponse> {
    const undici = undiciModule ?? (await loadUndici());
    let pool = this.#pools.get(req.origin);
    if (pool === undefined) {
      if (this.#closed) throw new Error('The client was closed');
      pool = new undici.Pool(req.origin, this.#poolOptions);
      this.#pools.set(req.origin, pool);
    }
    let { headers, body } = req;
    if (body instanceof FormData) {
      // npm undici's multipart encoder rejects the FormData of Node's bundled undici; let the global
      // Response encode it (streamed, with its boundary), fresh for every attempt.
      const encoded = new Response(body);
      headers = { ...headers, 'content-type': encoded.headers.get('content-type') ?? 'multipart/form-data' };
      body = encoded.body ?? undefined;
    }
    const exchange = new Exchange(req.url, req.method, req.signal);
    const started = exchange.start();
    pool.dispatch(
      { method: req.method as Dispatcher.HttpMethod, path: req.path, headers, body: body as Dispatcher.DispatchOptions['body'] },
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
  readonly #signal: AttemptSignal | undefined;
  #controller: Dispatcher.DispatchController | undefined;
  #rawHeaders: IncomingHeaders = {};
  #headers: Headers | undefined;
  #started: Waiter<TransportResponse> | undefined;
  #chunks: Buffer[] = [];
  #size = 0;
  /** Set once the body has ended, been cut at `#limit`, or failed. */
  #settled = false;
  #error: Error | undefined;
  #limit = Infinity;
  #discarding = false;
  #consumed = false;
  #reader: Waiter<void> | undefined;
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
  start(): Promise<TransportResponse> {
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
    const buffer = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks);
    const end = limit === undefined ? buffer.byteLength : Math.min(limit, buffer.byteLength);
    // WHATWG UTF-8 decode, as `Response.text()` does: a leading byte-order mark is dropped, and a
    // cut in the middle of a character becomes U+FFFD.
    const start = end >= 3 && buffer[0] === 0xef && buffer[1] === 0xbb && buffer[2] === 0xbf ? 3 : 0;
    return limit === undefined || end === buffer.byteLength ? buffer.toString('utf8', start, end) : new TextDecoder().decode(buffer.subarray(start, end));
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

  get method(): string {
    return this.#method;
  }
}
