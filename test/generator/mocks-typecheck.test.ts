/**
 * The generated mocks of the committed snapshot SDKs and the example SDK type-check with TypeScript
 * 5.9 and 7 under strict settings and `skipLibCheck: false` (test/generated/tsconfig.mocks.json),
 * and a wrong resolver body shape is a type error.
 */
import { runNode } from '../support/run-node.js';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));

function tsc(bin: string, args: string[]): Promise<{ code: number | null; output: string }> {
  return runNode([bin, ...args], root);
}

const compilers = [
  { name: 'TypeScript 5.9', bin: 'node_modules/typescript/bin/tsc' },
  { name: 'TypeScript 7', bin: 'node_modules/typescript7/bin/tsc' },
];

describe('generated mocks type-check', () => {
  it.each(compilers)('$name', { timeout: 240_000 }, async ({ bin }) => {
    const { code, output } = await tsc(bin, ['-p', 'test/generated/tsconfig.mocks.json']);
    expect(output).toBe('');
    expect(code).toBe(0);
  });

  it('a resolver returning the wrong body shape does not compile', { timeout: 240_000 }, async () => {
    const dir = join(root, 'test/.tmp/mocks-typecheck');
    mkdirSync(dir, { recursive: true });
    writeFileSync(
      join(dir, 'wrong.ts'),
      "import { mockGetPet } from '../../../examples/petstore/sdk/mocks.js';\nexport const h = mockGetPet(() => ({ id: 1 }));\n",
    );
    writeFileSync(
      join(dir, 'tsconfig.json'),
      JSON.stringify({ extends: '../../generated/tsconfig.mocks.json', include: ['wrong.ts'] }),
    );
    // TypeScript 7: the same verdict, several times faster.
    const { code, output } = await tsc(compilers[1]!.bin, ['-p', join(dir, 'tsconfig.json')]);
    expect(code).not.toBe(0);
    expect(output).toContain('wrong.ts(2,');
  });
});
