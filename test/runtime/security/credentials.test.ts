/**
 * The credential rules, each stated once and run on both transports against real loopback servers:
 *
 * 1. A credential the runtime adds (API key in a header, the query or a cookie; bearer; basic) never
 *    reaches another origin through a redirect: 301, 302, 303, 307, 308, to another port, another
 *    host or another scheme. Within the origin it stays (so the rule is about origins, not redirects).
 * 2. Pagination never carries it to another origin: a next link there is refused, and a same-origin
 *    next link that redirects elsewhere loses it on the way.
 * 3. No log line and no error (message, `url`, stack, cause) ever shows it.
 */
import { readFileSync } from 'node:fs';
import { createServer as createHttpsServer, type Server as HttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  ApiError,
  ConnectionError,
  InvalidResponseError,
  PaginationError,
  RedirectError,
  TimeoutError,
  UndiciTransport,
  type ClientOptions,
  type Logger,
  type OperationDescriptor,
  type SecuritySchemeSpec,
} from '@sdkgen/runtime';
import { TestClient } from '../../support/reliability-client.js';
import { sendJson, startServer, type RecordedRequest, type RouteHandler, type TestServer } from '../../support/server.js';

const tlsDir = new URL('../../fixtures/tls/', import.meta.url);
const cert = readFileSync(new URL('localhost-cert.pem', tlsDir));
const key = readFileSync(new URL('localhost-key.pem', tlsDir));

const schemes: Record<string, SecuritySchemeSpec> = {
  headerKey: { type: 'apiKey', in: 'header', name: 'X-Api-Key', option: 'apiKey' },
  queryKey: { type: 'apiKey', in: 'query', name: 'api_key', option: 'queryKey' },
  cookieKey: { type: 'apiKey', in: 'cookie', name: 'sid', option: 'cookieKey' },
  bearer: { type: 'bearer', option: 'bearerToken' },
  basic: { type: 'basic', usernameOption: 'username', passwordOption: 'password' },
};

/** One kind of credential: the client option that sets it and the strings that must never leak. */
interface Kind {
  readonly name: string;
  readonly scheme: string;
  readonly options: Record<string, string>;
  readonly secrets: readonly string[];
}

const kinds: readonly Kind[] = [
  { name: 'API key in a header', scheme: 'headerKey', options: { apiKey: 'hk_SECRET_1' }, secrets: ['hk_SECRET_1'] },
  { name: 'API key in the query', scheme: 'queryKey', options: { queryKey: 'qk_SECRET_2' }, secrets: ['qk_SECRET_2'] },
  { name: 'API key in a cookie', scheme: 'cookieKey', options: { cookieKey: 'ck_SECRET_3' }, secrets: ['ck_SECRET_3'] },
  { name: 'bearer token', scheme: 'bearer', options: { bearerToken: 'bt_SECRET_4' }, secrets: ['bt_SECRET_4'] },
  {
    name: 'basic auth',
    scheme: 'basic',
    options: { username: 'user', password: 'pw_SECRET_5' },
    secrets: ['pw_SECRET_5', Buffer.from('user:pw_SECRET_5').toString('base64')],
  },
];

/** Everything of a request that reached a server: request line, every header as sent, body. */
function wire(req: RecordedRequest): string {
  return `${req.method} ${req.url}\n${req.rawHeaders.join('\n')}\n\n${req.body.toString('latin1')}`;
}

function leaked(text: string, kind: Kind): string[] {
  return kind.secrets.filter((s) => text.includes(s));
}

const op = (scheme: string, extra: Partial<OperationDescriptor> = {}): OperationDescriptor => ({
  id: 'getThing',
  method: 'GET',
  path: '/things',
  security: [[scheme]],
  response: 'json',
  ...extra,
});

const answered: RouteHandler = (req, res) => sendJson(res, 200, { at: req.url });

