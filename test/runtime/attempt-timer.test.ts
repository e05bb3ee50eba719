import { describe, expect, it } from 'vitest';
import { AttemptAbort } from '../../runtime/src/attempt-signal.js';
import { batchWindow, startAttemptTimer, stopAttemptTimer } from '../../runtime/src/attempt-timer.js';

/** Resolves when `signal` aborts. */
const aborted = (signal: AttemptAbort): Promise<void> => new Promise((resolve) => signal.addEventListener('abort', resolve));

describe('batchWindow', () => {
  const table: { given: number; want: number }[] = [
    { given: 50, want: 1 },
    { given: 1_000, want: 10 },
    { given: 60_000, want: 100 },
    { given: 2 ** 31 - 1, want: 100 },
  ];
  it.each(table)('$given ms -> $want ms', ({ given, want }) => {
    expect(batchWindow(given)).toBe(want);
  });
});

describe('attempt timers', () => {
  it('attempts started together share one batch', () => {
    const a = new AttemptAbort();
    const b = new AttemptAbort();
    // A 60 s timeout has a 100 ms window: wide enough for two calls on a loaded machine.
    const batchA = startAttemptTimer(a, 60_000);
    const batchB = startAttemptTimer(b, 60_000);
    expect(batchB).toBe(batchA);
    expect(batchA.members.size).toBe(2);
    stopAttemptTimer(batchA, a);
    stopAttemptTimer(batchB, b);
    expect(batchA.members.size).toBe(0);
  });

  it('every attempt still in a batch times out', async () => {
    const a = new AttemptAbort();
    const b = new AttemptAbort();
    const batch = startAttemptTimer(a, 5);
    startAttemptTimer(b, 5);
    await Promise.all([aborted(a), aborted(b)]);
    expect([a.timedOut, b.timedOut]).toEqual([true, true]);
    expect(batch.members.size).toBe(0);
  });

  it('a stopped attempt never times out, while the rest of its batch does', async () => {
    const done = new AttemptAbort();
    const slow = new AttemptAbort();
    const batch = startAttemptTimer(done, 5);
    const slowBatch = startAttemptTimer(slow, 5);
    stopAttemptTimer(batch, done);
    await aborted(slow);
    expect(slow.timedOut).toBe(true);
    expect(done.aborted).toBe(false);
    expect(slowBatch.members.size).toBe(0);
  });

  it('an attempt after the batch emptied still times out, and the stopped one never does', async () => {
    const first = new AttemptAbort();
    const batch = startAttemptTimer(first, 5);
    stopAttemptTimer(batch, first);
    const second = new AttemptAbort();
    startAttemptTimer(second, 5);
    await aborted(second);
    expect(second.timedOut).toBe(true);
    expect(first.aborted).toBe(false);
  });

  it('a batch whose window closed is not joined', async () => {
    const first = new AttemptAbort();
    const batch = startAttemptTimer(first, 100);
    await new Promise((resolve) => setTimeout(resolve, 20));
    const second = new AttemptAbort();
    const next = startAttemptTimer(second, 100);
    expect(next).not.toBe(batch);
    stopAttemptTimer(batch, first);
    stopAttemptTimer(next, second);
  });

  it('different timeouts never share a batch', () => {
    const a = new AttemptAbort();
    const b = new AttemptAbort();
    const batchA = startAttemptTimer(a, 10_000);
    const batchB = startAttemptTimer(b, 20_000);
    expect(batchB).not.toBe(batchA);
    stopAttemptTimer(batchA, a);
    stopAttemptTimer(batchB, b);
  });
});
