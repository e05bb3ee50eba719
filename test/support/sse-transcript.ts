/**
 * A recorded server-sent-events transcript (the shape chat APIs send, plus the WHATWG corner cases:
 * BOM, comments, multi-line data, `id`, `retry`, an `event` name, a field without a colon, an
 * unknown field, and 2-, 3- and 4-byte UTF-8 characters) and the events it must decode to.
 */
import type { StreamEvent } from '@sdkgen/runtime';

export const SSE_TRANSCRIPT =
  '\uFEFF: keep-alive comment\n' +
  'retry: 2500\n' +
  'id: evt-1\n' +
  'data: {"delta":"Grüße"}\n' +
  '\n' +
  ':another comment\n' +
  'event: update\n' +
  'id: evt-2\n' +
  'data: {"delta":"€ 5",\n' +
  'data: "more":true}\n' +
  '\n' +
  'unknown: ignored\n' +
  'data:{"delta":"😀 no space after the colon"}\n' +
  '\n' +
  'data\n' +
  '\n' +
  'data: plain text, not JSON\n' +
  '\n';

export const SSE_EVENTS: StreamEvent[] = [
  { id: 'evt-1', event: undefined, data: '{"delta":"Grüße"}', retry: 2500 },
  { id: 'evt-2', event: 'update', data: '{"delta":"€ 5",\n"more":true}' },
  { id: undefined, event: undefined, data: '{"delta":"😀 no space after the colon"}' },
  { id: undefined, event: undefined, data: '' },
  { id: undefined, event: undefined, data: 'plain text, not JSON' },
];

/** What the items of the transcript are: JSON data parsed, other data as text. */
export const SSE_ITEMS: unknown[] = [{ delta: 'Grüße' }, { delta: '€ 5', more: true }, { delta: '😀 no space after the colon' }, '', 'plain text, not JSON'];

/** The transcript with every LF replaced by `eol`. */
export function withLineEnds(text: string, eol: '\n' | '\r\n' | '\r'): string {
  return text.replace(/\n/g, eol);
}
