/**
 * Source mode's `// @ts-nocheck` (GenerateOptions.checkSources, `--check-sources`): by default every
 * generated `.ts` carries it on its second line, so an app's compiler resolves only the declarations the
 * app uses (as it would a package's `.d.ts`) instead of checking every generated body on every build.
 * These tests prove, on TypeScript 5.9 and 7, that the pragma really switches checking of the generated
 * files off, that the app's own misuse of the SDK is still reported, and that `checkSources: true`
 * (which sdkgen's own tests use to check generated code in full) leaves the files checked.
 */
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generate, type GeneratedFile } from '../../generator/src/generate.js';
import { loadSpec } from '../../generator/src/load/index.js';
import { runNode, repoRoot } from '../support/run-node.js';
import { sdkgen } from '../support/sdkgen-cli.js';

const SPEC = 'examples/petstore/openapi.yaml';
const WORK = join(repoRoot, 'test/.tmp/check-sources');
const reader = { read: (uri: string) => readFile(uri, 'utf8') };
const compilers = [
  { name: 'TypeScript 5.9', bin: 'node_modules/typescript/bin/tsc' },
  { name: 'TypeScript 7', bin: 'node_modules/typescript7/bin/tsc' },
];
const PRAGMA = /^\/\/ @ts-nocheck\b/;

let byDefault: GeneratedFile[];
let checked: GeneratedFile[];

async function writeSdk(dir: string, files: GeneratedFile[], broken: boolean): Promise<void> {
  for (const file of files) {
    if (!file.path.endsWith('.ts')) continue;
    const path = join(dir, 'sdk', file.path);
    await mkdir(dirname(path), { recursive: true });
    // A deliberate error inside a generated file: reported only when the file is checked.
    const extra = broken && file.path === 'resources/pets.ts' ? "\nexport const deliberatelyWrong: number = 'not a number';\n" : '';
    await writeFile(path, file.contents + extra);
  }
  await writeFile(
    join(dir, 'tsconfig.json'),
    JSON.stringify({ extends: '../../../generated/tsconfig.nodenext.json', compilerOptions: { noEmit: true }, include: ['app.ts'], exclude: [] }),
  );
}

/** tsc's diagnostics for the project in `dir`, one `file(line,col): error TSxxxx` head per line. */
async function diagnostics(bin: string, dir: string): Promise<string[]> {
  const { output } = await runNode([join(repoRoot, bin), '-p', 'tsconfig.json', '--pretty', 'false'], dir);
  return output
    .split('\n')
    .filter((line) => / error TS\d+/.test(line))
    .map((line) => line.replace(/:.*$/, '').replace(/\\/g, '/'));
}

beforeAll(async () => {
  const spec = await loadSpec(SPEC, reader);
  byDefault = (await generate(spec, { name: 'PetStore' })).files;
  checked = (await generate(spec, { name: 'PetStore', checkSources: true })).files;
  await rm(WORK, { recursive: true, force: true });
  const app = [
    "import { PetStore } from './sdk/index.js';",
    "const client = new PetStore({ baseUrl: 'http://127.0.0.1:1', apiKey: 'k' });",
    "const pet = await client.pets.get('pet_1');",
    'export const name: string = pet.name;',
    // The app's own mistakes, which must be reported whatever the SDK files carry:
    'export const wrongResult: number = pet.name;',
    'await client.pets.get(42);',
    '',
  ].join('\n');
  for (const [variant, files] of [['default', byDefault], ['checked', checked]] as const) {
    await writeSdk(join(WORK, variant), files, true);
    await writeFile(join(WORK, variant, 'app.ts'), app);
  }
}, 120_000);

afterAll(() => rm(WORK, { recursive: true, force: true }));

describe('source mode: // @ts-nocheck', () => {
  it('every generated .ts carries it on line 2, after the header sdkgen recognizes its files by', () => {
    const sources = byDefault.filter((f) => f.path.endsWith('.ts'));
    expect(sources.length).toBeGreaterThan(5);
    for (const file of sources) {
      const [first, second] = file.contents.split('\n');
      expect(first, file.path).toMatch(/^\/\/ (Generated|Copied) by sdkgen/);
      expect(second, file.path).toMatch(PRAGMA);
    }
  });

  it('checkSources: true leaves the files as emitted: the only difference is that line', () => {
    expect(checked.map((f) => f.path)).toEqual(byDefault.map((f) => f.path));
    for (const [i, file] of checked.entries()) {
      expect(file.contents.split('\n').some((line) => PRAGMA.test(line)), file.path).toBe(false);
      const stripped = byDefault[i]!.contents.split('\n').filter((line) => !PRAGMA.test(line)).join('\n');
      expect(stripped, file.path).toBe(file.contents);
    }
  });

  it('package mode never adds it (consumers read the compiled .d.ts)', async () => {
    const { files } = await generate(await loadSpec(SPEC, reader), { name: 'PetStore', package: '@acme/petstore' });
    const typed = files.filter((f) => /\.(d\.)?ts$/.test(f.path));
    expect(typed.length).toBeGreaterThan(5);
    for (const file of typed) expect(file.contents.split('\n').some((line) => PRAGMA.test(line)), file.path).toBe(false);
  });

  for (const compiler of compilers) {
    it(`${compiler.name}: the app's misuse is reported either way; a generated file's error only with checkSources`, { timeout: 240_000 }, async () => {
      const appErrors = ['app.ts(5,14)', 'app.ts(6,23)'];
      expect(await diagnostics(compiler.bin, join(WORK, 'default'))).toEqual(appErrors);
      const full = await diagnostics(compiler.bin, join(WORK, 'checked'));
      expect(full).toEqual(expect.arrayContaining(appErrors));
      expect(full.filter((d) => d.startsWith('sdk/resources/pets.ts'))).toHaveLength(1);
      expect(full).toHaveLength(3);
    });
  }

  it('the CLI: --check-sources and "checkSources": true in --config leave it out; a non-boolean is a usage error', { timeout: 120_000 }, async () => {
    const out = join(WORK, 'cli');
    const flag = await sdkgen(['generate', SPEC, '--out', join(out, 'flag'), '--check-sources']);
    expect(flag.stderr).toBe('');
    expect(flag.code).toBe(0);
    expect(await readFile(join(out, 'flag/client.ts'), 'utf8')).not.toMatch(/@ts-nocheck/);
    const plain = await sdkgen(['generate', SPEC, '--out', join(out, 'plain')]);
    expect(plain.code).toBe(0);
    expect((await readFile(join(out, 'plain/client.ts'), 'utf8')).split('\n')[1]).toMatch(PRAGMA);
    await mkdir(out, { recursive: true });
    await writeFile(join(out, 'config.json'), JSON.stringify({ spec: join(repoRoot, SPEC), out: 'config', checkSources: true }));
    const config = await sdkgen(['generate', '--config', join(out, 'config.json')]);
    expect(config.code).toBe(0);
    expect(await readFile(join(out, 'config/client.ts'), 'utf8')).not.toMatch(/@ts-nocheck/);
    await writeFile(join(out, 'bad.json'), JSON.stringify({ spec: join(repoRoot, SPEC), out: 'bad', checkSources: 'yes' }));
    const bad = await sdkgen(['generate', '--config', join(out, 'bad.json')]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/"checkSources" must be true or false/);
  });
});
