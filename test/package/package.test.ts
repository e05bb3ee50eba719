/**
 * sdkgen and the SDKs it generates as npm packages, tried as a new user would, in folders outside
 * the repository (nothing resolves into it):
 * - sdkgen and the runtime packed with `npm pack`, installed from the two tarballs into an empty
 *   folder, and `npx sdkgen generate` run there on the example spec;
 * - the example spec generated with `--package`, packed, installed with the packed runtime, imported
 *   from plain Node (JavaScript, no loader) and called against the example's real server;
 * - publint and @arethetypeswrong/cli (ESM profile) on the generated package;
 * - a TypeScript consumer of the installed package type-checked with TypeScript 5.0, 5.9 and 7.
 * npm installs use `--prefer-offline`: with the dependencies in npm's cache no registry is needed.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPetStoreServer, type PetStoreServer } from '../../examples/petstore/server.js';
import { generate } from '../../generator/src/generate.js';
import { loadSpec } from '../../generator/src/load/index.js';
import { repoRoot } from '../support/run-node.js';

const SPEC = join(repoRoot, 'examples/petstore/openapi.yaml');
const PACKAGE = '@acme/petstore';

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs a command (no shell) with a time limit; never throws on a non-zero exit. */
function run(command: string, args: readonly string[], cwd: string, timeoutMs = 180_000): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      command,
      args,
      { cwd, timeout: timeoutMs, maxBuffer: 32 * 1024 * 1024, env: { ...process.env, npm_config_fund: 'false', npm_config_audit: 'false', npm_config_update_notifier: 'false' } },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === 'number' ? error.code : 1;
        resolve({ code, stdout: String(stdout), stderr: String(stderr) });
      },
    );
  });
}

async function ok(command: string, args: readonly string[], cwd: string, timeoutMs?: number): Promise<string> {
  const result = await run(command, args, cwd, timeoutMs);
  if (result.code !== 0) throw new Error(`${command} ${args.join(' ')} failed (${result.code}) in ${cwd}:\n${result.stdout}\n${result.stderr}`);
  return result.stdout;
}

/** `npm pack` of `dir` into `dest`; returns the tarball's path. */
async function pack(dir: string, dest: string): Promise<string> {
  const out = await ok('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', dest], dir);
  const [info] = JSON.parse(out) as { filename: string }[];
  return join(dest, info!.filename);
}

async function tarList(tarball: string): Promise<string[]> {
  return (await ok('tar', ['tzf', tarball], dirname(tarball))).split('\n').filter((l) => l !== '').map((l) => l.replace(/^package\//, ''));
}

/** An empty app folder with the tarballs installed (from npm's cache where it can). */
async function app(dir: string, tarballs: readonly string[]): Promise<void> {
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, 'package.json'), `${JSON.stringify({ name: 'app', private: true, type: 'module' })}\n`);
  await ok('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--ignore-scripts', ...tarballs], dir, 240_000);
}

let work: string;
let sdkgenTgz: string;
let runtimeTgz: string;
let packageDir: string;
let packageTgz: string;
let consumerDir: string;

beforeAll(async () => {
  if (!existsSync(join(repoRoot, 'dist/generator/cli.js')) || !existsSync(join(repoRoot, 'runtime/dist/index.js'))) {
    throw new Error('run `npm run build` first: the packed packages carry the build');
  }
  work = await mkdtemp(join(tmpdir(), 'sdkgen-package-'));
  const packs = join(work, 'packs');
  await mkdir(packs);
  sdkgenTgz = await pack(repoRoot, packs);
  runtimeTgz = await pack(join(repoRoot, 'runtime'), packs);
  // The generated package, written as the CLI would write it.
  packageDir = join(work, 'petstore');
  const result = await generate(await loadSpec(SPEC, { read: (uri) => readFile(uri, 'utf8') }), { name: 'PetStore', package: PACKAGE });
  for (const file of result.files) {
    const path = join(packageDir, file.path);
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, file.contents);
  }
  packageTgz = await pack(packageDir, packs);
  consumerDir = join(work, 'consumer');
  // @types/node as in any Node app: the runtime's Node transport is typed with undici's types.
  await app(consumerDir, [packageTgz, runtimeTgz, '@types/node@^20.19.0']);
}, 300_000);

afterAll(async () => {
  if (work !== undefined) await rm(work, { recursive: true, force: true });
});

