/**
 * Attempt timeouts on shared timers. Attempts with the same timeout that start within a short
 * window join one Node timer, which times out every attempt still in it. A timer per attempt (a
 * `Timeout` object with its async-hooks ids, list insertion, then `clearTimeout`) cost several
 * microseconds of a loopback request; joining a batch is a `Set` insertion.
 *
 * A batch's timer fires `timeout + window` after the batch opened, so an attempt never times out
 * early and at most `window` late: 1% of the timeout, between 1 ms and 100 ms.
 */
import { AttemptAbort } from './attempt-signal.js';

/** Attempts that share one timer. */
export interface TimerBatch {
  readonly timeout: number;
  readonly opened: number;
  readonly members: Set<AttemptAbort>;
  timer: ReturnType<typeof setTimeout> | undefined;
}

/** Longest delay `setTimeout` accepts. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/** The batch still accepting attempts, per timeout value. */
const openBatches = new Map<number, TimerBatch>();

/**
 * Open batches without members, oldest first, whose timers are kept (unreferenced) for the next
 * attempt with the same timeout to join. Bounded: calls with ever-changing timeouts (deadline
 * style) would otherwise leave one pending timer per value until each fired.
 */
const idleBatches = new Set<TimerBatch>();

/** How many idle batches keep their timers. */
export const MAX_IDLE_BATCHES = 4;

/** Drops a batch's timer and forgets it. */
function closeBatch(batch: TimerBatch): void {
  clearTimeout(batch.timer);
  batch.timer = undefined;
  idleBatches.delete(batch);
  if (openBatches.get(batch.timeout) === batch) openBatches.delete(batch.timeout);
}

/** How late a batch may fire for its last member, in ms. */
export function batchWindow(timeout: number): number {
  return Math.min(Math.max(timeout / 100, 1), 100);
}

/** Starts timing `signal`: it aborts (with `timedOut` set) once `timeout` ms have passed. */
export function startAttemptTimer(signal: AttemptAbort, timeout: number): TimerBatch {
  const now = performance.now();
  let batch = openBatches.get(timeout);
  if (batch === undefined || now - batch.opened > batchWindow(timeout)) {
    if (batch !== undefined && batch.members.size === 0) closeBatch(batch);
    batch = { timeout, opened: now, members: new Set(), timer: undefined };
    // Capped at setTimeout's limit, which longer delays would overflow (they fire at once).
    batch.timer = setTimeout(fireBatch, Math.min(timeout + batchWindow(timeout), MAX_TIMER_MS), batch);
    openBatches.set(timeout, batch);
  } else if (batch.members.size === 0) {
    idleBatches.delete(batch);
    keepAlive(batch.timer, true);
  }
  batch.members.add(signal);
  return batch;
}

/**
 * Stops timing `signal`. An empty batch that can still be joined keeps its timer, unreferenced so
 * it does not hold the process open, for the next attempt to join (one request at a time would
 * otherwise make a timer per attempt); at most {@link MAX_IDLE_BATCHES} do, the oldest idle one
 * is dropped first. A batch that can no longer be joined drops its timer at once.
 */
export function stopAttemptTimer(batch: TimerBatch, signal: AttemptAbort): void {
  batch.members.delete(signal);
  if (batch.members.size > 0) return;
  if (openBatches.get(batch.timeout) !== batch || performance.now() - batch.opened > batchWindow(batch.timeout)) {
    closeBatch(batch);
    return;
  }
  keepAlive(batch.timer, false);
  idleBatches.add(batch);
  if (idleBatches.size > MAX_IDLE_BATCHES) closeBatch(idleBatches.values().next().value!);
}

/** `ref` / `unref` where timers have them (Node); elsewhere an idle timer just fires for nobody. */
function keepAlive(timer: ReturnType<typeof setTimeout> | undefined, on: boolean): void {
  const t = timer as { ref?: () => void; unref?: () => void } | undefined;
  if (on) t?.ref?.();
  else t?.unref?.();
}

/** Timer callback (a plain function, so no closure is made per batch). */
function fireBatch(batch: TimerBatch): void {
  if (openBatches.get(batch.timeout) === batch) openBatches.delete(batch.timeout);
  idleBatches.delete(batch);
  const members = [...batch.members];
  batch.members.clear();
  for (const signal of members) AttemptAbort.onTimeout(signal);
}
