/**
 * Where a bundle's bytes go: the minified bytes esbuild's metafile attributes to each input
 * (`bytesInOutput`), grouped by part of the runtime (its folders: transport, request, retry, cache,
 * auth, signals, stream, ...; top-level modules by name), its dependencies (by package) and the
 * generated SDK. `bench/package.ts` prints it for the one-call bundles; run it by hand on any entry:
 *
 *   node --import tsx bench/support/bundle-parts.ts <entry.ts> [--modules] [--why <module>]
 *
 * `--modules` lists every input; `--why` names the modules that import one (why it is in the bundle).
 */
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build, type Metafile } from 'esbuild';

/** One row: a part of the bundle and its minified bytes. */
export interface BundlePart {
  readonly part: string;
  readonly bytes: number;
}

/**
 * The part an input path belongs to: `runtime:<folder or module>`, `dep:<package>`, or `sdk` (the
 * app's own files, and `sdkPackage` when the generated SDK is installed as a package).
 */
export function partOf(input: string, sdkPackage?: string): string {
  const dep = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(input);
  const runtime = /(?:^|\/)runtime\/(?:dist|src)\/(.+)\.[cm]?[jt]s$/.exec(input);
  if (runtime !== null) {
    const rest = runtime[1]!;
    const slash = rest.indexOf('/');
    return `runtime:${slash === -1 ? rest : rest.slice(0, slash)}`;
  }
  if (dep !== null) return dep[1] === sdkPackage ? 'sdk' : `dep:${dep[1]}`;
  return 'sdk';
}

/** Minified bytes per input module of the bundle's one output, largest first. */
export function moduleBytes(metafile: Metafile): BundlePart[] {
  const output = Object.values(metafile.outputs)[0]!;
  return Object.entries(output.inputs)
    .map(([input, { bytesInOutput }]) => ({ part: input.replace(/^.*node_modules\//, ''), bytes: bytesInOutput }))
    .filter((row) => row.bytes > 0)
    .sort((a, b) => b.bytes - a.bytes);
}

/** Minified bytes per part (see {@link partOf}), largest first. */
export function partBytes(metafile: Metafile, sdkPackage?: string): BundlePart[] {
  const output = Object.values(metafile.outputs)[0]!;
  const totals = new Map<string, number>();
  for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
    if (bytesInOutput === 0) continue;
    const part = partOf(input, sdkPackage);
    totals.set(part, (totals.get(part) ?? 0) + bytesInOutput);
  }
  return [...totals].map(([part, bytes]) => ({ part, bytes })).sort((a, b) => b.bytes - a.bytes);
}

/** `entry` bundled as an app ships it to browsers (esbuild, ESM, minified), with its metafile. */
export async function bundleForBrowser(entry: string, absWorkingDir?: string): Promise<{ code: Uint8Array; metafile: Metafile }> {
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    write: false,
    logLevel: 'silent',
    metafile: true,
    ...(absWorkingDir !== undefined ? { absWorkingDir } : {}),
  });
  return { code: result.outputFiles[0]!.contents, metafile: result.metafile };
}

/** The inputs that import `module` (a suffix of the input path), for "why is this in my bundle". */
export function importersOf(metafile: Metafile, module: string): string[] {
  const importers: string[] = [];
  for (const [input, { imports }] of Object.entries(metafile.inputs)) {
    if (imports.some((i) => i.path.endsWith(module))) importers.push(input);
  }
  return importers;
}

/** One line per part: `runtime:stream 10935`, for a bench's log. */
export function formatParts(rows: readonly BundlePart[]): string {
  return rows.map((row) => `${String(row.bytes).padStart(8)}  ${row.part}`).join('\n');
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const [entry, ...flags] = process.argv.slice(2);
  if (entry === undefined) throw new Error('usage: bundle-parts.ts <entry> [--modules] [--why <module>]');
  const result = await bundleForBrowser(resolve(entry));
  const { gzipSync } = await import('node:zlib');
  const code = result.code;
  console.log(`minified ${code.byteLength} B, gzip ${gzipSync(code, { level: 9 }).byteLength} B`);
  console.log(formatParts(partBytes(result.metafile)));
  if (flags.includes('--modules')) console.log(`\n${formatParts(moduleBytes(result.metafile))}`);
  const why = flags.indexOf('--why');
  if (why !== -1 && flags[why + 1] !== undefined) console.log(`\nimported by:\n${importersOf(result.metafile, flags[why + 1]!).join('\n')}`);
}
