import { describe, expect, it } from 'vitest';
import { isStorable, parseCacheControl } from '../../../runtime/src/cache/cache-control.js';

describe('parseCacheControl', () => {
  const table: { given: string | null; want: Record<string, string | true> }[] = [
    { given: null, want: {} },
    { given: '', want: {} },
    { given: 'no-store', want: { 'no-store': true } },
    { given: 'No-Cache, MAX-AGE=60', want: { 'no-cache': true, 'max-age': '60' } },
    { given: 'private, max-age=0, must-revalidate', want: { private: true, 'max-age': '0', 'must-revalidate': true } },
    { given: 'no-cache="set-cookie, x-a", max-age=5', want: { 'no-cache': 'set-cookie, x-a', 'max-age': '5' } },
    { given: 'ext="a \\"quoted\\" b"', want: { ext: 'a "quoted" b' } },
    { given: 'max-age=1, max-age=99', want: { 'max-age': '1' } },
    { given: ' , ,public,, ', want: { public: true } },
    { given: 'bad name=1, ok', want: { ok: true } },
  ];
  it.each(table)('parses $given', ({ given, want }) => {
    expect(parseCacheControl(given)).toEqual(want);
  });
});

describe('isStorable', () => {
  const table: { given: string; want: boolean }[] = [
    { given: '', want: true },
    { given: 'private', want: true },
    { given: 'no-cache', want: true },
    { given: 'max-age=0', want: true },
    { given: 'no-store', want: false },
    { given: 'public, NO-STORE', want: false },
    { given: 'no-store="x"', want: false },
  ];
  it.each(table)('$given -> $want', ({ given, want }) => {
    expect(isStorable(parseCacheControl(given))).toBe(want);
  });
});
