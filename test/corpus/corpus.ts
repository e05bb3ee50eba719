/**
 * The real-world corpus harness: generate an SDK for every spec under test/fixtures/real (plus
 * GitHub's and OpenAI's), write them side by side into one TypeScript project, and type-check that project
 * with a single `tsc` run (one program is far cheaper than one run per SDK: the runtime's
 * declarations and lib files are checked once).
 *
 * Used by corpus.test.ts (CI) and run.ts (a report over any folder of specs, e.g. all of APIs.guru).
 */
import { execFile, execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { SpecError, type Diagnostic } from '../../generator/src/diagnostics.js';
import { generate } from '../../generator/src/generate.js';
import { loadSpec } from '../../generator/src/load/index.js';

/** Repository root. */
export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** Where the committed real-world specs live. */
export const REAL_DIR = join(ROOT, 'test/fixtures/real');

/** GitHub's REST API description, from the `@octokit/openapi` dev dependency (not committed). */
export const GITHUB_SPEC = join(ROOT, 'node_modules/@octokit/openapi/generated/api.github.com.json');

/** One spec of the corpus. */
export interface CorpusSpec {
  /** Folder-safe, unique name of the SDK: `apis-guru__stripe_com`. */
  name: string;
  /** Absolute path of the spec. */
  file: string;
}

/** What generating one spec gave. */
export interface CorpusOutcome extends CorpusSpec {
  /** `generated`: files written; `rejected`: the generator named the problems (SpecError); `crashed`: anything else. */
  status: 'generated' | 'rejected' | 'crashed';
  diagnostics: readonly Diagnostic[];
  /** The crash message, for `crashed`. */
  error?: string;
  operations: number;
  generateMs: number;
}

/** Type-check errors of one tsc run, by SDK name. */
export interface TypecheckResult {
  ms: number;
  /** SDK name -> `file(line,col): error TSxxxx: ...` lines; SDKs without errors are absent. */
  errors: Map<string, string[]>;
  /** Error lines not attributable to one SDK (e.g. the runtime's declarations). */
  other: string[];
}

/** `apis-guru/stripe.com.json` -> `apis-guru__stripe_com`. */
export function sdkName(relativePath: string): string {
  return relativePath.replace(/\.(json|ya?ml)$/i, '').replace(/[\\/]+/g, '__').replace(/[^A-Za-z0-9_-]/g, '_');
}

/** Every spec file under `dir` (recursively), sorted, named relative to `dir`. */
export function specsIn(dir: string): CorpusSpec[] {
  const out: CorpusSpec[] = [];
  const walk = (d: string): void => {
    for (const entry of readdirSync(d, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const path = join(d, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (/\.(json|ya?ml)$/i.test(entry.name)) out.push({ name: sdkName(relative(dir, path)), file: path });
    }
  };
  walk(dir);
  return out;
}

/** One small spec per cause of failure once seen in the wild (test/fixtures/causes; `parts/` holds their other files). */
export const CAUSES_DIR = join(ROOT, 'test/fixtures/causes');

/**
 * Large specs from outside the repository, never committed: `../shared/specs` next to the repository
 * (or next to the folder of worktrees that holds it). DigitalOcean's multi-file spec is a tarball,
 * extracted at test time under test/.tmp.
 */
export function sharedSpecs(): CorpusSpec[] {
  const dir = sharedSpecsDir();
  const extracted = join(ROOT, 'test/.tmp/shared-specs/digitalocean');
  const tarball = join(dir, 'digitalocean-specification.tar.gz');
  if (existsSync(tarball) && !existsSync(join(extracted, 'specification/DigitalOcean-public.v2.yaml'))) {
    rmSync(extracted, { recursive: true, force: true });
    mkdirSync(extracted, { recursive: true });
    execFileSync('tar', ['-xzf', tarball, '-C', extracted]);
  }
  return [
    { name: 'shared__digitalocean', file: join(extracted, 'specification/DigitalOcean-public.v2.yaml') },
    { name: 'shared__adyen-transfer-webhooks-v4', file: join(dir, 'adyen-transfer-webhooks-v4.json') },
    { name: 'shared__openai', file: OPENAI_SPEC },
  ];
}

/** `../shared/specs` next to the repository, or next to the folder of worktrees that holds it. */
function sharedSpecsDir(): string {
  return [join(ROOT, '../shared/specs'), join(ROOT, '../../shared/specs')].find((d) => existsSync(d)) ?? join(ROOT, '../shared/specs');
}

/** OpenAI's public spec (OAS 3.1, streams of chat completion chunks), gzipped, read in place. */
export const OPENAI_SPEC = join(sharedSpecsDir(), 'openai-openapi.yaml.gz');

/** The committed corpus, GitHub's spec, the causes fixtures and the shared specs. */
export function corpusSpecs(): CorpusSpec[] {
  const causes = readdirSync(CAUSES_DIR).filter((f) => /\.(json|ya?ml)$/i.test(f)).sort().map((f) => ({ name: `causes__${sdkName(f)}`, file: join(CAUSES_DIR, f) }));
  return [...specsIn(REAL_DIR), { name: 'github', file: GITHUB_SPEC }, ...causes, ...sharedSpecs()];
}

/** Reads local files only: a `$ref` to a URL fails (and is reported), so runs never touch the network. */
const localIO = {
  read(uri: string): Promise<string> {
    if (/^https?:/i.test(uri)) return Promise.reject(new Error('network access is disabled in the corpus run'));
    if (uri.endsWith('.gz')) return readFile(uri).then((bytes) => gunzipSync(bytes).toString('utf8'));
    return readFile(uri, 'utf8');
  },
};

/** Generates one spec into `outDir/<name>/`; never throws. */
export async function generateOne(spec: CorpusSpec, outDir: string): Promise<CorpusOutcome> {
  const started = performance.now();
  const done = (rest: Pick<CorpusOutcome, 'status' | 'diagnostics' | 'operations'> & { error?: string }): CorpusOutcome => ({
    ...spec, ...rest, generateMs: Math.round(performance.now() - started),
  });
  try {
    const loaded = await loadSpec(spec.file, localIO);
    const result = await generate(loaded, { checkSources: true });
    const target = join(outDir, spec.name);
    rmSync(target, { recursive: true, force: true });
    for (const file of result.files) {
      if (!file.path.endsWith('.ts')) continue;
      const path = join(target, file.path);
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, file.contents);
    }
    return done({ status: 'generated', diagnostics: result.diagnostics, operations: result.summary.operations });
  } catch (error) {
    if (error instanceof SpecError) return done({ status: 'rejected', diagnostics: error.diagnostics, operations: 0 });
    const message = error instanceof Error ? `${error.name}: ${error.message}\n${error.stack?.split('\n').slice(1, 6).join('\n') ?? ''}` : String(error);
    return done({ status: 'crashed', diagnostics: [], error: message, operations: 0 });
  }
}

/**
 * Writes `outDir/tsconfig.json`: the strict settings of test/generated/tsconfig.nodenext.json
 * (what a strict user project uses, no `skipLibCheck`) over the given SDK folders.
 */
export function writeProject(outDirPath: string, names: readonly string[], tsconfigName = 'tsconfig.json'): string {
  const outDir = resolve(outDirPath);
  const path = join(outDir, tsconfigName);
  const config = {
    extends: relative(outDir, join(ROOT, 'test/generated/tsconfig.nodenext.json')).replace(/\\/g, '/'),
    compilerOptions: { noEmit: true, incremental: false },
    include: names.map((n) => `${n}/**/*.ts`),
    // The mocks entry (MSW handlers) is a separate, test-only import with its own DOM-typed
    // dependencies; the corpus checks what every SDK user compiles.
    exclude: names.map((n) => `${n}/mocks*.ts`),
  };
  writeFileSync(path, `${JSON.stringify(config, null, 2)}\n`);
  return path;
}

/** Runs TypeScript 5.9's `tsc -p <tsconfig>` and sorts the errors by SDK folder. */
export function typecheck(tsconfigPath: string, options: { maxOldSpaceMb?: number } = {}): Promise<TypecheckResult> {
  const tsconfig = resolve(tsconfigPath);
  const tsc = join(ROOT, 'node_modules/typescript/bin/tsc');
  const outDir = dirname(tsconfig);
  const started = performance.now();
  const args = [`--max-old-space-size=${options.maxOldSpaceMb ?? 4096}`, tsc, '-p', tsconfig, '--pretty', 'false'];
  return new Promise((resolvePromise) => {
    execFile(process.execPath, args, { cwd: outDir, maxBuffer: 256 * 1024 * 1024 }, (error, stdout, stderr) => {
      const errors = new Map<string, string[]>();
      const other: string[] = [];
      // A tsc that dies (out of memory, bad config) must not read as "no type errors".
      const lines = `${stdout}\n${stderr}`.split('\n');
      if (error !== null && !lines.some((l) => /error TS\d+/.test(l))) other.push(`tsc failed: ${error.message.split('\n')[0] ?? ''} ${lines.filter((l) => l.trim() !== '').slice(0, 5).join(' | ')}`);
      for (const line of lines) {
        if (!/error TS\d+/.test(line)) continue;
        // `<sdk>/<file>(line,col): error TS...`; anything else (config errors, the runtime's declarations) is `other`.
        const match = /^([^/\\(.][^/\\(]*)[/\\][^(]*\(\d+,\d+\): error TS/.exec(line);
        const name = match?.[1];
        if (name === undefined) {
          other.push(line);
          continue;
        }
        const list = errors.get(name) ?? [];
        list.push(line);
        errors.set(name, list);
      }
      resolvePromise({ ms: Math.round(performance.now() - started), errors, other });
    });
  });
}
