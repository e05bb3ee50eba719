/**
 * OpenAPI 3.2 documents, one fixture per feature (test/fixtures/oas32): each generates, the SDKs
 * type-check together (tsc, strict NodeNext), and each runs against a loopback server: QUERY and
 * additionalOperations methods on the wire, `in: querystring`, nested tags as nested namespaces,
 * `$self`, the OAuth2 device flow and `oauth2MetadataUrl` passed through, `itemSchema` kept.
 * @see https://spec.openapis.org/oas/v3.2.0
 */
import { execFile } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generate, type GenerateResult } from '../../generator/src/generate.js';
import { loadSpec, type LoadedSpec } from '../../generator/src/load/index.js';
import { getAt } from '../../generator/src/load/pointer.js';
import { pascalCase } from '../../generator/src/naming.js';
import { sendJson, startServer, type TestServer } from '../support/server.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const fixtures = join(root, 'test/fixtures/oas32');
const outDir = join(root, 'test/.tmp/oas32-generated');
const names = readdirSync(fixtures).filter((f) => f.endsWith('.yaml')).map((f) => f.replace(/\.yaml$/, '')).sort();

type Method = (...args: unknown[]) => Promise<unknown>;
type Client = Record<string, Record<string, Method> & Record<string, Record<string, Method> & Record<string, Record<string, Method>>>> & { close(): Promise<void> };

const loaded = new Map<string, LoadedSpec>();
const results = new Map<string, GenerateResult>();
let server: TestServer;

async function client(name: string, options: Record<string, unknown> = {}): Promise<Client> {
  const mod = (await import(pathToFileURL(join(outDir, name, 'index.ts')).href)) as Record<string, unknown>;
  const title = (loaded.get(name)!.document.info as { title: string }).title;
  const Ctor = mod[pascalCase(title)] as new (o: object) => Client;
  return new Ctor({ baseUrl: `${server.url}/v1`, maxRetries: 0, ...options });
}

beforeAll(async () => {
  rmSync(outDir, { recursive: true, force: true });
  for (const name of names) {
    const spec = await loadSpec(join(fixtures, `${name}.yaml`), { read: (uri) => readFile(uri, 'utf8') });
    loaded.set(name, spec);
    const result = await generate(spec, { checkSources: true });
    results.set(name, result);
    for (const f of result.files) {
      mkdirSync(dirname(join(outDir, name, f.path)), { recursive: true });
      writeFileSync(join(outDir, name, f.path), f.contents);
    }
  }
  writeFileSync(join(outDir, 'tsconfig.json'), JSON.stringify({ extends: '../../generated/tsconfig.nodenext.json', include: ['*/**/*.ts'], exclude: ['*/mocks*.ts'] }));
  server = await startServer();
  server.fallback((req, res) => sendJson(res, 200, { method: req.method, url: req.url }));
});

afterAll(async () => {
  await server?.close();
});

