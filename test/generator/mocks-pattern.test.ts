import { describe, expect, it } from 'vitest';
import { patternSample } from '../../generator/src/mocks/pattern.js';

describe('patternSample', () => {
  it.each([
    { given: '^[A-Z]{3}$', want: 'AAA' },
    { given: '^[A-Z]{3,3}$', want: 'AAA' },
    { given: '^#[a-fA-F0-9]{3,6}$', want: '#aaa' },
    { given: '^/v1/accounts', want: '/v1/accounts' },
    { given: '^.{2,2}$', want: 'aa' },
    { given: '^\\d{4}-\\d{2}-\\d{2}$', want: '0000-00-00' },
    { given: '^[a-z0-9._]+$', want: 'a' },
    { given: '^(cus|acct)_[A-Za-z0-9]+$', want: 'cus_A' },
    { given: '^(?:https?://)?example\\.com$', want: 'example.com' },
    { given: '^[^@\\s]+@[^@\\s]+$', want: 'a@a' },
    { given: '^\\+?[1-9]\\d{1,14}$', want: '10' },
    { given: '^[-+]?[0-9]*\\.?[0-9]+$', want: '0' },
    { given: 'abc', want: 'abc' },
    { given: '^(?=x)x$', want: undefined },
    { given: '^(a)\\1$', want: undefined },
    { given: '[', want: undefined },
  ])('$given', ({ given, want }) => {
    const got = patternSample(given);
    expect(got).toBe(want);
    if (got !== undefined) expect(new RegExp(given, 'u').test(got)).toBe(true);
  });
});
