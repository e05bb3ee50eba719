/**
 * A corpus report for humans: generate and type-check every spec, print the pass rate, times and
 * every failure with its first errors.
 *
 *   node --import tsx test/corpus/run.ts                       # the committed corpus + GitHub
 *   node --import tsx test/corpus/run.ts <dir> [--batch 100]  # any folder of specs (e.g. APIs.guru)
 *   ... [--every N] [--from N] [--limit N] [--out <dir>] [--json report.json]   (--every 8 [--offset 3]: a deterministic 1-in-8 sample)
 *
 * SDKs are type-checked in batches (one tsc program per batch) to bound memory on large folders.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { ROOT, corpusSpecs, generateOne, specsIn, typecheck, writeProject, type CorpusOutcome } from './corpus.js';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    batch: { type: 'string', default: '100' },
    limit: { type: 'string' },
    every: { type: 'string' },
    offset: { type: 'string', default: '0' },
    from: { type: 'string', default: '0' },
    out: { type: 'string', default: join(ROOT, 'test/.tmp/corpus-run') },
    json: { type: 'string' },
    keep: { type: 'boolean', default: false },
  },
});

const dir = positionals[0];
let specs = dir === undefined ? corpusSpecs() : specsIn(dir);
if (values.every !== undefined) specs = specs.filter((_, i) => i % Number(values.every) === Number(values.offset) % Number(values.every));
specs = specs.slice(Number(values.from));
if (values.limit !== undefined) specs = specs.slice(0, Number(values.limit));
const batchSize = Math.max(1, Number(values.batch));
const outDir = resolve(values.out);
rmSync(outDir, { recursive: true, force: true });
mkdirSync(outDir, { recursive: true });

const outcomes: CorpusOutcome[] = [];
const typeErrors = new Map<string, string[]>();
let generateMs = 0;
let typecheckMs = 0;
for (let start = 0; start < specs.length; start += batchSize) {
  const batch = specs.slice(start, start + batchSize);
  const generated: string[] = [];
  for (const spec of batch) {
    const outcome = await generateOne(spec, outDir);
    outcomes.push(outcome);
    generateMs += outcome.generateMs;
    if (outcome.status === 'generated') generated.push(spec.name);
  }
  if (generated.length > 0) {
    const result = await typecheck(writeProject(outDir, generated, `tsconfig.${start}.json`));
    typecheckMs += result.ms;
    for (const [name, lines] of result.errors) typeErrors.set(name, lines);
    if (result.other.length > 0) typeErrors.set(`(batch ${start})`, result.other);
    // A batch whose tsc died checked nothing: none of its SDKs counts as passing.
    if (result.other.some((l) => l.startsWith('tsc failed'))) {
      for (const name of generated) if (!typeErrors.has(name)) typeErrors.set(name, [`not type-checked: tsc failed on batch ${start}`]);
    }
  }
  if (!values.keep) for (const name of generated) rmSync(join(outDir, name), { recursive: true, force: true });
  process.stderr.write(`${Math.min(start + batchSize, specs.length)}/${specs.length} specs\n`);
}

const passed = outcomes.filter((o) => o.status === 'generated' && !typeErrors.has(o.name));
const rejected = outcomes.filter((o) => o.status === 'rejected');
const crashed = outcomes.filter((o) => o.status === 'crashed');
const failedTypes = outcomes.filter((o) => o.status === 'generated' && typeErrors.has(o.name));
const pct = (n: number) => `${((100 * n) / Math.max(1, outcomes.length)).toFixed(1)}%`;

console.log(`specs: ${outcomes.length}`);
console.log(`pass (generated, type-checks under strict): ${passed.length} (${pct(passed.length)})`);
console.log(`rejected with diagnostics: ${rejected.length} (${pct(rejected.length)})`);
console.log(`crashed: ${crashed.length}; type errors: ${failedTypes.length}`);
console.log(`generate: ${(generateMs / 1000).toFixed(1)} s total; type-check: ${(typecheckMs / 1000).toFixed(1)} s total`);
const slow = [...outcomes].sort((a, b) => b.generateMs - a.generateMs).slice(0, 5);
console.log(`slowest to generate: ${slow.map((o) => `${o.name} ${o.generateMs} ms`).join(', ')}`);
for (const o of rejected) {
  const errors = o.diagnostics.filter((d) => d.severity === 'error');
  console.log(`\nREJECTED ${o.name}: ${errors.length} error(s)\n  ${errors.slice(0, 3).map((d) => `${d.code} ${d.pointer}: ${d.message}`).join('\n  ')}`);
}
for (const o of crashed) console.log(`\nCRASHED ${o.name}: ${o.error}`);
for (const o of failedTypes) {
  const lines = typeErrors.get(o.name) ?? [];
  console.log(`\nTYPE ERRORS ${o.name}: ${lines.length}\n  ${lines.slice(0, 4).join('\n  ')}`);
}
for (const [name, lines] of typeErrors) if (name.startsWith('(batch')) console.log(`\nOTHER ${name}:\n  ${lines.slice(0, 4).join('\n  ')}`);
if (values.json !== undefined) {
  writeFileSync(values.json, JSON.stringify({ outcomes: outcomes.map((o) => ({ ...o, typeErrors: typeErrors.get(o.name) ?? [] })) }, null, 1));
}
