import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BaseClient, type HttpMethod, type OperationDescriptor, type RequestOptions } from '@sdkgen/runtime';
import { createIdempotencyKey, formatUuidV4 } from '../../../runtime/src/idempotency.js';
import { sendJson, startServer, type TestServer } from '../../support/server.js';

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

/**
 * Which calls carry a key, and under which header, as the client sends them (prepare.ts sets an
 * explicit key, send-with-retries.ts creates the automatic one), seen by a real loopback server.
 */
describe('the idempotency key a call sends', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer();
    server.fallback((_req, res) => sendJson(res, 200, {}));
  });
  afterAll(() => server.close());

  const table: {
    name: string;
    method: HttpMethod;
    spec?: string;
    client?: string;
    options?: RequestOptions;
    want: { header: string; value: 'uuid' | string } | undefined;
  }[] = [
    { name: 'POST, the spec names the header', method: 'POST', spec: 'Idempotency-Key', want: { header: 'idempotency-key', value: 'uuid' } },
    { name: 'PATCH, the client names its own header', method: 'PATCH', client: 'X-Request-Key', want: { header: 'x-request-key', value: 'uuid' } },
    { name: 'the client option beats the spec', method: 'POST', spec: 'Idempotency-Key', client: 'X-Request-Key', want: { header: 'x-request-key', value: 'uuid' } },
    { name: 'GET gets none', method: 'GET', spec: 'Idempotency-Key', want: undefined },
    { name: 'PUT gets none', method: 'PUT', spec: 'Idempotency-Key', want: undefined },
    { name: 'DELETE gets none', method: 'DELETE', spec: 'Idempotency-Key', want: undefined },
    { name: 'POST, no header named anywhere: none', method: 'POST', want: undefined },
    { name: 'headers: { name: null } turns the automatic key off', method: 'POST', spec: 'Idempotency-Key', options: { headers: { 'Idempotency-Key': null } }, want: undefined },
    { name: 'an explicit key, no header named: Idempotency-Key', method: 'POST', options: { idempotencyKey: 'order-42' }, want: { header: 'idempotency-key', value: 'order-42' } },
    { name: 'an explicit key under the named header', method: 'POST', spec: 'X-K', options: { idempotencyKey: 'order-42' }, want: { header: 'x-k', value: 'order-42' } },
    { name: 'an explicit key on PUT is sent too', method: 'PUT', options: { idempotencyKey: 'k' }, want: { header: 'idempotency-key', value: 'k' } },
  ];

  it.each(table)('$name', async ({ method, spec, client: header, options, want }) => {
    server.reset();
    server.fallback((_req, res) => sendJson(res, 200, {}));
    const client = new BaseClient({ baseUrl: server.url, maxRetries: 0, ...(header !== undefined && { idempotencyHeader: header }) }, { idempotencyHeader: spec });
    const op: OperationDescriptor = { id: 'op', method, path: '/things', response: 'json', ...(method !== 'GET' && method !== 'DELETE' && { body: { mediaType: 'application/json', encoding: 'json', group: 'body' } }) };
    try {
      await client.request(op, [], method === 'GET' || method === 'DELETE' ? {} : { body: { a: 1 } }, options);
    } finally {
      await client.close();
    }
    expect(server.requests).toHaveLength(1);
    const headers = server.requests[0]!.headers;
    const keyed = ['idempotency-key', 'x-request-key', 'x-k'].filter((h) => headers[h] !== undefined);
    if (want === undefined) {
      expect(keyed).toEqual([]);
      return;
    }
    expect(keyed).toEqual([want.header]);
    if (want.value === 'uuid') expect(headers[want.header]).toMatch(UUID_V4);
    else expect(headers[want.header]).toBe(want.value);
  });

  it('the automatic key is created once per call and sent on every attempt', async () => {
    server.reset();
    let n = 0;
    server.fallback((_req, res) => (n++ === 0 ? sendJson(res, 503, {}, { 'retry-after': '0' }) : sendJson(res, 200, {})));
    const client = new BaseClient({ baseUrl: server.url, maxRetries: 1 }, { idempotencyHeader: 'Idempotency-Key' });
    const op: OperationDescriptor = { id: 'op', method: 'POST', path: '/things', response: 'json', body: { mediaType: 'application/json', encoding: 'json', group: 'body' } };
    try {
      await client.request(op, [], { body: {} });
      await client.request(op, [], { body: {} });
    } finally {
      await client.close();
    }
    const keys = server.requests.map((r) => r.headers['idempotency-key']);
    expect(keys).toHaveLength(3);
    expect(keys[1]).toBe(keys[0]);
    expect(keys[2]).not.toBe(keys[0]);
    expect(keys[2]).toMatch(UUID_V4);
  });
});