describe('sdkgen as a package', { timeout: 240_000 }, () => {
  it('packs its build, bin and templates and nothing else; the runtime packs its build', async () => {
    const files = await tarList(sdkgenTgz);
    expect(files).toContain('bin/sdkgen.js');
    expect(files).toContain('dist/generator/cli.js');
    expect(files).toContain('templates/mocks-runtime.ts');
    const tops = new Set(files.map((f) => (f.includes('/') ? `${f.split('/')[0]}/` : f)));
    expect([...tops].sort()).toEqual(['README.md', 'bin/', 'dist/', 'package.json', 'templates/'].filter((t) => t !== 'README.md' || tops.has(t)));
    expect(files.filter((f) => /(^|\/)test\/|\.test\.|fixtures/.test(f))).toEqual([]);
    const runtime = await tarList(runtimeTgz);
    expect(runtime).toContain('dist/index.js');
    expect(runtime).toContain('dist/index.d.ts');
    expect(runtime.filter((f) => !/^(dist|src)\//.test(f) && !/^(package\.json|README\.md|LICENSE)$/.test(f))).toEqual([]);
  });

  it('installs from the two tarballs into an empty folder and generates there with npx', async () => {
    const dir = join(work, 'cli');
    await app(dir, [sdkgenTgz, runtimeTgz]);
    await copyFile(SPEC, join(dir, 'openapi.yaml'));
    expect((await ok('npx', ['--no-install', 'sdkgen', '--version'], dir)).trim()).toBe('0.1.0');
    const out = await ok('npx', ['--no-install', 'sdkgen', 'generate', 'openapi.yaml', '--out', 'sdk', '--name', 'PetStore'], dir);
    expect(out).toMatch(/operations\s+\d+/);
    expect((await readdir(join(dir, 'sdk'))).sort()).toEqual(expect.arrayContaining(['client.ts', 'core.ts', 'funcs.ts', 'index.ts', 'types.ts']));
    // And the package mode from the installed CLI, byte-identical to the in-process generator's.
    await ok('npx', ['--no-install', 'sdkgen', 'generate', 'openapi.yaml', '--out', 'pkg', '--name', 'PetStore', '--package', PACKAGE], dir);
    for (const path of ['package.json', 'dist/funcs.js', 'dist/resources/pets.d.ts', 'dist/resources/pets.d.ts.map']) {
      expect(await readFile(join(dir, 'pkg', path), 'utf8'), path).toBe(await readFile(join(packageDir, path), 'utf8'));
    }
    const check = await run('npx', ['--no-install', 'sdkgen', 'generate', 'openapi.yaml', '--out', 'pkg', '--name', 'PetStore', '--package', PACKAGE, '--check'], dir);
    expect(check.code, check.stdout + check.stderr).toBe(0);
  });
});

describe('a generated package', { timeout: 240_000 }, () => {
  let server: PetStoreServer;
  beforeAll(async () => {
    server = await startPetStoreServer();
  });
  afterAll(async () => {
    await server?.close();
  });

  it('imports from plain Node (no TypeScript, no loader) and calls a real server through the class, funcs and core', async () => {
    const script = [
      `import { PetStore, NotFoundError } from '${PACKAGE}';`,
      `import { PetStoreCore } from '${PACKAGE}/core';`,
      `import { petsCreate, petsGet, petsList } from '${PACKAGE}/funcs';`,
      `const options = { baseUrl: process.env.BASE_URL, apiKey: 'test-key', maxRetries: 0 };`,
      `const client = new PetStore(options);`,
      `const core = new PetStoreCore(options);`,
      `const created = await petsCreate(core, { name: 'Rex', species: 'dog' });`,
      `const viaClass = await client.pets.get(created.id);`,
      `const viaFunc = await petsGet(core, created.id);`,
      `const names = [];`,
      `for await (const pet of petsList(core, { limit: 1 })) names.push(pet.name);`,
      `let notFound = '';`,
      `try { await petsGet(core, 'pet_missing'); } catch (error) { notFound = error instanceof NotFoundError ? 'NotFoundError ' + error.status : String(error); }`,
      `console.log(JSON.stringify({ viaClass: viaClass.name, viaFunc: viaFunc.name, names, notFound, coreHasPets: 'pets' in core }));`,
      `await client.close(); await core.close();`,
    ].join('\n');
    await writeFile(join(consumerDir, 'main.js'), `${script}\n`);
    const result = await new Promise<Run>((resolve) => {
      execFile(process.execPath, ['main.js'], { cwd: consumerDir, timeout: 60_000, env: { ...process.env, BASE_URL: server.url, NODE_OPTIONS: '' } }, (error, stdout, stderr) =>
        resolve({ code: error === null ? 0 : 1, stdout: String(stdout), stderr: String(stderr) }),
      );
    });
    expect(result.code, result.stderr).toBe(0);
    const seen = JSON.parse(result.stdout.trim().split('\n').pop()!) as Record<string, unknown>;
    expect(seen).toMatchObject({ viaClass: 'Rex', viaFunc: 'Rex', notFound: 'NotFoundError 404', coreHasPets: false });
    expect((seen['names'] as string[]).length).toBeGreaterThan(0);
    expect(server.requests.some((r) => r.startsWith('POST /v1/pets'))).toBe(true);
  });

  it('ships dist/ (ESM, declarations, declaration maps), src/, package.json and README', async () => {
    const files = await tarList(packageTgz);
    for (const f of ['package.json', 'README.md', 'dist/index.js', 'dist/index.d.ts', 'dist/index.d.ts.map', 'dist/funcs.js', 'dist/core.d.ts', 'src/index.ts', 'dist/mocks.js']) {
      expect(files, f).toContain(f);
    }
    const pkg = JSON.parse(await readFile(join(packageDir, 'package.json'), 'utf8')) as Record<string, unknown>;
    expect(pkg).toMatchObject({ name: PACKAGE, version: '1.0.0', type: 'module', sideEffects: false, dependencies: { '@sdkgen/runtime': '^0.1.0' } });
    expect(Object.keys(pkg['exports'] as object)).toEqual(['.', './funcs', './core', './mocks', './package.json']);
    const readme = await readFile(join(packageDir, 'README.md'), 'utf8');
    expect(readme).toContain(`npm install ${PACKAGE}`);
    expect(readme).toContain(`from '${PACKAGE}/funcs'`);
  });

  it('passes publint and @arethetypeswrong/cli (ESM profile) with no problems', async () => {
    const publint = await run(join(repoRoot, 'node_modules/.bin/publint'), ['run', packageDir, '--strict'], work);
    expect(publint.code, publint.stdout + publint.stderr).toBe(0);
    expect(publint.stdout).toContain('All good!');
    const attw = await run(join(repoRoot, 'node_modules/.bin/attw'), [packageTgz, '--profile', 'esm-only', '--format', 'json'], work);
    const report = JSON.parse(attw.stdout) as { analysis: { problems: { kind: string; resolutionKind?: string }[] } };
    // The ESM profile ignores what only CommonJS consumers would see (node10, require from node16).
    const problems = report.analysis.problems.filter((p) => p.resolutionKind !== 'node10' && p.resolutionKind !== 'node16-cjs');
    expect(problems).toEqual([]);
    expect(attw.code, attw.stderr).toBe(0);
  });

  it('type-checks in a strict consumer on TypeScript 5.0, 5.9 and 7 (NodeNext and Bundler)', async () => {
    const consumer = [
      `import { PetStore, NotFoundError, type GetPetResponse, type ListPetsItem } from '${PACKAGE}';`,
      `import { PetStoreCore } from '${PACKAGE}/core';`,
      `import { petsGet, petsList } from '${PACKAGE}/funcs';`,
      `export async function main(): Promise<string[]> {`,
      `  const client = new PetStore({ apiKey: 'k' });`,
      `  const core = new PetStoreCore({ apiKey: 'k' });`,
      `  const a: GetPetResponse = await client.pets.get('p1');`,
      `  const b: GetPetResponse = await petsGet(core, 'p1');`,
      `  const items: ListPetsItem[] = [];`,
      `  for await (const p of petsList(core, { limit: 2 })) items.push(p);`,
      `  try { await petsGet(client, 'x'); } catch (e) { if (e instanceof NotFoundError) return [e.message]; }`,
      `  // @ts-expect-error a number is not a pet id`,
      `  await petsGet(core, 42);`,
      `  return [a.name, b.name, ...items.map((p) => p.name)];`,
      `}`,
    ].join('\n');
    await writeFile(join(consumerDir, 'consumer.ts'), `${consumer}\n`);
    const base = { strict: true, target: 'ES2022', lib: ['ES2022', 'DOM', 'DOM.Iterable'], noEmit: true, skipLibCheck: false, types: ['node'] };
    await writeFile(join(consumerDir, 'tsconfig.nodenext.json'), JSON.stringify({ compilerOptions: { ...base, module: 'NodeNext', moduleResolution: 'NodeNext' }, files: ['consumer.ts'] }));
    await writeFile(join(consumerDir, 'tsconfig.bundler.json'), JSON.stringify({ compilerOptions: { ...base, module: 'ESNext', moduleResolution: 'Bundler' }, files: ['consumer.ts'] }));
    // TypeScript 5.0 in a folder of its own: the repository's `tsc` stays 5.9.
    const ts50 = join(work, 'ts50');
    await app(ts50, ['typescript@5.0.4']);
    const compilers: [string, string][] = [
      ['5.0', join(ts50, 'node_modules/typescript/bin/tsc')],
      ['5.9', join(repoRoot, 'node_modules/typescript/bin/tsc')],
      ['7', join(repoRoot, 'node_modules/typescript7/bin/tsc')],
    ];
    for (const [label, tsc] of compilers) {
      const version = await ok(process.execPath, [tsc, '--version'], consumerDir);
      expect(version, label).toContain(`Version ${label}`);
      for (const project of ['tsconfig.nodenext.json', 'tsconfig.bundler.json']) {
        const result = await run(process.execPath, [tsc, '-p', project, '--pretty', 'false'], consumerDir);
        expect(result.stdout + result.stderr, `TypeScript ${label}, ${project}`).toBe('');
        expect(result.code).toBe(0);
      }
    }
  });
});