/** A TLS loopback server (the fixture certificate) recording what it receives. */
async function startTlsServer(): Promise<{ url: string; requests: RecordedRequest[]; close(): Promise<void> }> {
  const requests: RecordedRequest[] = [];
  const server: HttpsServer = createHttpsServer({ key, cert }, (req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      requests.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, rawHeaders: req.rawHeaders, body: Buffer.concat(chunks) });
      sendJson(res, 200, { at: req.url });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `https://127.0.0.1:${port}`,
    requests,
    close: () => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

const transports = ['undici', 'fetch'] as const;

describe.each(transports)('credentials on the %s transport', (transportName) => {
  let api: TestServer;
  /** Another port on the same host. */
  let otherPort: TestServer;
  /** Another host (loopback 127.0.0.2). */
  let otherHost: TestServer;
  let otherScheme: Awaited<ReturnType<typeof startTlsServer>>;
  const clients: TestClient[] = [];

  function client(kind: Kind, options: Partial<ClientOptions> = {}): TestClient {
    // The undici transport trusts the fixture certificate through its pool options; the fetch
    // transport (Node's global fetch) through NODE_TLS_REJECT_UNAUTHORIZED, set below.
    const transport = transportName === 'undici' ? new UndiciTransport({ connect: { ca: cert } }) : 'fetch';
    const c = new TestClient({ baseUrl: `${api.url}/v1`, transport, maxRetries: 0, ...kind.options, ...options }, { securitySchemes: schemes });
    clients.push(c);
    return c;
  }

  let tlsSetting: string | undefined;
  const emitWarning = process.emitWarning;
  beforeAll(async () => {
    [api, otherPort, otherHost, otherScheme] = await Promise.all([startServer(), startServer(), startServer('127.0.0.2'), startTlsServer()]);
    tlsSetting = process.env['NODE_TLS_REJECT_UNAUTHORIZED'];
    if (transportName === 'fetch') {
      process.env['NODE_TLS_REJECT_UNAUTHORIZED'] = '0';
      // Node warns once that the setting is insecure; here it is the point (a test-only certificate).
      process.emitWarning = ((warning: string | Error, ...rest: never[]) => {
        if (!String(warning).includes('NODE_TLS_REJECT_UNAUTHORIZED')) emitWarning.call(process, warning, ...rest);
      }) as typeof process.emitWarning;
    }
  });
  beforeEach(() => {
    for (const s of [api, otherPort, otherHost]) {
      s.reset();
      s.fallback(answered);
    }
    otherScheme.requests.length = 0;
  });
  afterAll(async () => {
    process.emitWarning = emitWarning;
    if (tlsSetting === undefined) delete process.env['NODE_TLS_REJECT_UNAUTHORIZED'];
    else process.env['NODE_TLS_REJECT_UNAUTHORIZED'] = tlsSetting;
    await Promise.all(clients.splice(0).map((c) => c.close()));
    await Promise.all([api.close(), otherPort.close(), otherHost.close(), otherScheme.close()]);
  });

  const targets = [
    { target: 'the same host on another port', url: () => otherPort.url, seen: () => otherPort.requests },
    { target: 'another host', url: () => otherHost.url, seen: () => otherHost.requests },
    { target: 'another scheme (https)', url: () => otherScheme.url, seen: () => otherScheme.requests },
  ];
  const cases = [301, 302, 303, 307, 308].flatMap((status) =>
    targets.flatMap((target) => kinds.map((kind) => ({ status, kind, ...target, name: `${status} to ${target.target}, ${kind.name}` }))),
  );

  describe('rule 1: a redirect to another origin never carries a credential', () => {
    it.each(cases)('$name', async ({ status, kind, url, seen }) => {
      // The Location echoes the whole request URL, query included, as an http -> https upgrade does.
      api.route('GET', '/v1/things', (req, res) => void res.writeHead(status, { location: url() + req.url }).end());
      const data = await client(kind).request<{ at: string }>(op(kind.scheme), [], undefined);
      expect(data.at).toBe('/v1/things');
      const arrived = seen();
      expect(arrived).toHaveLength(1);
      expect(leaked(wire(arrived[0]!), kind)).toEqual([]);
      // The credential did go to the API itself: the check above is not vacuous.
      expect(leaked(wire(api.requests[0]!), kind)).not.toEqual([]);
    });

    it.each(kinds)('a redirect within the origin keeps the $name', async (kind) => {
      api.route('GET', '/v1/things', (req, res) => void res.writeHead(302, { location: req.url.replace('/things', '/moved') }).end());
      await client(kind).request(op(kind.scheme), [], undefined);
      const moved = api.requests.find((r) => r.url.startsWith('/v1/moved'));
      expect(moved).toBeDefined();
      expect(leaked(wire(moved!), kind)).not.toEqual([]);
    });

    it('a POST redirected with 307 keeps its body but not its credentials', async () => {
      const kind = kinds[0]!;
      const create = op(kind.scheme, { method: 'POST', body: { mediaType: 'application/json', encoding: 'json' } });
      api.route('POST', '/v1/things', (_req, res) => void res.writeHead(307, { location: `${otherPort.url}/elsewhere` }).end());
      await client(kind).request(create, [], { name: 'Rex' });
      const [arrived] = otherPort.requests;
      expect(arrived?.method).toBe('POST');
      expect(arrived?.body.toString()).toBe('{"name":"Rex"}');
      expect(leaked(wire(arrived!), kind)).toEqual([]);
    });
  });

  describe('rule 2: pagination never carries a credential to another origin', () => {
    const list = (scheme: string): OperationDescriptor => op(scheme, { pagination: { style: 'link', items: '/data' } });

    it.each(kinds)('a next link to another origin is refused ($name)', async (kind) => {
      api.route('GET', '/v1/things', (_req, res) =>
        sendJson(res, 200, { data: [1] }, { link: `<${otherPort.url}/v1/things?page=2>; rel="next"` }),
      );
      const items: unknown[] = [];
      const error = await (async () => {
        for await (const item of client(kind).requestPage(list(kind.scheme), [], undefined)) items.push(item);
      })().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(PaginationError);
      expect(items).toEqual([1]);
      expect(otherPort.requests).toHaveLength(0);
      expect(leaked(String((error as Error).message), kind)).toEqual([]);
    });

    it.each(kinds)('a same-origin next link that redirects to another origin loses the $name', async (kind) => {
      api.route('GET', '/v1/things', (req, res) => {
        if (req.url.includes('page=2')) return void res.writeHead(302, { location: `${otherPort.url}${req.url}` }).end();
        sendJson(res, 200, { data: [1] }, { link: '</v1/things?page=2>; rel="next"' });
      });
      otherPort.fallback((_req, res) => sendJson(res, 200, { data: [2] }));
      const items: unknown[] = [];
      for await (const item of client(kind).requestPage(list(kind.scheme), [], undefined)) items.push(item);
      expect(items).toEqual([1, 2]);
      expect(otherPort.requests).toHaveLength(1);
      expect(leaked(wire(otherPort.requests[0]!), kind)).toEqual([]);
    });
  });

  describe('rule 3: no log line or error shows a credential', () => {
    /** Every string a caller could see of an error: message, stack, url, cause chain. */
    function visible(error: unknown): string {
      const parts: string[] = [];
      for (let e = error, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++) {
        parts.push(e.message, e.stack ?? '', String((e as { url?: unknown }).url ?? ''));
      }
      return parts.join('\n');
    }

    const failures: { name: string; route: RouteHandler | undefined; want: new (...args: never[]) => Error; options?: Partial<ClientOptions> }[] = [
      { name: 'an error status, after a retry', route: (_req, res) => sendJson(res, 503, { message: 'down' }), want: ApiError, options: { maxRetries: 1 } },
      {
        name: 'invalid JSON in a 2xx',
        route: (_req, res) => void res.writeHead(200, { 'content-type': 'application/json' }).end('{oops'),
        want: InvalidResponseError,
      },
      { name: 'a redirect loop', route: (req, res) => void res.writeHead(302, { location: req.url }).end(), want: RedirectError },
      { name: 'a timeout', route: () => undefined, want: TimeoutError, options: { timeout: 50 } },
      { name: 'a refused connection', route: undefined, want: ConnectionError },
    ];
    const logCases = failures.flatMap((f) => kinds.map((kind) => ({ ...f, kind, title: `${f.name}: ${kind.name}` })));

    it.each(logCases)('$title', async ({ route, want, options, kind }) => {
      const lines: string[] = [];
      const logger: Logger = { debug: (message, data) => void lines.push(`${message} ${JSON.stringify(data)}`) };
      let baseUrl = `${api.url}/v1`;
      if (route === undefined) {
        const closed = await startServer();
        baseUrl = `${closed.url}/v1`;
        await closed.close();
      } else {
        api.route('GET', '/v1/things', route);
      }
      const error = await client(kind, { baseUrl, logger, ...options })
        .request(op(kind.scheme), [], undefined)
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(want);
      expect(lines.length).toBeGreaterThan(0);
      expect(leaked(lines.join('\n'), kind)).toEqual([]);
      expect(leaked(visible(error), kind)).toEqual([]);
    });
  });
});
