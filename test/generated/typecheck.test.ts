/**
 * Type-checks the committed generated SDKs (test/fixtures/snapshots/<name>/sdk, examples/petstore/sdk)
 * and the type tests in this folder with TypeScript 5.9 and 7, under NodeNext and Bundler
 * resolution, strict + exactOptionalPropertyTypes + noUncheckedIndexedAccess, skipLibCheck false.
 * `@sdkgen/runtime` resolves to the built workspace package (the root `pretest` builds it).
 */
import { runNode } from '../support/run-node.js';
import { existsSync } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));

const compilers = [
  { name: 'TypeScript 7', bin: 'node_modules/typescript7/bin/tsc' },
  { name: 'TypeScript 5.9', bin: 'node_modules/typescript/bin/tsc' },
];
const configs = ['test/generated/tsconfig.nodenext.json', 'test/generated/tsconfig.bundler.json'];

function run(args: string[]): Promise<{ code: number | null; output: string }> {
  return runNode(args, root);
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

  it('a type error against the generated SDK is reported (the check is live)', { timeout: 240_000 }, async () => {
    // Written at run time under test/.tmp (which the repo's own type-check excludes), then removed.
    const dir = join(root, 'test/.tmp/typecheck-must-fail');
    await mkdir(dir, { recursive: true });
    try {
      await writeFile(
        join(dir, 'must-fail.ts'),
        [
          "import { PetStore } from '../../../examples/petstore/sdk/index.js';",
          '',
          "const client = new PetStore({ baseUrl: 'http://127.0.0.1:1' });",
          "export const wrong: number = await client.pets.get('pet_1');",
          '',
        ].join('\n'),
      );
      await writeFile(
        join(dir, 'tsconfig.json'),
        JSON.stringify({ extends: '../../generated/tsconfig.nodenext.json', include: ['./must-fail.ts'], exclude: [] }),
      );
      const { code, output } = await run([compilers[0]!.bin, '-p', 'test/.tmp/typecheck-must-fail/tsconfig.json']);
      expect(code).not.toBe(0);
      // Errors name the model (types.ts declares it at the top level), not its expanded shape.
      expect(output).toContain("must-fail.ts(4,14): error TS2322: Type 'Pet' is not assignable to type 'number'.");
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
