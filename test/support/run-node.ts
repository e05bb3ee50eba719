import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** The repository root: child processes run there, so `node_modules/...` paths resolve. */
export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

/** Runs `node <args>` in `cwd` (default: the repository root) and collects stdout and stderr together. */
export function runNode(args: readonly string[], cwd: string = repoRoot): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output }));
  });
}
