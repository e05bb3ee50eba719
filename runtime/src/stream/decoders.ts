/**
 * Body decoders: bytes in, raw events out. One per stream format, all fed chunk by chunk as the body
 * arrives, so a chunk may end anywhere (inside a line, a CRLF pair or a multi-byte UTF-8 character).
 * Bytes become text through one streaming `TextDecoder` per connection, which holds back an
 * incomplete UTF-8 sequence until its next chunk and drops a leading byte-order mark.
 */
import { SseParser } from './sse-parser.js';

/** One raw event: an SSE event, or one NDJSON / JSON-seq record (only `data` set). */
export interface StreamEvent {
  /** SSE `event:` field; absent means the default type, `message`. */
  readonly event?: string | undefined;
  /** SSE `id:` field of this event, when it had one. */
  readonly id?: string | undefined;
  /** SSE data lines joined with `\n`, or one NDJSON / JSON-seq record, as text. */
  readonly data: string;
  /** SSE `retry:` field (ms) seen just before this event, when there was one. */
  readonly retry?: number | undefined;
}

/** Stream formats the runtime reads. */
export type StreamFormat = 'sse' | 'ndjson' | 'json-seq';

/** The stream format of a media type (`text/event-stream; charset=utf-8` -> `sse`), or undefined. */
export function streamFormat(contentType: string | null | undefined): StreamFormat | undefined {
  if (contentType == null) return undefined;
  const semi = contentType.indexOf(';');
  const type = (semi === -1 ? contentType : contentType.slice(0, semi)).trim().toLowerCase();
  if (type === 'text/event-stream') return 'sse';
  if (type === 'application/x-ndjson' || type === 'application/jsonl' || type === 'application/x-jsonlines' || type === 'application/ndjson') {
    return 'ndjson';
  }
  if (type === 'application/json-seq') return 'json-seq';
  return undefined;
}

/** Turns body chunks into events; events are appended to `out` (the caller drains it). */
export interface EventDecoder {
  /** Appends the events completed by `chunk`. */
  feed(chunk: Uint8Array): void;
  /** The body ended: appends what a complete final record still held. */
  end(): void;
  /** The `retry:` value (ms) the server last asked for (SSE only). */
  readonly retry: number | undefined;
  /** The last event id seen (SSE only); `''` after an empty `id:`. */
  readonly lastEventId: string | undefined;
}

/** A decoder of `format` that appends to `out`. */
export function createDecoder(format: StreamFormat, out: StreamEvent[]): EventDecoder {
  if (format === 'sse') return new SseDecoder(out);
  return new RecordDecoder(out, format === 'json-seq' ? '\x1e' : '\n');
}

/**
 * Server-sent events per the WHATWG parsing rules (CR, LF and CRLF line ends, multi-line `data`,
 * comments, `id`, `retry`, a leading BOM): bytes through one streaming `TextDecoder` (which holds
 * back a split UTF-8 sequence and strips the BOM), text through our parser (sse-parser.ts).
 * @see https://html.spec.whatwg.org/multipage/server-sent-events.html#parsing-an-event-stream
 */
class SseDecoder implements EventDecoder {
  readonly #text = new TextDecoder();
  readonly #parser: SseParser;

  constructor(out: StreamEvent[]) {
    this.#parser = new SseParser(out);
  }

  get retry(): number | undefined {
    return this.#parser.retry;
  }

  set retry(ms: number | undefined) {
    this.#parser.retry = ms;
  }

  get lastEventId(): string | undefined {
    return this.#parser.lastEventId;
  }

  feed(chunk: Uint8Array): void {
    const text = this.#text.decode(chunk, STREAMING);
    if (text !== '') this.#parser.feed(text);
  }

  end(): void {
    const rest = this.#text.decode();
    if (rest !== '') this.#parser.feed(rest);
    // An event not followed by a blank line is incomplete and dropped, as EventSource does.
    this.#parser.end();
  }
}

/** `TextDecoder.decode` options for a chunk with more to come. */
const STREAMING: TextDecodeOptions = { stream: true };

/**
 * Newline-delimited JSON (`application/x-ndjson`, `application/jsonl`: records end with LF, an
 * optional CR before it is dropped) and JSON text sequences (`application/json-seq`, RFC 7464:
 * records start with RS). Blank records are skipped.
 */
class RecordDecoder implements EventDecoder {
  readonly retry = undefined;
  readonly lastEventId = undefined;
  readonly #text = new TextDecoder();
  readonly #out: StreamEvent[];
  readonly #separator: string;
  /** Text after the last separator, waiting for the rest of its record. */
  #carry = '';

  constructor(out: StreamEvent[], separator: string) {
    this.#out = out;
    this.#separator = separator;
  }

  feed(chunk: Uint8Array): void {
    const text = this.#text.decode(chunk, STREAMING);
    if (text === '') return;
    const sep = this.#separator;
    let end = text.indexOf(sep);
    if (end === -1) {
      this.#carry += text;
      return;
    }
    this.#record(this.#carry + text.slice(0, end));
    let start = end + 1;
    while ((end = text.indexOf(sep, start)) !== -1) {
      this.#record(text.slice(start, end));
      start = end + 1;
    }
    this.#carry = text.slice(start);
  }

  end(): void {
    const rest = this.#carry + this.#text.decode();
    this.#carry = '';
    this.#record(rest);
  }

  #record(text: string): void {
    // Fast path: an NDJSON line that starts with its JSON text and ends without a CR.
    const first = text.charCodeAt(0);
    if ((first === 0x7b /* { */ || first === 0x5b) /* [ */ && this.#separator === '\n') {
      const last = text.charCodeAt(text.length - 1);
      if (last === 0x7d /* } */ || last === 0x5d /* ] */) {
        this.#out.push({ data: text });
        return;
      }
    }
    const trimmed = text.trim();
    if (trimmed !== '') this.#out.push({ data: trimmed });
  }
}
