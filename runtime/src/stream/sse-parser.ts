/**
 * The WHATWG event-stream parser: decoded text in, events out. It is fed text chunk by chunk as
 * the body arrives, so a chunk may end anywhere: inside a line, or between the CR and the LF of a
 * CRLF pair. Lines are found with `indexOf` over each chunk, not character by character, and an
 * event is one object, built once.
 *
 * The text is what UTF-8 decode made of the body, which strips the one leading byte-order mark the
 * rules allow (decoders.ts decodes with a streaming `TextDecoder`, which does exactly that).
 *
 * @see https://html.spec.whatwg.org/multipage/server-sent-events.html#event-stream-interpretation
 */
import type { StreamEvent } from './decoders.js';

const LF = 0x0a;
const CR = 0x0d;
const SPACE = 0x20;
const COLON = 0x3a;

export class SseParser {
  /**
   * The last event ID string: the `id:` field last seen before a blank line, kept across events
   * (an event without `id:` does not clear it) as EventSource keeps it. `undefined` until the
   * stream sent one; `''` after an empty `id:`.
   */
  lastEventId: string | undefined;
  /** The reconnection time (ms) the stream last set with a valid `retry:` field. */
  retry: number | undefined;

  readonly #out: StreamEvent[];
  /** The start of an unfinished line at the end of the text fed so far. */
  #carry = '';
  /** The text fed so far ended with a CR: an LF at the start of the next chunk completes that line end. */
  #afterCr = false;
  /** The data buffer (lines joined with LF) and how many `data` lines it holds. */
  #data = '';
  #dataLines = 0;
  /** The event type buffer; `undefined` (the default type, `message`) when empty. */
  #event: string | undefined;
  /** The `id:` of the event being read, when it had one. */
  #id: string | undefined;
  /** A `retry:` not yet reported: it goes with the next event dispatched. */
  #pendingRetry: number | undefined;

  /** @param out receives each event as it is dispatched. */
  constructor(out: StreamEvent[]) {
    this.#out = out;
  }

  /** Parses the lines `text` (the next chunk) completes; the rest waits for the next chunk. */
  feed(text: string): void {
    let pos = 0;
    if (this.#afterCr) {
      if (text.length === 0) return;
      this.#afterCr = false;
      if (text.charCodeAt(0) === LF) pos = 1;
    }
    let cr = text.indexOf('\r', pos);
    let lf = text.indexOf('\n', pos);
    if (this.#carry !== '') {
      // A long line arriving over many chunks is appended without scanning it again.
      if (cr === -1 && lf === -1) {
        this.#carry += text;
        return;
      }
      // The line the carry started ends in this chunk. It is parsed on its own, so the rest is
      // parsed on the decoder's flat string, never on a concatenation (slower to index).
      // `#afterCr` only ever goes with an empty carry, so `pos` is 0 here.
      const end = cr === -1 || (lf !== -1 && lf < cr) ? lf : cr;
      const line = this.#carry + text.slice(0, end);
      this.#carry = '';
      this.#line(line, 0, line.length);
      pos = end + 1;
      if (end === cr) {
        if (pos === text.length) {
          this.#afterCr = true;
          return;
        }
        if (lf === pos) pos++;
        cr = text.indexOf('\r', pos);
      }
      if (lf !== -1 && lf < pos) lf = text.indexOf('\n', pos);
    }
    if (cr === -1) {
      // LF line ends only, the common case. A `data` line is handled here, and when it is the
      // event's only one and a blank line follows, the event is dispatched without a second pass.
      while (lf !== -1) {
        if (isDataField(text, pos)) {
          const value = text.slice(text.charCodeAt(pos + 5) === SPACE ? pos + 6 : pos + 5, lf);
          if (this.#dataLines === 0 && text.charCodeAt(lf + 1) === LF) {
            this.#dispatchData(value);
            pos = lf + 2;
            lf = text.indexOf('\n', pos);
            continue;
          }
          this.#addData(value);
        } else if (isIdField(text, pos)) {
          this.#setId(text.slice(text.charCodeAt(pos + 3) === SPACE ? pos + 4 : pos + 3, lf));
        } else {
          this.#line(text, pos, lf);
        }
        pos = lf + 1;
        lf = text.indexOf('\n', pos);
      }
    } else {
      for (;;) {
        if (cr !== -1 && (lf === -1 || cr < lf)) {
          this.#line(text, pos, cr);
          pos = cr + 1;
          if (pos === text.length) {
            this.#afterCr = true;
            break;
          }
          if (lf === pos) pos++;
          cr = text.indexOf('\r', pos);
          if (lf !== -1 && lf < pos) lf = text.indexOf('\n', pos);
        } else if (lf !== -1) {
          this.#line(text, pos, lf);
          pos = lf + 1;
          lf = text.indexOf('\n', pos);
        } else {
          break;
        }
      }
    }
    this.#carry = pos === text.length ? '' : text.slice(pos);
  }

