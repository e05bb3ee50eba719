import { describe, expect, it } from 'vitest';
import { retryDecision, type AttemptOutcome } from '../../../runtime/src/retry/policy.js';

const status = (s: number, shouldRetry?: string): AttemptOutcome => ({ kind: 'response', status: s, shouldRetry });

describe('retryDecision', () => {
  const table: { method: string; key?: boolean; outcome: AttemptOutcome; want: boolean }[] = [
    // Statuses, idempotent method.
    ...[408, 409, 429, 500, 502, 503, 504].map((s) => ({ method: 'GET', outcome: status(s), want: true })),
    ...[400, 401, 403, 404, 412, 422, 501, 505, 302].map((s) => ({ method: 'GET', outcome: status(s), want: false })),
    // No response.
    { method: 'GET', outcome: { kind: 'connection' }, want: true },
    { method: 'GET', outcome: { kind: 'timeout' }, want: true },
    { method: 'GET', outcome: { kind: 'abort' }, want: false },
    { method: 'GET', outcome: { kind: 'other' }, want: false },
    // Methods.
    ...['HEAD', 'PUT', 'DELETE', 'OPTIONS', 'get', 'put'].map((method) => ({ method, outcome: status(503), want: true })),
    { method: 'POST', outcome: status(503), want: false },
    { method: 'PATCH', outcome: status(503), want: false },
    { method: 'POST', outcome: { kind: 'connection' }, want: false },
    { method: 'PATCH', outcome: { kind: 'timeout' }, want: false },
    { method: 'POST', key: true, outcome: status(503), want: true },
    { method: 'PATCH', key: true, outcome: status(429), want: true },
    { method: 'POST', key: true, outcome: { kind: 'connection' }, want: true },
    { method: 'post', key: true, outcome: { kind: 'timeout' }, want: true },
    { method: 'POST', key: true, outcome: { kind: 'abort' }, want: false },
    { method: 'POST', key: true, outcome: status(400), want: false },
    // x-should-retry overrides the status list, both ways.
    { method: 'GET', outcome: status(400, 'true'), want: true },
    { method: 'GET', outcome: status(503, 'false'), want: false },
    { method: 'GET', outcome: status(503, ' FALSE '), want: false },
    { method: 'GET', outcome: status(404, 'True'), want: true },
    { method: 'GET', outcome: status(503, 'maybe'), want: true },
    { method: 'GET', outcome: status(404, 'maybe'), want: false },
    { method: 'POST', key: true, outcome: status(400, 'true'), want: true },
    { method: 'POST', key: true, outcome: status(503, 'false'), want: false },
    // On a POST without a key the server's word still decides: `true` says the request had no effect...
    { method: 'POST', outcome: status(503, 'true'), want: true },
    { method: 'PATCH', outcome: status(400, 'true'), want: true },
    // ...and a header that says neither leaves the keyless rule in force.
    { method: 'POST', outcome: status(503, 'maybe'), want: false },
  ];
  const title = ({ method, key, outcome, want }: (typeof table)[number]): string => {
    const what = outcome.kind === 'response' ? `${outcome.status}${outcome.shouldRetry === undefined ? '' : ` x-should-retry: ${outcome.shouldRetry}`}` : outcome.kind;
    return `${method}${key ? ' with key' : ''}, ${what} -> ${want ? 'retry' : 'final'}`;
  };
  const rows = table.map((row) => ({ ...row, title: title(row) }));

  it('has one row per case (titles are unique)', () => {
    const titles = rows.map((r) => r.title);
    expect(titles.filter((t, i) => titles.indexOf(t) !== i)).toEqual([]);
  });

  it.each(rows)('$title', ({ method, key, outcome, want }) => {
    const decision = retryDecision({ method, hasIdempotencyKey: key ?? false, outcome });
    expect(decision.retry).toBe(want);
    expect(decision.reason).not.toBe('');
  });
});
