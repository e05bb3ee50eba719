/**
 * Type-checks the committed generated SDKs (test/fixtures/snapshots/<name>/sdk, examples/petstore/sdk)
 * and the type tests in this folder with TypeScript 5.9 and 7, under NodeNext and Bundler
 * resolution, strict + exactOptionalPropertyTypes + noUncheckedIndexedAccess, skipLibCheck false.
 * `@sdkgen/runtime` resolves to the built workspace package (the root `pretest` builds it).
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));

const compilers = [
  { name: 'TypeScript 7', bin: 'node_modules/typescript7/bin/tsc' },
  { name: 'TypeScript 5.9', bin: 'node_modules/typescript/bin/tsc' },
];
const configs = ['test/generated/tsconfig.nodenext.json', 'test/generated/tsconfig.bundler.json'];

function run(args: string[]): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output }));
  });
}

describe('generated SDKs type-check', () => {
  it('the runtime is built (npm run build -w @sdkgen/runtime)', () => {
    expect(existsSync(`${root}runtime/dist/index.d.ts`)).toBe(true);
  });

  for (const compiler of compilers) {
    for (const config of configs) {
      it(`${compiler.name}, ${config.replace(/.*tsconfig\.|\.json$/g, '')}`, { timeout: 240_000 }, async () => {
        const { code, output } = await run([compiler.bin, '-p', config]);
        expect(output).toBe('');
        expect(code).toBe(0);
      });
    }
  }

  it('a type error in a type test is reported (the check is live)', { timeout: 240_000 }, async () => {
    const { code, output } = await run([compilers[0]!.bin, '-p', 'test/generated/fixtures/tsconfig.json']);
    expect(code).not.toBe(0);
    expect(output).toContain("must-fail.ts(5,14): error TS2322: Type '{ id: string;");
  });
});
