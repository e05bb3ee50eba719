import { describe, expect, it } from 'vitest';
import {
  DEFAULT_CACHE_MAX_BYTES,
  DEFAULT_CACHE_MAX_ENTRIES,
  MemoryCacheStore,
} from '../../../runtime/src/cache/memory-store.js';
import { type CachedResponse, recordSize, utf8Length } from '../../../runtime/src/cache/store.js';

function entry(body: string): CachedResponse {
  return { kind: 'response', status: 200, headers: {}, body, etag: '"1"', storedAt: 0 };
}

describe('MemoryCacheStore', () => {
  it('has documented defaults', () => {
    const store = new MemoryCacheStore();
    expect(store.maxEntries).toBe(DEFAULT_CACHE_MAX_ENTRIES);
    expect(store.maxEntries).toBe(1000);
    expect(store.maxBytes).toBe(DEFAULT_CACHE_MAX_BYTES);
    expect(store.maxBytes).toBe(10 * 1024 * 1024);
  });

  it('evicts the least recently used record when over maxEntries', () => {
    const store = new MemoryCacheStore({ maxEntries: 2 });
    store.set('a', entry('A'));
    store.set('b', entry('B'));
    expect(store.get('a')?.kind).toBe('response'); // a is now the most recent
    store.set('c', entry('C'));
    expect(store.get('b')).toBeUndefined();
    expect(store.get('a')).toEqual(entry('A'));
    expect(store.get('c')).toEqual(entry('C'));
    expect(store.size).toBe(2);
  });

  it('evicts by bytes, oldest first, and keeps the byte count exact', () => {
    const one = recordSize('k1', entry('x'.repeat(100)));
    const store = new MemoryCacheStore({ maxBytes: one * 2 + 10 });
    store.set('k1', entry('x'.repeat(100)));
    store.set('k2', entry('y'.repeat(100)));
    expect(store.size).toBe(2);
    store.set('k3', entry('z'.repeat(100)));
    expect(store.get('k1')).toBeUndefined();
    expect(store.size).toBe(2);
    expect(store.bytes).toBe(recordSize('k2', entry('y'.repeat(100))) + recordSize('k3', entry('z'.repeat(100))));
    store.delete('k2');
    store.delete('k3');
    expect(store.bytes).toBe(0);
  });

  it('does not store a record larger than maxBytes, and drops the older one under its key', () => {
    const store = new MemoryCacheStore({ maxBytes: 1000 });
    store.set('small', entry('s'));
    store.set('big', entry('s'));
    store.set('big', entry('b'.repeat(2000)));
    expect(store.get('big')).toBeUndefined();
    expect(store.get('small')).toEqual(entry('s'));
    expect(store.size).toBe(1);
  });

  it('replacing a record does not count it twice', () => {
    const store = new MemoryCacheStore();
    store.set('k', entry('a'.repeat(50)));
    store.set('k', entry('b'.repeat(10)));
    expect(store.size).toBe(1);
    expect(store.bytes).toBe(recordSize('k', entry('b'.repeat(10))));
  });

  it('keeps LRU order through repeated reads and in-place replacement of the newest record', () => {
    const store = new MemoryCacheStore({ maxEntries: 2 });
    store.set('a', entry('A'));
    store.set('b', entry('B'));
    store.get('b');
    store.get('b');
    store.set('b', entry('B2')); // newest, replaced in place
    expect(store.bytes).toBe(recordSize('a', entry('A')) + recordSize('b', entry('B2')));
    store.get('a'); // a becomes newest, b the oldest
    store.set('b', entry('B3')); // b moves back to newest: a is the oldest now
    store.set('c', entry('C'));
    expect(store.get('a')).toBeUndefined();
    expect(store.get('b')).toEqual(entry('B3'));
    expect(store.get('c')).toEqual(entry('C'));
    store.delete('c');
    store.set('d', entry('D'));
    store.set('e', entry('E'));
    expect(store.get('b')).toBeUndefined();
    expect(store.size).toBe(2);
  });

  it.each([0, -1, Number.NaN, Number.POSITIVE_INFINITY])('rejects bound %s', (bad) => {
    expect(() => new MemoryCacheStore({ maxEntries: bad })).toThrow(RangeError);
    expect(() => new MemoryCacheStore({ maxBytes: bad })).toThrow(RangeError);
  });
});

describe('utf8Length', () => {
  const table: { given: string; want: number }[] = [
    { given: '', want: 0 },
    { given: 'abc', want: 3 },
    { given: 'é', want: 2 },
    { given: '✓', want: 3 },
    { given: '🐕', want: 4 },
  ];
  it.each(table)('$given has $want bytes', ({ given, want }) => {
    expect(utf8Length(given)).toBe(want);
  });
});
