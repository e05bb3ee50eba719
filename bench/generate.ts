/**
 * Generation speed on GitHub's REST API spec (~1,200 operations): our full `generate()` against
 * openapi-typescript's types-only output, the baseline the product is measured against (target:
 * ratio <= 1.5). Run alone with `node --import tsx bench/generate.ts`, or via `npm run bench`.
 *
 * Every measurement runs in a fresh child process (as the CLI does: cold JIT, nothing cached,
 * its own peak RSS), timing only the work itself: modules are imported and the spec is read and
 * parsed before the clock starts. Three runs of each, in alternating order so drift on a busy
 * machine hits both sides alike; medians reported. CPU time is reported next to wall time because
 * wall time on a shared machine measures the neighbours too.
 */
import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';

const SPEC = fileURLToPath(new URL('../node_modules/@octokit/openapi/generated/api.github.com.json', import.meta.url));
const RUNS = 3;

/** `mocks`: the mocks emitter alone (part of `generate`), cold, to report what mocks.ts adds. */
type Kind = 'types' | 'typesFromPath' | 'generate' | 'mocks';

/** What one child reports. */
interface Sample {
  wallMs: number;
  cpuMs: number;
  peakRssMb: number;
  heapUsedMb: number;
  outputBytes: number;
}

/** Runs one measurement in this process (the child side). */
async function measure(kind: Kind): Promise<Sample> {
  const { default: openapiTS, astToString } = await import('openapi-typescript');
  const { generate } = await import('../generator/src/generate.js');
  const { loadSpec } = await import('../generator/src/load/index.js');
  const text = await readFile(SPEC, 'utf8');
  const document = JSON.parse(text) as Parameters<typeof openapiTS>[0];
  const loaded = kind === 'generate' || kind === 'mocks' ? await loadSpec(SPEC, { read: () => Promise.resolve(text) }) : undefined;
  const { normalize } = await import('../generator/src/normalize/index.js');
  const { Diagnostics } = await import('../generator/src/diagnostics.js');
  const { emitMocks } = await import('../generator/src/emit/mocks.js');
  const model = kind === 'mocks' ? normalize(loaded!, new Diagnostics()) : undefined;
  const cpu = process.cpuUsage();
  const start = performance.now();
  let outputBytes = 0;
  if (kind === 'types') {
    outputBytes = astToString(await openapiTS(document, { silent: true })).length;
  } else if (kind === 'typesFromPath') {
    outputBytes = astToString(await openapiTS(pathToFileURL(SPEC), { silent: true })).length;
  } else if (kind === 'mocks') {
    outputBytes = emitMocks(model!, loaded!.document).reduce((n, f) => n + f.contents.length, 0);
  } else {
    const result = await generate(loaded!, { name: 'GitHub' });
    outputBytes = result.files.reduce((n, f) => n + f.contents.length, 0);
  }
  const wallMs = performance.now() - start;
  const used = process.cpuUsage(cpu);
  return {
    wallMs,
    cpuMs: (used.user + used.system) / 1000,
    peakRssMb: process.resourceUsage().maxRSS / 1024,
    heapUsedMb: process.memoryUsage().heapUsed / 1024 / 1024,
    outputBytes,
  };
}

function runChild(kind: Kind): Promise<Sample> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), '--child', kind], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      const line = out.trim().split('\n').pop() ?? '';
      if (code !== 0) reject(new Error(`bench child ${kind} exited with ${code}: ${out}`));
      else resolve(JSON.parse(line) as Sample);
    });
  });
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/** The benchmark: figures keyed by name (ms, MB, ratios). */
export async function benchGenerate(): Promise<Record<string, number>> {
  const samples: Record<Kind, Sample[]> = { types: [], typesFromPath: [], generate: [], mocks: [] };
  for (let round = 0; round < RUNS; round++) {
    // Alternate which side goes first, so a neighbour's burst does not always hit the same one.
    const order: Kind[] = round % 2 === 0 ? ['types', 'generate', 'typesFromPath', 'mocks'] : ['generate', 'types', 'typesFromPath', 'mocks'];
    for (const kind of order) {
      const sample = await runChild(kind);
      samples[kind].push(sample);
      console.log(`  ${kind.padEnd(14)} run ${round + 1}: ${sample.wallMs.toFixed(0)} ms wall, ${sample.cpuMs.toFixed(0)} ms cpu, peak RSS ${sample.peakRssMb.toFixed(0)} MB`);
    }
  }
  const m = (kind: Kind, key: keyof Sample): number => median(samples[kind].map((s) => s[key]));
  const figures: Record<string, number> = {
    typesOnlyMs: Math.round(m('types', 'wallMs')),
    typesOnlyCpuMs: Math.round(m('types', 'cpuMs')),
    typesFromPathMs: Math.round(m('typesFromPath', 'wallMs')),
    generateMs: Math.round(m('generate', 'wallMs')),
    generateCpuMs: Math.round(m('generate', 'cpuMs')),
    ratio: m('generate', 'wallMs') / m('types', 'wallMs'),
    ratioCpu: m('generate', 'cpuMs') / m('types', 'cpuMs'),
    /** The client SDK without mocks.ts (issue 6 budgets mocks separately, < 30% on top). */
    ratioWithoutMocks: (m('generate', 'wallMs') - m('mocks', 'wallMs')) / m('types', 'wallMs'),
    ratioWithoutMocksCpu: (m('generate', 'cpuMs') - m('mocks', 'cpuMs')) / m('types', 'cpuMs'),
    typesOnlyPeakRssMb: Math.round(m('types', 'peakRssMb')),
    generatePeakRssMb: Math.round(m('generate', 'peakRssMb')),
    typesOnlyHeapUsedMb: Math.round(m('types', 'heapUsedMb')),
    generateHeapUsedMb: Math.round(m('generate', 'heapUsedMb')),
    generateOutputMb: Math.round(m('generate', 'outputBytes') / 1e5) / 10,
    mocksMs: Math.round(m('mocks', 'wallMs')),
    /** What emitting mocks.ts adds to the rest of generate() (target < 0.3). */
    mocksShare: m('mocks', 'wallMs') / Math.max(1, m('generate', 'wallMs') - m('mocks', 'wallMs')),
    mocksShareCpu: m('mocks', 'cpuMs') / Math.max(1, m('generate', 'cpuMs') - m('mocks', 'cpuMs')),
    mocksOutputMb: Math.round(m('mocks', 'outputBytes') / 1e5) / 10,
  };
  console.log(`  ratio generate / types-only: ${figures.ratio!.toFixed(2)} wall, ${figures.ratioCpu!.toFixed(2)} cpu (full SDK incl. mocks.ts)`);
  console.log(
    `  ratio without mocks.ts: ${figures.ratioWithoutMocks!.toFixed(2)} wall, ${figures.ratioWithoutMocksCpu!.toFixed(2)} cpu (target <= 1.5)`,
  );
  console.log(`  mocks.ts adds ${(figures.mocksShare! * 100).toFixed(1)}% wall, ${(figures.mocksShareCpu! * 100).toFixed(1)}% cpu to generation (${figures.mocksMs} ms; target < 30%)`);
  return figures;
}

const childIndex = process.argv.indexOf('--child');
if (childIndex !== -1) {
  const sample = await measure(process.argv[childIndex + 1] as Kind);
  process.stdout.write(`${JSON.stringify(sample)}\n`);
} else if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const figures = await benchGenerate();
  for (const [key, value] of Object.entries(figures)) console.log(`${key}: ${Number.isInteger(value) ? value : value.toFixed(3)}`);
}
