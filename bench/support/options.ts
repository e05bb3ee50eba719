/**
 * Options shared by the benchmarks that can compare two builds.
 *
 * `--before <dir>` (or `SDKGEN_BENCH_BEFORE=<dir>`) names another checkout of sdkgen, built
 * (`npm ci` there), typically a worktree of an older commit:
 *
 *     git worktree add --detach ../before <commit> && (cd ../before && npm ci)
 *     npm run bench -- generate throughput --before ../before
 *
 * The benchmarks then measure that checkout's CLI or runtime in the same alternating rounds as this
 * one, so "before" and "after" see the same machine load. `--runs <n>` (or `SDKGEN_BENCH_RUNS`)
 * sets the number of rounds.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

function flag(name: string): string | undefined {
  const at = process.argv.indexOf(`--${name}`);
  if (at !== -1) return process.argv[at + 1];
  const inline = process.argv.find((a) => a.startsWith(`--${name}=`));
  return inline?.slice(name.length + 3);
}

/** The checkout to compare with, if any (absolute path); throws when it is not a built sdkgen checkout. */
export function beforeRoot(): string | undefined {
  const dir = flag('before') ?? process.env['SDKGEN_BENCH_BEFORE'];
  if (dir === undefined || dir === '') return undefined;
  const root = resolve(dir);
  if (!existsSync(resolve(root, 'bin/sdkgen.js')) || !existsSync(resolve(root, 'runtime/src/index.ts'))) {
    throw new Error(`--before ${dir}: not an sdkgen checkout (no bin/sdkgen.js or runtime/src/index.ts)`);
  }
  return root;
}

/** Rounds to run: `--runs`, `SDKGEN_BENCH_RUNS`, else `fallback` (at least 1). */
export function rounds(fallback: number): number {
  const n = Number(flag('runs') ?? process.env['SDKGEN_BENCH_RUNS'] ?? fallback);
  return Number.isInteger(n) && n > 0 ? n : fallback;
}

/** Command-line words that are values of the flags above (so `run.ts` does not take them for bench names). */
export function flagWords(argv: readonly string[]): Set<number> {
  const taken = new Set<number>();
  argv.forEach((a, i) => {
    if (a === '--before' || a === '--runs') taken.add(i).add(i + 1);
    else if (a.startsWith('--')) taken.add(i);
  });
  return taken;
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
