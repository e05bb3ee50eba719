import { describe, expect, it } from 'vitest';
import {
  createIdempotencyKey,
  formatUuidV4,
  resolveIdempotencyKey,
  type IdempotencyInput,
} from '../../../runtime/src/idempotency.js';

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('createIdempotencyKey', () => {
  it('returns distinct UUID v4 strings', () => {
    const keys = new Set(Array.from({ length: 100 }, createIdempotencyKey));
    expect(keys.size).toBe(100);
    for (const key of keys) expect(key).toMatch(UUID_V4);
  });
});

describe('formatUuidV4', () => {
  const table: { given: number[]; want: string }[] = [
    { given: Array(16).fill(0), want: '00000000-0000-4000-8000-000000000000' },
    { given: Array(16).fill(255), want: 'ffffffff-ffff-4fff-bfff-ffffffffffff' },
    { given: [...Array(16).keys()], want: '00010203-0405-4607-8809-0a0b0c0d0e0f' },
  ];
  it.each(table)('$want', ({ given, want }) => {
    expect(formatUuidV4(Uint8Array.from(given))).toBe(want);
  });
  it('rejects the wrong length', () => {
    expect(() => formatUuidV4(new Uint8Array(15))).toThrow(RangeError);
  });
});

describe('resolveIdempotencyKey', () => {
  const create = () => 'generated';
  const table: { name: string; given: Omit<IdempotencyInput, 'create'>; want: { name: string; value: string } | undefined }[] = [
    { name: 'POST with header', given: { method: 'POST', configuredHeader: 'Idempotency-Key' }, want: { name: 'Idempotency-Key', value: 'generated' } },
    { name: 'PATCH with custom header', given: { method: 'patch', configuredHeader: 'X-Request-Key' }, want: { name: 'X-Request-Key', value: 'generated' } },
    { name: 'GET with header', given: { method: 'GET', configuredHeader: 'Idempotency-Key' }, want: undefined },
    { name: 'PUT with header', given: { method: 'PUT', configuredHeader: 'Idempotency-Key' }, want: undefined },
    { name: 'POST without header', given: { method: 'POST' }, want: undefined },
    { name: 'explicit key, no header', given: { method: 'POST', explicitKey: 'order-42' }, want: { name: 'Idempotency-Key', value: 'order-42' } },
    { name: 'explicit key wins', given: { method: 'POST', configuredHeader: 'X-K', explicitKey: 'order-42' }, want: { name: 'X-K', value: 'order-42' } },
    { name: 'explicit key on PUT', given: { method: 'PUT', explicitKey: 'k' }, want: { name: 'Idempotency-Key', value: 'k' } },
  ];
  it.each(table)('$name', ({ given, want }) => {
    expect(resolveIdempotencyKey({ ...given, create })).toEqual(want);
  });
});
