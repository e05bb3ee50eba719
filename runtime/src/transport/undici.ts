import type { Dispatcher, Pool } from 'undici';
import { decodeChunks } from './read-bounded.js';
import type { Transport, TransportRequest, TransportResponse } from './types.js';

type UndiciModule = typeof import('undici');

let undiciModule: UndiciModule | undefined;
let loading: Promise<UndiciModule> | undefined;

/**
 * undici is imported on first use, so a browser or edge bundle that only uses the fetch transport
 * never needs it; after the first load the module is used synchronously.
 */
function loadUndici(): Promise<UndiciModule> {
  return (loading ??= import('undici').then((m) => (undiciModule = m)));
}

/**
 * The Node default transport: one keep-alive undici `Pool` per origin, driven through the pool's
 * `request` API (no fetch layer, no WHATWG Request/Response objects).
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
    const res = await pool.request({
      method: req.method as Dispatcher.HttpMethod,
      path: req.path,
      headers,
      body: body as Dispatcher.DispatchOptions['body'],
      signal: req.signal as Dispatcher.RequestOptions['signal'],
    });
    return new UndiciResponse(res, req.url);
  }

  async close(): Promise<void> {
    this.#closed = true;
    const pools = [...this.#pools.values()];
    this.#pools.clear();
    await Promise.all(pools.map((p) => p.close()));
  }
}

class UndiciResponse implements TransportResponse {
  readonly status: number;
  readonly url: string;
  readonly #raw: Dispatcher.ResponseData;
  #headers: Headers | undefined;

  constructor(raw: Dispatcher.ResponseData, url: string) {
    this.#raw = raw;
    this.status = raw.statusCode;
    this.url = url;
  }

  header(name: string): string | undefined {
    const v = this.#raw.headers[name];
    return Array.isArray(v) ? v.join(', ') : v;
  }

  headers(): Headers {
    if (this.#headers === undefined) {
      const h = new Headers();
      for (const [name, value] of Object.entries(this.#raw.headers)) {
        if (Array.isArray(value)) for (const v of value) h.append(name, v);
        else if (value !== undefined) h.append(name, value);
      }
      this.#headers = h;
    }
    return this.#headers;
  }

  text(limit?: number): Promise<string> {
    return limit === undefined ? this.#raw.body.text() : this.#bounded(limit);
  }

  async #bounded(limit: number): Promise<string> {
    const body = this.#raw.body;
    const chunks: Uint8Array[] = [];
    let total = 0;
    // Leaving the loop early destroys the stream, which drops the rest of an oversized body.
    for await (const chunk of body as AsyncIterable<Uint8Array>) {
      chunks.push(chunk);
      total += chunk.byteLength;
      if (total >= limit) break;
    }
    return decodeChunks(chunks, limit);
  }

  async bytes(): Promise<Uint8Array> {
    return new Uint8Array(await this.#raw.body.arrayBuffer());
  }

  blob(): Promise<Blob> {
    // Node's `buffer.Blob` is the global Blob; only the two type declarations differ.
    return this.#raw.body.blob() as Promise<unknown> as Promise<Blob>;
  }

  async discard(): Promise<void> {
    await this.#raw.body.dump();
  }
}
