import { describe, expect, it } from 'vitest';
import { parseEntityTag, strongMatch, weakMatch } from '../../../runtime/src/cache/etag.js';

describe('parseEntityTag', () => {
  const table: { given: string | null; want: { weak: boolean; opaque: string; value: string } | undefined }[] = [
    { given: '"v7"', want: { weak: false, opaque: '"v7"', value: '"v7"' } },
    { given: 'W/"v7"', want: { weak: true, opaque: '"v7"', value: 'W/"v7"' } },
    { given: '  "v7"  ', want: { weak: false, opaque: '"v7"', value: '"v7"' } },
    { given: '""', want: { weak: false, opaque: '""', value: '""' } },
    { given: '"a,b"', want: { weak: false, opaque: '"a,b"', value: '"a,b"' } },
    { given: '"\u00e9t\u00e9"', want: { weak: false, opaque: '"\u00e9t\u00e9"', value: '"\u00e9t\u00e9"' } },
    { given: 'v7', want: undefined },
    { given: 'w/"v7"', want: undefined },
    { given: 'W/v7', want: undefined },
    { given: '"v7', want: undefined },
    { given: '"', want: undefined },
    { given: '"a", "b"', want: undefined },
    { given: '"a b"', want: undefined },
    { given: '"tab\there"', want: undefined },
    { given: '"snow\u2603"', want: undefined },
    { given: '', want: undefined },
    { given: null, want: undefined },
  ];
  it.each(table)('parses $given', ({ given, want }) => {
    expect(parseEntityTag(given)).toEqual(want);
  });
});

describe('weakMatch and strongMatch (RFC 9110 8.8.3.2 table)', () => {
  const table: { a: string; b: string; weak: boolean; strong: boolean }[] = [
    { a: 'W/"1"', b: 'W/"1"', weak: true, strong: false },
    { a: 'W/"1"', b: 'W/"2"', weak: false, strong: false },
    { a: 'W/"1"', b: '"1"', weak: true, strong: false },
    { a: '"1"', b: '"1"', weak: true, strong: true },
  ];
  it.each(table)('$a vs $b', ({ a, b, weak, strong }) => {
    const ta = parseEntityTag(a);
    const tb = parseEntityTag(b);
    if (!ta || !tb) throw new Error('fixture tags must parse');
    expect(weakMatch(ta, tb)).toBe(weak);
    expect(strongMatch(ta, tb)).toBe(strong);
  });
});
