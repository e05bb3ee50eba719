import { describe, expect, it } from 'vitest';
import { parseDeprecation, parseRateLimit, parseRateLimitReset, parseSunset, type RateLimitInfo } from '@sdkgen/runtime';
import { deprecationLink } from '../../../runtime/src/signals/deprecation.js';
import { parseSfList } from '../../../runtime/src/signals/rate-limit.js';

const NOW = Date.UTC(2026, 0, 1, 12, 0, 0);

describe('parseDeprecation (RFC 9745)', () => {
  const cases: { given: string | null; want: Date | true | undefined }[] = [
    { given: '@1688169599', want: new Date(1688169599 * 1000) },
    { given: ' @0 ', want: new Date(0) },
    { given: 'true', want: true },
    { given: '?1', want: true },
    { given: 'Sun, 11 Nov 2018 23:59:59 GMT', want: new Date(Date.UTC(2018, 10, 11, 23, 59, 59)) },
    { given: '@1688169599.5', want: undefined },
    { given: '1688169599', want: undefined },
    { given: 'false', want: undefined },
    { given: '', want: undefined },
    { given: null, want: undefined },
  ];
  it.each(cases)('$given', ({ given, want }) => expect(parseDeprecation(given, NOW)).toEqual(want));
});

describe('parseSunset (RFC 8594)', () => {
  const cases: { given: string | null; want: Date | undefined }[] = [
    { given: 'Sat, 31 Dec 2026 23:59:59 GMT', want: new Date(Date.UTC(2026, 11, 31, 23, 59, 59)) },
    { given: 'Thursday, 31-Dec-26 23:59:59 GMT', want: new Date(Date.UTC(2026, 11, 31, 23, 59, 59)) },
    { given: '@1798761599', want: undefined },
    { given: 'soon', want: undefined },
    { given: null, want: undefined },
  ];
  it.each(cases)('$given', ({ given, want }) => expect(parseSunset(given, NOW)).toEqual(want));
});

describe('deprecationLink', () => {
  const base = 'https://api.test/v1/pets';
  const cases: { given: string | null; want: string | undefined }[] = [
    { given: '<https://docs.test/deprecations/pets>; rel="deprecation"; type="text/html"', want: 'https://docs.test/deprecations/pets' },
    { given: '</sunset-policy>; rel="sunset", </d>; rel="deprecation"', want: 'https://api.test/d' },
    { given: '</sunset-policy>; rel="sunset"', want: 'https://api.test/sunset-policy' },
    { given: '</next>; rel="next"', want: undefined },
    { given: null, want: undefined },
  ];
  it.each(cases)('$given', ({ given, want }) => expect(deprecationLink(given, base)).toBe(want));
});

describe('parseRateLimitReset: epoch seconds, epoch ms or delta seconds', () => {
  const cases: { given: string; want: number | undefined }[] = [
    { given: '1767272460', want: 1767272460_000 }, // GitHub: epoch seconds
    { given: '1767272460123', want: 1767272460123 }, // epoch ms
    { given: '60', want: NOW + 60_000 }, // delta seconds
    { given: '0', want: NOW },
    { given: '1.5', want: NOW + 1500 },
    { given: '999999999', want: NOW + 999_999_999_000 }, // just below the epoch threshold: a (silly) delta
    { given: '-5', want: undefined },
    { given: 'soon', want: undefined },
  ];
  it.each(cases)('$given', ({ given, want }) => expect(parseRateLimitReset(given, NOW)).toBe(want));
});

function headers(h: Record<string, string>): Headers {
  return new Headers(h);
}

