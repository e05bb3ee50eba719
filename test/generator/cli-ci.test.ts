/**
 * The CLI in CI: `--strict` fails on warnings; a relative server URL resolves against the URL the
 * spec was fetched from, else warns and the client requires `baseUrl`; a failed download says why
 * (closed port: ECONNREFUSED), and an HTML page is called one. Real CLI, real loopback servers.
 */
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { sdkgen } from '../support/sdkgen-cli.js';
import { sendJson, startServer, type TestServer } from '../support/server.js';

vi.setConfig({ testTimeout: 240_000 });

let dir: string;
let server: TestServer;
let relativeSpec: string;

const spec = {
  openapi: '3.0.3',
  info: { title: 'Relative', version: '1' },
  servers: [{ url: '/v1' }],
  paths: { '/things': { get: { operationId: 'listThings', responses: { '200': { description: 'ok', content: { 'application/json': { schema: { type: 'object' } } } } } } } },
};

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sdkgen-ci-'));
  relativeSpec = join(dir, 'relative.json');
  await writeFile(relativeSpec, JSON.stringify(spec));
  server = await startServer();
  server.route('GET', '/specs/openapi.json', (_req, res) => sendJson(res, 200, spec));
  server.route('GET', '/docs', (_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html' }).end('<!DOCTYPE html>\n<html><head><title>API docs</title></head><body>Swagger UI</body></html>');
  });
});

afterAll(async () => {
  await server.close();
  await rm(dir, { recursive: true, force: true });
});

describe('--strict', () => {
  it('warnings fail the run (exit 1, nothing written); without it they are printed and it succeeds', async () => {
    const out = join(dir, 'strict');
    const strict = await sdkgen(['generate', relativeSpec, '--out', out, '--strict']);
    expect(strict.code).toBe(1);
    expect(strict.stderr).toContain('warning SDKGEN_SERVER_RELATIVE');
    expect(strict.stderr).toContain('--strict: ');
    expect(strict.stderr).toContain('has 1 warning; nothing was written');
    expect(existsSync(out)).toBe(false);

    const loose = await sdkgen(['generate', relativeSpec, '--out', out]);
    expect(loose.code).toBe(0);
    expect(loose.stderr).toContain('warning SDKGEN_SERVER_RELATIVE');
  });

  it('"strict": true in --config does the same; --force there too', async () => {
    const config = join(dir, 'strict-config.json');
    await writeFile(config, JSON.stringify({ spec: relativeSpec, out: 'strict-config-out', strict: true }));
    const strict = await sdkgen(['generate', '--config', config]);
    expect(strict.code).toBe(1);
    expect(strict.stderr).toContain('has 1 warning; nothing was written');
    expect(existsSync(join(dir, 'strict-config-out'))).toBe(false);
    // A folder of the user's own is refused without force, written into with "force": true.
    const mine = join(dir, 'mine');
    await mkdir(mine, { recursive: true });
    await writeFile(join(mine, 'notes.txt'), 'mine');
    await writeFile(config, JSON.stringify({ spec: relativeSpec, out: 'mine' }));
    expect((await sdkgen(['generate', '--config', config])).code).toBe(2);
    await writeFile(config, JSON.stringify({ spec: relativeSpec, out: 'mine', force: true }));
    const forced = await sdkgen(['generate', '--config', config]);
    expect(forced.code).toBe(0);
    expect(await readFile(join(mine, 'notes.txt'), 'utf8')).toBe('mine');
    expect(existsSync(join(mine, 'client.ts'))).toBe(true);
  });
});

describe('a relative server URL', () => {
  it('from a file: warned at #/servers/0/url, and the client requires baseUrl', async () => {
    const out = join(dir, 'relative-file');
    const run = await sdkgen(['generate', relativeSpec, '--out', out]);
    expect(run.code).toBe(0);
    expect(run.stderr).toContain(`${relativeSpec}#/servers/0/url: warning SDKGEN_SERVER_RELATIVE`);
    expect(run.stderr).toContain('"/v1" is relative');
    // The options and the config live in core.ts (package mode's `<Name>Core`); client.ts extends it.
    const core = await readFile(join(out, 'core.ts'), 'utf8');
    expect(core).toMatch(/\n {2}baseUrl: string;\n/);
    expect(core).toContain('constructor(options: RelativeOptions)');
    expect(core).not.toContain("baseUrl: '/v1'");
    expect(await readFile(join(out, 'client.ts'), 'utf8')).toContain('constructor(options: RelativeOptions)');
  });

  it('from a URL: resolved against it', async () => {
    const out = join(dir, 'relative-url');
    const run = await sdkgen(['generate', `${server.url}/specs/openapi.json`, '--out', out]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const core = await readFile(join(out, 'core.ts'), 'utf8');
    expect(core).toContain(`baseUrl: '${server.url}/v1'`);
    expect(core).toContain('constructor(options: RelativeOptions = {})');
  });
});

describe('download failures say why', () => {
  it('a closed port: the cause (ECONNREFUSED), not just "fetch failed"', async () => {
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const { port } = probe.address() as { port: number };
    await new Promise((resolve) => probe.close(resolve));
    const out = join(dir, 'closed');
    const run = await sdkgen(['generate', `http://127.0.0.1:${port}/openapi.json`, '--out', out]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`cannot read http://127.0.0.1:${port}/openapi.json`);
    expect(run.stderr).toContain('ECONNREFUSED');
    expect(existsSync(out)).toBe(false);
  });

  it('an HTML page is called an HTML page', async () => {
    const run = await sdkgen(['generate', `${server.url}/docs`, '--out', join(dir, 'html')]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`${server.url}/docs is an HTML page, not an OpenAPI document`);
    expect(run.stderr).not.toContain('invalid YAML');
  });
});
