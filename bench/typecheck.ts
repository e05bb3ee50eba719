/**
 * Type-check cost of a generated SDK: the whole SDK for GitHub's REST API (types, resources, client,
 * index, plus the runtime's declarations it imports) against openapi-typescript's types alone for
 * the same spec, under the same strict tsconfig and the same compiler. The ratio is the figure that
 * travels between machines; the target is 1.0 or less... which a superset cannot quite reach, so the
 * question this answers is how much the client layer adds on top of the types users would check anyway.
 *
 * Each side is checked ROUNDS times in a fresh `tsc` process; the fastest round counts (the others
 * are noise from the machine, not the code). Wall time of the process and tsc's own "Check time"
 * (from `--extendedDiagnostics`) are both reported.
 *
 * Two SDK sides: `checkSources: true` (every generated body checked, the cost sdkgen's own tests pay)
 * and the default source-mode output, whose files carry `// @ts-nocheck` so an app's compiler only
 * resolves what it uses.
 *
 * Run alone: `node --import tsx bench/typecheck.ts`.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import openapiTS, { astToString } from 'openapi-typescript';
import { generate } from '../generator/src/generate.js';
import { loadSpec } from '../generator/src/load/index.js';

/** Rounds per project; the fastest counts. Override with SDKGEN_BENCH_ROUNDS. */
const ROUNDS = Math.max(1, Number(process.env['SDKGEN_BENCH_ROUNDS'] ?? 3));
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const SPEC = join(ROOT, 'node_modules/@octokit/openapi/generated/api.github.com.json');
const WORK = join(ROOT, 'test/.tmp/bench-typecheck');

interface Run {
  wallMs: number;
  checkMs: number;
  errors: number;
}

function tsc(compiler: string, tsconfig: string): Promise<Run> {
  const started = performance.now();
  return new Promise((done, fail) => {
    execFile(process.execPath, ['--max-old-space-size=6144', compiler, '-p', tsconfig, '--extendedDiagnostics', '--pretty', 'false'], { cwd: dirname(tsconfig), maxBuffer: 64 * 1024 * 1024 }, (error, stdout) => {
      const wallMs = performance.now() - started;
      const check = /^Check time:\s+([\d.]+)s/m.exec(stdout);
      const errors = stdout.split('\n').filter((l) => /error TS\d+/.test(l)).length;
      if (check === null) {
        fail(new Error(`tsc gave no diagnostics output: ${error?.message ?? ''}\n${stdout.slice(0, 2000)}`));
        return;
      }
      done({ wallMs, checkMs: Number(check[1]) * 1000, errors });
    });
  });
}

function project(dir: string, include: string[], exclude: string[] = []): string {
  const path = join(dir, 'tsconfig.json');
  const base = relative(dir, join(ROOT, 'test/generated/tsconfig.nodenext.json')).split('\\').join('/');
  writeFileSync(path, `${JSON.stringify({ extends: base, compilerOptions: { noEmit: true, incremental: false }, include, exclude }, null, 2)}\n`);
  return path;
}

async function best(compiler: string, tsconfig: string): Promise<Run> {
  let fastest: Run | undefined;
  for (let i = 0; i < ROUNDS; i++) {
    const run = await tsc(compiler, tsconfig);
    if (run.errors > 0) throw new Error(`${tsconfig} has ${run.errors} type errors; the bench measures clean projects only`);
    if (fastest === undefined || run.wallMs < fastest.wallMs) fastest = run;
  }
  return fastest!;
}

/** Generates both projects and times `tsc` on each; returns wall and check times and their ratios. */
export async function benchTypecheck(): Promise<Record<string, number>> {
  rmSync(WORK, { recursive: true, force: true });
  const sdkDir = join(WORK, 'sdk');
  const typesDir = join(WORK, 'types-only');
  mkdirSync(sdkDir, { recursive: true });
  mkdirSync(typesDir, { recursive: true });

  const loaded = await loadSpec(SPEC, { read: (uri) => readFile(uri, 'utf8') });
  const generated = await generate(loaded, { name: 'GitHub', checkSources: true });
  const defaultDir = join(WORK, 'sdk-default');
  const writeSdk = (dir: string, files: typeof generated.files): void => {
    for (const file of files) {
      if (!file.path.endsWith('.ts')) continue;
      const path = join(dir, file.path);
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, file.contents);
    }
  };
  writeSdk(sdkDir, generated.files);
  writeSdk(defaultDir, (await generate(loaded, { name: 'GitHub' })).files);
  // openapi-typescript as its users run it: the spec in, one `.ts` of types out, default options.
  const doc = JSON.parse(readFileSync(SPEC, 'utf8')) as Parameters<typeof openapiTS>[0];
  writeFileSync(join(typesDir, 'types.ts'), astToString(await openapiTS(doc, { silent: true })));

  // What an app compiles when it imports the SDK; the MSW mocks are a separate, test-only entry.
  const sdkProject = project(sdkDir, ['**/*.ts'], ['mocks*.ts']);
  const defaultProject = project(defaultDir, ['**/*.ts'], ['mocks*.ts']);
  const typesProject = project(typesDir, ['types.ts']);
  const figures: Record<string, number> = { operations: generated.summary.operations };
  const compilers: [string, string][] = [['ts59', join(ROOT, 'node_modules/typescript/bin/tsc')], ['ts7', join(ROOT, 'node_modules/typescript7/bin/tsc')]];
  for (const [label, compiler] of compilers) {
    const types = await best(compiler, typesProject);
    const sdk = await best(compiler, sdkProject);
    const asShipped = await best(compiler, defaultProject);
    figures[`${label}.default.wallMs`] = Math.round(asShipped.wallMs);
    figures[`${label}.ratio.defaultWall`] = asShipped.wallMs / types.wallMs;
    figures[`${label}.typesOnly.wallMs`] = Math.round(types.wallMs);
    figures[`${label}.sdk.wallMs`] = Math.round(sdk.wallMs);
    figures[`${label}.typesOnly.checkMs`] = Math.round(types.checkMs);
    figures[`${label}.sdk.checkMs`] = Math.round(sdk.checkMs);
    figures[`${label}.ratio.wall`] = sdk.wallMs / types.wallMs;
    figures[`${label}.ratio.check`] = sdk.checkMs / Math.max(1, types.checkMs);
    console.log(`${label}: SDK ${Math.round(sdk.wallMs)} ms (check ${Math.round(sdk.checkMs)} ms) vs types alone ${Math.round(types.wallMs)} ms (check ${Math.round(types.checkMs)} ms): x${(sdk.wallMs / types.wallMs).toFixed(2)} wall; as generated by default (// @ts-nocheck) ${Math.round(asShipped.wallMs)} ms: x${(asShipped.wallMs / types.wallMs).toFixed(2)} wall`);
  }
  return figures;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const figures = await benchTypecheck();
  for (const [key, value] of Object.entries(figures)) console.log(`typecheck.${key}: ${Number.isInteger(value) ? value : value.toFixed(3)}`);
}
