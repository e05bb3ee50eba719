/**
 * Our WHATWG event-stream parser (runtime/src/stream/sse-parser.ts): table tests of the rules, and a
 * differential test against `eventsource-parser` (a dev dependency, the oracle): generated
 * transcripts with every corner the rules have, fed in random chunk splits (inside multi-byte UTF-8
 * characters and between the CR and LF of a line end too), must decode to the events the oracle
 * decodes. The generator is seeded, so a failure names the seed that reproduces it.
 */
import { createParser } from 'eventsource-parser';
import { describe, expect, it } from 'vitest';
import { createDecoder, type StreamEvent } from '../../runtime/src/stream/decoders.js';
import { SseParser } from '../../runtime/src/stream/sse-parser.js';

/** Events of `chunks` (text) through our parser, with its final state. */
function parse(chunks: readonly string[]): { events: StreamEvent[]; lastEventId: string | undefined; retry: number | undefined } {
  const events: StreamEvent[] = [];
  const parser = new SseParser(events);
  for (const c of chunks) parser.feed(c);
  parser.end();
  return { events, lastEventId: parser.lastEventId, retry: parser.retry };
}

const ev = (data: string, more: Partial<StreamEvent> = {}): StreamEvent => ({ event: undefined, id: undefined, data, retry: undefined, ...more });

describe('SseParser rules', () => {
  it.each<[string, string, StreamEvent[]]>([
    ['one event', 'data: x\n\n', [ev('x')]],
    ['one leading space stripped, only one', 'data:  x \n\n', [ev(' x ')]],
    ['no space after the colon', 'data:x\n\n', [ev('x')]],
    ['data lines joined with LF, no final LF', 'data: a\ndata: b\ndata\n\n', [ev('a\nb\n')]],
    ['a field name alone is an empty value', 'data\n\n', [ev('')]],
    ['empty data buffer: nothing dispatched', 'id: 1\nevent: x\n\n: comment\n\n\n', []],
    ['event type; empty means the default', 'event: ping\ndata: 1\n\nevent:\ndata: 2\n\n', [ev('1', { event: 'ping' }), ev('2')]],
    ['event type does not outlive its event', 'event: ping\ndata: 1\n\ndata: 2\n\n', [ev('1', { event: 'ping' }), ev('2')]],
    ['comments ignored', ': hi\ndata: 1\n:\n\n', [ev('1')]],
    ['unknown fields ignored, field names case-sensitive', 'Data: no\ndata : no\n data: no\nfoo: bar\nfoo\ndata: 1\n\n', [ev('1')]],
    ['colons after the first belong to the value', 'data: a:b: c\n\n', [ev('a:b: c')]],
    ['CR line ends', 'data: 1\r\rdata: 2\r\r', [ev('1'), ev('2')]],
    ['CRLF line ends', 'data: 1\r\n\r\ndata: 2\r\n\r\n', [ev('1'), ev('2')]],
    ['mixed line ends', 'data: 1\r\ndata: 2\rdata: 3\n\r\n', [ev('1\n2\n3')]],
    ['LF CR is two line ends', 'data: 1\n\rdata: 2\n\n', [ev('1'), ev('2')]],
    ['incomplete event at the end dropped', 'data: 1\n\ndata: 2\n', [ev('1')]],
    ['unfinished line at the end dropped', 'data: 1\n\ndata: 2', [ev('1')]],
    ['id with NUL ignored', 'id: a\0b\ndata: 1\n\n', [ev('1')]],
    ['empty id', 'id\ndata: 1\n\n', [ev('1', { id: '' })]],
    ['retry goes with the next event dispatched', 'retry: 10\n\ndata: 1\n\ndata: 2\n\n', [ev('1', { retry: 10 }), ev('2')]],
    ['retry with non-digits ignored', 'retry: 1a\nretry: -1\nretry: 1.5\nretry:\nretry: \nretry: 2 \ndata: 1\n\n', [ev('1')]],
    ['a U+FEFF after the decoder removed the BOM is text', '\uFEFFdata: no\n\ndata: \uFEFF\n\n', [ev('\uFEFF')]],
  ])('%s', (_name, text, want) => {
    expect(parse([text]).events).toEqual(want);
    // The same, split at every offset, and one character at a time.
    for (let i = 1; i < text.length; i++) expect(parse([text.slice(0, i), text.slice(i)]).events, `split at ${i}`).toEqual(want);
    expect(parse([...text]).events).toEqual(want);
  });

  it('keeps the last event id across events, and takes it from a block without data too', () => {
    expect(parse(['id: 1\ndata: a\n\ndata: b\n\n']).lastEventId).toBe('1');
    expect(parse(['id: 1\ndata: a\n\nid: 2\n\n']).lastEventId).toBe('2');
    expect(parse(['id: 1\ndata: a\n\nid\n\n']).lastEventId).toBe('');
    // Not from an event the stream cut off, nor from an id holding NUL.
    expect(parse(['id: 1\ndata: a\n\nid: 2\ndata: b\n']).lastEventId).toBe('1');
    expect(parse(['id: 1\n\nid: 2\0\n\n']).lastEventId).toBe('1');
    expect(parse(['data: a\n\n']).lastEventId).toBeUndefined();
  });

  it('keeps the reconnection time of the last valid retry field', () => {
    expect(parse(['retry: 10\nretry: x\n\n']).retry).toBe(10);
    expect(parse(['retry: 10\n\nretry: 0020\n']).retry).toBe(20);
  });

  it('appends a long line arriving in many chunks without losing any of it', () => {
    const value = 'v'.repeat(1000);
    const chunks = ['data: ', ...value.match(/.{1,7}/g)!, '\n', '\n'];
    expect(parse(chunks).events).toEqual([ev(value)]);
  });

  it('dispatches an event ended by a CR at once, before the next chunk says whether an LF follows', () => {
    const events: StreamEvent[] = [];
    const parser = new SseParser(events);
    parser.feed('data: 1\r\r');
    expect(events).toEqual([ev('1')]);
    parser.feed('\ndata: 2\r\n\r');
    expect(events).toEqual([ev('1'), ev('2')]);
  });
});

