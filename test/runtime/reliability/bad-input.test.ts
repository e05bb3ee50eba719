import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  ApiError,
  BadRequestError,
  ConnectionError,
  InternalServerError,
  InvalidResponseError,
  isProblem,
  MAX_ERROR_BODY_BYTES,
} from '@sdkgen/runtime';
import { startFaultServer, type Fault, type FaultServer } from '../../support/fault-server.js';
import { getThing, TestClient } from '../../support/reliability-client.js';
import { rejection } from '../../support/rejection.js';

let server: FaultServer;
const clients: TestClient[] = [];
beforeEach(async () => {
  server = await startFaultServer();
});
afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.close()));
  await server.close();
});

describe.each(['undici', 'fetch'] as const)('bad responses become typed errors (%s transport)', (transport) => {
  const call = async (fault: Fault) => {
    const c = new TestClient({ baseUrl: server.url, transport, maxRetries: 0, cache: false });
    clients.push(c);
    server.enqueue(fault);
    return rejection(c.request(getThing, [], {}));
  };

  it('5xx with an HTML body: InternalServerError, the HTML kept as text, no problem', async () => {
    const html = '<!DOCTYPE html><html><body><h1>502 Bad Gateway</h1></body></html>';
    const error = await call({ kind: 'status', status: 502, headers: { 'content-type': 'text/html' }, body: html });
    expect(error).toBeInstanceOf(InternalServerError);
    const e = error as InternalServerError;
    expect(e.status).toBe(502);
    expect(e.rawBody).toBe(html);
    expect(e.body).toBe(html);
    expect(e.problem).toBeUndefined();
    expect(isProblem(e)).toBe(false);
  });

  it('truncated JSON text: typed error with the raw text, body left as text', async () => {
    const text = '{"type":"https://errors.test/500","title":"Boom","det';
    const error = await call({ kind: 'status', status: 500, headers: { 'content-type': 'application/problem+json' }, body: text });
    expect(error).toBeInstanceOf(InternalServerError);
    expect((error as ApiError).rawBody).toBe(text);
    expect((error as ApiError).body).toBe(text);
    expect((error as ApiError).problem).toBeUndefined();
  });

  it('a body cut off by the connection: ConnectionError (the response never completed), retried like one', async () => {
    const cut: Fault = { kind: 'truncate', status: 500, contentType: 'application/json', body: '{"error":"partial', declared: 10_000 };
    await expect(call(cut)).resolves.toBeInstanceOf(ConnectionError);
    // 2xx too; and a GET is retried after it.
    const c = new TestClient({ baseUrl: server.url, transport, maxRetries: 1, cache: false });
    clients.push(c);
    server.enqueue({ kind: 'truncate', status: 200, contentType: 'application/json', body: '{"ok":tr', declared: 5_000 });
    await expect(c.request(getThing, [], {})).resolves.toMatchObject({ method: 'GET' });
    expect(c.slept).toEqual([500]);
  });

  it('an enormous error body is read only up to the bound', async () => {
    const error = await call({ kind: 'status', status: 500, headers: { 'content-type': 'text/plain' }, bodyBytes: 64 * 1024 * 1024 });
    expect(error).toBeInstanceOf(InternalServerError);
    const raw = (error as ApiError).rawBody;
    expect(raw.length).toBeLessThanOrEqual(MAX_ERROR_BODY_BYTES);
    expect(raw.length).toBeGreaterThan(0);
    expect(raw[0]).toBe('x');
  });

  it('a problem body with wrong member types: ill-typed members dropped, the rest kept, raw text available', async () => {
    const text = JSON.stringify({ type: 42, title: ['no'], status: '400', detail: 'Name is required', instance: null, field: 'name' });
    const error = await call({ kind: 'status', status: 400, headers: { 'content-type': 'application/problem+json' }, body: text });
    expect(error).toBeInstanceOf(BadRequestError);
    const e = error as BadRequestError;
    expect(e.problem).toEqual({ type: 'about:blank', detail: 'Name is required', field: 'name' });
    expect(e.rawBody).toBe(text);
    expect(isProblem(e, 'about:blank')).toBe(true);
  });

  it('a problem document that is an array or a scalar: no problem, raw text available', async () => {
    const error = await call({ kind: 'status', status: 400, headers: { 'content-type': 'application/problem+json' }, body: '["a"]' });
    expect(error).toBeInstanceOf(BadRequestError);
    expect((error as ApiError).problem).toBeUndefined();
    expect((error as ApiError).rawBody).toBe('["a"]');
  });

  it('an empty 5xx body', async () => {
    const error = await call({ kind: 'status', status: 503, headers: { 'content-type': 'application/json' }, body: '' });
    expect(error).toBeInstanceOf(InternalServerError);
    expect((error as ApiError).rawBody).toBe('');
    expect((error as ApiError).body).toBeUndefined();
  });

  it('a 2xx with invalid JSON: InvalidResponseError carrying the raw text', async () => {
    const error = await call({ kind: 'status', status: 200, headers: { 'content-type': 'application/json' }, body: '{"data": [1, 2' });
    expect(error).toBeInstanceOf(InvalidResponseError);
    expect((error as InvalidResponseError).rawBody).toBe('{"data": [1, 2');
  });

  it('garbage Retry-After headers fall back to backoff', async () => {
    const c = new TestClient({ baseUrl: server.url, transport, maxRetries: 3, cache: false });
    clients.push(c);
    server.enqueue(
      { kind: 'status', status: 503, headers: { 'retry-after': 'soon' } },
      { kind: 'status', status: 503, headers: { 'retry-after': '-5', 'retry-after-ms': 'NaN' } },
      { kind: 'status', status: 503, headers: { 'retry-after': 'Sun, 06 Nov 1994 08:49:37 GMT' } },
    );
    await c.request(getThing, [], {});
    // backoff, backoff, past date = now.
    expect(c.slept).toEqual([500, 1000, 0]);
  });
});
