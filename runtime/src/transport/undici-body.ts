import type { Dispatcher } from 'undici';

/** Bytes queued in the stream before undici is asked to stop reading the socket. @default 64 KiB */
export const STREAM_HIGH_WATER_MARK = 64 * 1024;

/**
 * A response body handed out as a `ReadableStream` while undici is still receiving it. Chunks from
 * the dispatch handler go straight into the stream's queue; when the queue holds more than
 * `STREAM_HIGH_WATER_MARK` bytes the dispatch is paused (undici stops reading the socket, TCP
 * flow control does the rest) and resumed when the reader pulls again, so memory stays flat however
 * long the body is. Cancelling the stream aborts the dispatch, which closes the connection: the
 * server sees the close.
 */
export class StreamedBody {
  readonly readable: ReadableStream<Uint8Array>;
  #queue: ReadableStreamDefaultController<Uint8Array> | undefined;
  readonly #dispatch: () => Dispatcher.DispatchController | undefined;
  #closed = false;

  /** @param dispatch the exchange's dispatch controller (set once undici started the request). */
  constructor(dispatch: () => Dispatcher.DispatchController | undefined) {
    this.#dispatch = dispatch;
    this.readable = new ReadableStream<Uint8Array>(
      {
        start: (controller) => {
          this.#queue = controller;
        },
        pull: () => {
          const d = this.#dispatch();
          if (d?.paused) d.resume();
        },
        cancel: (reason) => {
          this.#closed = true;
          this.#dispatch()?.abort(reason instanceof Error ? reason : new Error('Response body cancelled'));
        },
      },
      { highWaterMark: STREAM_HIGH_WATER_MARK, size: (chunk) => chunk.byteLength },
    );
  }

  /** A chunk from undici. */
  push(chunk: Uint8Array): void {
    if (this.#closed) return;
    const queue = this.#queue!;
    queue.enqueue(chunk);
    if (queue.desiredSize !== null && queue.desiredSize <= 0) this.#dispatch()?.pause();
  }

  /** The body ended. */
  end(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#queue!.close();
  }

  /** The exchange failed (connection lost, timeout, abort): the reader gets `error`. */
  error(error: Error): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#queue!.error(error);
  }
}
