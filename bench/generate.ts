/**
 * Generation speed on GitHub's REST API spec (~1,200 operations), whole CLI against whole CLI:
 * `sdkgen generate <spec> --out <dir>` (bin/sdkgen.js) against `openapi-typescript <spec> -o <file>`,
 * the types-only baseline the product is measured against (target: ratio <= 1.5).
 *
 * Each run is a fresh child process timed from spawn to exit, so each side pays for what a user
 * waits for: Node's start, module loading, reading and parsing the spec, the work, writing the
 * output. The sides alternate within each round (the order flips every round) so that a neighbour's
 * burst on a shared machine hits both alike; medians over the rounds are reported (3 by default,
 * `--runs <n>`). Peak RSS and CPU time of each child come from the child itself at exit
 * (bench/support/rusage.cjs, preloaded with `--require`); CPU time is reported beside wall time
 * because on a loaded machine wall time also measures the neighbours.
 *
 * `--before <dir>` adds a third side, the CLI of another built checkout (bench/support/options.ts).
 *
 * Also reported, from a separate in-process child: what emitting mocks.ts costs (the mocks budget,
 * < 30% of generation), as a share of the whole CLI run.
 *
 * Run alone: `node --import tsx bench/generate.ts [--before <dir>] [--runs <n>]`.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { beforeRoot, median, rounds } from './support/options.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SPEC = join(ROOT, 'node_modules/@octokit/openapi/generated/api.github.com.json');
const RUSAGE = fileURLToPath(new URL('./support/rusage.cjs', import.meta.url));
const OPENAPI_TS = join(ROOT, 'node_modules/openapi-typescript/bin/cli.js');

/** One whole-CLI run. */
interface Sample {
  wallMs: number;
  cpuMs: number;
  peakRssMb: number;
  outputBytes: number;
}

interface Side {
  name: string;
  label: string;
  /** Node arguments (script first) for an output directory. */
  args(out: string): string[];
  cwd: string;
}

/** Total bytes of the files under `dir`. */
function sizeOf(dir: string): number {
  let total = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) total += statSync(join(entry.parentPath, entry.name)).size;
  }
  return total;
}

/** Runs one side once in a fresh process and a fresh output directory. */
function runCli(side: Side): Promise<Sample> {
  const work = mkdtempSync(join(tmpdir(), `sdkgen-bench-${side.name}-`));
  const out = join(work, 'out');
  const usageFile = join(work, 'rusage.json');
  return new Promise<Sample>((resolve, reject) => {
    const start = performance.now();
    const child = spawn(process.execPath, ['--require', RUSAGE, ...side.args(out)], {
      cwd: side.cwd,
      env: { ...process.env, SDKGEN_BENCH_RUSAGE: usageFile, NODE_OPTIONS: '' },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      const wallMs = performance.now() - start;
      try {
        if (code !== 0) throw new Error(`${side.label} exited with ${code}: ${stderr.slice(0, 2000)}`);
        const usage = JSON.parse(readFileSync(usageFile, 'utf8')) as { maxRssKb: number; userUs: number; systemUs: number };
        resolve({ wallMs, cpuMs: (usage.userUs + usage.systemUs) / 1000, peakRssMb: usage.maxRssKb / 1024, outputBytes: sizeOf(out) });
      } catch (error) {
        reject(error as Error);
      } finally {
        rmSync(work, { recursive: true, force: true });
      }
    });
  });
}

function sdkgenSide(name: string, label: string, root: string): Side {
  return { name, label, cwd: root, args: (out) => [join(root, 'bin/sdkgen.js'), 'generate', SPEC, '--out', out, '--name', 'GitHub'] };
}

/** The mocks emitter alone, in process, cold (the child side of `--mocks-child`). */
async function measureMocks(): Promise<{ wallMs: number; cpuMs: number; outputBytes: number }> {
  const { loadSpec } = await import('../generator/src/load/index.js');
  const { normalize } = await import('../generator/src/normalize/index.js');
  const { Diagnostics } = await import('../generator/src/diagnostics.js');
  const { emitMocks } = await import('../generator/src/emit/mocks.js');
  const text = await readFile(SPEC, 'utf8');
  const loaded = await loadSpec(SPEC, { read: () => Promise.resolve(text) });
  const model = normalize(loaded, new Diagnostics());
  const cpu = process.cpuUsage();
  const start = performance.now();
  const outputBytes = emitMocks(model, loaded.document).reduce((n, f) => n + f.contents.length, 0);
  const wallMs = performance.now() - start;
  const used = process.cpuUsage(cpu);
  return { wallMs, cpuMs: (used.user + used.system) / 1000, outputBytes };
}

function runMocksChild(): Promise<{ wallMs: number; cpuMs: number; outputBytes: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), '--mocks-child'], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) reject(new Error(`mocks child exited with ${code}: ${out}`));
      else resolve(JSON.parse(out.trim().split('\n').pop() ?? '') as { wallMs: number; cpuMs: number; outputBytes: number });
    });
  });
}