describe('OpenAPI 3.2', () => {
  it('every fixture generates without errors or warnings about its 3.2 features', () => {
    expect(names).toEqual(['additional-operations', 'item-schema', 'nested-tags', 'oauth2-device', 'query-method', 'querystring', 'self']);
    // Where openapi-typescript 7 cannot type a 3.2 construct, one warning says how the types bridge it.
    const bridged = new Set(['additional-operations', 'query-method', 'querystring']);
    for (const name of names) {
      const codes = results.get(name)?.diagnostics.map((d) => `${d.severity} ${d.code}`);
      expect(codes, name).toEqual(bridged.has(name) ? ['warning SDKGEN_OAS32_TYPES_BRIDGED'] : []);
    }
  });

  it('the SDKs type-check (tsc, strict NodeNext)', async () => {
    const tsc = join(root, 'node_modules/typescript/bin/tsc');
    const run = await promisify(execFile)(process.execPath, [tsc, '-p', join(outDir, 'tsconfig.json')], { cwd: root }).then(
      () => ({ code: 0, out: '' }),
      (e: { code?: number; stdout?: string }) => ({ code: e.code ?? 1, out: e.stdout ?? '' }),
    );
    expect(run.out).toBe('');
    expect(run.code).toBe(0);
  }, 120_000);

  it('QUERY: sent as QUERY with its JSON body, typed from the operation', async () => {
    server.route('QUERY', '/v1/search', (req, res) => sendJson(res, 200, { hits: [JSON.parse(req.body.toString()).text] }));
    const c = await client('query-method');
    try {
      expect(await c.search!.search!({ text: 'red', limit: 2 })).toEqual({ hits: ['red'] });
      const req = server.requests.at(-1)!;
      expect([req.method, req.url, req.headers['content-type'], req.body.toString()]).toEqual(['QUERY', '/v1/search', 'application/json', '{"text":"red","limit":2}']);
      expect(await c.search!.list!()).toEqual({ method: 'GET', url: '/v1/search' });
    } finally {
      await c.close();
    }
    expect(results.get('query-method')?.files.find((f) => f.path === 'resources/search.ts')?.contents).toContain(`paths['QUERY /search']['get']`);
  });

  it('additionalOperations: COPY sent as written, with its header parameter', async () => {
    server.route('COPY', '/v1/files/a.txt', (req, res) => sendJson(res, 201, { copied: String(req.headers.destination) }));
    const c = await client('additional-operations');
    try {
      expect(await c.files!.copy!('a.txt', { Destination: '/b.txt' })).toEqual({ copied: '/b.txt' });
      expect(server.requests.at(-1)!.method).toBe('COPY');
    } finally {
      await c.close();
    }
  });

  it('in: querystring: the whole query string from one value (form or JSON)', async () => {
    const c = await client('querystring');
    try {
      await c.items!.list!({ filter: { color: 'dark red', sizes: [1, 2] } });
      expect(server.requests.at(-1)!.url).toBe('/v1/items?color=dark%20red&sizes=1&sizes=2');
      await c.items!.lookup!({ selector: { id: 'x/1' } });
      expect(server.requests.at(-1)!.url).toBe('/v1/lookup?%7B%22id%22%3A%22x%2F1%22%7D');
    } finally {
      await c.close();
    }
  });

  it('nested tags: client.projects.members.roles.list()', async () => {
    const c = await client('nested-tags');
    try {
      expect(Object.keys(c).filter((k) => ['projects', 'members', 'roles'].includes(k))).toEqual(['projects']);
      expect(await c.projects!.members!.list!('p1')).toEqual({ method: 'GET', url: '/v1/projects/p1/members' });
      const roles = (c.projects!.members! as unknown as Record<string, Record<string, Method>>).roles!;
      expect(await roles.list!('p1', 'm 1')).toEqual({ method: 'GET', url: '/v1/projects/p1/members/m%201/roles' });
      expect(await c.projects!.list!()).toEqual({ method: 'GET', url: '/v1/projects' });
    } finally {
      await c.close();
    }
    expect(results.get('nested-tags')?.files.find((f) => f.path === 'README.md')?.contents).toContain('client.projects.members.roles.list(');
  });

  it('$self: passed through, the document still loads and runs', async () => {
    expect(loaded.get('self')?.document.$self).toBe('https://api.example.com/openapi/self.yaml');
    const c = await client('self');
    try {
      expect(await c.health!.ping!()).toEqual({ method: 'GET', url: '/v1/ping' });
    } finally {
      await c.close();
    }
  });

  it('OAuth2 device flow and oauth2MetadataUrl: passed through; the token goes out as a bearer token', async () => {
    const doc = loaded.get('oauth2-device')!.document;
    expect(getAt(doc, ['components', 'securitySchemes', 'oauth', 'oauth2MetadataUrl'])).toBe('https://auth.example.com/.well-known/oauth-authorization-server');
    expect(getAt(doc, ['components', 'securitySchemes', 'oauth', 'flows', 'deviceAuthorization', 'deviceAuthorizationUrl'])).toBe('https://auth.example.com/device');
    const c = await client('oauth2-device', { accessToken: 'dev-token' });
    try {
      await c.me!.get!();
      expect(server.requests.at(-1)!.headers.authorization).toBe('Bearer dev-token');
    } finally {
      await c.close();
    }
  });

  it('itemSchema: kept untouched for the streams emitter; the request asks for the sequential media type', async () => {
    const media = getAt(loaded.get('item-schema')!.document, ['paths', '/events', 'get', 'responses', '200', 'content', 'application/jsonl']);
    expect(media).toEqual({ itemSchema: { type: 'object', properties: { id: { type: 'string' }, kind: { type: 'string' } }, required: ['id', 'kind'] } });
    server.route('GET', '/v1/events', (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/jsonl' }).end('{"id":"1","kind":"a"}\n');
    });
    const c = await client('item-schema');
    try {
      await c.events!.list!();
      expect(server.requests.at(-1)!.headers.accept).toBe('application/jsonl');
    } finally {
      await c.close();
    }
  });
});
