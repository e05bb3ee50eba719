/**
 * `Stream<Item>`: what a streaming operation resolves to. It reads the body incrementally (one
 * chunk at a time, each decoded into events as it arrives), so memory stays flat however long the
 * stream runs. The stream never knows which transport produced the body: it reads a
 * `ReadableStream<Uint8Array>`.
 */
import { AbortError, ApiError, ConnectionError, InvalidResponseError, makeApiError, SdkError, TimeoutError } from '../errors.js';
import { hasProblemShape, toProblemDetails } from '../problem.js';
import type { ResponseInfo } from '../response/info.js';
import { backoffDelay } from '../retry/backoff.js';
import type { Sleep } from '../retry/retry.js';
import { createDecoder, type EventDecoder, type StreamEvent, type StreamFormat } from './decoders.js';

/** One connection's body and response. */
export interface StreamConnection {
  readonly body: ReadableStream<Uint8Array>;
  readonly response: StreamResponseInfo;
  readonly format: StreamFormat;
}

/** What `stream.response` exposes: status, headers, URL and the request id. */
export interface StreamResponseInfo extends ResponseInfo {
  /** From `x-request-id` or `request-id`. */
  readonly requestId: string | undefined;
}

/** How items are made from events. */
export type StreamItems =
  /** The event's `data`, parsed as JSON when it is JSON (the default). */
  | 'data'
  /** The whole event (`event`, `id`, `retry`, `data` parsed as JSON when it is JSON): OAS 3.2 `itemSchema`. */
  | 'events';

/** Settings of one stream; the client builds them (stream/open.ts). */
export interface StreamInit {
  readonly items: StreamItems;
  /** `data` is text, never parsed as JSON. */
  readonly textData?: boolean | undefined;
  /** Longest wait for the next chunk, ms; `0` or `Infinity`: no limit. */
  readonly timeout: number;
  readonly signal?: AbortSignal | undefined;
  /** For messages: `GET https://host/path` (no query). */
  readonly method: string;
  readonly url: string;
  /**
   * Reconnects after a drop, sending `Last-Event-ID` (GET SSE streams only). Resolves to the new
   * connection, or `undefined` when the server says the stream is over (204).
   */
  readonly reconnect?: ((lastEventId: string | undefined) => Promise<StreamConnection | undefined>) | undefined;
  readonly maxRetries: number;
  readonly maxRetryAfter: number;
  readonly sleep: Sleep;
  readonly random: () => number;
}

/** Longest delay `setTimeout` accepts. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/** The `data` OpenAI-style APIs send to mark the end of a stream; it ends the items, not the events. */
const DONE = '[DONE]';

/**
 * A typed stream of items: `for await (const item of stream)`. `events()` gives the raw events
 * instead (`event`, `id`, `data`, `retry`); a stream is read once, by one of the two.
 */
export class Stream<Item> implements AsyncIterable<Item> {
  readonly #init: StreamInit;
  #connection: StreamConnection;
  #reader: ReadableStreamDefaultReader<Uint8Array>;
  #decoder: EventDecoder;
  /** Decoded events not yet handed out, from `#next` on. */
  #events: StreamEvent[] = [];
  #next = 0;
  #ended = false;
  #aborted = false;
  #consumed = false;
  /** Reconnects since the last event that arrived. */
  #failures = 0;
  #lastEventId: string | undefined;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #timedOut = false;
  readonly #onAbort: (() => void) | undefined;

