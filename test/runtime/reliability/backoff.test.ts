import { describe, expect, it } from 'vitest';
import { backoffDelay } from '../../../runtime/src/retry/backoff.js';

describe('backoffDelay', () => {
  const table: { retry: number; random: number; options?: Parameters<typeof backoffDelay>[2]; want: number }[] = [
    // No jitter taken (random 0): 0.5 s doubling to the 8 s cap.
    { retry: 0, random: 0, want: 500 },
    { retry: 1, random: 0, want: 1000 },
    { retry: 2, random: 0, want: 2000 },
    { retry: 3, random: 0, want: 4000 },
    { retry: 4, random: 0, want: 8000 },
    { retry: 5, random: 0, want: 8000 },
    { retry: 2000, random: 0, want: 8000 },
    { retry: -3, random: 0, want: 500 },
    // Full jitter (random -> 1) takes away at most 25 %.
    { retry: 0, random: 0.999999, want: 375 },
    { retry: 4, random: 0.5, want: 7000 },
    { retry: 10, random: 1, want: 6000 },
    // A misbehaving random source is clamped.
    { retry: 0, random: 7, want: 375 },
    { retry: 0, random: -7, want: 500 },
    // Options.
    { retry: 1, random: 0.5, options: { jitter: 0 }, want: 1000 },
    { retry: 3, random: 0, options: { initialDelay: 100, maxDelay: 300 }, want: 300 },
    { retry: 1, random: 1, options: { jitter: 1 }, want: 0 },
  ];
  it.each(table)('retry $retry, random $random -> $want', ({ retry, random, options, want }) => {
    expect(backoffDelay(retry, () => random, options)).toBe(want);
  });

  it('never exceeds the cap and never goes below 75 % of it', () => {
    let seed = 42;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    for (let retry = 0; retry < 200; retry++) {
      const d = backoffDelay(retry, random);
      const raw = Math.min(500 * 2 ** retry, 8000);
      expect(d).toBeLessThanOrEqual(raw);
      expect(d).toBeGreaterThanOrEqual(raw * 0.75);
    }
  });
});
