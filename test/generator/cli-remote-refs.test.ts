/**
 * A spec read over the network may only `$ref` http(s) documents: never a local file, however it is
 * written (`file://` URL). Local specs may reference local files and URLs. Real CLI, real loopback
 * server, a real secret file on disk.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { sdkgen } from '../support/sdkgen-cli.js';
import { sendJson, startServer, type TestServer } from '../support/server.js';

vi.setConfig({ testTimeout: 240_000 });

let dir: string;
let server: TestServer;
let secretFile: string;
const SECRET_KEY = 'leaked_private_key_field';

function spec(schemas: Record<string, unknown>): Record<string, unknown> {
  return {
    openapi: '3.1.0',
    info: { title: 'Remote', version: '1' },
    servers: [{ url: 'https://api.remote.test' }],
    paths: {
      '/things': {
        get: { operationId: 'listThings', responses: { '200': { description: 'ok', content: { 'application/json': { schema: { $ref: '#/components/schemas/Thing' } } } } } },
      },
    },
    components: { schemas },
  };
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sdkgen-remote-refs-'));
  secretFile = join(dir, 'secret.json');
  await writeFile(secretFile, JSON.stringify({ type: 'object', properties: { [SECRET_KEY]: { type: 'string', description: 'sk_live_123' } }, Inner: { type: 'object', properties: { [SECRET_KEY]: { type: 'string' } } } }));
  server = await startServer();
  const fileRef = pathToFileURL(secretFile).href; // file:///tmp/sdkgen-remote-refs-XXXX/secret.json
  server.route('GET', '/file-ref.json', (_req, res) => sendJson(res, 200, spec({ Thing: { $ref: fileRef } })));
  server.route('GET', '/file-ref-pointer.json', (_req, res) =>
    sendJson(res, 200, spec({ Thing: { type: 'object', properties: { secret: { $ref: `${fileRef}#/Inner` } } } })),
  );
  // An absolute path in a remote document is a path on the same server, not on this disk.
  server.route('GET', '/absolute-ref.json', (_req, res) => sendJson(res, 200, spec({ Thing: { $ref: secretFile } })));
  server.route('GET', secretFile, (_req, res) => sendJson(res, 200, { type: 'object', properties: { servedOverHttp: { type: 'string' } } }));
  server.route('GET', '/common/thing.json', (_req, res) => sendJson(res, 200, { type: 'object', properties: { fromServer: { type: 'integer' } } }));
});

afterAll(async () => {
  await server.close();
  await rm(dir, { recursive: true, force: true });
});

async function allText(out: string): Promise<string> {
  if (!existsSync(out)) return '';
  const entries = await readdir(out, { recursive: true, withFileTypes: true });
  const texts = await Promise.all(entries.filter((e) => e.isFile()).map((e) => readFile(join(e.parentPath, e.name), 'utf8')));
  return texts.join('\n');
}

describe('a spec read over http(s)', () => {
  it.each(['/file-ref.json', '/file-ref-pointer.json'])('%s: a file:// $ref is refused, named, and the file is never read', async (path) => {
    const out = join(dir, `out${path.replace(/\W/g, '-')}`);
    const run = await sdkgen(['generate', `${server.url}${path}`, '--out', out]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('SDKGEN_REF_LOCAL_FROM_REMOTE');
    expect(run.stderr).toContain('may only reference http(s) URLs, never a local file');
    expect(run.stderr).toContain(`${server.url}${path}#/components/schemas/Thing`);
    expect(run.stderr + run.stdout).not.toContain(SECRET_KEY);
    expect(run.stderr + run.stdout).not.toContain('sk_live_123');
    expect(await allText(out)).not.toContain(SECRET_KEY);
    expect(existsSync(out)).toBe(false);
  });

  it('an absolute-path $ref resolves on the same server, not on this disk', async () => {
    const out = join(dir, 'out-absolute');
    const run = await sdkgen(['generate', `${server.url}/absolute-ref.json`, '--out', out]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const types = await readFile(join(out, 'types.ts'), 'utf8');
    expect(types).toContain('servedOverHttp');
    expect(types).not.toContain(SECRET_KEY);
  });
});

describe('a local spec', () => {
  it('may reference local files and http(s) documents', async () => {
    const local = join(dir, 'local.json');
    await writeFile(join(dir, 'owner.json'), JSON.stringify({ type: 'object', properties: { fromDisk: { type: 'string' } } }));
    await writeFile(
      local,
      JSON.stringify(spec({ Thing: { type: 'object', properties: { owner: { $ref: './owner.json' }, remote: { $ref: `${server.url}/common/thing.json` } } } })),
    );
    const out = join(dir, 'out-local');
    const run = await sdkgen(['generate', local, '--out', out]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const types = await readFile(join(out, 'types.ts'), 'utf8');
    expect(types).toContain('fromDisk');
    expect(types).toContain('fromServer');
  });
});