/** The benchmark: figures keyed by name (ms, MB, ratios). */
export async function benchGenerate(): Promise<Record<string, number>> {
  const before = beforeRoot();
  const runs = rounds(3);
  const types: Side = { name: 'types', label: 'openapi-typescript CLI', cwd: ROOT, args: (out) => [OPENAPI_TS, SPEC, '-o', join(out, 'types.ts')] };
  const sides: Side[] = [types, sdkgenSide('sdkgen', 'sdkgen generate', ROOT)];
  if (before !== undefined) sides.push(sdkgenSide('before', `sdkgen generate (${before})`, before));
  const samples = new Map<string, Sample[]>(sides.map((s) => [s.name, []]));
  const mocks: { wallMs: number; cpuMs: number; outputBytes: number }[] = [];
  console.log(`  whole CLI runs on ${SPEC.slice(ROOT.length)}, ${runs} alternating rounds${before ? `; before = ${before}` : ''}`);
  for (let round = 0; round < runs; round++) {
    const order = round % 2 === 0 ? sides : [...sides].reverse();
    for (const side of order) {
      const sample = await runCli(side);
      samples.get(side.name)!.push(sample);
      console.log(
        `  ${side.name.padEnd(7)} run ${round + 1}: ${sample.wallMs.toFixed(0)} ms wall, ${sample.cpuMs.toFixed(0)} ms cpu, ` +
          `peak RSS ${sample.peakRssMb.toFixed(0)} MB, ${(sample.outputBytes / 1e6).toFixed(1)} MB written`,
      );
    }
    mocks.push(await runMocksChild());
  }
  const m = (side: string, key: keyof Sample): number => median(samples.get(side)!.map((s) => s[key]));
  const mocksMs = median(mocks.map((s) => s.wallMs));
  const mocksCpuMs = median(mocks.map((s) => s.cpuMs));
  const figures: Record<string, number> = {
    typesOnlyMs: Math.round(m('types', 'wallMs')),
    typesOnlyCpuMs: Math.round(m('types', 'cpuMs')),
    typesOnlyPeakRssMb: Math.round(m('types', 'peakRssMb')),
    generateMs: Math.round(m('sdkgen', 'wallMs')),
    generateCpuMs: Math.round(m('sdkgen', 'cpuMs')),
    generatePeakRssMb: Math.round(m('sdkgen', 'peakRssMb')),
    generateOutputMb: Math.round(m('sdkgen', 'outputBytes') / 1e5) / 10,
    ratio: m('sdkgen', 'wallMs') / m('types', 'wallMs'),
    ratioCpu: m('sdkgen', 'cpuMs') / m('types', 'cpuMs'),
    ratioPeakRss: m('sdkgen', 'peakRssMb') / m('types', 'peakRssMb'),
    mocksMs: Math.round(mocksMs),
    /** Emitting mocks.ts as a share of the rest of the whole CLI run (target < 0.3). */
    mocksShare: mocksMs / Math.max(1, m('sdkgen', 'wallMs') - mocksMs),
    mocksShareCpu: mocksCpuMs / Math.max(1, m('sdkgen', 'cpuMs') - mocksCpuMs),
    mocksOutputMb: Math.round(median(mocks.map((s) => s.outputBytes)) / 1e5) / 10,
  };
  if (before !== undefined) {
    Object.assign(figures, {
      beforeGenerateMs: Math.round(m('before', 'wallMs')),
      beforeGenerateCpuMs: Math.round(m('before', 'cpuMs')),
      beforeGeneratePeakRssMb: Math.round(m('before', 'peakRssMb')),
      beforeRatio: m('before', 'wallMs') / m('types', 'wallMs'),
      beforeRatioCpu: m('before', 'cpuMs') / m('types', 'cpuMs'),
      afterOverBefore: m('sdkgen', 'wallMs') / m('before', 'wallMs'),
    });
  }
  console.log(
    `  sdkgen / openapi-typescript, whole CLI: ${figures['ratio']!.toFixed(2)} wall, ${figures['ratioCpu']!.toFixed(2)} cpu, ` +
      `${figures['ratioPeakRss']!.toFixed(2)} peak RSS (target <= 1.5)`,
  );
  if (before !== undefined) {
    console.log(`  before / openapi-typescript: ${figures['beforeRatio']!.toFixed(2)} wall, ${figures['beforeRatioCpu']!.toFixed(2)} cpu; after / before: ${figures['afterOverBefore']!.toFixed(2)} wall`);
  }
  console.log(`  mocks.ts adds ${(figures['mocksShare']! * 100).toFixed(1)}% wall, ${(figures['mocksShareCpu']! * 100).toFixed(1)}% cpu to the rest of the CLI run (${figures['mocksMs']} ms; target < 30%)`);
  return figures;
}

if (process.argv.includes('--mocks-child')) {
  process.stdout.write(`${JSON.stringify(await measureMocks())}\n`);
} else if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const figures = await benchGenerate();
  for (const [key, value] of Object.entries(figures)) console.log(`${key}: ${Number.isInteger(value) ? value : value.toFixed(3)}`);
}
