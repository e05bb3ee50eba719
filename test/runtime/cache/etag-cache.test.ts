import { describe, expect, it } from 'vitest';
import { createEtagCache } from '../../../runtime/src/cache/cache-option.js';
import { type CacheRequest, EtagCache, saveOutcome } from '../../../runtime/src/cache/etag-cache.js';
import { MemoryCacheStore } from '../../../runtime/src/cache/memory-store.js';
import type { CacheRecord, CacheStore } from '../../../runtime/src/cache/store.js';

/** A store that answers asynchronously and round-trips records through JSON, as Redis would. */
class JsonAsyncStore implements CacheStore {
  readonly data = new Map<string, string>();
  async get(key: string): Promise<CacheRecord | undefined> {
    await Promise.resolve();
    const raw = this.data.get(key);
    return raw === undefined ? undefined : (JSON.parse(raw) as CacheRecord);
  }
  async set(key: string, record: CacheRecord): Promise<void> {
    await Promise.resolve();
    this.data.set(key, JSON.stringify(record));
  }
  async delete(key: string): Promise<void> {
    await Promise.resolve();
    this.data.delete(key);
  }
}

const req = (over: Partial<CacheRequest> = {}): CacheRequest => ({
  method: 'GET',
  url: 'http://api.test/pets/1',
  credentials: ['tok'],
  headers: {},
  ...over,
});

describe('saveOutcome', () => {
  const table: { status: number; headers: [string, string][]; want: string }[] = [
    { status: 200, headers: [['etag', '"1"']], want: 'stored' },
    { status: 200, headers: [['etag', 'W/"1"'], ['cache-control', 'private, no-cache']], want: 'stored' },
    { status: 201, headers: [['etag', '"1"']], want: 'not-200' },
    { status: 200, headers: [], want: 'no-etag' },
    { status: 200, headers: [['etag', 'abc']], want: 'malformed-etag' },
    { status: 200, headers: [['etag', '"1"'], ['cache-control', 'no-store']], want: 'no-store' },
    { status: 200, headers: [['etag', '"1"'], ['vary', 'Accept, *']], want: 'vary-star' },
  ];
  it.each(table)('$status $headers -> $want', ({ status, headers, want }) => {
    expect(saveOutcome(status, new Headers(headers))).toBe(want);
  });
});

describe.each([
  ['memory', () => new MemoryCacheStore()],
  ['async JSON', () => new JsonAsyncStore()],
])('EtagCache over a %s store', (_name, makeStore) => {
  it('stores a 200 and finds it again; other credentials do not', async () => {
    const cache = new EtagCache(makeStore(), () => 1000);
    const headers = new Headers([['etag', '"v1"'], ['content-type', 'application/json'], ['set-cookie', 'a=b']]);
    expect(await cache.save(req(), 200, headers, '{"id":1}')).toBe('stored');
    const hit = await cache.lookup(req({ url: 'http://api.test/pets/1#x' }));
    expect(hit?.entry).toEqual({
      kind: 'response',
      status: 200,
      headers: { etag: '"v1"', 'content-type': 'application/json' },
      body: '{"id":1}',
      etag: '"v1"',
      storedAt: 1000,
    });
    expect(await cache.lookup(req({ credentials: ['other'] }))).toBeUndefined();
    expect(await cache.lookup(req({ credentials: [] }))).toBeUndefined();
    expect(await cache.lookup(req({ method: 'HEAD' }))).toBeUndefined();
  });

  it('keeps one variant per Vary value', async () => {
    const cache = new EtagCache(makeStore());
    const vary = (tag: string) => new Headers([['etag', tag], ['vary', 'Accept-Language']]);
    await cache.save(req({ headers: { 'accept-language': 'en' } }), 200, vary('"en"'), 'hello');
    await cache.save(req({ headers: { 'accept-language': 'fr' } }), 200, vary('"fr"'), 'bonjour');
    expect((await cache.lookup(req({ headers: { 'accept-language': 'en' } })))?.entry.body).toBe('hello');
    expect((await cache.lookup(req({ headers: { 'accept-language': 'fr' } })))?.entry.body).toBe('bonjour');
    expect(await cache.lookup(req({ headers: { 'accept-language': 'de' } }))).toBeUndefined();
    expect(await cache.lookup(req())).toBeUndefined();
  });

  it('a response that cannot be stored drops the old entry', async () => {
    const cache = new EtagCache(makeStore());
    await cache.save(req(), 200, new Headers([['etag', '"1"']]), 'a');
    expect(await cache.save(req(), 200, new Headers([['etag', '"2"'], ['cache-control', 'no-store']]), 'b')).toBe(
      'no-store',
    );
    expect(await cache.lookup(req())).toBeUndefined();
  });

  it('refresh merges a matching 304 and rejects one for another tag', async () => {
    let now = 1;
    const cache = new EtagCache(makeStore(), () => now);
    await cache.save(req(), 200, new Headers([['etag', '"1"'], ['x-rate', '10']]), 'body');
    const hit = await cache.lookup(req());
    if (!hit) throw new Error('expected a hit');
    now = 2;
    const refreshed = await cache.refresh(hit, new Headers([['etag', '"1"'], ['x-rate', '9']]));
    expect(refreshed).toMatchObject({ body: 'body', storedAt: 2, headers: { 'x-rate': '9', etag: '"1"' } });
    expect((await cache.lookup(req()))?.entry.headers['x-rate']).toBe('9');
    const again = await cache.lookup(req());
    if (!again) throw new Error('expected a hit');
    expect(await cache.refresh(again, new Headers([['etag', '"2"']]))).toBeUndefined();
    expect(await cache.lookup(req())).toBeUndefined();
  });

  it('invalidate drops the GET entry of the URL and the variant of this request', async () => {
    const cache = new EtagCache(makeStore());
    const headers = { 'accept-language': 'en' };
    await cache.save(req({ headers }), 200, new Headers([['etag', '"1"'], ['vary', 'accept-language']]), 'x');
    await cache.save(req({ url: 'http://api.test/pets/2' }), 200, new Headers([['etag', '"2"']]), 'y');
    await cache.invalidate(req({ method: 'PATCH', headers }));
    expect(await cache.lookup(req({ headers }))).toBeUndefined();
    expect(await cache.lookup(req({ url: 'http://api.test/pets/2' }))).toBeDefined();
  });
});

describe('EtagCache with a store returning garbage', () => {
  it('treats records of the wrong shape as misses', async () => {
    const store: CacheStore = {
      get: () => ({ kind: 'response', body: 42 }) as unknown as CacheRecord,
      set: () => undefined,
      delete: () => undefined,
    };
    expect(await new EtagCache(store).lookup(req())).toBeUndefined();
  });
});

describe('createEtagCache', () => {
  it('maps the client option', () => {
    expect(createEtagCache(false)).toBeUndefined();
    const def = createEtagCache(undefined);
    expect(def?.store).toBeInstanceOf(MemoryCacheStore);
    expect((createEtagCache(true)?.store as MemoryCacheStore).maxEntries).toBe(1000);
    const tuned = createEtagCache({ maxEntries: 5, maxBytes: 4096 })?.store as MemoryCacheStore;
    expect([tuned.maxEntries, tuned.maxBytes]).toEqual([5, 4096]);
    const mine = new JsonAsyncStore();
    expect(createEtagCache(mine)?.store).toBe(mine);
  });
});
