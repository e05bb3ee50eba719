import { describe, expect, it } from 'vitest';
import { REDACTED, isSecretName, redactHeaders, redactUrl } from '../../../runtime/src/logger.js';

describe('isSecretName', () => {
  const table: { name: string; kind: 'header' | 'query'; extra?: string[]; want: boolean }[] = [
    { name: 'Authorization', kind: 'header', want: true },
    { name: 'Proxy-Authorization', kind: 'header', want: true },
    { name: 'Cookie', kind: 'header', want: true },
    { name: 'Set-Cookie', kind: 'header', want: true },
    { name: 'X-API-Key', kind: 'header', want: true },
    { name: 'X-Goog-Api-Key', kind: 'header', want: true },
    { name: 'api_key', kind: 'query', want: true },
    { name: 'access_token', kind: 'query', want: true },
    { name: 'client_secret', kind: 'query', want: true },
    { name: 'key', kind: 'query', want: true },
    { name: 'X-Tenant-Pass', kind: 'header', extra: ['x-tenant-pass'], want: true },
    { name: 'pass', kind: 'query', extra: ['pass'], want: true },
    { name: 'Content-Type', kind: 'header', want: false },
    { name: 'Idempotency-Key', kind: 'header', want: false },
    { name: 'author', kind: 'query', want: false },
    { name: 'limit', kind: 'query', want: false },
    { name: 'key', kind: 'header', want: false },
  ];
  it.each(table)('$kind $name -> $want', ({ name, kind, extra, want }) => {
    expect(isSecretName(name, kind, new Set(extra))).toBe(want);
  });
});

describe('redactHeaders', () => {
  it('redacts credentials from records, Headers and entry lists', () => {
    const want = { authorization: REDACTED, 'content-type': 'application/json', 'x-api-key': REDACTED, cookie: REDACTED };
    const record = { Authorization: 'Bearer sk-123', 'Content-Type': 'application/json', 'X-Api-Key': 'k', Cookie: 'a=b' };
    expect(redactHeaders(record)).toEqual(want);
    expect(redactHeaders(new Headers(record))).toEqual(want);
    expect(redactHeaders(Object.entries(record))).toEqual(want);
    expect(redactHeaders({ 'set-cookie': ['a=1', 'b=2'], accept: undefined })).toEqual({ 'set-cookie': REDACTED });
    expect(redactHeaders({ 'X-Custom': 's3cr3t' }, new Set(['x-custom']))).toEqual({ 'x-custom': REDACTED });
  });
});

describe('redactUrl', () => {
  const table: { given: string; extra?: string[]; want: string }[] = [
    { given: 'https://api.test/pets?limit=2', want: 'https://api.test/pets?limit=2' },
    { given: 'https://api.test/pets?api_key=abc&limit=2', want: `https://api.test/pets?api_key=${REDACTED}&limit=2` },
    { given: 'https://api.test/p?access_token=t#frag', want: `https://api.test/p?access_token=${REDACTED}#frag` },
    { given: 'https://u:p@api.test/p', want: 'https://api.test/p' },
    { given: 'https://api.test/p?k=v&flag', extra: ['k'], want: `https://api.test/p?k=${REDACTED}&flag` },
    { given: 'https://api.test/p?%61pi_key=x', want: `https://api.test/p?%61pi_key=${REDACTED}` },
    { given: '/relative?token=x&a=1', want: `/relative?token=${REDACTED}&a=1` },
    { given: 'no query', want: 'no query' },
  ];
  it.each(table)('$given', ({ given, extra, want }) => {
    expect(redactUrl(given, new Set(extra))).toBe(want);
  });
});
