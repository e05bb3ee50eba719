/**
 * The `sdkgen` command line: the only part of the generator that touches the disk or the network.
 * `bin/sdkgen.js` calls {@link main} and exits with the code it returns:
 * 0 ok, 1 bad spec (or `--check` found drift, or `--strict` found warnings), 2 bad usage (or an
 * output folder sdkgen did not generate, without `--force`), 3 the output could not be read or written.
 */
import { readFileSync } from 'node:fs';
import { Command, CommanderError } from 'commander';
import { readConfig, type ConfigFile } from './cli/config.js';
import { applyPlan, describePlan, isClean, planOutput, type OutputPlan } from './cli/output.js';
import { MANIFEST } from './cli/manifest.js';
import { OutputError } from './cli/write.js';
import { specReader } from './cli/read.js';
import { watchSpec } from './cli/watch.js';
import { formatDiagnostic, SpecError, type Diagnostic } from './diagnostics.js';
import type { GenerateResult } from './generate.js';
import { checkGenerateOptions, UsageError } from './options.js';

/** Exit codes (README "Use"). */
export const EXIT = { ok: 0, spec: 1, usage: 2, output: 3 } as const;

/** Where the CLI prints; tests may capture it. */
export interface Output {
  out(text: string): void;
  err(text: string): void;
  /** Transient progress for people watching a terminal; absent when nobody is. */
  progress?(text: string): void;
}

const processOutput: Output = {
  out: (text) => void process.stdout.write(text),
  err: (text) => void process.stderr.write(text),
  // Only on a terminal: logs and CI output stay clean.
  ...(process.stderr.isTTY ? { progress: (text: string) => void process.stderr.write(text) } : {}),
};

interface GenerateFlags {
  out?: string;
  name?: string;
  config?: string;
  runtimeImport?: string;
  package?: string;
  check?: boolean;
  watch?: boolean;
  force?: boolean;
  strict?: boolean;
  checkSources?: boolean;
}

/** The resolved options of one `generate` invocation. */
interface Invocation {
  spec: string;
  out: string;
  name?: string;
  runtimeImport?: string;
  package?: string;
  check: boolean;
  /** Write into a folder sdkgen did not generate, replacing files of the same names. */
  force: boolean;
  /** Warnings fail the run (exit 1, nothing written). */
  strict: boolean;
  /** Source mode: no `// @ts-nocheck` in the generated files. */
  checkSources?: boolean;
}

function packageVersion(): string {
  try {
    // dist/generator/cli.js and generator/src/cli.ts both sit two levels below the package root.
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version?: string };
    return pkg.version ?? '0.0.0';
  } catch {
    return '0.0.0';
  }
}

