/**
 * Type-checks the whole repository (tsconfig.json: generator, runtime, templates, examples, tests and
 * benchmarks) with TypeScript 5.9 and 7, so every `expectTypeOf` and `@ts-expect-error` in a test or an
 * example is enforced, not only run. `@sdkgen/runtime` resolves to the built package (root `pretest`).
 */
import { runNode } from './support/run-node.js';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../', import.meta.url));

function tsc(bin: string): Promise<{ code: number | null; output: string }> {
  return runNode([bin, '-p', 'tsconfig.json', '--noEmit'], root);
}

describe('the repository type-checks', () => {
  for (const [name, bin] of [
    ['TypeScript 5.9', 'node_modules/typescript/bin/tsc'],
    ['TypeScript 7', 'node_modules/typescript7/bin/tsc'],
  ] as const) {
    it(name, { timeout: 240_000 }, async () => {
      const { code, output } = await tsc(bin);
      expect(output).toBe('');
      expect(code).toBe(0);
    });
  }
});
