import { readPointer } from '../json-pointer.js';
import { readPageParam, withPageParam } from '../params.js';
import { toInteger } from './offset.js';
import type { NextPageStrategy } from './types.js';

/** Page-number style: the next page is this one plus one; stops at the declared total page count. */
export const nextNumberedPage: NextPageStrategy = ({ spec, op, params, body }) => {
  if (!spec.param) return null;
  const current = toInteger(readPageParam(op, spec.param, params)) ?? spec.firstPage ?? 1;
  const totalPages = spec.total === undefined ? undefined : toInteger(readPointer(body, spec.total));
  if (totalPages !== undefined && current >= totalPages) return null;
  return { params: withPageParam(op, spec.param, params, current + 1) };
};
