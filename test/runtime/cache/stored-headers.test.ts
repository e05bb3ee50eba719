import { describe, expect, it } from 'vitest';
import { parseEntityTag } from '../../../runtime/src/cache/etag.js';
import {
  mergeNotModifiedHeaders,
  notModifiedSelects,
  storableHeaders,
} from '../../../runtime/src/cache/stored-headers.js';

describe('storableHeaders', () => {
  it('keeps end-to-end fields and drops hop-by-hop ones and set-cookie', () => {
    const given = new Headers([
      ['Content-Type', 'application/json'],
      ['ETag', '"1"'],
      ['Connection', 'keep-alive, X-Hop'],
      ['X-Hop', 'a'],
      ['Keep-Alive', 'timeout=5'],
      ['Transfer-Encoding', 'chunked'],
      ['Set-Cookie', 'session=abc'],
      ['X-Request-Id', 'r1'],
    ]);
    expect(storableHeaders(given)).toEqual({ 'content-type': 'application/json', etag: '"1"', 'x-request-id': 'r1' });
  });
});

describe('mergeNotModifiedHeaders (RFC 9111 3.2)', () => {
  const stored = {
    'content-type': 'application/json',
    'content-length': '120',
    'content-encoding': 'gzip',
    etag: '"1"',
    'cache-control': 'max-age=0',
    date: 'Mon, 01 Jan 2024 00:00:00 GMT',
    'x-keep': 'yes',
  };
  const table: { name: string; given: [string, string][]; want: Record<string, string> }[] = [
    {
      name: 'replaces present fields and adds new ones',
      given: [
        ['Date', 'Tue, 02 Jan 2024 00:00:00 GMT'],
        ['Cache-Control', 'max-age=60'],
        ['X-Rate-Remaining', '41'],
      ],
      want: {
        ...stored,
        date: 'Tue, 02 Jan 2024 00:00:00 GMT',
        'cache-control': 'max-age=60',
        'x-rate-remaining': '41',
      },
    },
    {
      name: 'never updates content-length, content-type or content-encoding',
      given: [
        ['Content-Length', '0'],
        ['Content-Type', 'text/html'],
        ['Content-Encoding', 'br'],
      ],
      want: stored,
    },
    {
      name: 'ignores hop-by-hop fields and set-cookie',
      given: [
        ['Connection', 'close, X-Hop'],
        ['X-Hop', '1'],
        ['Set-Cookie', 'a=b'],
      ],
      want: stored,
    },
    { name: 'keeps everything when the 304 carries nothing', given: [], want: stored },
    { name: 'takes a W/ change of the same tag', given: [['ETag', 'W/"1"']], want: { ...stored, etag: 'W/"1"' } },
  ];
  it.each(table)('$name', ({ given, want }) => {
    expect(mergeNotModifiedHeaders(stored, new Headers(given))).toEqual(want);
  });

  it('does not modify the stored object', () => {
    const copy = { ...stored };
    mergeNotModifiedHeaders(copy, new Headers([['date', 'x']]));
    expect(copy).toEqual(stored);
  });
});

describe('notModifiedSelects (RFC 9111 4.3.4)', () => {
  const table: { stored: string; given: string | null; want: boolean }[] = [
    { stored: '"1"', given: '"1"', want: true },
    { stored: '"1"', given: 'W/"1"', want: true },
    { stored: 'W/"1"', given: '"1"', want: true },
    { stored: '"1"', given: null, want: true },
    { stored: '"1"', given: '"2"', want: false },
    { stored: '"1"', given: '1', want: false },
    { stored: '"1"', given: '"1", "2"', want: false },
  ];
  it.each(table)('stored $stored, 304 ETag $given -> $want', ({ stored, given, want }) => {
    const tag = parseEntityTag(stored);
    if (!tag) throw new Error('fixture tag must parse');
    expect(notModifiedSelects(tag, given)).toBe(want);
  });
});
