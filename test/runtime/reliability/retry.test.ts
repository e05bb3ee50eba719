import { describe, expect, it } from 'vitest';
import {
  sleep,
  withRetries,
  type AttemptVerdict,
  type GiveUpEvent,
  type RetryEvent,
  type RetryLoopOptions,
} from '../../../runtime/src/retry/retry.js';

/** An error the test attempt throws; carries the verdict the inspector should return. */
class Fault extends Error {
  constructor(readonly verdict: AttemptVerdict) {
    super(verdict.reason);
  }
}

const transient = (retryAfter?: number) => new Fault({ retry: true, reason: 'status 503', retryAfter });
const fatal = () => new Fault({ retry: false, reason: 'status 400 is not retryable' });

/** Runs withRetries over a script of per-attempt outcomes, on a fake clock. */
async function run(script: (Error | unknown | 'ok')[], options: Partial<RetryLoopOptions> = {}) {
  const slept: number[] = [];
  const retries: RetryEvent[] = [];
  const giveUps: GiveUpEvent[] = [];
  let attempts = 0;
  const result = withRetries(
    async (n) => {
      attempts++;
      expect(n).toBe(attempts);
      const step = script[n - 1];
      if (step === 'ok') return `ok after ${n}`;
      throw step;
    },
    {
      sleep: async (ms) => {
        slept.push(ms);
      },
      random: () => 0,
      inspect: (error) => (error instanceof Fault ? error.verdict : { retry: false, reason: 'unknown' }),
      onRetry: (e) => retries.push(e),
      onGiveUp: (e) => giveUps.push(e),
      ...options,
    },
  ).then(
    (value) => ({ value }),
    (error: unknown) => ({ error }),
  );
  return { outcome: await result, slept, retries, giveUps, attempts: () => attempts };
}

describe('withRetries', () => {
  it('retries transient failures with exponential backoff, then returns the value', async () => {
    const r = await run([transient(), transient(), 'ok']);
    expect(r.outcome).toEqual({ value: 'ok after 3' });
    expect(r.slept).toEqual([500, 1000]);
    expect(r.retries.map((e) => [e.attempt, e.retriesLeft, e.delay, e.fromServer])).toEqual([
      [1, 1, 500, false],
      [2, 0, 1000, false],
    ]);
    expect(r.giveUps).toEqual([]);
  });

  it("waits the server's delay instead of backoff", async () => {
    const r = await run([transient(3000), transient(0), 'ok']);
    expect(r.slept).toEqual([3000, 0]);
    expect(r.retries.every((e) => e.fromServer)).toBe(true);
  });

  it('gives up at once when the server asks for longer than maxRetryAfter', async () => {
    const error = transient(61_000);
    const r = await run([error, 'ok'], { maxRetryAfter: 60_000 });
    expect(r.outcome).toEqual({ error });
    expect(r.attempts()).toBe(1);
    expect(r.slept).toEqual([]);
    expect(r.giveUps[0]?.reason).toMatch(/61000 ms, more than maxRetryAfter 60000 ms/);
  });

  it('honours a delay exactly at maxRetryAfter', async () => {
    const r = await run([transient(500), 'ok'], { maxRetryAfter: 500 });
    expect(r.outcome).toEqual({ value: 'ok after 2' });
    expect(r.slept).toEqual([500]);
  });

  const exhaustion: { maxRetries: number | undefined; attempts: number }[] = [
    { maxRetries: undefined, attempts: 3 },
    { maxRetries: 0, attempts: 1 },
    { maxRetries: 1, attempts: 2 },
    { maxRetries: 5, attempts: 6 },
    { maxRetries: -1, attempts: 1 },
    { maxRetries: Number.POSITIVE_INFINITY, attempts: 3 },
    { maxRetries: Number.NaN, attempts: 3 },
  ];
  it.each(exhaustion)('maxRetries $maxRetries -> $attempts attempts', async ({ maxRetries, attempts }) => {
    const last = transient();
    const script = [...Array.from({ length: attempts - 1 }, () => transient()), last, 'ok'];
    const r = await run(script, maxRetries === undefined ? {} : { maxRetries });
    expect(r.outcome).toEqual({ error: last });
    expect(r.attempts()).toBe(attempts);
    expect(r.slept).toHaveLength(attempts - 1);
    expect(r.giveUps).toHaveLength(1);
    expect(r.giveUps[0]?.attempts).toBe(attempts);
    expect(r.giveUps[0]?.reason).toMatch(/retries exhausted/);
  });

  it('does not retry what the inspector declines', async () => {
    const error = fatal();
    const r = await run([error, 'ok']);
    expect(r.outcome).toEqual({ error });
    expect(r.attempts()).toBe(1);
    expect(r.giveUps[0]?.reason).toBe('status 400 is not retryable');
  });

  it('sends TypeErrors and non-Error throws through the inspector and rethrows them unchanged', async () => {
    const typeError = new TypeError('fetch failed');
    const seen: unknown[] = [];
    const r = await run([typeError, 'plain string', 'ok'], {
      inspect: (error) => {
        seen.push(error);
        return { retry: true, reason: 'connection error' };
      },
    });
    expect(seen).toEqual([typeError, 'plain string']);
    expect(r.outcome).toEqual({ value: 'ok after 3' });

    const thrown = await run([42], { inspect: () => ({ retry: false, reason: 'x' }) });
    expect(thrown.outcome).toEqual({ error: 42 });
  });

  it('an abort stops a long wait immediately and rejects with the signal reason', async () => {
    const controller = new AbortController();
    const reason = new Error('user gave up');
    let attempts = 0;
    const promise = withRetries(
      async () => {
        attempts++;
        // Abort once the loop is inside its (ten-minute) wait.
        setTimeout(() => controller.abort(reason), 0);
        throw transient(600_000);
      },
      {
        signal: controller.signal,
        maxRetryAfter: 3_600_000,
        inspect: (error) => (error as Fault).verdict,
      },
    );
    await expect(promise).rejects.toBe(reason);
    expect(attempts).toBe(1);
  });

  it('does not start an attempt when the signal is already aborted', async () => {
    const controller = new AbortController();
    controller.abort(new Error('early'));
    let attempts = 0;
    const promise = withRetries(
      async () => {
        attempts++;
        return 1;
      },
      { signal: controller.signal, inspect: () => ({ retry: true, reason: 'x' }) },
    );
    await expect(promise).rejects.toThrow('early');
    expect(attempts).toBe(0);
  });
});

describe('sleep', () => {
  it('resolves after the delay', async () => {
    await expect(sleep(1)).resolves.toBeUndefined();
  });
  it('rejects at once with the reason of an already-aborted signal', async () => {
    await expect(sleep(600_000, AbortSignal.abort('stop'))).rejects.toBe('stop');
  });
  it('rejects when the signal aborts during the wait', async () => {
    const controller = new AbortController();
    const p = sleep(600_000, controller.signal);
    controller.abort('later');
    await expect(p).rejects.toBe('later');
  });
});
