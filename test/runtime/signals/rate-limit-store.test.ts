import { describe, expect, it } from 'vitest';
import { MemoryRateLimitStore } from '@sdkgen/runtime';

const T = 1_000_000;

describe('MemoryRateLimitStore: the budget rules every store follows', () => {
  it('one probe while no window is known; the others are told to poll', () => {
    const s = new MemoryRateLimitStore();
    expect(s.acquire('k', T, 5000)).toBe(0);
    expect(s.acquire('k', T, 5000)).toEqual({ until: T + 20, reason: 'probe' });
    // A probe that never answers stops blocking after its ttl.
    expect(s.acquire('k', T + 5000, 5000)).toBe(0);
  });

  it('a window: units until remaining is spent, then wait for the reset; the next window probes again', () => {
    const s = new MemoryRateLimitStore();
    s.acquire('k', T, 5000);
    s.update('k', T + 10, { remaining: 2, resetAt: T + 1000, limit: 3 });
    expect([s.acquire('k', T + 20, 5000), s.acquire('k', T + 20, 5000)]).toEqual([0, 0]);
    expect(s.acquire('k', T + 20, 5000)).toEqual({ until: T + 1000, reason: 'window' });
    expect(s.acquire('k', T + 1000, 5000)).toBe(0); // probe of the next window
    expect(s.acquire('k', T + 1000, 5000)).toMatchObject({ reason: 'probe' });
  });

  it('within a window the server can only lower what is left; a late answer about a past window is ignored', () => {
    const s = new MemoryRateLimitStore();
    s.acquire('k', T, 5000);
    s.update('k', T, { remaining: 5, resetAt: T + 1000 });
    s.update('k', T, { remaining: 9, resetAt: T + 1000 });
    s.update('k', T, { remaining: 1, resetAt: T + 1000 });
    expect(s.acquire('k', T, 5000)).toBe(0);
    expect(s.acquire('k', T, 5000)).toMatchObject({ reason: 'window' });
    s.update('k', T + 2000, { remaining: 0, resetAt: T + 1000 }); // stale: no effect, and no probe ended
    expect(s.acquire('k', T + 2000, 5000)).toBe(0);
  });

  it('requests in flight across a reset are charged to the new window', () => {
    const s = new MemoryRateLimitStore();
    s.acquire('k', T, 5000);
    s.update('k', T, { remaining: 3, resetAt: T + 1000 });
    for (let i = 0; i < 3; i++) s.acquire('k', T + 990, 5000); // three sent just before the reset
    expect(s.acquire('k', T + 1000, 5000)).toBe(0); // the probe of the new window
    // The probe's answer: 10 left as the server counts now; three of ours may still land in it.
    s.update('k', T + 1010, { remaining: 10, resetAt: T + 2000 });
    const granted = Array.from({ length: 10 }, () => s.acquire('k', T + 1010, 5000)).filter((d) => d === 0);
    expect(granted).toHaveLength(7);
  });

  it('a response without limits leaves the key unpaced for a while; no response just ends the probe', () => {
    const s = new MemoryRateLimitStore();
    s.acquire('k', T, 5000);
    s.update('k', T, 'no-response');
    expect(s.acquire('k', T, 5000)).toBe(0); // a new probe
    s.update('k', T, 'unlimited');
    expect(Array.from({ length: 5 }, () => s.acquire('k', T + 10, 5000))).toEqual([0, 0, 0, 0, 0]);
    expect(s.acquire('k', T + 1000, 5000)).toBe(0); // probes again after a second
    expect(s.acquire('k', T + 1000, 5000)).toMatchObject({ reason: 'probe' });
  });
});
