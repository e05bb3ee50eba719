/** Table tests of the poller's rules: terminal words, links, pacing, saved state. */
import { describe, expect, it } from 'vitest';
import { finalResultLink, initialLinks } from '../../../runtime/src/poll/links.js';
import { pollDelay } from '../../../runtime/src/poll/pacing.js';
import { readPollerState } from '../../../runtime/src/poll/state.js';
import { operationOutcome, type OperationOutcome } from '../../../runtime/src/poll/terminal.js';
import { InvalidRequestError } from '@sdkgen/runtime';

describe('operationOutcome', () => {
  const table: { given: unknown; want: OperationOutcome }[] = [
    ...['succeeded', 'Succeeded', 'SUCCEEDED', 'completed', 'COMPLETED', 'Completed', 'done', 'DONE', ' done '].flatMap((w) => [
      { given: { status: w }, want: 'succeeded' as const },
      { given: { state: w }, want: 'succeeded' as const },
    ]),
    ...['failed', 'FAILED', 'canceled', 'CANCELED', 'cancelled', 'Cancelled', 'error', 'ERROR'].flatMap((w) => [
      { given: { status: w }, want: 'failed' as const },
      { given: { state: w }, want: 'failed' as const },
    ]),
    ...['PENDING', 'IN_PROGRESS', 'running', 'queued', 'NotStarted', ''].map((w) => ({ given: { status: w }, want: 'running' as const })),
    // `status` wins over `state`.
    { given: { status: 'running', state: 'done' }, want: 'running' },
    // A non-string status is no status word; `state` is read instead.
    { given: { status: 200, state: 'failed' }, want: 'failed' },
    // Google: done flag, error member.
    { given: { name: 'operations/1', done: false }, want: 'running' },
    { given: { name: 'operations/1', done: true, response: { id: 'r' } }, want: 'succeeded' },
    { given: { name: 'operations/1', done: true, error: { code: 3, message: 'bad' } }, want: 'failed' },
    { given: { done: true, error: null }, want: 'succeeded' },
    { given: { done: 'true' }, want: 'unknown' },
    { given: { id: 'rep_1', rows: 3 }, want: 'unknown' },
    { given: null, want: 'unknown' },
    { given: 'succeeded', want: 'unknown' },
    { given: [{ status: 'succeeded' }], want: 'unknown' },
  ];
  it.each(table)('$given -> $want', ({ given, want }) => expect(operationOutcome(given)).toBe(want));
});

describe('initialLinks', () => {
  const req = 'https://api.test/v1/reports';
  const headers = (h: Record<string, string | undefined>) => new Headers(h as Record<string, string>);
  it.each([
    { given: { location: '/v1/operations/1' }, want: { statusUrl: 'https://api.test/v1/operations/1' } },
    { given: { location: 'operations/1' }, want: { statusUrl: 'https://api.test/v1/operations/1' } },
    { given: { 'operation-location': 'https://api.test/ops/1' }, want: { statusUrl: 'https://api.test/ops/1' } },
    {
      given: { 'operation-location': '/ops/1', location: '/v1/reports/9' },
      want: { statusUrl: 'https://api.test/ops/1', resultUrl: 'https://api.test/v1/reports/9' },
    },
    { given: { 'operation-location': '/ops/1', location: '/ops/1' }, want: { statusUrl: 'https://api.test/ops/1' } },
    { given: {}, want: {} },
    { given: { location: 'javascript:alert(1)' }, want: {} },
    { given: { location: '   ' }, want: {} },
  ])('$given', ({ given, want }) => expect(initialLinks(headers(given), req)).toEqual(want));
});

describe('finalResultLink', () => {
  const base = 'https://api.test/v1/operations/1';
  it.each([
    { body: { result_url: '/v1/reports/1' }, headers: {}, want: 'https://api.test/v1/reports/1' },
    { body: { resultUrl: 'https://api.test/r/2' }, headers: {}, want: 'https://api.test/r/2' },
    { body: { result_url: '/a', resultUrl: '/b' }, headers: {}, want: 'https://api.test/a' },
    { body: { status: 'done' }, headers: { location: '/v1/reports/3' }, want: 'https://api.test/v1/reports/3' },
    { body: { result_url: 42 }, headers: { location: '/x' }, want: 'https://api.test/x' },
    { body: { status: 'done' }, headers: {}, want: undefined },
  ])('$body $headers', ({ body, headers, want }) => expect(finalResultLink(body, new Headers(headers as Record<string, string>), base)).toBe(want));
});

describe('pollDelay', () => {
  it.each([
    // Backoff: 1 s doubling to 30 s.
    ...[1000, 2000, 4000, 8000, 16000, 30000, 30000].map((want, unhinted) => ({ given: { maxRetryAfter: 60_000, unhinted }, want })),
    { given: { maxRetryAfter: 60_000, unhinted: 5000 }, want: 30000 },
    // The server's hint wins, capped by maxRetryAfter.
    { given: { serverDelay: 2500, maxRetryAfter: 60_000, unhinted: 3, pollInterval: 100 }, want: 2500 },
    { given: { serverDelay: 120_000, maxRetryAfter: 60_000, unhinted: 0 }, want: 60_000 },
    { given: { serverDelay: 0, maxRetryAfter: 60_000, unhinted: 0 }, want: 0 },
    // Else the caller's interval.
    { given: { pollInterval: 250, maxRetryAfter: 60_000, unhinted: 4 }, want: 250 },
  ])('$given -> $want', ({ given, want }) => expect(pollDelay(given)).toBe(want));
});

describe('readPollerState', () => {
  const good = { type: 'sdkgen.poller.v1', operationId: 'op', statusUrl: 'https://api.test/ops/1', status: { status: 'running' }, done: false };
  it('reads a saved poller, from an object or its JSON text', () => {
    expect(readPollerState(good)).toMatchObject(good);
    expect(readPollerState(JSON.stringify({ ...good, security: [['apiKey']] })).security).toEqual([['apiKey']]);
  });
  it.each([
    null,
    'not json',
    { ...good, type: 'other' },
    { ...good, statusUrl: '/ops/1' },
    { ...good, statusUrl: 'file:///etc/passwd' },
    { ...good, done: 'no' },
    { ...good, resultUrl: 'nope' },
    { ...good, security: 'apiKey' },
    { ...good, cancel: { method: 'PUT' } },
  ])('refuses %j', (saved) => expect(() => readPollerState(saved)).toThrow(InvalidRequestError));
});
