/**
 * Runs the real CLI as users do: `node bin/sdkgen.js` (the built dist; the root `pretest` builds it)
 * in a child process. `shell` runs it under `sh -c` instead, for limits such as `ulimit -f`.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { repoRoot } from './run-node.js';

export const sdkgenBin = join(repoRoot, 'bin/sdkgen.js');

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Longest one CLI run may take before the child is killed (the test then fails on its exit code). */
const RUN_LIMIT_MS = 240_000;

/**
 * Runs `sdkgen <args>`; `prefix` is shell text run before it (e.g. `ulimit -f 16;`). A run longer than
 * `limitMs` is killed (its code is then `null`), so a CLI that hangs fails the test instead of hanging it.
 */
export function sdkgen(args: readonly string[], options: { cwd?: string; prefix?: string; limitMs?: number } = {}): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const quote = (s: string): string => `'${s.replace(/'/g, `'\\''`)}'`;
    const child =
      options.prefix === undefined
        ? spawn(process.execPath, [sdkgenBin, ...args], { cwd: options.cwd ?? repoRoot, stdio: ['ignore', 'pipe', 'pipe'] })
        : spawn('sh', ['-c', `${options.prefix} exec ${[process.execPath, sdkgenBin, ...args].map(quote).join(' ')}`], {
            cwd: options.cwd ?? repoRoot,
            stdio: ['ignore', 'pipe', 'pipe'],
          });
    let stdout = '';
    let stderr = '';
    const timer = setTimeout(() => child.kill('SIGKILL'), options.limitMs ?? RUN_LIMIT_MS);
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}
