/**
 * Wire conformance: a generated SDK (test/fixtures/wire/wire.yaml, one operation per OpenAPI
 * serialization rule) calls a real loopback server over both transports, and every request is
 * compared with the exact bytes the OpenAPI rules give for it: path styles, query styles (content
 * and deepObject included), header and cookie parameters, every auth placement, JSON, vendor JSON,
 * form bodies with Encoding Objects, multipart parts with their content types, binary bodies, and
 * the Accept header each operation's success media types call for.
 * @see https://spec.openapis.org/oas/v3.1.0#style-examples
 * @see https://spec.openapis.org/oas/v3.1.0#encoding-object
 */
import { execFile } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generate } from '../../generator/src/generate.js';
import { loadSpec } from '../../generator/src/load/index.js';
import { sendJson, startServer, type RecordedRequest, type TestServer } from '../support/server.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const outDir = join(root, 'test/.tmp/wire-conformance');

type Call = (params?: unknown) => Promise<unknown>;
/** The generated client as this test drives it (tsc checks the real types). */
type WireClient = Record<'path' | 'query' | 'params' | 'auth' | 'bodies', Record<string, (...args: unknown[]) => Promise<unknown>>> & { close(): Promise<void> };
type WireCtor = new (options: Record<string, unknown>) => WireClient;

interface Want {
  /** Method and request target exactly as sent. */
  line: string;
  /** Headers that must be present with exactly these values. */
  headers?: Record<string, string>;
  /** Headers that must be absent. */
  absent?: string[];
  /** The body exactly (multipart: with `{b}` for the boundary the Content-Type names). */
  body?: string | Uint8Array;
  /** The decoded result. */
  result?: unknown;
}

interface Case {
  name: string;
  call: (c: WireClient) => Promise<unknown>;
  want: Want;
}

const basic = `Basic ${Buffer.from('ann:pa ss:w').toString('base64')}`;
const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x00, 0xff]);

