import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BaseClient, RUNTIME_VERSION, type OperationDescriptor } from '@sdkgen/runtime';
import { defaultUserAgent } from '../../runtime/src/user-agent.js';
import { sendJson, startServer, type TestServer } from '../support/server.js';

const node = process.versions.node;

describe('defaultUserAgent', () => {
  const cases: { name: string; sdkName?: string; sdkVersion?: string; want: string }[] = [
    { name: 'name and API version', sdkName: 'PetStore', sdkVersion: '1.0.0', want: `PetStore/1.0.0 sdkgen/${RUNTIME_VERSION} node/${node}` },
    { name: 'name only', sdkName: 'PetStore', want: `PetStore sdkgen/${RUNTIME_VERSION} node/${node}` },
    { name: 'no name', want: `sdkgen/${RUNTIME_VERSION} node/${node}` },
    { name: 'spaces, slashes and line breaks cannot split or inject', sdkName: 'Pet Store/x\r\nX-Evil: 1', sdkVersion: '2024-01-01 (beta)', want: `Pet-Store-x--X-Evil--1/2024-01-01--beta- sdkgen/${RUNTIME_VERSION} node/${node}` },
    { name: 'an empty name is a dash', sdkName: '', sdkVersion: '1', want: `-/1 sdkgen/${RUNTIME_VERSION} node/${node}` },
  ];
  it.each(cases)('$name', ({ sdkName, sdkVersion, want }) => {
    expect(defaultUserAgent(sdkName, sdkVersion)).toBe(want);
  });

  it('RUNTIME_VERSION is the runtime package version', () => {
    const pkg = JSON.parse(readFileSync(new URL('../../runtime/package.json', import.meta.url), 'utf8')) as { version: string };
    expect(RUNTIME_VERSION).toBe(pkg.version);
  });
});

describe.each(['undici', 'fetch'] as const)('User-Agent on the wire, transport %s', (transport) => {
  let server: TestServer;
  const op: OperationDescriptor = { id: 'ua', method: 'GET', path: '/ua', response: 'json' };
  beforeAll(async () => {
    server = await startServer();
    server.fallback((req, res) => sendJson(res, 200, { ua: req.headers['user-agent'] ?? null }));
  });
  afterAll(async () => {
    await server.close();
  });
  async function sent(options: Record<string, unknown>, headers?: Record<string, string | null>): Promise<string | null> {
    const client = new BaseClient({ baseUrl: server.url, transport, ...options }, { sdkName: 'PetStore', sdkVersion: '1.0.0' });
    try {
      return (await client.request<{ ua: string | null }>(op, [], undefined, headers ? { headers } : undefined)).ua;
    } finally {
      await client.close();
    }
  }

  it('sends the SDK name and version', async () => {
    expect(await sent({})).toBe(`PetStore/1.0.0 sdkgen/${RUNTIME_VERSION} node/${node}`);
  });

  it('defaultHeaders and per-request headers replace it', async () => {
    expect(await sent({ defaultHeaders: { 'User-Agent': 'my-app/2' } })).toBe('my-app/2');
    expect(await sent({}, { 'user-agent': 'one-off/1' })).toBe('one-off/1');
  });
});
