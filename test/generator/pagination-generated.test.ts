/**
 * Paginated methods of a generated SDK (test/fixtures/pagination/typed.yaml): the generated code
 * type-checks under strict NodeNext settings with a consumer whose `for await` items are inferred as
 * the schema types (`expectTypeOf`, `@ts-expect-error` lines that must stay errors), and its methods
 * page through a real loopback server.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generate, type GenerateResult } from '../../generator/src/generate.js';
import { loadSpec } from '../../generator/src/load/index.js';
import { sendJson, startServer, type TestServer } from '../support/server.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const outDir = join(root, 'test/.tmp/pagination-generated');

const consumer = `
import { expectTypeOf } from 'vitest';
import type { Page, PagePromise } from '@sdkgen/runtime';
import { PagedZoo } from './sdk/index.js';
import type { ListPetsParams } from './sdk/resources/pets.js';

type Pet = { id: string; name: string };
const client = new PagedZoo({ baseUrl: 'http://127.0.0.1:1' });

export async function check(): Promise<void> {
  for await (const pet of client.pets.list({ limit: 2 })) {
    expectTypeOf(pet).toEqualTypeOf<Pet>();
    // @ts-expect-error a Pet has no species
    pet.species;
  }
  const page = await client.pets.list();
  expectTypeOf(page).toEqualTypeOf<Page<Pet, ListPetsParams>>();
  expectTypeOf(page.data).toEqualTypeOf<Pet[]>();
  expectTypeOf(page.nextPageParams()).toEqualTypeOf<ListPetsParams | null>();
  expectTypeOf(client.pets.list()).toExtend<PagePromise<Pet, ListPetsParams>>();
  for await (const p of client.pets.list({}, { maxPages: 2, maxItems: 3 }).pages()) expectTypeOf(p.data).toEqualTypeOf<Pet[]>();
  for await (const keeper of client.keepers.list()) expectTypeOf(keeper).toEqualTypeOf<{ login: string }>();
  for await (const f of client.feedings.list()) expectTypeOf(f).toEqualTypeOf<{ at: string; grams?: number }>();
  // A cursor parameter on a non-list operation stays a plain call returning the pet.
  expectTypeOf(await client.pets.get('p1')).toEqualTypeOf<Pet>();
  // @ts-expect-error not paginated: no async iteration
  for await (const x of client.pets.get('p1')) void x;
}
`;

/** The generated client's shape as this test uses it (the real types are checked by tsc above). */
interface GeneratedZoo {
  pets: { list(params?: { limit?: number }): AsyncIterable<{ name: string }> };
  keepers: { list(): AsyncIterable<{ login: string }> };
  feedings: { list(): AsyncIterable<{ at: string }> };
  close(): Promise<void>;
}

let result: GenerateResult;
let server: TestServer;

beforeAll(async () => {
  const spec = await loadSpec(join(root, 'test/fixtures/pagination/typed.yaml'), { read: (uri) => readFile(uri.startsWith('file:') ? fileURLToPath(uri) : uri, 'utf8') });
  result = await generate(spec, { checkSources: true });
  rmSync(outDir, { recursive: true, force: true });
  for (const f of result.files) {
    mkdirSync(dirname(join(outDir, 'sdk', f.path)), { recursive: true });
    writeFileSync(join(outDir, 'sdk', f.path), f.contents);
  }
  writeFileSync(join(outDir, 'consumer.ts'), consumer);
  writeFileSync(
    join(outDir, 'tsconfig.json'),
    JSON.stringify({ extends: '../../generated/tsconfig.nodenext.json', include: ['sdk/**/*.ts', 'consumer.ts'], exclude: ['sdk/mocks*.ts'] }, null, 2),
  );
  server = await startServer();
});
afterAll(async () => {
  await server?.close();
});

describe('generated paginated methods', () => {
  it('the summary counts and lists the paginated operations', () => {
    expect(result.summary.paginated).toBe(3);
    expect(result.summary.operations).toBe(4);
    expect(result.summary.paginatedOperations).toEqual([
      { method: 'feedings.list', description: 'offset ?skip += items, total /result/total, items /result/entries (x-pagination)' },
      { method: 'keepers.list', description: 'link Link rel="next", items (body) (shape)' },
      { method: 'pets.list', description: 'cursor ?cursor <- /next_cursor, items /data (shape)' },
    ]);
  });

  it('type-check, with items inferred from the schema (tsc, strict NodeNext)', async () => {
    const tsc = join(root, 'node_modules/typescript/bin/tsc');
    const run = await promisify(execFile)(process.execPath, [tsc, '-p', join(outDir, 'tsconfig.json')], { cwd: root }).then(
      () => ({ code: 0, out: '' }),
      (e: { code?: number; stdout?: string }) => ({ code: e.code ?? 1, out: e.stdout ?? '' }),
    );
    expect(run.out).toBe('');
    expect(run.code).toBe(0);
  }, 120_000);

  it('page through a loopback server, for every style the fixture uses', async () => {
    const pets = Array.from({ length: 5 }, (_, i) => ({ id: `p${i}`, name: `Pet ${i}` }));
    server.route('GET', '/v1/pets', (req, res) => {
      const q = new URL(req.url, 'http://x').searchParams;
      const start = Number(q.get('cursor') ?? '0');
      const end = start + Number(q.get('limit') ?? '2');
      sendJson(res, 200, { data: pets.slice(start, end), next_cursor: end < pets.length ? String(end) : null });
    });
    server.route('GET', '/v1/keepers', (req, res) => {
      const page = Number(new URL(req.url, 'http://x').searchParams.get('page') ?? '1');
      sendJson(res, 200, [{ login: `k${page}` }], page < 3 ? { link: `</v1/keepers?page=${page + 1}>; rel="next"` } : {});
    });
    server.route('GET', '/v1/feedings', (req, res) => {
      const skip = Number(new URL(req.url, 'http://x').searchParams.get('skip') ?? '0');
      sendJson(res, 200, { result: { entries: [{ at: `t${skip}` }], total: 2 } });
    });
    const { PagedZoo } = (await import(pathToFileURL(join(outDir, 'sdk/index.ts')).href)) as { PagedZoo: new (options: { baseUrl: string }) => GeneratedZoo };
    const client = new PagedZoo({ baseUrl: `${server.url}/v1` });
    try {
      const names: string[] = [];
      for await (const pet of client.pets.list({ limit: 2 })) names.push(pet.name);
      expect(names).toEqual(pets.map((p) => p.name));
      const logins: string[] = [];
      for await (const k of client.keepers.list()) logins.push(k.login);
      expect(logins).toEqual(['k1', 'k2', 'k3']);
      const feedings: string[] = [];
      for await (const f of client.feedings.list()) feedings.push(f.at);
      expect(feedings).toEqual(['t0', 't1']);
      expect(server.requests.map((r) => r.url)).toEqual([
        '/v1/pets?limit=2',
        '/v1/pets?limit=2&cursor=2',
        '/v1/pets?limit=2&cursor=4',
        '/v1/keepers',
        '/v1/keepers?page=2',
        '/v1/keepers?page=3',
        '/v1/feedings',
        '/v1/feedings?skip=1',
      ]);
    } finally {
      await client.close();
    }
  });
});
