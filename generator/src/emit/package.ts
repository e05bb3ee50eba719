/**
 * `--package <npm-name>`: the SDK as a publishable npm package, compiled here so the user has no
 * build step. The TypeScript files go under `src/`; each is compiled on its own, in memory, to ESM
 * JavaScript (`ts.transpileModule`) and a declaration file with its declaration map
 * (`ts.transpileDeclaration`: generated code annotates every export, so declarations need no type
 * information and no module resolution). Beside them: `package.json`, `README.md` and, when the spec
 * names a licence, a `LICENSE` placeholder. Pure and deterministic, like the rest of the emit stage.
 */
import ts from 'typescript';
import { checkPackageOptions, packageOfSpecifier } from '../options.js';
import type { GeneratedFile } from './resource.js';

/**
 * The runtime version generated code is written for; `package.json` depends on `^` this. Kept in
 * step with `runtime/package.json` by a test.
 */
export const RUNTIME_VERSION = '0.1.0';

/** The msw versions the mocks entry is written for (an optional peer: only tests load it). */
const MSW_RANGE = '^2.0.0';

/** Node versions the runtime supports (`runtime/package.json` `engines`). */
const NODE_ENGINES = '>=20.18.1';

/** What the package emitter needs beyond the source files. */
export interface PackageInput {
  /** npm package name, e.g. `@acme/petstore`. */
  name: string;
  /** `info.version`. */
  version: string;
  /** `info.title` and `info.description`, for package.json. */
  title: string;
  description?: string | undefined;
  /** `info.license` of the spec, when it names one. */
  license?: { name: string; identifier?: string | undefined; url?: string | undefined } | undefined;
  /** Module specifier of the runtime in generated code (a bare package specifier). */
  runtimeImport: string;
}

/**
 * `info.version` as a semver version npm accepts: as is when it is one, else its first three
 * numbers (`v2` -> `2.0.0`, `2022-11-28` -> `2022.11.28`), else `0.0.0`.
 */
