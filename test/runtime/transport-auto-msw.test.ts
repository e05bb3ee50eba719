import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BaseClient, type OperationDescriptor } from '@sdkgen/runtime';
import { sendJson, startServer, type TestServer } from '../support/server.js';

const whoAnswers: OperationDescriptor = { id: 'who', method: 'GET', path: '/who', response: 'json' };

describe("transport 'auto' and MSW", () => {
  let real: TestServer;
  beforeAll(async () => {
    real = await startServer();
    real.route('GET', '/who', (_req, res) => sendJson(res, 200, { from: 'real server' }));
  });
  afterAll(async () => {
    await real.close();
  });

  it('uses fetch while MSW listens (even for a client made before listen) and undici after close', async () => {
    const client = new BaseClient({ baseUrl: real.url }, {});
    const mocked: OperationDescriptor = { ...whoAnswers, id: 'whoMocked' };
    const msw = setupServer(http.get(`${real.url}/who`, () => HttpResponse.json({ from: 'msw' })));
    try {
      expect(await client.request(whoAnswers, [], undefined)).toEqual({ from: 'real server' });
      msw.listen({ onUnhandledRequest: 'error' });
      expect(await client.request(mocked, [], undefined)).toEqual({ from: 'msw' });
      const { response } = await client.request(mocked, [], undefined).withResponse();
      expect(response.headers.get('content-type')).toBe('application/json');
    } finally {
      msw.close();
    }
    expect(await client.request(whoAnswers, [], undefined)).toEqual({ from: 'real server' });
    expect(real.requests.map((r) => r.url)).toEqual(['/who', '/who']);
    await client.close();
  });

  it("'undici' is never intercepted, 'fetch' always is", async () => {
    const undici = new BaseClient({ baseUrl: real.url, transport: 'undici' }, {});
    const fetchClient = new BaseClient({ baseUrl: real.url, transport: 'fetch' }, {});
    const msw = setupServer(http.get(`${real.url}/who`, () => HttpResponse.json({ from: 'msw' })));
    msw.listen({ onUnhandledRequest: 'bypass' });
    try {
      expect(await undici.request(whoAnswers, [], undefined)).toEqual({ from: 'real server' });
      expect(await fetchClient.request(whoAnswers, [], undefined)).toEqual({ from: 'msw' });
    } finally {
      msw.close();
      await undici.close();
    }
  });
});