const cases: Case[] = [
  // Path: one segment each, every value percent-encoded (RFC 6570 simple / label / matrix).
  { name: 'path simple array', call: (c) => c.path.simple!(['a b', 'c/d']), want: { line: 'GET /v1/path/simple/a%20b,c%2Fd' } },
  { name: 'path label exploded', call: (c) => c.path.label!(['a', 'b']), want: { line: 'GET /v1/path/label/.a.b' } },
  { name: 'path matrix object exploded', call: (c) => c.path.matrix!({ x: 1, y: 2 }), want: { line: 'GET /v1/path/matrix/;x=1;y=2' } },
  // Query: form (explode and not), delimited, deepObject, content (JSON text), allowReserved.
  {
    name: 'query form',
    call: (c) => c.query.form!({ tags: ['a', 'b'], ids: [1, 2], q: 'x y&z' }),
    want: { line: 'GET /v1/query/form?tags=a&tags=b&ids=1,2&q=x%20y%26z' },
  },
  { name: 'query delimited', call: (c) => c.query.delimited!({ space: ['a', 'b'], pipe: ['c', 'd'] }), want: { line: 'GET /v1/query/delimited?space=a%20b&pipe=c%7Cd' } },
  { name: 'query deepObject', call: (c) => c.query.deep!({ filter: { status: 'open', size: 2 } }), want: { line: 'GET /v1/query/deep?filter%5Bstatus%5D=open&filter%5Bsize%5D=2' } },
  {
    name: 'query content application/json',
    call: (c) => c.query.content!({ filter: { a: 'x', n: 2 } }),
    want: { line: 'GET /v1/query/content?filter=%7B%22a%22%3A%22x%22%2C%22n%22%3A2%7D' },
  },
  { name: 'query allowReserved', call: (c) => c.query.reserved!({ path: 'a/b?c', plain: 'a/b?c' }), want: { line: 'GET /v1/query/reserved?path=a/b?c&plain=a%2Fb%3Fc' } },
  // Header (simple) and cookie (form) parameters.
  {
    name: 'header params',
    call: (c) => c.params.header!({ 'X-Ids': [1, 2], 'X-Point': { x: 1, y: 2 }, 'X-Filter': { a: 'b' } }),
    want: { line: 'GET /v1/headers', headers: { 'x-ids': '1,2', 'x-point': 'x=1,y=2', 'x-filter': '{"a":"b"}' } },
  },
  { name: 'cookie params', call: (c) => c.params.cookie!({ theme: 'dark mode', ids: [1, 2] }), want: { line: 'GET /v1/cookies', headers: { cookie: 'theme=dark%20mode; ids=1,2' } } },
  // Every auth placement.
  { name: 'apiKey in header', call: (c) => c.auth.header!(), want: { line: 'GET /v1/auth/header', headers: { 'x-api-key': 'k-header' }, absent: ['authorization', 'cookie'] } },
  { name: 'apiKey in query', call: (c) => c.auth.query!({ page: 2 }), want: { line: 'GET /v1/auth/query?page=2&api_key=k%20query', absent: ['x-api-key'] } },
  { name: 'apiKey in cookie', call: (c) => c.auth.cookie!({ theme: 'x' }), want: { line: 'GET /v1/auth/cookie', headers: { cookie: 'theme=x; session=k-cookie' } } },
  { name: 'http bearer', call: (c) => c.auth.bearer!(), want: { line: 'GET /v1/auth/bearer', headers: { authorization: 'Bearer tok' } } },
  { name: 'http basic', call: (c) => c.auth.basic!(), want: { line: 'GET /v1/auth/basic', headers: { authorization: basic } } },
  { name: 'oauth2', call: (c) => c.auth.oauth!(), want: { line: 'GET /v1/auth/oauth', headers: { authorization: 'Bearer at' } } },
  // Bodies and Accept.
  {
    name: 'JSON body',
    call: (c) => c.bodies.json!({ name: 'n', tags: ['a'] }),
    want: { line: 'POST /v1/bodies/json', headers: { 'content-type': 'application/json', accept: 'application/json' }, body: '{"name":"n","tags":["a"]}', result: { ok: true } },
  },
  {
    name: 'vendor JSON body and result',
    call: (c) => c.bodies.vendor!({ data: { type: 'articles', attributes: { title: 'T' } } }),
    want: {
      line: 'POST /v1/bodies/vendor',
      headers: { 'content-type': 'application/vnd.api+json', accept: 'application/vnd.api+json' },
      body: '{"data":{"type":"articles","attributes":{"title":"T"}}}',
      result: { data: { id: '1' } },
    },
  },
  {
    name: 'HAL result',
    call: (c) => c.bodies.getHal!(),
    want: { line: 'GET /v1/bodies/hal', headers: { accept: 'application/hal+json, application/xml' }, result: { _links: { self: { href: '/x' } } } },
  },
  {
    name: 'form body with Encoding Objects',
    call: (c) =>
      c.bodies.form!({
        body: {
          amount: 100,
          note: 'a b',
          metadata: { key1: 'v', 'order id': '7' },
          expand: ['customer', 'invoice'],
          items: [{ price: 'p_1', quantity: 2 }],
          tags: ['x', 'y'],
          codes: ['a', 'b'],
          point: { x: 1, y: 2 },
          extra: { a: 1 },
        },
      }),
    want: {
      line: 'POST /v1/bodies/form',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body:
        'amount=100&note=a+b&metadata%5Bkey1%5D=v&metadata%5Border+id%5D=7&expand%5B0%5D=customer&expand%5B1%5D=invoice' +
        '&items%5B0%5D%5Bprice%5D=p_1&items%5B0%5D%5Bquantity%5D=2&tags=x&tags=y&codes=a%7Cb&x=1&y=2&extra=%7B%22a%22%3A1%7D',
    },
  },
  {
    name: 'multipart parts with their content types',
    call: (c) =>
      c.bodies.multipart!({
        body: { note: 'hi', count: 3, meta: { a: 1 }, file: new File(['abc'], 'a.txt', { type: 'text/plain' }), picture: new Blob([png]), tags: ['t1', 't2'], csv: 'a,b' },
      }),
    want: {
      line: 'POST /v1/bodies/multipart',
      body: [
        '--{b}\r\nContent-Disposition: form-data; name="note"\r\n\r\nhi\r\n',
        '--{b}\r\nContent-Disposition: form-data; name="count"\r\n\r\n3\r\n',
        '--{b}\r\nContent-Disposition: form-data; name="meta"\r\nContent-Type: application/json\r\n\r\n{"a":1}\r\n',
        '--{b}\r\nContent-Disposition: form-data; name="file"; filename="a.txt"\r\nContent-Type: text/plain\r\n\r\nabc\r\n',
        `--{b}\r\nContent-Disposition: form-data; name="picture"; filename="picture"\r\nContent-Type: image/png\r\n\r\n${Buffer.from(png).toString('latin1')}\r\n`,
        '--{b}\r\nContent-Disposition: form-data; name="tags"\r\n\r\nt1\r\n',
        '--{b}\r\nContent-Disposition: form-data; name="tags"\r\n\r\nt2\r\n',
        '--{b}\r\nContent-Disposition: form-data; name="csv"\r\nContent-Type: text/csv\r\n\r\na,b\r\n',
        '--{b}--\r\n',
      ].join(''),
    },
  },
  {
    name: 'binary body',
    call: (c) => c.bodies.binary!({ body: png }),
    want: { line: 'PUT /v1/bodies/binary', headers: { 'content-type': 'application/octet-stream' }, body: png },
  },
];

