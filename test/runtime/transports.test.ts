import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  AbortError,
  ApiError,
  AuthenticationError,
  BaseClient,
  ConnectionError,
  InternalServerError,
  InvalidResponseError,
  MAX_ERROR_BODY_BYTES,
  NotFoundError,
  RedirectError,
  TimeoutError,
  UndiciTransport,
  type ClientOptions,
  type OperationDescriptor,
  type SecuritySchemeSpec,
} from '@sdkgen/runtime';
import { sendJson, startServer, type RecordedRequest, type TestServer } from '../support/server.js';

/** What the echo route reports back about the request it received. */
interface Echo {
  method: string;
  url: string;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  bodyBase64: string;
}

function echo(req: RecordedRequest, res: import('node:http').ServerResponse): void {
  sendJson(res, 200, {
    method: req.method,
    url: req.url,
    headers: req.headers,
    body: req.body.toString('utf8'),
    bodyBase64: req.body.toString('base64'),
  } satisfies Echo);
}

const schemes: Record<string, SecuritySchemeSpec> = {
  bearer: { type: 'bearer', option: 'bearerToken' },
  basic: { type: 'basic', usernameOption: 'username', passwordOption: 'password' },
  headerKey: { type: 'apiKey', in: 'header', name: 'X-Api-Key', option: 'apiKey' },
  queryKey: { type: 'apiKey', in: 'query', name: 'api_key', option: 'apiKey' },
  cookieKey: { type: 'apiKey', in: 'cookie', name: 'key', option: 'apiKey' },
  oauth: { type: 'bearer', option: 'accessToken' },
};

const getPet: OperationDescriptor = {
  id: 'getPet',
  method: 'GET',
  path: '/pets/{petId}',
  pathParams: [{ name: 'petId' }],
  query: [{ name: 'limit' }, { name: 'tags', explode: false }, { name: 'filter', style: 'deepObject', explode: true }],
  headers: [{ name: 'X-Trace' }],
  cookies: [{ name: 'session' }],
  response: 'json',
};
const createPet: OperationDescriptor = {
  id: 'createPet',
  method: 'POST',
  path: '/pets',
  query: [{ name: 'dryRun' }],
  headers: [{ name: 'X-Trace' }],
  body: { mediaType: 'application/json', encoding: 'json' },
};
const batch: OperationDescriptor = {
  id: 'batch',
  method: 'POST',
  path: '/pets/{id}/batch',
  pathParams: [{ name: 'id' }],
  query: [{ name: 'name', group: 'query' }],
  body: { mediaType: 'application/json', encoding: 'json', group: 'body' },
};
const post = (path: string, body: OperationDescriptor['body'], extra: Partial<OperationDescriptor> = {}): OperationDescriptor => ({
  id: path,
  method: 'POST',
  path,
  ...(body ? { body } : {}),
  ...extra,
});
const get = (path: string, extra: Partial<OperationDescriptor> = {}): OperationDescriptor => ({ id: path, method: 'GET', path, ...extra });

const transports = [
  { transport: 'undici', pooled: true },
  { transport: 'fetch', pooled: false },
  { transport: 'auto', pooled: true },
] as const;

