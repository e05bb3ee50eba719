/**
 * A one-call bundle through the standalone functions carries only the runtime parts that call
 * needs (docs/ARCHITECTURE.md, "What generated code injects"): no stream code, no OAuth token
 * machinery, no form, multipart or upload encoders unless the operation or the spec uses them.
 * Asserted on the bundle's module list (esbuild metafile), not on byte counts; each exclusion has a
 * positive control (the operation that does use the part bundles it), so the check can fail.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runInNewContext } from 'node:vm';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPetStoreServer, type PetStoreServer } from '../../examples/petstore/server.js';
import { generate } from '../../generator/src/generate.js';
import { loadSpec } from '../../generator/src/load/index.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const outDir = join(root, 'test/.tmp/lean-bundle');

/** The modules of the parts under test, as esbuild names the runtime's built files. */
const PARTS = {
  stream: /runtime\/dist\/stream\/|node_modules\/eventsource-parser\//,
  oauth: /runtime\/dist\/auth\/(oauth2|token-manager|token-endpoint|token-store)\.js$/,
  form: /runtime\/dist\/request\/form\.js$/,
  multipart: /runtime\/dist\/request\/multipart\.js$/,
  upload: /runtime\/dist\/request\/upload\.js$/,
};
type Part = keyof typeof PARTS;

const json = { 'application/json': { schema: { type: 'object', properties: { id: { type: 'string' } } } } };

/** A small API: one plain JSON read, and one operation per part (stream, form, multipart, binary upload). */
function shopSpec(oauth: boolean): object {
  const id = [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }];
  return {
    openapi: '3.1.0',
    info: { title: 'Shop', version: '1.0.0' },
    servers: [{ url: 'https://shop.example/v1' }],
    components: {
      securitySchemes: {
        key: { type: 'apiKey', in: 'header', name: 'X-Key' },
        ...(oauth && { oauth: { type: 'oauth2', flows: { clientCredentials: { tokenUrl: '/oauth/token', scopes: {} } } } }),
      },
    },
    security: [{ key: [] }, ...(oauth ? [{ oauth: [] }] : [])],
    paths: {
      '/items/{id}': { get: { operationId: 'getItem', tags: ['items'], parameters: id, responses: { 200: { description: 'ok', content: json } } } },
      '/items/{id}/events': {
        get: {
          operationId: 'watchItem',
          tags: ['items'],
          parameters: id,
          responses: { 200: { description: 'changes', content: { 'text/event-stream': { schema: { type: 'string' } } } } },
        },
      },
      '/items/{id}/photo': {
        post: {
          operationId: 'uploadItemPhoto',
          tags: ['items'],
          parameters: id,
          requestBody: { content: { 'multipart/form-data': { schema: { type: 'object', properties: { file: { type: 'string', format: 'binary' } } } } } },
          responses: { 200: { description: 'ok', content: json } },
        },
      },
      '/items/{id}/blob': {
        put: {
          operationId: 'putItemBlob',
          tags: ['items'],
          parameters: id,
          requestBody: { required: true, content: { 'application/octet-stream': { schema: { type: 'string', format: 'binary' } } } },
          responses: { 200: { description: 'ok', content: json } },
        },
      },
      '/search': {
        post: {
          operationId: 'searchItems',
          tags: ['items'],
          requestBody: { content: { 'application/x-www-form-urlencoded': { schema: { type: 'object', properties: { q: { type: 'string' } } } } } },
          responses: { 200: { description: 'ok', content: json } },
        },
      },
    },
  };
}

async function writeSdk(dir: string, spec: object): Promise<void> {
  const loaded = await loadSpec('/virtual/shop.json', { read: () => Promise.resolve(JSON.stringify(spec)) });
  const result = await generate(loaded, { name: 'Shop' });
  for (const file of result.files) {
    mkdirSync(dirname(join(dir, file.path)), { recursive: true });
    writeFileSync(join(dir, file.path), file.contents);
  }
}

/** Bundles `source` (an app) for the browser, minified as an app would ship; returns its modules and code. */
async function bundle(name: string, source: string): Promise<{ modules: string[]; code: string }> {
  const entry = join(outDir, `${name}.ts`);
  writeFileSync(entry, source);
  const result = await build({ entryPoints: [entry], bundle: true, minify: true, platform: 'browser', format: 'iife', globalName: 'app', write: false, metafile: true, logLevel: 'silent' });
  // Only modules that put bytes into the output: a module esbuild read but shook out costs nothing.
  const inputs = Object.values(result.metafile.outputs)[0]!.inputs;
  return { modules: Object.keys(inputs).filter((m) => inputs[m]!.bytesInOutput > 0), code: result.outputFiles[0]!.text };
}