let server: TestServer;
let Wire: WireCtor;

beforeAll(async () => {
  const spec = await loadSpec(join(root, 'test/fixtures/wire/wire.yaml'), { read: (uri) => readFile(uri, 'utf8') });
  const result = await generate(spec, { checkSources: true });
  rmSync(outDir, { recursive: true, force: true });
  for (const f of result.files) {
    mkdirSync(dirname(join(outDir, 'sdk', f.path)), { recursive: true });
    writeFileSync(join(outDir, 'sdk', f.path), f.contents);
  }
  writeFileSync(join(outDir, 'tsconfig.json'), JSON.stringify({ extends: '../../generated/tsconfig.nodenext.json', include: ['sdk/**/*.ts'], exclude: ['sdk/mocks*.ts'] }));
  server = await startServer();
  server.fallback((req, res) => {
    if (req.url.startsWith('/v1/bodies/vendor')) {
      res.writeHead(201, { 'content-type': 'application/vnd.api+json' }).end('{"data":{"id":"1"}}');
    } else if (req.url.startsWith('/v1/bodies/hal')) {
      res.writeHead(200, { 'content-type': 'application/hal+json' }).end('{"_links":{"self":{"href":"/x"}}}');
    } else {
      sendJson(res, 200, { ok: true });
    }
  });
  ({ Wire } = (await import(pathToFileURL(join(outDir, 'sdk/index.ts')).href)) as { Wire: WireCtor });
});

afterAll(async () => {
  await server?.close();
});

function expectWire(req: RecordedRequest, want: Want): void {
  expect(`${req.method} ${req.url}`).toBe(want.line);
  for (const [name, value] of Object.entries(want.headers ?? {})) expect(req.headers[name], name).toBe(value);
  for (const name of want.absent ?? []) expect(req.headers[name], name).toBeUndefined();
  if (want.body === undefined) {
    expect(req.body.length).toBe(0);
  } else if (typeof want.body === 'string' && want.body.includes('{b}')) {
    const type = String(req.headers['content-type']);
    const boundary = /^multipart\/form-data; boundary=(\S+)$/.exec(type)?.[1];
    expect(boundary, type).toBeDefined();
    expect(req.body.toString('latin1')).toBe(want.body.replaceAll('{b}', boundary!));
  } else {
    expect(req.body).toEqual(Buffer.from(want.body));
  }
}

describe('wire conformance', () => {
  it('the SDK type-checks (tsc, strict NodeNext)', async () => {
    const tsc = join(root, 'node_modules/typescript/bin/tsc');
    const run = await promisify(execFile)(process.execPath, [tsc, '-p', join(outDir, 'tsconfig.json')], { cwd: root }).then(
      () => ({ code: 0, out: '' }),
      (e: { code?: number; stdout?: string }) => ({ code: e.code ?? 1, out: e.stdout ?? '' }),
    );
    expect(run.out).toBe('');
    expect(run.code).toBe(0);
  }, 120_000);

  for (const transport of ['undici', 'fetch'] as const) {
    describe(transport, () => {
      it.each(cases)('$name', async ({ call, want }) => {
        const client = new Wire({
          baseUrl: `${server.url}/v1`,
          transport,
          maxRetries: 0,
          cache: false,
          headerKey: 'k-header',
          queryKey: 'k query',
          cookieKey: 'k-cookie',
          bearerToken: 'tok',
          username: 'ann',
          password: 'pa ss:w',
          accessToken: 'at',
        });
        try {
          server.requests.length = 0;
          const result = await call(client);
          expect(server.requests).toHaveLength(1);
          expectWire(server.requests[0]!, want);
          if (want.result !== undefined) expect(result).toEqual(want.result);
        } finally {
          await client.close();
        }
      });
    });
  }
});
