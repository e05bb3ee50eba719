/**
 * Runtime parts (docs/ARCHITECTURE.md, "What generated code injects"): a `CoreClient` runs what its
 * descriptors and config hand it, says so when a part is missing instead of misreading the call,
 * and `BaseClient` has every part for descriptors written by hand.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  BaseClient,
  CoreClient,
  formBody,
  InvalidRequestError,
  setupOAuth,
  Stream,
  streamReader,
  type ClientConfig,
  type OperationDescriptor,
} from '@sdkgen/runtime';
import { sendJson, startServer, type TestServer } from '../support/server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
  server.route('POST', '/search', (req, res) => sendJson(res, 200, { type: req.headers['content-type'], body: req.body.toString() }));
  server.route('GET', '/events', (_req, res) => {
    res.writeHead(200, { 'content-type': 'text/event-stream' });
    res.end('data: {"n":1}\n\ndata: {"n":2}\n\n');
  });
  server.route('POST', '/token', (_req, res) => sendJson(res, 200, { access_token: 'tok', token_type: 'Bearer', expires_in: 3600 }));
  server.route('GET', '/me', (req, res) => sendJson(res, 200, { auth: req.headers['authorization'] }));
});
afterAll(async () => {
  await server.close();
});

const form: OperationDescriptor = { id: 'search', method: 'POST', path: '/search', body: { mediaType: 'application/x-www-form-urlencoded', encoding: 'form' }, response: 'json' };
const events: OperationDescriptor = { id: 'events', method: 'GET', path: '/events', response: 'stream', stream: { mediaType: 'text/event-stream' } };
const oauthConfig = (base: string): ClientConfig => ({
  baseUrl: base,
  securitySchemes: {
    oauth: { type: 'bearer', option: 'accessToken', oauth2: { clientCredentials: { tokenUrl: '/token' }, clientIdOption: 'clientId', clientSecretOption: 'clientSecret' } },
  },
});
const me: OperationDescriptor = { id: 'me', method: 'GET', path: '/me', response: 'json', security: [['oauth']] };

async function items(stream: unknown): Promise<unknown[]> {
  expect(stream).toBeInstanceOf(Stream);
  const out: unknown[] = [];
  for await (const item of stream as Stream<unknown>) out.push(item);
  return out;
}

describe('CoreClient: parts from the descriptor and the config', () => {
  it('encodes a form body with the encoder the descriptor names', async () => {
    const client = new CoreClient({ maxRetries: 0 }, { baseUrl: server.url });
    const sent = await client.request<{ type: string; body: string }>({ ...form, body: { ...form.body!, encode: formBody } }, [], { q: 'a b', n: 2 });
    expect(sent).toEqual({ type: 'application/x-www-form-urlencoded', body: 'q=a+b&n=2' });
  });

  it('reads a stream with the reader the descriptor names', async () => {
    const client = new CoreClient({ maxRetries: 0 }, { baseUrl: server.url });
    expect(await items(await client.request({ ...events, stream: { ...events.stream!, reader: streamReader } }, [], undefined))).toEqual([{ n: 1 }, { n: 2 }]);
  });

  it('runs OAuth flows with the part the config names', async () => {
    const client = new CoreClient({ maxRetries: 0, clientId: 'id', clientSecret: 'secret' } as object, { ...oauthConfig(server.url), parts: { oauth: setupOAuth } });
    expect(await client.request(me, [], undefined)).toEqual({ auth: 'Bearer tok' });
  });

  it('says which part is missing instead of sending a body it cannot encode or reading a stream as JSON', async () => {
    const client = new CoreClient({ maxRetries: 0 }, { baseUrl: server.url });
    const before = server.requests.length;
    await expect(client.request(form, [], { q: 'x' })).rejects.toThrow(new InvalidRequestError('No encoder for a form body (descriptor body.encode or config parts.encodeBody)'));
    await expect(client.request(form, [], { q: 'x' })).rejects.toBeInstanceOf(InvalidRequestError);
    await expect(client.request(events, [], undefined)).rejects.toThrow(/events answers with a stream but has no reader/);
    await expect(client.request(events, [], undefined)).rejects.toBeInstanceOf(InvalidRequestError);
    expect(() => new CoreClient({}, oauthConfig(server.url))).toThrow(/Security scheme "oauth" has OAuth 2 flows but the config has no parts.oauth/);
    expect(server.requests.length).toBe(before);
  });
});

describe('BaseClient: every part, for descriptors and configs written by hand', () => {
  it('encodes forms, reads streams and runs OAuth flows without being handed parts', async () => {
    const client = new BaseClient({ maxRetries: 0, clientId: 'id', clientSecret: 'secret' } as object, oauthConfig(server.url));
    expect(await client.request(form, [], { q: 'x' })).toEqual({ type: 'application/x-www-form-urlencoded', body: 'q=x' });
    expect(await items(await client.request(events, [], undefined))).toEqual([{ n: 1 }, { n: 2 }]);
    expect(await client.request(me, [], undefined)).toEqual({ auth: 'Bearer tok' });
  });
});
