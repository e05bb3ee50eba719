import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BaseClient, type DeprecationInfo, type OperationDescriptor } from '@sdkgen/runtime';
import { sendJson, startServer, type TestServer } from '../../support/server.js';

const listOld: OperationDescriptor = { id: 'listOld', method: 'GET', path: '/old' };
const listLegacy: OperationDescriptor = { id: 'listLegacy', method: 'GET', path: '/legacy', deprecated: true };
const listCurrent: OperationDescriptor = { id: 'listCurrent', method: 'GET', path: '/current' };
const gone: OperationDescriptor = { id: 'gone', method: 'GET', path: '/gone', deprecated: true };

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
  server.route('GET', '/old', (_req, res) =>
    sendJson(res, 200, [], {
      deprecation: '@1767225600',
      sunset: 'Thu, 31 Dec 2026 23:59:59 GMT',
      link: '</docs/migrate>; rel="deprecation"; type="text/html"',
    }),
  );
  server.route('GET', '/legacy', (_req, res) => sendJson(res, 404, { title: 'nope' }));
  server.route('GET', '/current', (_req, res) => sendJson(res, 200, []));
});
afterAll(() => server.close());

function client(extra: Record<string, unknown> = {}) {
  const seen: DeprecationInfo[] = [];
  const warnings: string[] = [];
  const c = new BaseClient(
    {
      baseUrl: server.url,
      maxRetries: 0,
      onDeprecation: (info) => seen.push(info),
      logger: { debug: () => undefined, warn: (m: string) => warnings.push(m) },
      ...extra,
    },
    {},
  );
  return { c, seen, warnings };
}

describe('Deprecation and Sunset', () => {
  it('warns once per operation, through the logger and onDeprecation', async () => {
    const { c, seen, warnings } = client();
    for (let i = 0; i < 3; i++) {
      await c.request(listOld, [], undefined);
      await c.request(listCurrent, [], undefined);
    }
    expect(seen).toEqual([
      {
        operation: 'listOld',
        deprecation: new Date(1767225600_000),
        sunset: new Date(Date.UTC(2026, 11, 31, 23, 59, 59)),
        link: `${server.url}/docs/migrate`,
        source: 'server',
      },
    ]);
    expect(warnings).toEqual([
      `sdkgen operation listOld (GET ${server.url}/old) is deprecated as of 2026-01-01T00:00:00.000Z; it stops working on 2026-12-31T23:59:59.000Z (see ${server.url}/docs/migrate)`,
    ]);
    await c.close();
  });

  it('an operation the spec marks deprecated warns on first use, even when the call fails', async () => {
    const { c, seen, warnings } = client();
    await expect(c.request(listLegacy, [], undefined)).rejects.toThrow();
    await expect(c.request(listLegacy, [], undefined)).rejects.toThrow();
    expect(seen).toEqual([{ operation: 'listLegacy', deprecation: true, sunset: undefined, link: undefined, source: 'spec' }]);
    expect(warnings).toHaveLength(1);
    await c.close();
  });

  it('and when no response comes at all', async () => {
    const { c, seen } = client({ baseUrl: 'http://127.0.0.1:1' });
    await expect(c.request(gone, [], undefined)).rejects.toThrow();
    expect(seen.map((s) => [s.operation, s.source])).toEqual([['gone', 'spec']]);
    await c.close();
  });

  it('a logger without warn gets the line through debug; a throwing hook does not fail the call', async () => {
    const lines: string[] = [];
    const c = new BaseClient(
      {
        baseUrl: server.url,
        logger: { debug: (m: string) => lines.push(m) },
        onDeprecation: () => {
          throw new Error('hook broke');
        },
      },
      {},
    );
    await expect(c.request(listOld, [], undefined)).resolves.toEqual([]);
    expect(lines.filter((l) => l.includes('is deprecated'))).toHaveLength(1);
    await c.close();
  });
});
