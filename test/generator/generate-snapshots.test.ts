/**
 * File snapshots: every fixture spec under test/fixtures/snapshots/<name>/ is generated and compared
 * with the committed SDK in <name>/sdk/ (which test/generated/typecheck.test.ts type-checks).
 * `SDKGEN_UPDATE_SNAPSHOTS=1 npx vitest run test/generator/generate-snapshots.test.ts` rewrites them.
 */
import { existsSync, readdirSync } from 'node:fs';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { generate } from '../../generator/src/generate.js';
import { loadSpec } from '../../generator/src/load/index.js';

const root = fileURLToPath(new URL('../fixtures/snapshots/', import.meta.url));
const update = process.env.SDKGEN_UPDATE_SNAPSHOTS === '1';
const reader = { read: (uri: string) => readFile(uri, 'utf8') };

/** Fixture folders and their spec file. */
const fixtures = readdirSync(root, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => ({ name: d.name, spec: ['openapi.yaml', 'openapi.json'].map((f) => join(root, d.name, f)).find((f) => existsSync(f)) }))
  .filter((f): f is { name: string; spec: string } => f.spec !== undefined);

async function listFiles(dir: string): Promise<string[]> {
  if (!existsSync(dir)) return [];
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath, e.name)).split('\\').join('/'))
    .sort();
}

describe('snapshots', () => {
  it('has fixtures', () => {
    expect(fixtures.map((f) => f.name)).toEqual(expect.arrayContaining(['hostile', 'kitchen-sink', 'swagger2']));
  });

  it.each(fixtures)('$name matches its committed SDK', async ({ name, spec }) => {
    const { files } = await generate(await loadSpec(spec, reader), { checkSources: true });
    const outDir = join(root, name, 'sdk');
    if (update) {
      await rm(outDir, { recursive: true, force: true });
      for (const file of files) {
        await mkdir(dirname(join(outDir, file.path)), { recursive: true });
        await writeFile(join(outDir, file.path), file.contents);
      }
    }
    expect(await listFiles(outDir)).toEqual(files.map((f) => f.path));
    for (const file of files) {
      expect(file.contents, `${name}/sdk/${file.path} is stale: run with SDKGEN_UPDATE_SNAPSHOTS=1`).toBe(await readFile(join(outDir, file.path), 'utf8'));
    }
  });
});
