/**
 * What an app pays for a generated package, on GitHub's REST spec (1,200+ operations):
 * - bytes: gzip size of a one-call browser bundle (esbuild, minify, platform browser) through the
 *   standalone functions (`<pkg>/core` + `<pkg>/funcs`, target <= 12 kB), through the class method
 *   (reported), and through openapi-fetch with openapi-typescript's types (the baseline); and where
 *   the funcs bundle's bytes go: minified bytes per part of the runtime (`bench/support/bundle-parts.ts`);
 * - type-check time: `tsc` wall time of a one-call consumer of the package against the same
 *   consumer on openapi-typescript's types + openapi-fetch (target <= 1.0x), and of the source-mode
 *   SDK (target <= 1.2x). Same tsconfig for all three (strict, NodeNext, `skipLibCheck: true` as in
 *   framework templates), runs alternating between the projects; the fastest of each counts.
 *
 * Run alone: `npm run bench -- package`.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import type { Metafile } from 'esbuild';
import openapiTS, { astToString } from 'openapi-typescript';
import { generate } from '../generator/src/generate.js';
import { loadSpec } from '../generator/src/load/index.js';
import { bundleForBrowser, formatParts, partBytes } from './support/bundle-parts.js';

const ROUNDS = Math.max(1, Number(process.env['SDKGEN_BENCH_ROUNDS'] ?? 3));
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const SPEC = join(ROOT, 'node_modules/@octokit/openapi/generated/api.github.com.json');
// Inside the repository, so `@sdkgen/runtime`, `openapi-fetch` and `typescript` resolve from its node_modules.
const WORK = join(ROOT, 'test/.tmp/bench-package');
const PACKAGE = '@bench/github';
const TSC = join(ROOT, 'node_modules/typescript/bin/tsc');

function write(path: string, contents: string): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, contents);
}

/** Minified, gzipped size of `entry` bundled for the browser. */
async function bundleSize(entry: string): Promise<{ minified: number; gzip: number; metafile: Metafile }> {
  const { code, metafile } = await bundleForBrowser(entry, WORK);
  return { minified: code.byteLength, gzip: gzipSync(code, { level: 9 }).byteLength, metafile };
}

function tsc(project: string): Promise<number> {
  const started = performance.now();
  return new Promise((done, fail) => {
    execFile(process.execPath, ['--max-old-space-size=6144', TSC, '-p', project, '--pretty', 'false'], { cwd: dirname(project), maxBuffer: 64 * 1024 * 1024 }, (error, stdout) => {
      const wallMs = performance.now() - started;
      if (error !== null) {
        fail(new Error(`tsc -p ${project} failed: ${stdout.slice(0, 3000)}`));
        return;
      }
      done(wallMs);
    });
  });
}

function project(dir: string, files: string[]): string {
  const path = join(dir, 'tsconfig.json');
  const compilerOptions = {
    strict: true,
    target: 'ES2022',
    lib: ['ES2023', 'DOM', 'DOM.Iterable'],
    module: 'NodeNext',
    moduleResolution: 'NodeNext',
    skipLibCheck: true,
    noEmit: true,
    types: [],
  };
  write(path, `${JSON.stringify({ compilerOptions, files }, null, 2)}\n`);
  return path;
}

