import { describe, expect, it } from 'vitest';
import { parseVary, varyValues } from '../../../runtime/src/cache/vary.js';

describe('parseVary', () => {
  const table: { given: string | null; want: readonly string[] | '*' }[] = [
    { given: null, want: [] },
    { given: '', want: [] },
    { given: 'Accept-Language', want: ['accept-language'] },
    { given: 'accept-language, Accept', want: ['accept', 'accept-language'] },
    { given: 'Accept, accept ,ACCEPT', want: ['accept'] },
    { given: 'Accept, *', want: '*' },
    { given: ' * ', want: '*' },
    { given: 'Accept, , bad name', want: ['accept'] },
  ];
  it.each(table)('parses $given', ({ given, want }) => {
    expect(parseVary(given)).toEqual(want);
  });
});

describe('varyValues', () => {
  const table: { names: string[]; headers: Record<string, string>; want: (string | null)[] }[] = [
    { names: ['accept-language'], headers: { 'accept-language': 'fr' }, want: ['fr'] },
    { names: ['accept-language'], headers: {}, want: [null] },
    { names: ['accept-language'], headers: { 'accept-language': '' }, want: [''] },
    { names: ['accept', 'x-a'], headers: { accept: ' en,   fr ', 'x-a': '1' }, want: ['en, fr', '1'] },
  ];
  it.each(table)('$names of $headers', ({ names, headers, want }) => {
    expect(varyValues(names, headers)).toEqual(want);
  });
});
