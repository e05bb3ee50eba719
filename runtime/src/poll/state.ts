/**
 * A poller as JSON (`poller.toJSON()`), and reading it back (`Poller.resume`). The saved state holds
 * URLs, the last status body and the security scheme names of the operation, never credentials:
 * the resuming client applies its own.
 */
import { InvalidRequestError } from '../errors.js';
import type { SecurityRequirement } from '../operation.js';
import type { LongRunningSpec } from './spec.js';

/** Marks saved pollers; bumped if the layout ever changes. */
export const POLLER_STATE_TYPE = 'sdkgen.poller.v1';

/** A serialized poller: what `JSON.stringify(poller)` writes. */
export interface PollerState<TStatus = unknown> {
  readonly type: typeof POLLER_STATE_TYPE;
  /** The operation's id, for logs and errors. */
  readonly operationId: string;
  /** Absolute URL of the status resource. */
  readonly statusUrl: string;
  /** The last status body seen. */
  readonly status: TStatus;
  /** Set once the operation is over (the status body tells which way, or `result` holds the answer). */
  readonly done: boolean;
  /** Where the result is, once known. */
  readonly resultUrl?: string | undefined;
  /** Security scheme alternatives of the operation (names only), applied to polls. */
  readonly security?: readonly SecurityRequirement[] | undefined;
  readonly cancel?: LongRunningSpec['cancel'] | undefined;
}

function fail(why: string): never {
  throw new InvalidRequestError(`Cannot resume the poller: ${why}. Pass what JSON.stringify(poller) produced.`);
}

function isAbsoluteHttpUrl(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

/** Checks a saved poller (it may come from a file, a queue or a database) field by field. */
export function readPollerState(saved: unknown): PollerState {
  if (typeof saved === 'string') {
    try {
      saved = JSON.parse(saved) as unknown;
    } catch {
      fail('the string is not JSON');
    }
  }
  if (typeof saved !== 'object' || saved === null) fail('expected an object');
  const s = saved as Record<string, unknown>;
  if (s['type'] !== POLLER_STATE_TYPE) fail(`"type" is not ${JSON.stringify(POLLER_STATE_TYPE)}`);
  if (typeof s['operationId'] !== 'string') fail('"operationId" is not a string');
  if (!isAbsoluteHttpUrl(s['statusUrl'])) fail('"statusUrl" is not an absolute http(s) URL');
  if (typeof s['done'] !== 'boolean') fail('"done" is not a boolean');
  if (s['resultUrl'] !== undefined && !isAbsoluteHttpUrl(s['resultUrl'])) fail('"resultUrl" is not an absolute http(s) URL');
  const security = s['security'];
  if (
    security !== undefined &&
    !(Array.isArray(security) && security.every((alt) => Array.isArray(alt) && alt.every((name) => typeof name === 'string')))
  ) {
    fail('"security" is not a list of scheme name lists');
  }
  const cancel = s['cancel'];
  if (cancel !== undefined) {
    const c = cancel as Record<string, unknown>;
    if (typeof cancel !== 'object' || cancel === null || (c['method'] !== 'DELETE' && c['method'] !== 'POST') || (c['suffix'] !== undefined && typeof c['suffix'] !== 'string')) {
      fail('"cancel" is not { method, suffix }');
    }
  }
  return {
    type: POLLER_STATE_TYPE,
    operationId: s['operationId'],
    statusUrl: s['statusUrl'],
    status: s['status'],
    done: s['done'],
    resultUrl: s['resultUrl'] as string | undefined,
    security: security as readonly SecurityRequirement[] | undefined,
    cancel: cancel as LongRunningSpec['cancel'],
  };
}
