import { readPointer } from '../json-pointer.js';
import { readPageParam, withPageParam } from '../params.js';
import type { NextPageStrategy } from './types.js';

/**
 * Cursor style: the next cursor is a body field (`next_cursor`), or the last item's id (Stripe's
 * `starting_after` with `has_more`). A cursor equal to the one just sent would fetch the same page
 * forever, so it ends iteration.
 */
export const nextCursorPage: NextPageStrategy = ({ spec, op, params, items, body }) => {
  if (!spec.param) return null;
  let cursor: unknown;
  if (spec.nextCursor !== undefined) cursor = readPointer(body, spec.nextCursor);
  else if (spec.itemCursor !== undefined) cursor = readPointer(items[items.length - 1], spec.itemCursor);
  if (cursor === undefined || cursor === null || cursor === '' || typeof cursor === 'boolean') return null;
  const current = readPageParam(op, spec.param, params);
  if (current !== undefined && current !== null && sameCursor(current, cursor)) return null;
  return { params: withPageParam(op, spec.param, params, cursor) };
};

function sameCursor(a: unknown, b: unknown): boolean {
  if (typeof a === 'object' || typeof b === 'object') return JSON.stringify(a) === JSON.stringify(b);
  return String(a) === String(b);
}
