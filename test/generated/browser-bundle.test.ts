/**
 * Generated SDKs run in browsers through the fetch transport. No browser is available to CI (and
 * none may be installed by hand), so this checks the two things a browser would: a browser bundler
 * (esbuild, `platform: 'browser'`) can bundle the example SDK without any Node built-in or undici,
 * and the bundle works in a sandbox that has only browser globals (`fetch`, `Headers`, `URL`,
 * `crypto`, ... and no `process`, `Buffer` or `require`) against the example's real server.
 */
import { runInNewContext } from 'node:vm';
import { build, type Metafile } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPetStoreServer, type PetStoreServer } from '../../examples/petstore/server.js';

const ENTRY = new URL('../../examples/petstore/sdk/index.ts', import.meta.url).pathname;

/** The globals a browser page has that the SDK may use; deliberately nothing Node-only. */
function browserGlobals(): Record<string, unknown> {
  const names = [
    'fetch', 'Headers', 'Request', 'Response', 'FormData', 'Blob', 'File', 'URL', 'URLSearchParams',
    'AbortController', 'AbortSignal', 'DOMException', 'TextEncoder', 'TextDecoder', 'ReadableStream',
    'crypto', 'performance', 'setTimeout', 'clearTimeout', 'queueMicrotask', 'structuredClone', 'console',
    'EventTarget', 'Event',
  ];
  const globals: Record<string, unknown> = {};
  for (const name of names) globals[name] = (globalThis as Record<string, unknown>)[name];
  return globals;
}

describe('the example SDK in a browser bundle', () => {
  let code: string;
  let metafile: Metafile;
  let server: PetStoreServer;

  beforeAll(async () => {
    const result = await build({ entryPoints: [ENTRY], bundle: true, platform: 'browser', format: 'iife', globalName: 'sdk', write: false, metafile: true, logLevel: 'silent' });
    code = result.outputFiles[0]!.text;
    metafile = result.metafile;
    server = await startPetStoreServer();
  });
  afterAll(async () => {
    await server.close();
  });

  it('bundles without Node built-ins or undici', () => {
    const inputs = Object.keys(metafile.inputs);
    expect(inputs.some((path) => path.includes('runtime/dist/transport/undici.browser.js'))).toBe(true);
    expect(inputs.filter((path) => /node_modules\/undici\/|^node:|runtime\/dist\/transport\/undici\.js$/.test(path))).toEqual([]);
  });

  it('creates, reads, pages and fails with typed problem errors using only browser globals', async () => {
    const sandbox = browserGlobals();
    // Records what the SDK hands the browser's fetch, then sends it for real.
    const sent: { method: string; headers: Record<string, string> }[] = [];
    sandbox['fetch'] = (url: string, init: RequestInit) => {
      sent.push({ method: String(init.method), headers: { ...(init.headers as Record<string, string>) } });
      return fetch(url, init);
    };
    runInNewContext(code, sandbox);
    const { PetStore, NotFoundError } = sandbox['sdk'] as typeof import('../../examples/petstore/sdk/index.js');
    expect(runInNewContext('typeof process + typeof Buffer + typeof require', sandbox)).toBe('undefinedundefinedundefined');

    const client = new PetStore({ baseUrl: server.url, apiKey: 'test-key' });
    try {
      const rex = await client.pets.create({ name: 'Rex', species: 'dog' });
      await client.pets.create({ name: 'Tom', species: 'cat' });
      await client.pets.create({ name: 'Tweety', species: 'bird' });
      expect((await client.pets.get(rex.id)).name).toBe('Rex');
      // The second read revalidates: the ETag cache works without Node's crypto.
      const before = server.stats.notModified;
      expect((await client.pets.get(rex.id)).name).toBe('Rex');
      expect(server.stats.notModified - before).toBe(1);

      const names: string[] = [];
      for await (const pet of client.pets.list({ limit: 2 })) names.push(pet.name);
      expect(names).toEqual(['Rex', 'Tom', 'Tweety']);

      const error = await client.pets.get('pet_404').catch((e: unknown) => e);
      // Classes come from the bundle, so `instanceof` is checked against the bundle's own.
      expect(error).toBeInstanceOf(NotFoundError);
      expect((error as { problem?: { title?: string } }).problem?.title).toBe('Pet not found');

      // POSTs carried an Idempotency-Key (from crypto.randomUUID); no request set a User-Agent,
      // which a browser would refuse and which would cost a CORS preflight.
      const posts = sent.filter((r) => r.method === 'POST');
      expect(posts).toHaveLength(3);
      for (const post of posts) expect(post.headers['idempotency-key']).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(sent.filter((r) => 'user-agent' in r.headers)).toEqual([]);
    } finally {
      await client.close();
    }

    // Where a browser bundle runs with a `process` global (a jsdom test run), `auto` still uses fetch.
    const withProcess: Record<string, unknown> = { ...browserGlobals(), process: { versions: { node: '20.0.0' } }, fetch: sandbox['fetch'] };
    runInNewContext(code, withProcess);
    const Bundled = (withProcess['sdk'] as typeof import('../../examples/petstore/sdk/index.js')).PetStore;
    const auto = new Bundled({ baseUrl: server.url, apiKey: 'test-key' });
    const count = sent.length;
    expect((await auto.pets.get('pet_1')).name).toBe('Rex');
    expect(sent.length).toBe(count + 1);

    // Only an explicit 'undici' reaches the browser stand-in, which says what to use instead.
    const pinned = new PetStore({ baseUrl: server.url, apiKey: 'test-key', transport: 'undici', maxRetries: 0 });
    const refused = (await pinned.pets.get('pet_1').catch((e: unknown) => e)) as Error;
    expect(refused.message).toMatch(/'undici' transport needs Node\.js; in a browser use transport: 'fetch' or 'auto'/);
  });
});
