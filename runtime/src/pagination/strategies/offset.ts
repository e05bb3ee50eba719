import { readPointer } from '../json-pointer.js';
import { readPageParam, withPageParam } from '../params.js';
import type { NextPageStrategy } from './types.js';

/**
 * Offset style: the next offset is the server's `nextOffset` field if declared, else this offset plus
 * the items received (not plus `limit`: servers cap page sizes silently). Stops at `total` when
 * declared; otherwise the first empty page ends iteration.
 */
export const nextOffsetPage: NextPageStrategy = ({ spec, op, params, items, body }) => {
  if (!spec.param) return null;
  const current = toInteger(readPageParam(op, spec.param, params)) ?? 0;
  const declared = spec.nextOffset === undefined ? undefined : readPointer(body, spec.nextOffset);
  if (spec.nextOffset !== undefined && (declared === null || declared === undefined)) return null;
  const next = toInteger(declared) ?? current + items.length;
  if (next <= current) return null;
  const total = spec.total === undefined ? undefined : toInteger(readPointer(body, spec.total));
  if (total !== undefined && next >= total) return null;
  return { params: withPageParam(op, spec.param, params, next) };
};

/** A non-negative integer from a number or a numeric string (query values may come back as text). */
export function toInteger(value: unknown): number | undefined {
  const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  return typeof n === 'number' && Number.isSafeInteger(n) && n >= 0 ? n : undefined;
}