function printDiagnostics(diagnostics: readonly Diagnostic[], io: Output): void {
  for (const d of diagnostics) io.err(`${formatDiagnostic(d)}\n`);
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** Paginated methods listed by name in the summary; the rest are counted. */
const MAX_PAGINATED_LINES = 12;

/** Long-running methods and why (only when there are any), bounded like the paginated ones. */
function longRunningLines(ops: GenerateResult['summary']['longRunningOperations']): string[] {
  if (ops.length === 0) return [];
  const shown = ops.slice(0, MAX_PAGINATED_LINES);
  const width = Math.max(0, ...shown.map((p) => p.method.length));
  return [
    `  long-running ${ops.length}`,
    ...shown.map((p) => `    ${p.method.padEnd(width)}  ${p.description}`),
    ...(ops.length > shown.length ? [`    ... and ${ops.length - shown.length} more`] : []),
  ];
}

/** The one-screen summary printed after a run. */
function summaryLines(result: GenerateResult, written: string): string[] {
  const { operations, resources, paginated, paginatedOperations, longRunningOperations, durationMs } = result.summary;
  // Which methods page and how, bounded so the summary stays one screen on large specs.
  const shown = paginatedOperations.slice(0, MAX_PAGINATED_LINES);
  const width = Math.max(0, ...shown.map((p) => p.method.length));
  return [
    `  operations  ${operations}`,
    `  resources   ${resources}`,
    `  paginated   ${paginated}`,
    ...shown.map((p) => `    ${p.method.padEnd(width)}  ${p.description}`),
    ...(paginatedOperations.length > shown.length ? [`    ... and ${paginatedOperations.length - shown.length} more`] : []),
    ...longRunningLines(longRunningOperations),
    `  files       ${written}`,
    `  time        ${durationMs} ms`,
  ];
}

/** One generate run: load, generate, then write or check. Returns the exit code. */
async function runOnce(inv: Invocation, io: Output): Promise<number> {
  let result: GenerateResult;
  try {
    io.progress?.(`sdkgen: generating from ${inv.spec}...\n`);
    // Loaded on demand: `--help`, `--version` and usage errors answer without loading the emitters.
    const [{ loadSpec }, { generate }] = await Promise.all([import('./load/index.js'), import('./generate.js')]);
    const spec = await loadSpec(inv.spec, specReader);
    result = await generate(spec, { name: inv.name, runtimeImport: inv.runtimeImport, package: inv.package, checkSources: inv.checkSources });
  } catch (error) {
    if (error instanceof SpecError) {
      printDiagnostics(error.diagnostics, io);
      const errors = error.diagnostics.filter((d) => d.severity === 'error').length;
      io.err(`sdkgen: ${inv.spec} has ${plural(errors, 'problem')}; nothing was written.\n`);
      return EXIT.spec;
    }
    if (error instanceof UsageError) {
      io.err(`sdkgen: ${error.message}\n`);
      return EXIT.usage;
    }
    io.err(`sdkgen: internal error while generating from ${inv.spec}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    return EXIT.spec;
  }
  printDiagnostics(result.diagnostics, io);
  const warnings = result.diagnostics.filter((d) => d.severity === 'warning').length;
  if (inv.strict && warnings > 0) {
    io.err(`sdkgen: --strict: ${inv.spec} has ${plural(warnings, 'warning')}; nothing was written.\n`);
    return EXIT.spec;
  }
  try {
    return await writeOrCheck(inv, result, io);
  } catch (error) {
    if (!(error instanceof OutputError)) throw error;
    io.err(`sdkgen: ${error.message}; ${error.unchanged ? 'the output folder is unchanged' : 'the output folder may be incomplete'}.\n`);
    return EXIT.output;
  }
}

/** How many of a folder's files a refusal names before "and N more". */
const MAX_FOREIGN_LINES = 8;

function refusal(inv: Invocation, plan: OutputPlan): string {
  const shown = plan.foreign.slice(0, MAX_FOREIGN_LINES).map((f) => `  ${f}`);
  const more = plan.foreign.length > shown.length ? [`  ... and ${plan.foreign.length - shown.length} more`] : [];
  const why = plan.foreignFolder
    ? `${inv.out} is not empty and sdkgen did not generate it (it has no ${MANIFEST} manifest)`
    : `${inv.out} has files sdkgen did not write that this run would replace`;
  return [`sdkgen: refusing to write: ${why}:`, ...shown, ...more, 'Choose an empty or new folder, or pass --force to write anyway (files sdkgen did not write are never removed).'].join('\n');
}

/** Writes the generated files (all or nothing) or, with `--check`, compares them. */
async function writeOrCheck(inv: Invocation, result: GenerateResult, io: Output): Promise<number> {
  const plan = await planOutput(inv.out, result.files);
  if (inv.check) {
    if (isClean(plan)) {
      io.out(`sdkgen --check: ${inv.out} is up to date (${plural(result.files.length, 'file')}).\n`);
      return EXIT.ok;
    }
    const counts = `${plan.added.length} added, ${plan.changed.length} changed, ${plan.removed.length} removed`;
    io.out(`sdkgen --check: ${inv.out} is out of date (${counts}):\n${describePlan(plan).join('\n')}\n`);
    io.out(`Run the same command without --check to update it.\n`);
    return EXIT.spec;
  }
  if (plan.foreign.length > 0 && !inv.force) {
    io.err(`${refusal(inv, plan)}\n`);
    return EXIT.usage;
  }
  await applyPlan(inv.out, plan, result.files);
  const written = `${plan.added.length + plan.changed.length} written, ${plan.unchanged.length} unchanged, ${plan.removed.length} removed`;
  io.out(`sdkgen: generated ${inv.out} from ${inv.spec}\n${summaryLines(result, written).join('\n')}\n`);
  return EXIT.ok;
}

async function resolveInvocation(specArg: string | undefined, flags: GenerateFlags): Promise<Invocation> {
  const config: ConfigFile = flags.config !== undefined ? await readConfig(flags.config) : {};
  const spec = specArg ?? config.spec;
  const out = flags.out ?? config.out;
  if (spec === undefined) throw new UsageError('missing <spec>: pass a file path or URL (or "spec" in --config)');
  if (out === undefined) throw new UsageError('missing --out <dir> (or "out" in --config)');
  const inv: Invocation = { spec, out, check: flags.check === true, force: (flags.force ?? config.force) === true, strict: (flags.strict ?? config.strict) === true };
  const name = flags.name ?? config.name;
  const runtimeImport = flags.runtimeImport ?? config.runtimeImport;
  if (name !== undefined) inv.name = name;
  if (runtimeImport !== undefined) inv.runtimeImport = runtimeImport;
  const packageName = flags.package ?? config.package;
  if (packageName !== undefined) inv.package = packageName;
  const checkSources = flags.checkSources ?? config.checkSources;
  if (checkSources === true) inv.checkSources = true;
  checkGenerateOptions({ name, runtimeImport, package: packageName });
  return inv;
}

/** `--watch`: one run now, then one per change, until SIGINT/SIGTERM. */
async function runWatch(inv: Invocation, io: Output): Promise<number> {
  if (/^https?:\/\//i.test(inv.spec)) throw new UsageError('--watch needs a spec file, not a URL');
  if (inv.check) throw new UsageError('--watch and --check cannot be combined');
  await runOnce(inv, io);
  io.out(`sdkgen: watching ${inv.spec} (Ctrl-C to stop)\n`);
  const watcher = watchSpec(inv.spec, inv.out, async () => {
    io.out(`sdkgen: ${inv.spec} changed, regenerating\n`);
    await runOnce(inv, io);
  });
  await new Promise<void>((resolve) => {
    const stop = (): void => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  watcher.close();
  return EXIT.ok;
}

function buildProgram(io: Output, setCode: (code: number) => void): Command {
  const program = new Command('sdkgen')
    .description('OpenAPI to TypeScript SDK generator')
    .version(packageVersion(), '-v, --version')
    .exitOverride()
    .configureOutput({ writeOut: io.out, writeErr: io.err })
    .showHelpAfterError('(run sdkgen --help for usage)');
  program
    .command('generate')
    .description('generate an SDK from an OpenAPI 3.x or Swagger 2.0 spec (file path or http(s) URL; JSON or YAML)')
    .argument('[spec]', 'spec file or URL (or "spec" in --config)')
    .option('-o, --out <dir>', 'output directory (or "out" in --config)')
    .option('--name <Name>', 'client class name (default: info.title in PascalCase)')
    .option('--config <file>', 'JSON file with the same options: spec, out, name, runtimeImport, package, checkSources, strict, force (flags win)')
    .option('--runtime-import <specifier>', 'module generated code imports the runtime from (default: @sdkgen/runtime)')
    .option('--package <npm-name>', 'write a publishable npm package (package.json, README, src/, compiled dist/) of this name')
    .option('--check-sources', "source mode: let your compiler check the generated files too (no // @ts-nocheck)")
    .option('--check', 'generate in memory; exit 1 with a diff summary if <dir> differs')
    .option('--watch', 'regenerate when the spec changes')
    .option('--strict', 'treat warnings as errors: exit 1 and write nothing when there are any')
    .option('--force', 'write into a folder sdkgen did not generate (files sdkgen did not write are never removed)')
    .action(async (spec: string | undefined, flags: GenerateFlags) => {
      const inv = await resolveInvocation(spec, flags);
      setCode(flags.watch === true ? await runWatch(inv, io) : await runOnce(inv, io));
    });
  return program;
}

/**
 * Runs the CLI with `argv` as in `process.argv` (node, script, args...) and returns the exit code.
 * Never calls `process.exit`, so it can be tested in-process.
 */
export async function main(argv: string[], io: Output = processOutput): Promise<number> {
  let code: number = EXIT.ok;
  const program = buildProgram(io, (c) => {
    code = c;
  });
  try {
    await program.parseAsync(argv);
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    if (error instanceof UsageError) {
      io.err(`sdkgen: ${error.message}\n`);
      return EXIT.usage;
    }
    throw error;
  }
  return code;
}
