/**
 * When is a long-running operation done? The words status resources use, as data, and one pure
 * function that reads a status body. Table-tested in test/runtime/poll/terminal.test.ts.
 *
 * Rules (docs/operations.md): a `status` (else `state`) string field
 * whose value, in any case, is a success or failure word; else Google's `done: true` (failure when
 * the body carries an `error` member). Anything else is still running.
 */

/** Status words that mean the operation succeeded (compared case-insensitively). */
export const SUCCESS_WORDS: ReadonlySet<string> = new Set(['succeeded', 'completed', 'done']);

/** Status words that mean the operation ended without success (compared case-insensitively). */
export const FAILURE_WORDS: ReadonlySet<string> = new Set(['failed', 'canceled', 'cancelled', 'error']);

/** Fields read for the status word, in order. */
export const STATUS_FIELDS: readonly string[] = ['status', 'state'];

/** What a status body says about its operation. */
export type OperationOutcome =
  /** A status word or `done: false` says the operation is still running. */
  | 'running'
  | 'succeeded'
  | 'failed'
  /** No status field at all: the HTTP exchange has to tell (see `Poller`). */
  | 'unknown';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The status word of a body (`status`, else `state`), as sent; `undefined` when there is none. */
export function statusWord(body: unknown): string | undefined {
  if (!isRecord(body)) return undefined;
  for (const field of STATUS_FIELDS) {
    const value = body[field];
    if (typeof value === 'string') return value;
  }
  return undefined;
}

/**
 * Reads a status body. Unknown words (`PENDING`, `IN_PROGRESS`, `Running`, `queued`, ...) mean
 * running; a body with neither a status word nor a `done` boolean is `unknown`.
 */
export function operationOutcome(body: unknown): OperationOutcome {
  if (!isRecord(body)) return 'unknown';
  const word = statusWord(body);
  if (word !== undefined) {
    const w = word.trim().toLowerCase();
    if (SUCCESS_WORDS.has(w)) return 'succeeded';
    if (FAILURE_WORDS.has(w)) return 'failed';
    return 'running';
  }
  if (typeof body['done'] === 'boolean') {
    if (!body['done']) return 'running';
    // google.longrunning.Operation: `done` with `error` (a google.rpc.Status) or `response`.
    return body['error'] !== undefined && body['error'] !== null ? 'failed' : 'succeeded';
  }
  return 'unknown';
}