/** Generates the package (and the source-mode SDK), the openapi-fetch baseline, and measures both figures. */
export async function benchPackage(): Promise<Record<string, number>> {
  rmSync(WORK, { recursive: true, force: true });
  const loaded = await loadSpec(SPEC, { read: (uri) => readFile(uri, 'utf8') });

  const startedPackage = performance.now();
  const pkg = await generate(loaded, { name: 'GitHub', package: PACKAGE });
  const packageMs = performance.now() - startedPackage;
  const pkgDir = join(WORK, 'node_modules', PACKAGE);
  for (const file of pkg.files) write(join(pkgDir, file.path), file.contents);
  const source = await generate(loaded, { name: 'GitHub' });
  for (const file of source.files) if (file.path.endsWith('.ts')) write(join(WORK, 'source/sdk', file.path), file.contents);
  // openapi-typescript as its users run it: the spec in, one `.ts` of types out.
  const doc = JSON.parse(readFileSync(SPEC, 'utf8')) as Parameters<typeof openapiTS>[0];
  write(join(WORK, 'fetch/types.ts'), astToString(await openapiTS(doc, { silent: true })));

  // One call each: GET /repos/{owner}/{repo}.
  write(
    join(WORK, 'bundle-funcs.ts'),
    `import { GitHubCore } from '${PACKAGE}/core';\nimport { reposGet } from '${PACKAGE}/funcs';\nconst client = new GitHubCore();\nconsole.log((await reposGet(client, 'octocat', 'hello-world')).full_name);\n`,
  );
  write(
    join(WORK, 'bundle-class.ts'),
    `import { GitHub } from '${PACKAGE}';\nconst client = new GitHub();\nconsole.log((await client.repos.get('octocat', 'hello-world')).full_name);\n`,
  );
  const fetchCall = [
    `import createClient from 'openapi-fetch';`,
    `import type { paths } from './types.js';`,
    `const client = createClient<paths>({ baseUrl: 'https://api.github.com' });`,
    `const { data, error } = await client.GET('/repos/{owner}/{repo}', { params: { path: { owner: 'octocat', repo: 'hello-world' } } });`,
    `if (error) throw new Error(String(error));`,
    `console.log(data.full_name);`,
  ].join('\n');
  write(join(WORK, 'fetch/app.ts'), `${fetchCall}\n`);

  const figures: Record<string, number> = { operations: pkg.summary.operations, 'generate.packageMs': Math.round(packageMs) };
  const funcs = await bundleSize('./bundle-funcs.ts');
  const klass = await bundleSize('./bundle-class.ts');
  const fetch = await bundleSize('./fetch/app.ts');
  figures['bundle.funcs.gzip'] = funcs.gzip;
  figures['bundle.funcs.minified'] = funcs.minified;
  figures['bundle.class.gzip'] = klass.gzip;
  figures['bundle.class.minified'] = klass.minified;
  figures['bundle.openapiFetch.gzip'] = fetch.gzip;
  figures['bundle.openapiFetch.minified'] = fetch.minified;
  console.log(`one-call browser bundle (gzip): funcs ${(funcs.gzip / 1000).toFixed(1)} kB (target <= 12 kB), class ${(klass.gzip / 1000).toFixed(1)} kB, openapi-fetch ${(fetch.gzip / 1000).toFixed(1)} kB`);
  // Where the funcs bundle's bytes go: runtime folders (transport, request, retry, cache, auth,
  // signals, stream, ...) and top-level modules, dependencies by package, the generated SDK.
  const parts = partBytes(funcs.metafile, PACKAGE);
  console.log(`one-call funcs bundle, minified bytes per part (${funcs.minified} B in all):\n${formatParts(parts)}`);
  for (const { part, bytes } of parts) figures[`bundle.funcs.part.${part}`] = bytes;

  // Type-check: the same one call, three ways, one tsconfig.
  const consumerPkg = join(WORK, 'consumer-package');
  write(
    join(consumerPkg, 'app.ts'),
    `import { GitHubCore } from '${PACKAGE}/core';\nimport { reposGet } from '${PACKAGE}/funcs';\nconst client = new GitHubCore();\nconst repo = await reposGet(client, 'octocat', 'hello-world');\nconsole.log(repo.full_name);\nexport {};\n`,
  );
  const consumerSource = join(WORK, 'source');
  write(
    join(consumerSource, 'app.ts'),
    `import { GitHubCore } from './sdk/core.js';\nimport { reposGet } from './sdk/funcs.js';\nconst client = new GitHubCore();\nconst repo = await reposGet(client, 'octocat', 'hello-world');\nconsole.log(repo.full_name);\nexport {};\n`,
  );
  // The package's own package.json would make the consumer a CommonJS scope otherwise.
  for (const dir of [consumerPkg, consumerSource, join(WORK, 'fetch')]) write(join(dir, 'package.json'), '{ "type": "module", "private": true }\n');
  const projects = {
    package: project(consumerPkg, ['app.ts']),
    openapiFetch: project(join(WORK, 'fetch'), ['app.ts']),
    // Source mode as its README says: the SDK folder beside the app's code, compiled with it.
    source: project(consumerSource, ['app.ts']),
  };
  const best: Record<keyof typeof projects, number> = { package: Infinity, openapiFetch: Infinity, source: Infinity };
  for (let round = 0; round < ROUNDS; round++) {
    // Alternating, so drift in the machine's load touches every project alike.
    for (const key of Object.keys(projects) as (keyof typeof projects)[]) best[key] = Math.min(best[key], await tsc(projects[key]));
  }
  figures['tsc.package.wallMs'] = Math.round(best.package);
  figures['tsc.openapiFetch.wallMs'] = Math.round(best.openapiFetch);
  figures['tsc.source.wallMs'] = Math.round(best.source);
  figures['tsc.ratio.package'] = best.package / best.openapiFetch;
  figures['tsc.ratio.source'] = best.source / best.openapiFetch;
  console.log(
    `one-call consumer tsc: package ${Math.round(best.package)} ms (x${figures['tsc.ratio.package']!.toFixed(2)}, target <= 1.0), ` +
      `source-mode SDK ${Math.round(best.source)} ms (x${figures['tsc.ratio.source']!.toFixed(2)}, target <= 1.2), openapi-fetch ${Math.round(best.openapiFetch)} ms`,
  );
  return figures;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const figures = await benchPackage();
  for (const [key, value] of Object.entries(figures)) console.log(`package.${key}: ${Number.isInteger(value) ? value : value.toFixed(3)}`);
}