describe.each(transports)('transport $transport', ({ transport, pooled }) => {
  let server: TestServer;
  const clients: BaseClient[] = [];
  function client(options: ClientOptions & Record<string, unknown> = {}): BaseClient {
    // No retries: these tests pin down single exchanges; the retry layer has its own tests.
    const c = new BaseClient({ baseUrl: `${server.url}/v1/`, transport, maxRetries: 0, ...options }, { securitySchemes: schemes });
    clients.push(c);
    return c;
  }

  beforeAll(async () => {
    server = await startServer();
  });
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((c) => c.close()));
    server.reset();
    server.fallback(echo);
  });
  afterAll(async () => {
    await server.close();
  });

  it('GET with path, query, header and cookie params', async () => {
    server.fallback(echo);
    const data = await client().request<Echo>(getPet, ['a/b'], {
      limit: 5,
      tags: ['x', 'y'],
      filter: { kind: 'dog' },
      'X-Trace': 't-1',
      session: 's 1',
      ignored: 'not a param',
    });
    expect(data.method).toBe('GET');
    expect(data.url).toBe('/v1/pets/a%2Fb?limit=5&tags=x,y&filter%5Bkind%5D=dog');
    expect(data.headers['x-trace']).toBe('t-1');
    expect(data.headers['cookie']).toBe('session=s%201');
    expect(data.headers['accept']).toBe('application/json');
    expect(data.body).toBe('');
  });

  it('path params with ../ stay one segment', async () => {
    server.fallback(echo);
    const data = await client().request<Echo>(getPet, ['../admin'], {});
    expect(data.url).toBe('/v1/pets/..%2Fadmin');
  });

  it('POST JSON, flat layout: leftover keys are the body', async () => {
    server.fallback(echo);
    const data = await client().request<Echo>(createPet, [], { dryRun: true, 'X-Trace': 'tr', name: 'Rex', tags: ['a'], skip: undefined });
    expect(data.url).toBe('/v1/pets?dryRun=true');
    expect(data.headers['content-type']).toBe('application/json');
    expect(data.headers['x-trace']).toBe('tr');
    expect(JSON.parse(data.body)).toEqual({ name: 'Rex', tags: ['a'] });
  });

  it('POST JSON, grouped layout: params.body and params.query', async () => {
    server.fallback(echo);
    const data = await client().request<Echo>(batch, ['p1'], { query: { name: 'n 1' }, body: [1, 2, 3] });
    expect(data.url).toBe('/v1/pets/p1/batch?name=n%201');
    expect(JSON.parse(data.body)).toEqual([1, 2, 3]);
  });

  it('form body arrives intact', async () => {
    server.fallback(echo);
    const op = post('/form', { mediaType: 'application/x-www-form-urlencoded', encoding: 'form' });
    const data = await client().request<Echo>(op, [], { a: 1, b: 'x y&z', c: [1, 2], d: undefined });
    expect(data.headers['content-type']).toBe('application/x-www-form-urlencoded');
    const form = new URLSearchParams(data.body);
    expect([...form]).toEqual([['a', '1'], ['b', 'x y&z'], ['c', '1'], ['c', '2']]);
  });

  it('multipart body arrives intact', async () => {
    server.fallback(echo);
    const op = post('/upload', { mediaType: 'multipart/form-data', encoding: 'multipart', group: 'body' });
    const bytes = new Uint8Array([0, 1, 2, 250, 255]);
    const data = await client().request<Echo>(op, [], {
      body: { name: 'Rex', file: new File(['hello'], 'hello.txt', { type: 'text/plain' }), raw: bytes, meta: { a: 1 } },
    });
    const contentType = String(data.headers['content-type']);
    expect(contentType).toMatch(/^multipart\/form-data; boundary=/);
    const form = await new Response(Buffer.from(data.bodyBase64, 'base64'), { headers: { 'content-type': contentType } }).formData();
    expect(form.get('name')).toBe('Rex');
    expect(form.get('meta')).toBe('{"a":1}');
    const file = form.get('file') as File;
    expect(file.name).toBe('hello.txt');
    expect(await file.text()).toBe('hello');
    expect(new Uint8Array(await (form.get('raw') as File).arrayBuffer())).toEqual(bytes);
  });

  const binaries = [
    { kind: 'Uint8Array', make: () => new Uint8Array([0, 1, 2, 255]) },
    { kind: 'ArrayBuffer', make: () => new Uint8Array([0, 1, 2, 255]).buffer },
    { kind: 'Blob', make: () => new Blob([new Uint8Array([0, 1, 2, 255])]) },
    {
      kind: 'ReadableStream',
      make: () =>
        new ReadableStream<Uint8Array>({
          start(c) {
            c.enqueue(new Uint8Array([0, 1]));
            c.enqueue(new Uint8Array([2, 255]));
            c.close();
          },
        }),
    },
  ];
  it.each(binaries)('binary body ($kind) arrives intact', async ({ make }) => {
    server.fallback(echo);
    const op = post('/bin', { mediaType: 'application/octet-stream', encoding: 'binary', group: 'body' });
    const data = await client().request<Echo>(op, [], { body: make() });
    expect(data.headers['content-type']).toBe('application/octet-stream');
    expect([...Buffer.from(data.bodyBase64, 'base64')]).toEqual([0, 1, 2, 255]);
  });

  it('text body is sent as is', async () => {
    server.fallback(echo);
    const op = post('/text', { mediaType: 'text/plain', encoding: 'text', group: 'body' });
    const data = await client().request<Echo>(op, [], { body: 'héllo\n' });
    expect(data.headers['content-type']).toBe('text/plain');
    expect(data.body).toBe('héllo\n');
  });

  it('text and binary responses', async () => {
    server.route('GET', '/v1/text', (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' }).end('plain ü');
    });
    server.route('GET', '/v1/bytes', (_req, res) => {
      res.writeHead(200, { 'content-type': 'image/png' }).end(Buffer.from([137, 80, 78, 71, 0, 255]));
    });
    const c = client();
    expect(await c.request(get('/text'), [], undefined)).toBe('plain ü');
    expect(await c.request(get('/text', { response: 'text' }), [], undefined)).toBe('plain ü');
    const blob = await c.request<Blob>(get('/bytes'), [], undefined);
    expect(blob).toBeInstanceOf(Blob);
    expect([...new Uint8Array(await blob.arrayBuffer())]).toEqual([137, 80, 78, 71, 0, 255]);
    const declared = await c.request<Blob>(get('/bytes', { response: 'binary' }), [], undefined);
    expect(declared.size).toBe(6);
  });

  it('JSON with a +json media type is parsed; 204 gives undefined', async () => {
    server.route('GET', '/v1/hal', (_req, res) => void res.writeHead(200, { 'content-type': 'application/hal+json' }).end('{"a":1}'));
    server.route('DELETE', '/v1/pets/p1', (_req, res) => void res.writeHead(204).end());
    const c = client();
    expect(await c.request(get('/hal'), [], undefined)).toEqual({ a: 1 });
    const del: OperationDescriptor = { id: 'del', method: 'DELETE', path: '/pets/{id}', pathParams: [{ name: 'id' }] };
    const { data, response } = await c.request(del, ['p1'], undefined).withResponse();
    expect(data).toBeUndefined();
    expect(response.status).toBe(204);
  });

  const auths: { name: string; security: string[][]; options: Record<string, unknown>; check: (d: Echo) => void }[] = [
    { name: 'bearer', security: [['bearer']], options: { bearerToken: 'tok' }, check: (d) => expect(d.headers['authorization']).toBe('Bearer tok') },
    {
      name: 'basic',
      security: [['basic']],
      options: { username: 'u', password: 'p:w' },
      check: (d) => expect(d.headers['authorization']).toBe(`Basic ${Buffer.from('u:p:w').toString('base64')}`),
    },
    { name: 'apiKey header', security: [['headerKey']], options: { apiKey: 'k' }, check: (d) => expect(d.headers['x-api-key']).toBe('k') },
    { name: 'apiKey query', security: [['queryKey']], options: { apiKey: 'k&1' }, check: (d) => expect(d.url).toBe('/v1/auth?api_key=k%261') },
    { name: 'apiKey cookie', security: [['cookieKey']], options: { apiKey: 'k1' }, check: (d) => expect(d.headers['cookie']).toBe('key=k1') },
    {
      name: 'async accessToken',
      security: [['oauth']],
      options: { accessToken: async () => 'fresh' },
      check: (d) => expect(d.headers['authorization']).toBe('Bearer fresh'),
    },
    { name: 'no credentials', security: [['bearer']], options: {}, check: (d) => expect(d.headers['authorization']).toBeUndefined() },
  ];
  it.each(auths)('auth: $name', async ({ security, options, check }) => {
    server.fallback(echo);
    check(await client(options).request<Echo>(get('/auth', { security }), [], undefined));
  });

  it('default headers and per-request headers (null removes)', async () => {
    server.fallback(echo);
    const c = client({ defaultHeaders: { 'X-Default': 'd', 'X-Gone': 'g' }, bearerToken: 't' });
    const data = await c.request<Echo>(get('/h', { security: [['bearer']] }), [], undefined, {
      headers: { 'X-Extra': 'e', 'x-gone': null, Authorization: undefined },
      ifMatch: '"v7"',
      idempotencyKey: 'order-42',
    });
    expect(data.headers['x-default']).toBe('d');
    expect(data.headers['x-extra']).toBe('e');
    expect(data.headers['x-gone']).toBeUndefined();
    expect(data.headers['authorization']).toBeUndefined();
    expect(data.headers['if-match']).toBe('"v7"');
    expect(data.headers['idempotency-key']).toBe('order-42');
  });

  it('a non-2xx JSON response becomes a typed ApiError with body and requestId', async () => {
    server.route('GET', '/v1/pets/missing', (_req, res) =>
      sendJson(res, 404, { title: 'No such pet' }, { 'x-request-id': 'req_123' }),
    );
    const error = await client()
      .request(getPet, ['missing'], {})
      .then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(NotFoundError);
    const apiError = error as NotFoundError;
    expect(apiError.status).toBe(404);
    expect(apiError.body).toEqual({ title: 'No such pet' });
    expect(apiError.requestId).toBe('req_123');
    expect(apiError.headers.get('content-type')).toBe('application/json');
    expect(apiError.message).toBe('GET /v1/pets/missing failed with status 404: No such pet');
  });

  it('a 401 becomes AuthenticationError', async () => {
    server.route('GET', '/v1/me', (_req, res) => sendJson(res, 401, { message: 'bad key' }));
    await expect(client().request(get('/me'), [], undefined)).rejects.toBeInstanceOf(AuthenticationError);
  });

  it('a 5xx HTML page becomes InternalServerError with the text body', async () => {
    server.route('GET', '/v1/html', (_req, res) => void res.writeHead(502, { 'content-type': 'text/html' }).end('<h1>Bad gateway</h1>'));
    const error = (await client().request(get('/html'), [], undefined).catch((e: unknown) => e)) as ApiError;
    expect(error).toBeInstanceOf(InternalServerError);
    expect(error.status).toBe(502);
    expect(error.body).toBe('<h1>Bad gateway</h1>');
  });

  it('truncated JSON in an error stays text', async () => {
    server.route('GET', '/v1/trunc', (_req, res) => void res.writeHead(500, { 'content-type': 'application/json' }).end('{"error":'));
    const error = (await client().request(get('/trunc'), [], undefined).catch((e: unknown) => e)) as ApiError;
    expect(error).toBeInstanceOf(InternalServerError);
    expect(error.body).toBe('{"error":');
    expect(error.rawBody).toBe('{"error":');
  });

  it('an enormous error body is bounded', async () => {
    const chunk = Buffer.alloc(64 * 1024, 'x');
    const chunks = (4 * MAX_ERROR_BODY_BYTES) / chunk.length;
    server.route('GET', '/v1/huge', (_req, res) => {
      res.writeHead(500, { 'content-type': 'text/plain' });
      let sent = 0;
      const write = (): void => {
        while (sent < chunks) {
          sent++;
          if (!res.write(chunk)) return void res.once('drain', write);
        }
        res.end();
      };
      res.on('error', () => undefined);
      write();
    });
    const error = (await client().request(get('/huge'), [], undefined).catch((e: unknown) => e)) as ApiError;
    expect(error).toBeInstanceOf(InternalServerError);
    expect(error.rawBody.length).toBe(MAX_ERROR_BODY_BYTES);
  });

  it('invalid JSON in a 2xx throws InvalidResponseError with the raw text', async () => {
    server.route('GET', '/v1/bad', (_req, res) => void res.writeHead(200, { 'content-type': 'application/json' }).end('{nope'));
    const error = (await client().request(get('/bad'), [], undefined).catch((e: unknown) => e)) as InvalidResponseError;
    expect(error).toBeInstanceOf(InvalidResponseError);
    expect(error.rawBody).toBe('{nope');
    expect(error.status).toBe(200);
  });

  it('a closed port gives ConnectionError', async () => {
    const gone = await startServer();
    await gone.close();
    const c = new BaseClient({ baseUrl: gone.url, transport, maxRetries: 0 }, {});
    clients.push(c);
    await expect(c.request(get('/x'), [], undefined)).rejects.toBeInstanceOf(ConnectionError);
  });

  it('a socket destroyed mid-request gives ConnectionError', async () => {
    server.route('GET', '/v1/drop', (_req, res) => void res.socket?.destroy());
    await expect(client().request(get('/drop'), [], undefined)).rejects.toBeInstanceOf(ConnectionError);
  });

  it('a slow server gives TimeoutError, and the client still works afterwards', async () => {
    server.route('GET', '/v1/slow', () => undefined);
    const c = client({ timeout: 10_000 });
    const error = await c.request(get('/slow'), [], undefined, { timeout: 100 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error).not.toBeInstanceOf(AbortError);
    server.fallback(echo);
    expect((await c.request<Echo>(get('/after'), [], undefined)).url).toBe('/v1/after');
  });

  it('the timeout covers a body that stalls after the headers', async () => {
    server.route('GET', '/v1/stall', (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"a":');
    });
    await expect(client({ timeout: 1000 }).request(get('/stall'), [], undefined)).rejects.toBeInstanceOf(TimeoutError);
  });

  it.each([{ timeout: 0 }, { timeout: Infinity }, { timeout: 2 ** 40 }])('timeout $timeout means no limit', async ({ timeout }) => {
    server.route('GET', '/v1/later', (req, res) => void setTimeout(() => echo(req, res), 50));
    expect((await client({ timeout }).request<Echo>(get('/later'), [], undefined)).url).toBe('/v1/later');
  });

  it('a pre-aborted signal gives AbortError without sending', async () => {
    server.fallback(echo);
    const controller = new AbortController();
    controller.abort();
    await expect(client().request(get('/never'), [], undefined, { signal: controller.signal })).rejects.toBeInstanceOf(AbortError);
    expect(server.requests).toHaveLength(0);
  });

  it('aborting mid-flight gives AbortError', async () => {
    let arrived!: () => void;
    const received = new Promise<void>((resolve) => (arrived = resolve));
    server.route('GET', '/v1/hang', () => arrived());
    const controller = new AbortController();
    const pending = client().request(get('/hang'), [], undefined, { signal: controller.signal });
    await received;
    controller.abort();
    const error = await pending.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AbortError);
    expect(error).not.toBeInstanceOf(TimeoutError);
  });

  it('a large 2xx body arriving in many chunks is read whole', async () => {
    const items = Array.from({ length: 40_000 }, (_, i) => ({ id: i, name: `pet-${i}-ü` }));
    server.route('GET', '/v1/big', (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      const text = JSON.stringify(items);
      // Several writes, split mid-character, so the body crosses many chunks.
      for (let i = 0; i < text.length; i += 7_777) res.write(text.slice(i, i + 7_777));
      res.end();
    });
    expect(await client().request(get('/big', { response: 'json' }), [], undefined)).toEqual(items);
  });

  it('a UTF-8 byte-order mark before JSON is dropped, as Response.text() does', async () => {
    server.route('GET', '/v1/bom', (_req, res) => void res.writeHead(200, { 'content-type': 'application/json' }).end(Buffer.from('\ufeff{"ok":true}', 'utf8')));
    expect(await client().request(get('/bom'), [], undefined)).toEqual({ ok: true });
  });

  it('an informational 103 before the response is skipped', async () => {
    server.route('GET', '/v1/hints', (_req, res) => {
      res.writeEarlyHints({ link: '</style.css>; rel=preload; as=style' });
      sendJson(res, 200, { ok: true });
    });
    expect(await client().request(get('/hints'), [], undefined)).toEqual({ ok: true });
  });

  it('a large body nobody reads (empty response kind) does not hold the call, and the client goes on', async () => {
    server.route('GET', '/v1/ignored', (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/octet-stream' });
      res.on('error', () => undefined);
      res.end(Buffer.alloc(2 * 1024 * 1024, 1));
    });
    const c = client();
    expect(await c.request(get('/ignored', { response: 'empty' }), [], undefined)).toBeUndefined();
    server.fallback(echo);
    expect((await c.request<Echo>(get('/next'), [], undefined)).url).toBe('/v1/next');
  });

  it('a binary body keeps its media type as a Blob', async () => {
    server.route('GET', '/v1/png', (_req, res) => void res.writeHead(200, { 'content-type': 'image/png' }).end(Buffer.from([0x89, 0x50, 0x4e, 0x47])));
    const blob = await client().request<Blob>(get('/png', { response: 'binary' }), [], undefined);
    expect(blob.type).toBe('image/png');
    expect([...new Uint8Array(await blob.arrayBuffer())]).toEqual([0x89, 0x50, 0x4e, 0x47]);
  });

  describe('redirects (followed as fetch follows them)', () => {
    beforeEach(() => server.fallback(echo));
    const redirect = (status: number, location: string) => (_req: RecordedRequest, res: import('node:http').ServerResponse) =>
      void res.writeHead(status, { location }).end('moved');

    it.each([301, 302, 307, 308])('a %i redirect of a GET is followed, and response.url is the final URL', async (status) => {
      server.route('GET', '/v1/old', redirect(status, '/v1/new?x=1'));
      const { data, response } = await client().request<Echo>(get('/old'), [], undefined).withResponse();
      expect(data.url).toBe('/v1/new?x=1');
      expect(response.url).toBe(`${server.url}/v1/new?x=1`);
    });

    it.each([
      { status: 303, method: 'GET', body: '' },
      { status: 302, method: 'GET', body: '' },
      { status: 301, method: 'GET', body: '' },
      { status: 307, method: 'POST', body: '{"name":"Rex"}' },
      { status: 308, method: 'POST', body: '{"name":"Rex"}' },
    ])('a $status after a POST continues as $method', async ({ status, method, body }) => {
      server.route('POST', '/v1/pets', redirect(status, '/v1/landing'));
      const echoed = await client().request<Echo>(createPet, [], { name: 'Rex' });
      expect(echoed.method).toBe(method);
      expect(echoed.url).toBe('/v1/landing');
      expect(echoed.body).toBe(body);
      if (method === 'GET') expect(echoed.headers['content-type']).toBeUndefined();
    });

    it('a redirect to another origin drops Authorization and Cookie; one within the origin keeps them', async () => {
      const other = await startServer();
      try {
        other.fallback(echo);
        const op = get('/away', { security: [['bearer']], cookies: [{ name: 'session' }], headers: [{ name: 'X-Trace' }] });
        server.route('GET', '/v1/away', redirect(302, `${other.url}/elsewhere`));
        const away = await client({ bearerToken: 'tok' }).request<Echo>(op, [], { session: 's1', 'X-Trace': 't1' });
        expect(away.url).toBe('/elsewhere');
        expect(away.headers['authorization']).toBeUndefined();
        expect(away.headers['cookie']).toBeUndefined();
        expect(away.headers['x-trace']).toBe('t1');

        server.route('GET', '/v1/near', redirect(302, '/v1/here'));
        const near = await client({ bearerToken: 'tok' }).request<Echo>({ ...op, path: '/near' }, [], { session: 's1' });
        expect(near.url).toBe('/v1/here');
        expect(near.headers['authorization']).toBe('Bearer tok');
        expect(near.headers['cookie']).toBe('session=s1');
      } finally {
        await other.close();
      }
    });

    it('a redirect loop fails with RedirectError after a bounded number of hops, never retried', async () => {
      server.route('GET', '/v1/loop', redirect(302, '/v1/loop'));
      // Retries allowed: a loop is not a network failure, so the call still makes one attempt.
      await expect(client({ maxRetries: 2 }).request(get('/loop'), [], undefined)).rejects.toBeInstanceOf(RedirectError);
      // fetch's limit is 20 redirects: the first request plus 20 hops.
      expect(server.requests.filter((r) => r.url === '/v1/loop')).toHaveLength(21);
    });

    it('a 3xx without Location is the response itself (an ApiError)', async () => {
      server.route('GET', '/v1/choices', (_req, res) => void res.writeHead(300, { 'content-type': 'text/plain' }).end('pick one'));
      const error = (await client().request(get('/choices'), [], undefined).catch((e: unknown) => e)) as ApiError;
      expect(error).toBeInstanceOf(ApiError);
      expect(error.status).toBe(300);
    });
  });

  it('withResponse exposes status, headers and url', async () => {
    server.route('GET', '/v1/pets/p1', (_req, res) => sendJson(res, 201, { id: 'p1' }, { etag: '"v1"', 'x-multi': 'a' }));
    const { data, response } = await client().request<{ id: string }>(getPet, ['p1'], { limit: 1 }).withResponse();
    expect(data).toEqual({ id: 'p1' });
    expect(response.status).toBe(201);
    expect(response.headers).toBeInstanceOf(Headers);
    expect(response.headers.get('etag')).toBe('"v1"');
    expect(response.url).toBe(`${server.url}/v1/pets/p1?limit=1`);
  });

  it('close() releases pooled connections', async () => {
    server.fallback(echo);
    const c = client();
    await c.request(get('/a'), [], undefined);
    await c.close();
    if (pooled) {
      await expect(c.request(get('/b'), [], undefined)).rejects.toBeInstanceOf(ConnectionError);
    } else {
      // fetch uses the runtime's global pool, which the client does not own.
      expect((await c.request<Echo>(get('/b'), [], undefined)).url).toBe('/v1/b');
    }
  });
});

describe('undici transport: requests queued in the pool', () => {
  it('a request aborted while it waits for a connection fails at once and is never sent', async () => {
    const server = await startServer();
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    server.route('GET', '/hold', async (req, res) => {
      await held;
      echo(req, res);
    });
    server.fallback(echo);
    // One connection: the second request queues behind the first.
    const c = new BaseClient({ baseUrl: server.url, transport: new UndiciTransport({ connections: 1 }), maxRetries: 0 }, {});
    try {
      const first = c.request<Echo>(get('/hold'), [], undefined);
      const controller = new AbortController();
      const queued = c.request(get('/queued'), [], undefined, { signal: controller.signal });
      controller.abort();
      await expect(queued).rejects.toBeInstanceOf(AbortError);
      release();
      expect((await first).url).toBe('/hold');
      expect((await c.request<Echo>(get('/after'), [], undefined)).url).toBe('/after');
      expect(server.requests.map((r) => r.url)).toEqual(['/hold', '/after']);
    } finally {
      await c.close();
      await server.close();
    }
  });
});
