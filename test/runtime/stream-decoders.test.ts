import { describe, expect, it } from 'vitest';
import { createDecoder, streamFormat, type StreamEvent, type StreamFormat } from '../../runtime/src/stream/decoders.js';
import { SSE_EVENTS, SSE_TRANSCRIPT, withLineEnds } from '../support/sse-transcript.js';

function decode(format: StreamFormat, chunks: readonly Uint8Array[]): StreamEvent[] {
  const out: StreamEvent[] = [];
  const decoder = createDecoder(format, out);
  for (const c of chunks) decoder.feed(c);
  decoder.end();
  return out;
}

const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);

describe('streamFormat', () => {
  it.each([
    ['text/event-stream', 'sse'],
    ['Text/Event-Stream; charset=utf-8', 'sse'],
    ['application/x-ndjson', 'ndjson'],
    ['application/jsonl', 'ndjson'],
    ['application/json-seq', 'json-seq'],
    ['application/json', undefined],
    [undefined, undefined],
  ])('%s -> %s', (given, want) => {
    expect(streamFormat(given)).toBe(want);
  });
});

describe('SSE decoder', () => {
  const transcript = bytes(SSE_TRANSCRIPT);

  it('decodes the recorded transcript (BOM, comments, multi-line data, id, retry, UTF-8)', () => {
    expect(decode('sse', [transcript])).toEqual(SSE_EVENTS);
  });

  it('gives the same events for a split at every byte offset, inside multi-byte characters too', () => {
    // The transcript holds 2-, 3- and 4-byte UTF-8 characters, so some offsets fall inside one.
    expect(transcript.length).toBeGreaterThan(SSE_TRANSCRIPT.length);
    for (let i = 1; i < transcript.length; i++) {
      expect(decode('sse', [transcript.subarray(0, i), transcript.subarray(i)]), `split at ${i}`).toEqual(SSE_EVENTS);
    }
  });

  it('gives the same events fed one byte at a time', () => {
    const chunks = Array.from(transcript, (b) => new Uint8Array([b]));
    expect(decode('sse', chunks)).toEqual(SSE_EVENTS);
  });

  it.each(['\r\n', '\r', '\n'] as const)('line ends %j', (eol) => {
    const text = bytes(withLineEnds(SSE_TRANSCRIPT, eol));
    expect(decode('sse', [text])).toEqual(SSE_EVENTS);
    for (let i = 1; i < text.length; i += 7) expect(decode('sse', [text.subarray(0, i), text.subarray(i)])).toEqual(SSE_EVENTS);
  });

  it('drops an event the body cut off before its blank line', () => {
    expect(decode('sse', [bytes('data: 1\n\ndata: 2')])).toEqual([{ data: '1', event: undefined, id: undefined }]);
  });

  it('dispatches an event ended by CR CR as soon as it arrives, not when a later line end does', () => {
    // With eventsource-parser the event waited for the next chunk holding a line end, and was lost
    // when the stream then ended with an unfinished line.
    const out: StreamEvent[] = [];
    const d = createDecoder('sse', out);
    d.feed(bytes('data: 1\r\r'));
    expect(out.map((e) => e.data)).toEqual(['1']);
    expect(decode('sse', [bytes('data: 7\r\r'), bytes('data: a')]).map((e) => e.data)).toEqual(['7']);
  });

  it('takes the last event id from a block without data too (EventSource does)', () => {
    const out: StreamEvent[] = [];
    const d = createDecoder('sse', out);
    d.feed(bytes('id: 1\ndata: x\n\nid: 2\n\n'));
    expect(d.lastEventId).toBe('2');
  });

  it('reports the last id and the retry value', () => {
    const out: StreamEvent[] = [];
    const d = createDecoder('sse', out);
    d.feed(bytes('retry: 1500\nid: 7\ndata: x\n\ndata: y\n\n'));
    expect(d.retry).toBe(1500);
    expect(d.lastEventId).toBe('7');
    expect(out[0]).toMatchObject({ retry: 1500, id: '7' });
    expect(out[1]!.retry).toBeUndefined();
  });
});

describe('NDJSON and JSON-seq decoders', () => {
  const ndjson = '{"n":1,"s":"ä€😀"}\r\n{"n":2}\n\n[3]\n{"n":4}';
  const want = [{ data: '{"n":1,"s":"ä€😀"}' }, { data: '{"n":2}' }, { data: '[3]' }, { data: '{"n":4}' }];

  it('splits lines at every byte offset, a last line without LF included', () => {
    const b = bytes(ndjson);
    for (let i = 1; i < b.length; i++) expect(decode('ndjson', [b.subarray(0, i), b.subarray(i)]), `split at ${i}`).toEqual(want);
  });

  it('reads RFC 7464 records', () => {
    const b = bytes('\x1e{"n":1}\n\x1e"two"\n\x1e3\n');
    expect(decode('json-seq', [b])).toEqual([{ data: '{"n":1}' }, { data: '"two"' }, { data: '3' }]);
    for (let i = 1; i < b.length; i++) expect(decode('json-seq', [b.subarray(0, i), b.subarray(i)])).toHaveLength(3);
  });
});
