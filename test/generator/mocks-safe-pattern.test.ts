import { describe, expect, it } from 'vitest';
import { isSafeToRun, matchesPattern } from '../../generator/src/mocks/safe-pattern.js';
import { synthesize } from '../../generator/src/mocks/synthesize.js';

/** From beezup.com's spec (APIs.guru): exponential backtracking on a near-miss. */
const BEEZUP_URL = '^(https?:\\/\\/)?([\\da-z\\.-]+)\\.([a-z\\.]{2,6})([\\/\\w \\.-]*)*\\/?$';

describe('isSafeToRun', () => {
  const cases: { pattern: string; value: string; want: boolean }[] = [
    { pattern: '^[a-z]+$', value: 'abc', want: true },
    { pattern: '^\\d{3}-\\d{4}$', value: '555-1234', want: true },
    { pattern: '(ab)*', value: 'abab', want: true },
    { pattern: '(a+)+$', value: 'aaaa', want: false },
    { pattern: '(\\d{2})+', value: '1234', want: false },
    { pattern: BEEZUP_URL, value: 'http://example.com', want: false },
    { pattern: '^[a-z]+$', value: 'a'.repeat(257), want: false },
  ];
  for (const { pattern, value, want } of cases) {
    it(`${pattern} on ${value.length} chars -> ${want}`, () => expect(isSafeToRun(pattern, value)).toBe(want));
  }
});

describe('matchesPattern', () => {
  it('checks safe patterns and assumes a match for unsafe or invalid ones', () => {
    expect(matchesPattern('^[a-z]+$', 'abc')).toBe(true);
    expect(matchesPattern('^[a-z]+$', 'ABC')).toBe(false);
    expect(matchesPattern('([', 'x')).toBe(true);
    expect(matchesPattern(BEEZUP_URL, `http://${'a'.repeat(30)}.com/${'b/'.repeat(20)}!`)).toBe(true);
  });

  it('lets synthesis finish on a schema with a backtracking pattern and a near-miss example', () => {
    const schema = { type: 'string', pattern: BEEZUP_URL, example: `http://${'a'.repeat(30)}.com/${'b/'.repeat(20)}!` };
    expect(typeof synthesize(schema, {})).toBe('string');
  });
});
