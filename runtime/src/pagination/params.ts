/**
 * Reading and replacing the paging parameter in a caller's params object, honouring the descriptor's
 * layout: flat (`params[name]`) or nested (`params.query[name]`, `params.body[name]`).
 */
import type { OperationDescriptor } from '../operation.js';
import type { PageParamSpec } from './spec.js';

/** The params-object key the paging parameter lives under, if it is nested. */
function groupOf(op: Pick<OperationDescriptor, 'query' | 'body'>, param: PageParamSpec): string | undefined {
  if ((param.in ?? 'query') === 'body') return op.body?.group;
  return op.query?.find((q) => q.name === param.name)?.group;
}

function asRecord(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

/** The paging parameter's current value in `params`, `undefined` when unset. */
export function readPageParam(op: Pick<OperationDescriptor, 'query' | 'body'>, param: PageParamSpec, params: unknown): unknown {
  const group = groupOf(op, param);
  const holder = group === undefined ? asRecord(params) : asRecord(asRecord(params)?.[group]);
  return holder?.[param.name];
}

/**
 * A copy of `params` with the paging parameter set to `value`. Copies only the objects on the way
 * down, so the caller's object (which they may reuse) is never modified.
 */
export function withPageParam<P>(op: Pick<OperationDescriptor, 'query' | 'body'>, param: PageParamSpec, params: P, value: unknown): P {
  const group = groupOf(op, param);
  const top = { ...asRecord(params) };
  if (group === undefined) top[param.name] = value;
  else top[group] = { ...asRecord(top[group]), [param.name]: value };
  return top as P;
}
