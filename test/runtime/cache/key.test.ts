import { describe, expect, it } from 'vitest';
import { baseCacheKey, credentialsPartition, normalizeUrl, variantCacheKey } from '../../../runtime/src/cache/key.js';

describe('normalizeUrl', () => {
  const table: { given: string; secrets?: string[]; want: string }[] = [
    { given: 'http://a.test/p', want: 'http://a.test/p' },
    { given: 'http://a.test/p?b=2&a=1', want: 'http://a.test/p?a=1&b=2' },
    { given: 'http://a.test/p?tag=y&a=1&tag=x', want: 'http://a.test/p?a=1&tag=y&tag=x' },
    { given: 'http://a.test/p?b&a=', want: 'http://a.test/p?a=&b' },
    { given: 'http://a.test/p?b=1&&a=2&', want: 'http://a.test/p?a=2&b=1' },
    { given: 'http://a.test/p?a=1#frag', want: 'http://a.test/p?a=1' },
    { given: 'http://a.test/p?', want: 'http://a.test/p' },
    { given: 'http://a.test/p?api_key=s3cret&a=1', secrets: ['api_key'], want: 'http://a.test/p?a=1' },
    { given: 'http://a.test/p?api%20key=s3cret', secrets: ['api key'], want: 'http://a.test/p' },
  ];
  it.each(table)('$given', ({ given, secrets, want }) => {
    expect(normalizeUrl(given, secrets)).toBe(want);
  });
});

describe('credentialsPartition', () => {
  it('is anon without credentials and a hash otherwise', () => {
    expect(credentialsPartition([])).toBe('anon');
    expect(credentialsPartition(['token-a'])).toMatch(/^[0-9a-f]{16}$/);
    expect(credentialsPartition(['token-a'])).toBe(credentialsPartition(['token-a']));
    expect(credentialsPartition(['token-a'])).not.toBe(credentialsPartition(['token-b']));
  });
});

describe('baseCacheKey', () => {
  const table: { a: Parameters<typeof baseCacheKey>[0]; b: Parameters<typeof baseCacheKey>[0]; same: boolean }[] = [
    {
      a: { method: 'GET', url: 'http://a.test/p?x=1&y=2', credentials: [] },
      b: { method: 'GET', url: 'http://a.test/p?y=2&x=1', credentials: [] },
      same: true,
    },
    {
      a: { method: 'GET', url: 'http://a.test/p', credentials: ['alice'] },
      b: { method: 'GET', url: 'http://a.test/p', credentials: ['bob'] },
      same: false,
    },
    {
      a: { method: 'GET', url: 'http://a.test/p', credentials: [] },
      b: { method: 'HEAD', url: 'http://a.test/p', credentials: [] },
      same: false,
    },
    {
      a: { method: 'GET', url: 'http://a.test/p?k=one', credentials: ['one'], secretQueryParams: ['k'] },
      b: { method: 'GET', url: 'http://a.test/p?k=two', credentials: ['two'], secretQueryParams: ['k'] },
      same: false,
    },
  ];
  it.each(table)('$a.url $a.credentials vs $b.url $b.credentials', ({ a, b, same }) => {
    expect(baseCacheKey(a) === baseCacheKey(b)).toBe(same);
  });

  it('never contains a raw credential, even one sent in the query', () => {
    const key = baseCacheKey({
      method: 'GET',
      url: 'http://a.test/p?api_key=sk_live_123&a=1',
      credentials: ['sk_live_123', 'Bearer tok_456'],
      secretQueryParams: ['api_key'],
    });
    expect(key).not.toContain('sk_live_123');
    expect(key).not.toContain('tok_456');
    expect(key).toMatch(/^GET http:\/\/a\.test\/p\?a=1 cred:[0-9a-f]{16}$/);
  });
});

describe('variantCacheKey', () => {
  const base = 'GET http://a.test/p cred:anon';
  it('separates values, absent from empty, and hides the values', () => {
    const fr = variantCacheKey(base, ['accept-language'], ['fr']);
    const en = variantCacheKey(base, ['accept-language'], ['en']);
    const empty = variantCacheKey(base, ['accept-language'], ['']);
    const absent = variantCacheKey(base, ['accept-language'], [null]);
    expect(new Set([fr, en, empty, absent]).size).toBe(4);
    expect(fr).toBe(variantCacheKey(base, ['accept-language'], ['fr']));
    expect(fr.startsWith(`${base} vary:`)).toBe(true);
    const auth = variantCacheKey(base, ['authorization'], ['Bearer secret-token']);
    expect(auth).not.toContain('secret-token');
  });
});
