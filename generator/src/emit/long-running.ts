/**
 * Types of a long-running operation's `Poller<Status, Result>`: unions of response bodies indexed
 * into openapi-typescript's `paths`, so no schema is typed twice.
 */
import type { OperationModel } from '../model.js';
import type { BodyRef } from '../normalize/long-running.js';
import { stringLiteral } from './escape.js';

/** Names and expressions the resource emitter declares for one long-running operation. */
export interface LongRunningTypes {
  statusName: string;
  statusType: string;
  resultName: string;
  resultType: string;
}

function statusKey(status: string): string {
  return /^[1-5]\d\d$/.test(status) ? status : stringLiteral(status);
}

/** `paths['/reports']['post']['responses'][202]['content']['application/json'] | ...`; `unknown` when empty. */
export function bodyUnion(refs: readonly BodyRef[]): string {
  if (refs.length === 0) return 'unknown';
  const types = refs.map(
    (r) => `paths[${stringLiteral(r.path)}][${stringLiteral(r.method)}]['responses'][${statusKey(r.status)}]['content'][${stringLiteral(r.mediaType)}]`,
  );
  return [...new Set(types)].join(' | ');
}

/** The status and result types of `op`, when it is long-running. */
export function longRunningTypes(op: OperationModel, typeName: string): LongRunningTypes | undefined {
  const lro = op.longRunning;
  if (lro === undefined) return undefined;
  return {
    statusName: `${typeName}Status`,
    statusType: bodyUnion(lro.status),
    resultName: `${typeName}Result`,
    resultType: bodyUnion(lro.result),
  };
}

/** The descriptor's `longRunning` member. */
export function longRunningSpec(op: OperationModel): { cancel?: { method: string; suffix: string } } | undefined {
  const lro = op.longRunning;
  if (lro === undefined) return undefined;
  return lro.cancel === undefined ? {} : { cancel: { method: lro.cancel.method, suffix: lro.cancel.suffix } };
}