  /**
   * The stream ended. An unfinished line and an event not yet ended by a blank line are dropped,
   * as the rules say; the parser is ready for a new stream (the last event id and retry stay).
   */
  end(): void {
    this.#carry = '';
    this.#afterCr = false;
    this.#reset();
  }

  /** One line, `text` from `start` to `end` (the line end, not included). */
  #line(text: string, start: number, end: number): void {
    if (start === end) {
      this.#dispatch();
      return;
    }
    // The fields servers send most are recognised without slicing the field name.
    if (isDataField(text, start)) {
      this.#addData(text.slice(text.charCodeAt(start + 5) === SPACE ? start + 6 : start + 5, end));
      return;
    }
    if (isIdField(text, start)) {
      this.#setId(text.slice(text.charCodeAt(start + 3) === SPACE ? start + 4 : start + 3, end));
      return;
    }
    if (text.charCodeAt(start) === COLON) return; // A comment.
    this.#field(text.slice(start, end));
  }

  /** Any other line: `field: value`, or a field name alone (its value empty). */
  #field(line: string): void {
    const colon = line.indexOf(':');
    let field = line;
    let value = '';
    if (colon !== -1) {
      field = line.slice(0, colon);
      value = line.slice(line.charCodeAt(colon + 1) === SPACE ? colon + 2 : colon + 1);
    }
    switch (field) {
      case 'data':
        this.#addData(value);
        return;
      case 'event':
        this.#event = value === '' ? undefined : value;
        return;
      case 'id':
        this.#setId(value);
        return;
      case 'retry':
        if (isAsciiDigits(value)) {
          const ms = Number(value);
          this.retry = ms;
          this.#pendingRetry = ms;
        }
        return;
      default:
      // Unknown fields are ignored.
    }
  }

  #addData(value: string): void {
    this.#data = this.#dataLines === 0 ? value : `${this.#data}\n${value}`;
    this.#dataLines++;
  }

  #setId(value: string): void {
    // An id holding NUL is ignored: it could not be sent back in a Last-Event-ID header.
    if (value.indexOf('\0') === -1) this.#id = value;
  }

  /** A blank line: the event ends; dispatched when it had data. */
  #dispatch(): void {
    if (this.#dataLines > 0) {
      this.#dispatchData(this.#data);
      return;
    }
    // The last event ID buffer becomes the last event ID string whether or not an event follows.
    if (this.#id !== undefined) this.lastEventId = this.#id;
    this.#reset();
  }

  /** Dispatches the event being read, its data buffer `data`. */
  #dispatchData(data: string): void {
    const id = this.#id;
    if (id !== undefined) this.lastEventId = id;
    this.#out.push({ event: this.#event, id, data, retry: this.#pendingRetry });
    this.#pendingRetry = undefined;
    this.#data = '';
    this.#dataLines = 0;
    this.#event = undefined;
    this.#id = undefined;
  }

  #reset(): void {
    this.#data = '';
    this.#dataLines = 0;
    this.#event = undefined;
    this.#id = undefined;
  }
}

/**
 * Whether the line at `start` is a `data:` field. The line ends with CR or LF, which never
 * matches a letter or the colon, so the checks never read past the line.
 */
function isDataField(text: string, start: number): boolean {
  return (
    text.charCodeAt(start) === 0x64 /* d */ &&
    text.charCodeAt(start + 1) === 0x61 /* a */ &&
    text.charCodeAt(start + 2) === 0x74 /* t */ &&
    text.charCodeAt(start + 3) === 0x61 /* a */ &&
    text.charCodeAt(start + 4) === COLON
  );
}

/** Whether the line at `start` is an `id:` field. */
function isIdField(text: string, start: number): boolean {
  return text.charCodeAt(start) === 0x69 /* i */ && text.charCodeAt(start + 1) === 0x64 /* d */ && text.charCodeAt(start + 2) === COLON;
}

/** One or more of `0`-`9`, nothing else: the only `retry:` values the rules accept. */
function isAsciiDigits(value: string): boolean {
  if (value.length === 0) return false;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c < 0x30 || c > 0x39) return false;
  }
  return true;
}
