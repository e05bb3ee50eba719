import { describe, expect, it } from 'vitest';
import { LastSeenEtags } from '../../../runtime/src/cache/last-seen-etags.js';

describe('LastSeenEtags', () => {
  const alice = { url: 'http://api.test/pets/1?b=2&a=1', credentials: ['alice'] };
  it('remembers per URL (normalized) and per credentials', () => {
    const seen = new LastSeenEtags();
    seen.remember(alice, '"v1"');
    expect(seen.get({ url: 'http://api.test/pets/1?a=1&b=2', credentials: ['alice'] })).toBe('"v1"');
    expect(seen.get({ ...alice, credentials: ['bob'] })).toBeUndefined();
    seen.remember(alice, '"v2"');
    expect(seen.get(alice)).toBe('"v2"');
    seen.forget(alice);
    expect(seen.get(alice)).toBeUndefined();
  });

  it('forgets the least recently remembered beyond its bound', () => {
    const seen = new LastSeenEtags(2);
    for (const n of [1, 2, 3]) seen.remember({ url: `http://api.test/${n}`, credentials: [] }, `"${n}"`);
    expect(seen.get({ url: 'http://api.test/1', credentials: [] })).toBeUndefined();
    expect(seen.get({ url: 'http://api.test/3', credentials: [] })).toBe('"3"');
  });
});
