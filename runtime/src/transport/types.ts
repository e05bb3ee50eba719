/**
 * The transport contract: one HTTP exchange, no retries, no decoding. Built-in transports are
 * `undici` (a keep-alive Pool per origin), `fetch` (`globalThis.fetch`, looked up per request) and
 * `auto`; users may pass their own object.
 */

import type { RequestCredentials } from '../request/credentials.js';

/** A request body as handed to a transport; each kind can be sent again on a retry except streams. */
export type TransportBody = string | Uint8Array | Blob | FormData | ReadableStream<Uint8Array>;

export interface TransportRequest {
  readonly method: string;
  /** Absolute URL: `origin + path`. */
  readonly url: string;
  /** Scheme, host and port, e.g. `http://127.0.0.1:8080`. */
  readonly origin: string;
  /** Path and query string, already encoded. */
  readonly path: string;
  /** Lower-case header names. */
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: TransportBody | undefined;
  /**
   * Which headers, query parameters and cookies carry credentials the runtime added (auth options,
   * OAuth tokens); a transport that follows redirects must drop them on a hop to another origin.
   * The built-in transports follow redirects through `followRedirects`, which does.
   */
  readonly credentials?: RequestCredentials | undefined;
  /**
   * Fires when the attempt times out or the caller aborts; the transport must then stop the request
   * and release its connection. A minimal signal (a real `AbortSignal` fits), because creating an
   * `AbortController` per attempt is a measurable share of a loopback request; use
   * `toAbortSignal` where an API needs a real one.
   */
  readonly signal?: AttemptSignal | undefined;
}

/** The part of `AbortSignal` transports rely on (undici's `signal` option accepts exactly this). */
export interface AttemptSignal {
  readonly aborted: boolean;
  readonly reason: unknown;
  addEventListener(type: 'abort', listener: () => void, options?: { once?: boolean }): void;
  removeEventListener(type: 'abort', listener: () => void): void;
}

/**
 * A response whose body has not been read yet. The consumer reads it once (`text`, `bytes`,
 * `blob`) or calls `discard`; either releases the connection.
 */
export interface TransportResponse {
  readonly status: number;
  readonly url: string;
  /** One header's value (lower-case name), cheaper than building `headers()`; several values are joined by `, `. */
  header(name: string): string | undefined;
  /** All headers as WHATWG `Headers`, built on first call. */
  headers(): Headers;
  /** Reads at most `limit` bytes (default: all); the rest is discarded. */
  text(limit?: number): Promise<string>;
  bytes(): Promise<Uint8Array>;
  blob(): Promise<Blob>;
  /** Throws the body away and releases the connection. */
  discard(): Promise<void>;
}

/** Sends HTTP requests. Implement it to plug in another HTTP stack. */
export interface Transport {
  request(req: TransportRequest): Promise<TransportResponse>;
  /** Releases pooled connections. */
  close?(): Promise<void>;
}