describe('SSE decoder BOM', () => {
  const bytes = (...parts: (string | number[])[]): Uint8Array[] => parts.map((p) => (typeof p === 'string' ? new TextEncoder().encode(p) : new Uint8Array(p)));
  const decode = (chunks: Uint8Array[]): StreamEvent[] => {
    const out: StreamEvent[] = [];
    const d = createDecoder('sse', out);
    for (const c of chunks) d.feed(c);
    d.end();
    return out;
  };

  it('strips one BOM at the start, even split over chunks, and only one', () => {
    expect(decode(bytes([0xef], [0xbb], [0xbf], 'data: 1\n\n'))).toEqual([ev('1')]);
    // A second BOM makes the first field name unknown.
    expect(decode(bytes([0xef, 0xbb, 0xbf, 0xef, 0xbb, 0xbf], 'data: 1\n\ndata: 2\n\n'))).toEqual([ev('2')]);
    // A BOM later in the stream is text.
    expect(decode(bytes('data: 1\n\n', [0xef, 0xbb, 0xbf], 'data: 2\n\n'))).toEqual([ev('1')]);
  });
});

// ---------------------------------------------------------------------------------------------
// Differential test against eventsource-parser.

/** mulberry32: a small seeded PRNG, so every transcript can be made again from its seed. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Characters of values: ASCII, colons, spaces, 2-, 3- and 4-byte UTF-8, NUL, U+FEFF. */
const ALPHABET = ['a', 'b', 'Z', '0', '7', ' ', ':', '{', '"', 'é', 'ß', '€', '中', '😀', '𝄞', '\0', '\uFEFF', '\t'];

interface Transcript {
  text: string;
  /** The last event id the rules give (id fields of blocks ended by a blank line). */
  lastEventId: string | undefined;
}

/**
 * A random transcript: blocks of random lines (data with and without the space, multi-line data,
 * id with and without NUL, event, retry valid and not, comments, field names without a colon,
 * unknown fields, blank lines that end nothing) with random line ends, an optional BOM and an
 * optional unfinished event at the end.
 */