export function packageVersion(version: string): string {
  const semver = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?(?:\+[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?$/;
  const trimmed = version.trim();
  if (semver.test(trimmed)) return trimmed;
  const numbers = (trimmed.match(/\d+/g) ?? []).slice(0, 3).map((n) => String(Number(n)));
  while (numbers.length < 3) numbers.push('0');
  return numbers.join('.');
}

/** Public entries of the package: `exports` key -> module under `src/` (without `.ts`). */
function entries(files: readonly GeneratedFile[]): [string, string][] {
  const out: [string, string][] = [['.', 'index'], ['./funcs', 'funcs'], ['./core', 'core']];
  if (files.some((f) => f.path === 'mocks.ts')) out.push(['./mocks', 'mocks']);
  return out;
}

/** A licence name that is an SPDX identifier (what package.json's `license` wants), else `SEE LICENSE IN LICENSE`. */
function licenseField(license: NonNullable<PackageInput['license']>): string {
  const id = license.identifier ?? license.name;
  return /^[A-Za-z0-9.+-]+$/.test(id) ? id : 'SEE LICENSE IN LICENSE';
}

function packageJson(input: PackageInput, files: readonly GeneratedFile[]): string {
  const exportsMap: Record<string, unknown> = {};
  for (const [key, module] of entries(files)) {
    exportsMap[key] = { types: `./dist/${module}.d.ts`, default: `./dist/${module}.js` };
  }
  exportsMap['./package.json'] = './package.json';
  const runtime = packageOfSpecifier(input.runtimeImport);
  const description = (input.description ?? '').split(/\n\s*\n/)[0]!.replace(/\s+/g, ' ').trim();
  const pkg: Record<string, unknown> = {
    name: input.name,
    version: packageVersion(input.version),
    description: description !== '' ? description : `TypeScript SDK for ${input.title}`,
    ...(input.license !== undefined ? { license: licenseField(input.license) } : {}),
    type: 'module',
    sideEffects: false,
    exports: exportsMap,
    main: './dist/index.js',
    types: './dist/index.d.ts',
    files: ['dist', 'src', 'README.md', ...(input.license !== undefined ? ['LICENSE'] : [])],
    engines: { node: NODE_ENGINES },
    dependencies: { [runtime]: `^${RUNTIME_VERSION}` },
  };
  if (files.some((f) => f.path === 'mocks.ts')) {
    pkg['peerDependencies'] = { msw: MSW_RANGE };
    pkg['peerDependenciesMeta'] = { msw: { optional: true } };
  }
  return `${JSON.stringify(pkg, null, 2)}\n`;
}

function licenseText(license: NonNullable<PackageInput['license']>): string {
  const lines = [
    `This SDK is published under the licence its API description names: ${license.name}.`,
    ...(license.url !== undefined ? [``, `See ${license.url}`] : []),
    '',
    'Replace this placeholder with the full licence text before publishing.',
  ];
  return `${lines.join('\n').replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '')}\n`;
}

/** Compiler options of the in-memory compile: what `tsc` would do with the generated tsconfig. */
const COMPILE: ts.CompilerOptions = {
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.ESNext,
  verbatimModuleSyntax: true,
  useDefineForClassFields: true,
  declaration: true,
  declarationMap: true,
  rootDir: 'src',
  outDir: 'dist',
  newLine: ts.NewLineKind.LineFeed,
};

/** A compile problem in generated code is a generator bug: say which file and what. */
function failOn(diagnostics: readonly ts.Diagnostic[] | undefined, path: string): void {
  const first = diagnostics?.find((d) => d.category === ts.DiagnosticCategory.Error);
  if (first !== undefined) {
    throw new Error(`sdkgen cannot compile the generated ${path}: ${ts.flattenDiagnosticMessageText(first.messageText, '\n')}`);
  }
}

/**
 * Whether a file holds only type declarations at its top level (openapi-typescript's `types.ts`:
 * `export interface paths {`, `export type $defs = ...`, `type WithRequired<...>`, comments). Such a
 * file is its own declaration file and compiles to an empty module, so the largest file of a big
 * SDK (6 MB for GitHub's) needs no compile pass at all. Top-level statements start at column 0 in
 * generated code; anything else there (a value) sends the file through the compiler.
 */
export function declarationsOnly(text: string): boolean {
  for (const line of text.split('\n')) {
    if (line === '' || /^[\s}]/.test(line) || line.startsWith('//') || line.startsWith('/*')) continue;
    if (!/^(export )?(interface|type) [A-Za-z_$][\w$]*[\s<={]/.test(line)) return false;
  }
  return true;
}

/** `dist/x.d.ts` for a declarations-only `src/x.ts`: the same text, mapped line for line. */
function declarationsAsIs(file: GeneratedFile, base: string): GeneratedFile[] {
  const name = base.slice(base.lastIndexOf('/') + 1);
  const text = file.contents.endsWith('\n') ? file.contents : `${file.contents}\n`;
  const lines = text.split('\n').length - 1;
  const up = '../'.repeat(file.path.split('/').length);
  const map = { version: 3, file: `${name}.d.ts`, sourceRoot: '', sources: [`${up}src/${file.path}`], names: [], mappings: `AAAA${';AACA'.repeat(Math.max(0, lines - 1))}` };
  const header = text.startsWith('//') ? text.slice(0, text.indexOf('\n') + 1) : '';
  return [
    { path: `${base}.js`, contents: `${header}export {};\n` },
    { path: `${base}.d.ts`, contents: `${text}//# sourceMappingURL=${name}.d.ts.map\n` },
    { path: `${base}.d.ts.map`, contents: `${JSON.stringify(map)}\n` },
  ];
}

/** `src/x.ts` -> `dist/x.js`, `dist/x.d.ts`, `dist/x.d.ts.map`. */
export function compileFile(file: GeneratedFile): GeneratedFile[] {
  const fileName = `src/${file.path}`;
  const base = `dist/${file.path.replace(/\.ts$/, '')}`;
  if (declarationsOnly(file.contents)) return declarationsAsIs(file, base);
  const js = ts.transpileModule(file.contents, { fileName, compilerOptions: COMPILE, reportDiagnostics: true });
  failOn(js.diagnostics, fileName);
  const dts = ts.transpileDeclaration(file.contents, { fileName, compilerOptions: COMPILE, reportDiagnostics: true });
  failOn(dts.diagnostics, fileName);
  if (dts.sourceMapText === undefined) throw new Error(`sdkgen: no declaration map for ${fileName}`);
  return [
    { path: `${base}.js`, contents: js.outputText },
    { path: `${base}.d.ts`, contents: dts.outputText.endsWith('\n') ? dts.outputText : `${dts.outputText}\n` },
    { path: `${base}.d.ts.map`, contents: `${dts.sourceMapText}\n` },
  ];
}

/**
 * The package layout around the SDK's files: `src/` and its compiled `dist/`, package.json, the
 * README at the root, a LICENSE placeholder when the spec names a licence.
 */
export function emitPackage(files: readonly GeneratedFile[], input: PackageInput): GeneratedFile[] {
  checkPackageOptions(input.name, input.runtimeImport);
  const out: GeneratedFile[] = [];
  for (const file of files) {
    if (file.path.endsWith('.ts')) {
      out.push({ path: `src/${file.path}`, contents: file.contents }, ...compileFile(file));
    } else {
      out.push(file);
    }
  }
  out.push({ path: 'package.json', contents: packageJson(input, files) });
  if (input.license !== undefined) out.push({ path: 'LICENSE', contents: licenseText(input.license) });
  return out.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}
