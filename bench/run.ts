/**
 * `npm run bench`: every benchmark in one run, each printing ratios against a baseline measured in
 * the same run (never absolute targets: machines differ, ratios travel).
 *
 * Select a subset with `npm run bench -- generate throughput`. Compare with another built checkout
 * (an older commit's worktree) in the same run: `npm run bench -- generate throughput --before <dir>`;
 * `--runs <n>` sets the rounds (bench/support/options.ts).
 */
import { existsSync } from 'node:fs';
import { flagWords } from './support/options.js';

interface Bench {
  name: string;
  file: string;
  fn: string;
}

const benches: Bench[] = [
  { name: 'generate', file: './generate.ts', fn: 'benchGenerate' },
  { name: 'throughput', file: './throughput.ts', fn: 'benchThroughput' },
  { name: 'pagination', file: './pagination.ts', fn: 'benchPagination' },
  { name: 'cache', file: './cache.ts', fn: 'benchCache' },
  { name: 'typecheck', file: './typecheck.ts', fn: 'benchTypecheck' },
  { name: 'package', file: './package.ts', fn: 'benchPackage' },
  { name: 'auth', file: './auth.ts', fn: 'benchAuth' },
  { name: 'webhooks', file: './webhooks.ts', fn: 'benchWebhooks' },
];

// Flags (`--before <dir>`, `--runs <n>`) are read by the benchmarks themselves (bench/support/options.ts).
const args = process.argv.slice(2);
const flags = flagWords(args);
const wanted = args.filter((_, i) => !flags.has(i));
const results: Record<string, Record<string, number>> = {};

for (const bench of benches) {
  if (wanted.length > 0 && !wanted.includes(bench.name)) continue;
  if (!existsSync(new URL(bench.file, import.meta.url))) continue;
  console.log(`\n=== ${bench.name} ===`);
  const mod = (await import(bench.file)) as Record<string, () => Promise<Record<string, number>>>;
  const run = mod[bench.fn];
  if (typeof run !== 'function') throw new Error(`${bench.file} does not export ${bench.fn}()`);
  results[bench.name] = await run();
}

console.log('\n=== summary ===');
for (const [name, figures] of Object.entries(results)) {
  for (const [key, value] of Object.entries(figures)) {
    console.log(`${name}.${key}: ${Number.isInteger(value) ? value : value.toFixed(3)}`);
  }
}