function transcript(random: () => number): Transcript {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
  const value = (max: number): string => {
    let s = '';
    const n = Math.floor(random() * max);
    for (let i = 0; i < n; i++) s += pick(ALPHABET);
    return s;
  };
  const eol = (): string => pick(['\n', '\r', '\r\n']);
  let text = random() < 0.3 ? '\uFEFF' : '';
  let lastEventId: string | undefined;
  let blockId: string | undefined;
  const blocks = 1 + Math.floor(random() * 12);
  for (let b = 0; b < blocks; b++) {
    const lines = Math.floor(random() * 6);
    for (let l = 0; l < lines; l++) {
      const kind = random();
      let line: string;
      if (kind < 0.4) line = pick(['data: ', 'data:', 'data:  ']) + value(12);
      else if (kind < 0.45) line = pick(['data', 'data:']);
      else if (kind < 0.55) {
        const v = random() < 0.2 ? `${value(3)}\0${value(3)}` : value(6);
        line = pick(['id: ', 'id:']) + v;
        const parsed = line.startsWith('id: ') ? line.slice(4) : line.slice(3);
        if (!parsed.includes('\0')) blockId = parsed;
      } else if (kind < 0.58) {
        line = 'id';
        blockId = '';
      } else if (kind < 0.66) line = pick(['event: ', 'event:', 'event']) + (random() < 0.8 ? pick(['update', 'ping', 'error', 'é']) : '');
      else if (kind < 0.74) line = `retry: ${pick(['1500', '0', '007', '12a', '-3', '', ' 5', '1.5', '99999'])}`;
      else if (kind < 0.82) line = `:${value(8)}`;
      else line = pick(['foo: bar', 'foo', 'Data: x', 'data : x', ' data: x', 'retry', 'ids: 3', `${value(4)}: ${value(4)}`]);
      text += line + eol();
    }
    const ended = b < blocks - 1 || random() < 0.7;
    if (ended) {
      // After a CR, an LF would only complete that line end, not make a blank line.
      text += text.endsWith('\r') ? pick(['\r', '\r\n']) : eol();
      if (blockId !== undefined) lastEventId = blockId;
      blockId = undefined;
    }
  }
  // Sometimes an unfinished line at the very end.
  if (random() < 0.3) text += `data: ${value(5)}`;
  return { text, lastEventId };
}

/** What eventsource-parser makes of `chunks` (bytes through a streaming TextDecoder, as the runtime did). */
function oracle(chunks: readonly Uint8Array[]): { events: StreamEvent[]; retry: number | undefined } {
  const events: StreamEvent[] = [];
  let retry: number | undefined;
  let pending: number | undefined;
  const parser = createParser({
    onEvent: (e) => {
      events.push({ event: e.event, id: e.id, data: e.data, retry: pending });
      pending = undefined;
    },
    onRetry: (ms) => {
      retry = ms;
      pending = ms;
    },
  });
  const decoder = new TextDecoder();
  let text = '';
  for (const c of chunks) {
    const t = decoder.decode(c, { stream: true });
    if (t === '') continue;
    text += t;
    parser.feed(t);
  }
  const rest = decoder.decode();
  text += rest;
  if (rest !== '') parser.feed(rest);
  // eventsource-parser holds a CR at the end of a chunk back, and the line it ends with it, until
  // a later chunk brings a line end. At the end of the stream a final LF flushes it: it ends an
  // unfinished line (which dispatches nothing) or completes a CRLF, unless the text ended with LF,
  // where it would make a blank line.
  if (text !== '' && !text.endsWith('\n')) parser.feed('\n');
  return { events, retry };
}

/** `bytes` cut at random offsets (some inside characters, some between CR and LF), empty chunks too. */
function split(bytes: Uint8Array, random: () => number): Uint8Array[] {
  const cuts = new Set<number>();
  const n = Math.floor(random() * 8);
  for (let i = 0; i < n; i++) cuts.add(Math.floor(random() * (bytes.length + 1)));
  // A cut between a CR and its LF, when there is one.
  const crlf = bytes.findIndex((b, i) => b === 0x0d && bytes[i + 1] === 0x0a);
  if (crlf !== -1 && random() < 0.5) cuts.add(crlf + 1);
  const points = [0, ...[...cuts].sort((a, b) => a - b), bytes.length];
  const chunks: Uint8Array[] = [];
  for (let i = 1; i < points.length; i++) chunks.push(bytes.subarray(points[i - 1], points[i]));
  return chunks;
}

describe('SSE decoder against eventsource-parser', () => {
  const TRANSCRIPTS = 400;
  const SPLITS = 4;

  it(`decodes ${TRANSCRIPTS} generated transcripts, each in ${SPLITS} random splits, as eventsource-parser does`, () => {
    let events = 0;
    for (let seed = 1; seed <= TRANSCRIPTS; seed++) {
      const random = prng(seed);
      const t = transcript(random);
      const bytes = new TextEncoder().encode(t.text);
      for (let s = 0; s < SPLITS; s++) {
        const chunks = split(bytes, random);
        const want = oracle(chunks);
        const out: StreamEvent[] = [];
        const decoder = createDecoder('sse', out);
        for (const c of chunks) decoder.feed(c);
        decoder.end();
        const where = `seed ${seed}, split ${s} at ${JSON.stringify(chunks.map((c) => c.length))}, transcript ${JSON.stringify(t.text)}`;
        expect(out, where).toEqual(want.events);
        expect(decoder.retry, where).toBe(want.retry);
        expect(decoder.lastEventId, where).toBe(t.lastEventId);
        events += out.length;
      }
    }
    // The generator is not degenerate: the transcripts held plenty of events.
    expect(events).toBeGreaterThan(TRANSCRIPTS * SPLITS);
  });
});