describe('parseRateLimit', () => {
  const cases: { name: string; given: Record<string, string>; want: RateLimitInfo | undefined }[] = [
    { name: 'nothing', given: { 'content-type': 'application/json' }, want: undefined },
    {
      name: 'X- with epoch-seconds reset (GitHub)',
      given: { 'x-ratelimit-limit': '5000', 'x-ratelimit-remaining': '4999', 'x-ratelimit-reset': String(NOW / 1000 + 3600) },
      want: { limit: 5000, remaining: 4999, reset: new Date(NOW + 3_600_000), resetAfter: 3_600_000 },
    },
    {
      name: 'X- with delta-seconds reset',
      given: { 'X-RateLimit-Limit': '100', 'X-RateLimit-Remaining': '0', 'X-RateLimit-Reset': '30' },
      want: { limit: 100, remaining: 0, reset: new Date(NOW + 30_000), resetAfter: 30_000 },
    },
    {
      name: 'X- reset in the past',
      given: { 'x-ratelimit-remaining': '3', 'x-ratelimit-reset': String(NOW / 1000 - 10) },
      want: { remaining: 3, reset: new Date(NOW - 10_000), resetAfter: 0 },
    },
    {
      name: 'X- with reset-after (Discord)',
      given: { 'x-ratelimit-limit': '5', 'x-ratelimit-remaining': '4', 'x-ratelimit-reset': '1767272460.5', 'x-ratelimit-reset-after': '2.5' },
      want: { limit: 5, remaining: 4, reset: new Date(NOW + 2500), resetAfter: 2500 },
    },
    {
      name: 'X-Rate-Limit- spelling',
      given: { 'x-rate-limit-limit': '15', 'x-rate-limit-remaining': '14' },
      want: { limit: 15, remaining: 14 },
    },
    { name: 'X- garbage', given: { 'x-ratelimit-limit': 'lots', 'x-ratelimit-remaining': '-1' }, want: undefined },
    {
      name: 'IETF RateLimit with its RateLimit-Policy',
      given: { ratelimit: '"default";r=50;t=30', 'ratelimit-policy': '"default";q=100;w=60' },
      want: { limit: 100, remaining: 50, reset: new Date(NOW + 30_000), resetAfter: 30_000, policy: '"default";q=100;w=60', window: 60_000 },
    },
    {
      name: 'IETF: several policies, the tightest governs',
      given: { ratelimit: '"burst";r=9;t=1, "daily";r=2;t=3600', 'ratelimit-policy': '"burst";q=10;w=1, "daily";q=1000;w=86400' },
      want: { limit: 1000, remaining: 2, reset: new Date(NOW + 3_600_000), resetAfter: 3_600_000, policy: '"daily";q=1000;w=86400', window: 86_400_000 },
    },
    {
      name: 'IETF: token policy names and a partition key',
      given: { ratelimit: 'default;r=0;t=5;pk=:cHsdsRa894==:' },
      want: { remaining: 0, reset: new Date(NOW + 5000), resetAfter: 5000 },
    },
    {
      name: 'IETF draft dictionary form',
      given: { ratelimit: 'limit=100, remaining=50, reset=50', 'ratelimit-policy': '100;w=60' },
      want: { limit: 100, remaining: 50, reset: new Date(NOW + 50_000), resetAfter: 50_000, policy: '100;w=60', window: 60_000 },
    },
    {
      name: 'IETF separate fields (drafts 00 to 06)',
      given: { 'ratelimit-limit': '10', 'ratelimit-remaining': '7', 'ratelimit-reset': '4' },
      want: { limit: 10, remaining: 7, reset: new Date(NOW + 4000), resetAfter: 4000 },
    },
    {
      name: 'IETF wins over X- when both are sent',
      given: { ratelimit: '"a";r=1;t=2', 'x-ratelimit-remaining': '99', 'x-ratelimit-reset': '100' },
      want: { remaining: 1, reset: new Date(NOW + 2000), resetAfter: 2000 },
    },
  ];
  it.each(cases)('$name', ({ given, want }) => expect(parseRateLimit(headers(given), NOW)).toEqual(want));
});

describe('parseSfList', () => {
  it('keeps commas and semicolons inside quoted strings', () => {
    expect(parseSfList('"a,b";x="1;2", c')).toEqual([
      { value: 'a,b', params: { x: '1;2' }, raw: '"a,b";x="1;2"' },
      { value: 'c', params: {}, raw: 'c' },
    ]);
  });
});