function partsIn(modules: readonly string[]): Part[] {
  return (Object.keys(PARTS) as Part[]).filter((part) => modules.some((m) => PARTS[part].test(m)));
}

/** One call through `<Name>Core` and one standalone function. */
function oneCall(sdk: string, core: string, fn: string, args: string): string {
  return `import { ${core} } from './${sdk}/core.js';\nimport { ${fn} } from './${sdk}/funcs.js';\nexport const call = (options: object) => ${fn}(new ${core}(options as never), ${args});\n`;
}

beforeAll(async () => {
  rmSync(outDir, { recursive: true, force: true });
  await writeSdk(join(outDir, 'shop'), shopSpec(false));
  await writeSdk(join(outDir, 'shop-oauth'), shopSpec(true));
});

describe('one-call bundles through funcs keep only the parts the call uses', () => {
  it('a plain JSON read bundles no streams, OAuth, form, multipart or upload code', async () => {
    const { modules } = await bundle('get', oneCall('shop', 'ShopCore', 'itemsGet', "'i1'"));
    expect(modules.some((m) => m.endsWith('runtime/dist/client.js'))).toBe(true);
    expect(partsIn(modules)).toEqual([]);
  });

  it.each([
    { fn: 'itemsWatch', args: "'i1'", parts: ['stream'] },
    { fn: 'itemsSearch', args: "{ q: 'x' }", parts: ['form'] },
    { fn: 'itemsUploadPhoto', args: "'i1', { file: new Blob(['x']) }", parts: ['multipart', 'upload'] },
    { fn: 'itemsPutBlob', args: "'i1', { body: new Blob(['x']) }", parts: ['upload'] },
  ])('$fn bundles exactly its own parts: $parts', async ({ fn, args, parts }) => {
    const { modules } = await bundle(fn, oneCall('shop', 'ShopCore', fn, args));
    expect(partsIn(modules)).toEqual(parts);
  });

  it('the OAuth machinery comes with a spec whose scheme has a flow the runtime runs, in the core', async () => {
    const { modules } = await bundle('get-oauth', oneCall('shop-oauth', 'ShopCore', 'itemsGet', "'i1'"));
    expect(partsIn(modules)).toEqual(['oauth']);
  });

  it('the class client reaches every operation, so it bundles every part its spec uses', async () => {
    const app = `import { Shop } from './shop-oauth/client.js';\nexport const call = (options: object) => new Shop(options as never).items.get('i1');\n`;
    const { modules } = await bundle('class', app);
    expect(partsIn(modules)).toEqual(['stream', 'oauth', 'form', 'multipart', 'upload']);
  });
});

describe('a lean bundle of the example SDK works', () => {
  let server: PetStoreServer;
  beforeAll(async () => {
    server = await startPetStoreServer();
  });
  afterAll(async () => {
    await server.close();
  });

  it('PetStoreCore + petsCreate + petsGet: no stream or upload code, the OAuth part its spec needs, real calls in a browser sandbox', async () => {
    const sdk = join(root, 'examples/petstore/sdk');
    const app = [
      `import { PetStoreCore } from '${sdk}/core.js';`,
      `import { petsCreate, petsGet } from '${sdk}/funcs.js';`,
      `export async function run(baseUrl: string): Promise<string[]> {`,
      `  const client = new PetStoreCore({ baseUrl, apiKey: 'test-key' });`,
      `  const rex = await petsCreate(client, { name: 'Rex', species: 'dog' });`,
      `  const read = await petsGet(client, rex.id);`,
      `  const again = await petsGet(client, rex.id).withResponse();`,
      `  const raw = await petsGet(client, rex.id).asResponse();`,
      `  return [read.name, String(again.response.status), String(raw.status), (await raw.json()).name];`,
      `}`,
    ].join('\n');
    const { modules, code } = await bundle('petstore-get', app);
    expect(partsIn(modules)).toEqual(['oauth']);
    const sandbox: Record<string, unknown> = {};
    for (const name of ['fetch', 'Headers', 'Request', 'Response', 'FormData', 'Blob', 'URL', 'URLSearchParams', 'AbortController', 'AbortSignal', 'DOMException', 'TextEncoder', 'TextDecoder', 'ReadableStream', 'crypto', 'performance', 'setTimeout', 'clearTimeout', 'queueMicrotask', 'structuredClone', 'console', 'EventTarget', 'Event']) {
      sandbox[name] = (globalThis as Record<string, unknown>)[name];
    }
    runInNewContext(code, sandbox);
    const { run } = sandbox['app'] as { run(baseUrl: string): Promise<string[]> };
    expect(await run(server.url)).toEqual(['Rex', '200', '200', 'Rex']);
  });
});
