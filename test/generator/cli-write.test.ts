/**
 * The CLI's writes are all or nothing and never touch what is not sdkgen's: real CLI, real disk.
 * An I/O failure midway (a file-size limit, `ulimit -f`) leaves the previous SDK byte for byte; an
 * unwritable `--out` exits 3 with one line and no stack trace; `--out /proc/x` ends; a folder sdkgen
 * did not generate is refused without `--force`; only files sdkgen wrote are ever removed.
 */
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { repoRoot } from '../support/run-node.js';
import { sdkgen } from '../support/sdkgen-cli.js';

vi.setConfig({ testTimeout: 300_000 });

const petstore = join(repoRoot, 'examples/petstore/openapi.yaml');
let dir: string;
let v2: string;
let onePet: string;

/** Every file under `root` with its contents, by relative path. */
async function snapshot(root: string): Promise<Record<string, string>> {
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  const out: Record<string, string> = {};
  for (const e of entries.filter((x) => x.isFile())) out[join(e.parentPath, e.name).slice(root.length + 1)] = await readFile(join(e.parentPath, e.name), 'utf8');
  return out;
}

/** One line, starting `sdkgen:`, no stack frames. */
function expectOneLine(stderr: string): void {
  expect(stderr.trimEnd().split('\n')).toHaveLength(1);
  expect(stderr).toMatch(/^sdkgen: /);
  expect(stderr).not.toMatch(/\n\s+at /);
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sdkgen-write-'));
  const text = await readFile(petstore, 'utf8');
  // Version 2 of the spec: every generated file's header changes.
  v2 = join(dir, 'v2.yaml');
  await writeFile(v2, text.replace(/^( {2}version: ).*$/m, '$1"2.0.0"'));
  expect(await readFile(v2, 'utf8')).not.toBe(text);
  // The spec without its owners: `resources/owners.ts` is no longer generated.
  onePet = join(dir, 'pets-only.yaml');
  const { parse, stringify } = await import('yaml');
  const doc = parse(text) as { paths: Record<string, unknown> };
  for (const path of Object.keys(doc.paths)) if (path.startsWith('/owners')) delete doc.paths[path];
  await writeFile(onePet, stringify(doc));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('all or nothing', () => {
  it('a write failing midway (file too large) leaves the previous SDK as it was, exit 3, one line', async () => {
    const out = join(dir, 'midway');
    expect((await sdkgen(['generate', petstore, '--out', out, '--name', 'PetStore'])).code).toBe(0);
    const before = await snapshot(out);
    // Below the largest generated file and above the first one written (README.md): fails midway.
    const sizes = Object.entries(before).filter(([p]) => p !== 'mocks-runtime.ts').map(([, t]) => Buffer.byteLength(t));
    const blocks = Math.floor((Math.max(...sizes) - 1024) / 512);
    expect(blocks * 512).toBeGreaterThan(Buffer.byteLength(before['README.md']!) + 200);
    const run = await sdkgen(['generate', v2, '--out', out, '--name', 'PetStore'], { prefix: `ulimit -f ${blocks};` });
    expect(run.code).toBe(3);
    expectOneLine(run.stderr);
    expect(run.stderr).toContain(`cannot write ${out}: EFBIG`);
    expect(run.stderr).toContain('the output folder is unchanged');
    expect(await snapshot(out)).toEqual(before);
    // No staging folder is left behind.
    expect((await readdir(dir)).filter((e) => e.includes('sdkgen-'))).toEqual([]);

    const ok = await sdkgen(['generate', v2, '--out', out, '--name', 'PetStore']);
    expect(ok.code).toBe(0);
    expect(await readFile(join(out, 'client.ts'), 'utf8')).toContain('Pet Store 2.0.0');
  });

  it('an --out that cannot be written exits 3 with one line and writes nothing', async () => {
    const file = join(dir, 'a-file');
    await writeFile(file, 'not a folder');
    const run = await sdkgen(['generate', petstore, '--out', join(file, 'sdk')]);
    expect(run.code).toBe(3);
    expectOneLine(run.stderr);
    expect(run.stderr).toContain(`cannot write ${join(file, 'sdk')}: ENOTDIR`);
    expect(await readFile(file, 'utf8')).toBe('not a folder');
  });

  it('--out /proc/x ends (no spinning) with exit 3', async () => {
    const run = await sdkgen(['generate', petstore, '--out', '/proc/x/sdk'], { limitMs: 60_000 });
    expect(run.code).toBe(3);
    expectOneLine(run.stderr);
    expect(run.stderr).toContain('cannot write /proc/x/sdk');
  });
});

describe('only what sdkgen wrote', () => {
  it('refuses a non-empty folder sdkgen did not generate unless --force, and keeps the user files', async () => {
    const out = join(dir, 'users-folder');
    await mkdir(out);
    await writeFile(join(out, 'README.md'), '# my notes\n');
    await writeFile(join(out, 'types.ts'), 'export type Mine = 1;\n');
    await writeFile(join(out, 'notes.txt'), 'keep me\n');
    const refused = await sdkgen(['generate', petstore, '--out', out]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('refusing to write');
    expect(refused.stderr).toContain('sdkgen did not generate it');
    expect(refused.stderr).toContain('--force');
    expect(await snapshot(out)).toEqual({ 'README.md': '# my notes\n', 'types.ts': 'export type Mine = 1;\n', 'notes.txt': 'keep me\n' });

    const forced = await sdkgen(['generate', petstore, '--out', out, '--force']);
    expect(forced.code).toBe(0);
    expect(await readFile(join(out, 'types.ts'), 'utf8')).toContain('// Generated by sdkgen');
    expect(await readFile(join(out, 'notes.txt'), 'utf8')).toBe('keep me\n');
    const manifest = JSON.parse(await readFile(join(out, '.sdkgen'), 'utf8')) as { files: string[] };
    expect(manifest.files).toContain('types.ts');
    expect(manifest.files).not.toContain('notes.txt');
    // Now it is sdkgen's folder: the next run needs no --force.
    expect((await sdkgen(['generate', v2, '--out', out])).code).toBe(0);
  });

  it('refuses to replace a file of the user in a generated folder; removes only generated files', async () => {
    const out = join(dir, 'mixed');
    expect((await sdkgen(['generate', petstore, '--out', out, '--name', 'PetStore'])).code).toBe(0);
    await writeFile(join(out, 'resources/mine.ts'), 'export const mine = 1;\n');
    await writeFile(join(out, 'notes.md'), 'mine\n');
    // The user deletes a generated file and puts their own in its place.
    await rm(join(out, 'README.md'));
    const manifest = JSON.parse(await readFile(join(out, '.sdkgen'), 'utf8')) as { generator: string; files: string[] };
    await writeFile(join(out, '.sdkgen'), JSON.stringify({ ...manifest, files: manifest.files.filter((f) => f !== 'README.md') }));
    await writeFile(join(out, 'README.md'), '# ours\n');
    const refused = await sdkgen(['generate', onePet, '--out', out, '--name', 'PetStore']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('has files sdkgen did not write that this run would replace');
    expect(refused.stderr).toContain('  README.md\n');
    expect(await readFile(join(out, 'README.md'), 'utf8')).toBe('# ours\n');
    expect(existsSync(join(out, 'resources/owners.ts'))).toBe(true);

    await rm(join(out, 'README.md'));
    const run = await sdkgen(['generate', onePet, '--out', out, '--name', 'PetStore']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(existsSync(join(out, 'resources/owners.ts'))).toBe(false);
    expect(await readFile(join(out, 'resources/mine.ts'), 'utf8')).toBe('export const mine = 1;\n');
    expect(await readFile(join(out, 'notes.md'), 'utf8')).toBe('mine\n');
    expect((await stat(join(out, 'resources'))).isDirectory()).toBe(true);
  });
});