  constructor(connection: StreamConnection, init: StreamInit) {
    this.#init = init;
    this.#connection = connection;
    this.#reader = connection.body.getReader();
    this.#decoder = createDecoder(connection.format, this.#events);
    const signal = init.signal;
    if (signal !== undefined) {
      this.#onAbort = () => this.#stop();
      signal.addEventListener('abort', this.#onAbort, { once: true });
    }
  }

  /** Status, headers, URL and request id of the response being read (the latest, after a reconnect). */
  get response(): StreamResponseInfo {
    return this.#connection.response;
  }

  /** The last SSE event id received, sent as `Last-Event-ID` when a GET stream reconnects. */
  get lastEventId(): string | undefined {
    return this.#lastEventId;
  }

  /**
   * Stops reading and closes the connection (the server sees it close). A `for await` loop over the
   * stream ends normally; a read already waiting resolves as done.
   */
  abort(): void {
    this.#aborted = true;
    this.#stop();
  }

  /** Items: each event's `data` parsed as JSON when it is JSON (or whole events, per the spec). */
  [Symbol.asyncIterator](): AsyncIterator<Item> {
    this.#claim();
    return new ItemIterator<Item>(this);
  }

  /** Raw events: SSE `event`, `id`, `data`, `retry`; one `{ data }` per NDJSON or JSON-seq record. */
  events(): AsyncIterable<StreamEvent> {
    this.#claim();
    return { [Symbol.asyncIterator]: () => new EventIterator(this) };
  }

  #claim(): void {
    if (this.#consumed) throw new TypeError('This stream is already being read: iterate it (or its events()) once');
    this.#consumed = true;
  }

  /** The next event, or `undefined` at the end; reads and decodes chunks as needed. @internal */
  nextEvent(): StreamEvent | undefined | Promise<StreamEvent | undefined> {
    const events = this.#events;
    if (this.#next < events.length) return events[this.#next++]!;
    if (this.#ended) {
      const signal = this.#init.signal;
      if (signal?.aborted && !this.#aborted) throw new AbortError('The stream was aborted', { cause: signal.reason });
      return undefined;
    }
    return this.#fill();
  }

  /** Turns an event into an item; {@link END} at `[DONE]`, which ends the items. @internal */
  item(event: StreamEvent): Item | typeof END {
    if (event.event === 'error') throw this.#errorEvent(event);
    if (event.data === DONE && this.#connection.format === 'sse') {
      this.#finish();
      return END;
    }
    const data = this.#parse(event.data);
    if (this.#init.items === 'data') return data as Item;
    const item: Record<string, unknown> = { data };
    if (event.event !== undefined) item['event'] = event.event;
    if (event.id !== undefined) item['id'] = event.id;
    if (event.retry !== undefined) item['retry'] = event.retry;
    return item as Item;
  }

  /** Called when the consumer stops early (`break` in `for await`): close the connection. @internal */
  release(): void {
    if (!this.#ended) this.#stop();
  }

  #parse(data: string): unknown {
    if (this.#init.textData === true) return data;
    const format = this.#connection.format;
    if (format === 'sse') {
      // "Parsed as JSON when it is JSON": a plain-text payload stays a string.
      const first = data.charCodeAt(0);
      if (first !== 0x7b && first !== 0x5b && first !== 0x22 && !looksLikeJsonScalar(data)) return data;
      try {
        return JSON.parse(data);
      } catch {
        return data;
      }
    }
    try {
      return JSON.parse(data);
    } catch (cause) {
      this.#stop();
      throw new InvalidResponseError(`Invalid JSON record in the stream from ${this.#init.url}`, {
        status: this.response.status,
        headers: this.response.headers,
        rawBody: data.slice(0, 1024),
        cause,
      });
    }
  }

  /** An SSE `error` event: the matching `ApiError` subclass, with `problem` when the data is one. */
  #errorEvent(event: StreamEvent): ApiError {
    this.#stop();
    let body: unknown = event.data;
    try {
      body = JSON.parse(event.data);
    } catch {
      // Plain text: kept as the body.
    }
    const problem = hasProblemShape(body) ? toProblemDetails(body) : undefined;
    const status = typeof problem?.status === 'number' && problem.status >= 400 && problem.status <= 599 ? problem.status : this.response.status;
    const headers = new Headers(this.response.headers);
    if (problem !== undefined) headers.set('content-type', 'application/problem+json');
    const error = makeApiError({
      status,
      headers,
      body,
      rawBody: event.data,
      method: this.#init.method,
      url: this.#init.url,
    });
    if (problem !== undefined) error.problem = problem;
    error.message = `${error.message} (an error event in the stream)`;
    return error;
  }

  /** Reads chunks until at least one event is decoded or the body ends. */
  async #fill(): Promise<StreamEvent | undefined> {
    const events = this.#events;
    events.length = 0;
    this.#next = 0;
    while (events.length === 0) {
      const chunk = await this.#read();
      if (chunk === undefined) {
        this.#decoder.end();
        this.#finish();
        break;
      }
      this.#decoder.feed(chunk);
    }
    this.#takeLastEventId();
    if (events.length === 0) return undefined;
    // An event arrived: reconnections are counted "in a row" from here.
    this.#failures = 0;
    this.#next = 1;
    return events[0];
  }

  /** The next chunk, `undefined` at the end; reconnects GET SSE streams that drop. */
  async #read(): Promise<Uint8Array | undefined> {
    for (;;) {
      if (this.#aborted) return undefined;
      try {
        const r = await this.#timedRead();
        if (r.done) {
          const signal = this.#init.signal;
          if (signal?.aborted && !this.#aborted) throw new AbortError('The stream was aborted', { cause: signal.reason });
          return undefined;
        }
        return r.value;
      } catch (error) {
        const failure = this.#failure(error);
        const reconnect = this.#init.reconnect;
        if (reconnect === undefined || failure instanceof AbortError || this.#failures >= this.#init.maxRetries) throw failure;
        this.#failures++;
        if (!(await this.#reconnect(reconnect, failure))) return undefined;
      }
    }
  }

  /**
   * Waits the server's `retry:` (else the usual backoff), bounded by `maxRetryAfter`, then
   * reconnects; `false` when the server ended the stream. Connection failures while reconnecting
   * count against `maxRetries` like drops do.
   */
  async #reconnect(
    reconnect: (lastEventId: string | undefined) => Promise<StreamConnection | undefined>,
    failure: SdkError,
  ): Promise<boolean> {
    for (;;) {
      const wanted = this.#decoder.retry ?? backoffDelay(this.#failures - 1, this.#init.random);
      try {
        await this.#init.sleep(Math.min(wanted, this.#init.maxRetryAfter), this.#init.signal);
      } catch (reason) {
        throw new AbortError('The stream was aborted', { cause: reason });
      }
      if (this.#aborted) return false;
      let connection: StreamConnection | undefined;
      try {
        // A block with only an `id:` may have come since the last event.
        this.#takeLastEventId();
        connection = await reconnect(this.#lastEventId);
      } catch (error) {
        if (!(error instanceof ConnectionError || error instanceof TimeoutError) || this.#failures >= this.#init.maxRetries) {
          throw error instanceof SdkError ? error : failure;
        }
        this.#failures++;
        continue;
      }
      if (connection === undefined) {
        this.#finish();
        return false;
      }
      const retry = this.#decoder.retry;
      this.#connection = connection;
      this.#reader = connection.body.getReader();
      this.#decoder = createDecoder(connection.format, this.#events);
      // The reconnection time survives the connection, as in EventSource.
      if (retry !== undefined) (this.#decoder as { retry: number | undefined }).retry = retry;
      return true;
    }
  }

  /** The decoder's last event id, kept across connections (a new decoder starts without one). */
  #takeLastEventId(): void {
    const id = this.#decoder.lastEventId;
    if (id !== undefined) this.#lastEventId = id;
  }

  /** `reader.read()` bounded by the per-chunk timeout. */
  #timedRead(): Promise<ReadableStreamReadResult<Uint8Array>> {
    const timeout = this.#init.timeout;
    const reader = this.#reader;
    if (!(timeout > 0 && timeout <= MAX_TIMER_MS)) return reader.read();
    this.#timedOut = false;
    this.#timer = setTimeout(() => {
      this.#timedOut = true;
      reader.cancel(new Error('No data within the timeout')).catch(() => undefined);
    }, timeout);
    return reader.read().then(
      (r) => {
        this.#pause();
        if (this.#timedOut) throw new Error('No data within the timeout');
        return r;
      },
      (error: unknown) => {
        this.#pause();
        throw error;
      },
    );
  }

  /** Stops the per-chunk timer between reads (the consumer's own time does not count). */
  #pause(): void {
    if (this.#timer === undefined) return;
    clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  /** The typed error for a failed read. */
  #failure(error: unknown): SdkError {
    const { method, url, signal, timeout } = this.#init;
    if (signal?.aborted) return new AbortError('The stream was aborted', { cause: signal.reason });
    if (this.#timedOut) return new TimeoutError(`${method} ${url}: no data for ${timeout} ms`, { cause: error });
    if (error instanceof SdkError) return error;
    const reason = error instanceof Error ? error.message : String(error);
    return new ConnectionError(`${method} ${url}: the stream broke off: ${reason}`, { cause: error });
  }

  /** The body ended: stop listening for aborts. */
  #finish(): void {
    if (this.#ended) return;
    this.#ended = true;
    this.#pause();
    if (this.#onAbort !== undefined) this.#init.signal!.removeEventListener('abort', this.#onAbort);
  }

  /** Cancels the body (closing the connection) and ends the stream. */
  #stop(): void {
    this.#finish();
    this.#events.length = 0;
    this.#next = 0;
    this.#reader.cancel(new Error('Stream aborted')).catch(() => undefined);
  }
}

/** What `Stream.item` returns for the `[DONE]` marker. */
const END: unique symbol = Symbol('end of items');

/** `true`, `false`, `null`, numbers. */
function looksLikeJsonScalar(data: string): boolean {
  const c = data.charCodeAt(0);
  return (c >= 0x30 && c <= 0x39) || c === 0x2d || data === 'true' || data === 'false' || data === 'null';
}

const DONE_RESULT: IteratorReturnResult<undefined> = { done: true, value: undefined };

/**
 * The item iterator. Hand-written rather than an async generator: a generator costs several
 * promise turns per item, a visible share when events are small; here an item already decoded is
 * one resolved promise.
 */
class ItemIterator<Item> implements AsyncIterator<Item> {
  readonly #stream: Stream<Item>;
  constructor(stream: Stream<Item>) {
    this.#stream = stream;
  }

  next(): Promise<IteratorResult<Item>> {
    try {
      const event = this.#stream.nextEvent();
      if (event instanceof Promise) return event.then((e) => this.#after(e));
      if (event === undefined) return Promise.resolve(DONE_RESULT);
      const item = this.#stream.item(event);
      return Promise.resolve(item === END ? DONE_RESULT : { done: false, value: item });
    } catch (error) {
      return Promise.reject(error);
    }
  }

  #after(event: StreamEvent | undefined): IteratorResult<Item> | Promise<IteratorResult<Item>> {
    if (event === undefined) return DONE_RESULT;
    const item = this.#stream.item(event);
    return item === END ? DONE_RESULT : { done: false, value: item };
  }

  return(): Promise<IteratorResult<Item>> {
    this.#stream.release();
    return Promise.resolve(DONE_RESULT);
  }
}

/** The raw-event iterator. */
class EventIterator implements AsyncIterator<StreamEvent> {
  readonly #stream: Stream<unknown>;
  constructor(stream: Stream<unknown>) {
    this.#stream = stream;
  }

  next(): Promise<IteratorResult<StreamEvent>> {
    try {
      const event = this.#stream.nextEvent();
      if (event instanceof Promise) return event.then((e) => (e === undefined ? DONE_RESULT : { done: false, value: e }));
      return Promise.resolve(event === undefined ? DONE_RESULT : { done: false, value: event });
    } catch (error) {
      return Promise.reject(error);
    }
  }

  return(): Promise<IteratorResult<StreamEvent>> {
    this.#stream.release();
    return Promise.resolve(DONE_RESULT);
  }
}
