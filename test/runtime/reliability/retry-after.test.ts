import { describe, expect, it } from 'vitest';
import {
  parseHttpDate,
  parseRetryAfter,
  parseRetryAfterMs,
  serverRetryDelay,
} from '../../../runtime/src/retry/retry-after.js';

/** 1994-11-06T08:49:37Z, the RFC's example date. */
const RFC_DATE = Date.UTC(1994, 10, 6, 8, 49, 37);
const NOW = Date.UTC(2026, 10, 21, 12, 0, 0);

describe('parseRetryAfterMs', () => {
  const table: { given: string | null | undefined; want: number | undefined }[] = [
    { given: undefined, want: undefined },
    { given: null, want: undefined },
    { given: '', want: undefined },
    { given: '0', want: 0 },
    { given: '250', want: 250 },
    { given: ' 250 ', want: 250 },
    { given: '1.5', want: 2 },
    { given: '-5', want: undefined },
    { given: '+5', want: undefined },
    { given: '1e3', want: undefined },
    { given: '0x10', want: undefined },
    { given: 'soon', want: undefined },
    { given: '5 ms', want: undefined },
    { given: 'NaN', want: undefined },
    { given: 'Infinity', want: undefined },
    { given: '9'.repeat(400), want: Number.MAX_SAFE_INTEGER },
  ];
  it.each(table)('$given -> $want', ({ given, want }) => {
    expect(parseRetryAfterMs(given)).toBe(want);
  });
});

describe('parseHttpDate', () => {
  const table: { given: string; want: number | undefined }[] = [
    // The three forms RFC 9110 section 5.6.7 requires.
    { given: 'Sun, 06 Nov 1994 08:49:37 GMT', want: RFC_DATE },
    { given: 'Sunday, 06-Nov-94 08:49:37 GMT', want: RFC_DATE },
    { given: 'Sun Nov  6 08:49:37 1994', want: RFC_DATE },
    { given: 'Sun Nov 16 08:49:37 1994', want: Date.UTC(1994, 10, 16, 8, 49, 37) },
    // Two-digit year: within the next 50 years counts as the future, else the past century.
    { given: 'Monday, 01-Jan-30 00:00:00 GMT', want: Date.UTC(2030, 0, 1) },
    { given: 'Monday, 01-Jan-99 00:00:00 GMT', want: Date.UTC(1999, 0, 1) },
    // Garbage and near misses.
    { given: '', want: undefined },
    { given: 'yesterday', want: undefined },
    { given: '2026-11-21T12:00:00Z', want: undefined },
    { given: 'Sun, 06 Nov 1994 08:49:37 UTC', want: undefined },
    { given: 'Sun, 6 Nov 1994 08:49:37 GMT', want: undefined },
    { given: 'Xyz, 06 Nov 1994 08:49:37 GMT', want: undefined },
    { given: 'Sun, 06 Foo 1994 08:49:37 GMT', want: undefined },
    { given: 'Sun, 31 Feb 1994 08:49:37 GMT', want: undefined },
    { given: 'Sun, 06 Nov 1994 24:00:00 GMT', want: undefined },
    { given: 'Sun, 06 Nov 1994 08:60:00 GMT', want: undefined },
    { given: 'Sun, 00 Nov 1994 08:49:37 GMT', want: undefined },
    { given: 'Sun Nov 6 08:49:37 1994', want: undefined },
  ];
  it.each(table)('$given -> $want', ({ given, want }) => {
    expect(parseHttpDate(given, NOW)).toBe(want);
  });
});

describe('parseRetryAfter', () => {
  const inTen = new Date(NOW + 10_000).toUTCString();
  const table: { given: string | null | undefined; want: number | undefined }[] = [
    { given: undefined, want: undefined },
    { given: null, want: undefined },
    { given: '', want: undefined },
    { given: '   ', want: undefined },
    { given: '0', want: 0 },
    { given: '3', want: 3000 },
    { given: ' 3 ', want: 3000 },
    { given: '0.25', want: 250 },
    { given: '-1', want: undefined },
    { given: '-0', want: undefined },
    { given: '3s', want: undefined },
    { given: 'three', want: undefined },
    { given: '1e2', want: undefined },
    { given: '<html>', want: undefined },
    // Huge: stays a finite number so callers can compare it with maxRetryAfter.
    { given: '99999999999999999999', want: Number.MAX_SAFE_INTEGER },
    { given: '9'.repeat(400), want: Number.MAX_SAFE_INTEGER },
    // HTTP-dates relative to NOW.
    { given: inTen, want: 10_000 },
    { given: 'Sat, 21 Nov 2026 12:01:00 GMT', want: 60_000 },
    { given: 'Saturday, 21-Nov-26 12:00:30 GMT', want: 30_000 },
    { given: 'Sat Nov 21 12:00:05 2026', want: 5_000 },
    // Past dates mean "now".
    { given: 'Sun, 06 Nov 1994 08:49:37 GMT', want: 0 },
    { given: new Date(NOW).toUTCString(), want: 0 },
    { given: 'Fri, 31 Dec 9999 23:59:59 GMT', want: Date.UTC(9999, 11, 31, 23, 59, 59) - NOW },
    { given: 'Sat, 21 Nov 2026 12:01:00 GMT trailing', want: undefined },
  ];
  it.each(table)('$given -> $want', ({ given, want }) => {
    expect(parseRetryAfter(given, NOW)).toBe(want);
  });
});

describe('serverRetryDelay', () => {
  const headers = (h: Record<string, string>) => new Headers(h);
  const table: { name: string; given: Record<string, string>; want: number | undefined }[] = [
    { name: 'none', given: {}, want: undefined },
    { name: 'retry-after-ms wins', given: { 'retry-after-ms': '120', 'retry-after': '5' }, want: 120 },
    { name: 'invalid retry-after-ms falls back', given: { 'retry-after-ms': 'x', 'retry-after': '5' }, want: 5000 },
    { name: 'seconds', given: { 'Retry-After': '2' }, want: 2000 },
    { name: 'date', given: { 'Retry-After': 'Sat, 21 Nov 2026 12:00:07 GMT' }, want: 7000 },
    { name: 'garbage both', given: { 'retry-after-ms': '-1', 'retry-after': 'later' }, want: undefined },
  ];
  it.each(table)('$name', ({ given, want }) => {
    expect(serverRetryDelay(headers(given), NOW)).toBe(want);
  });
});
