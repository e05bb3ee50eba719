/**
 * GitHub's REST spec (about 1,100 operations, large examples): the generated `mocks.ts` type-checks
 * (TypeScript 7 for speed; test/generator/mocks-typecheck.test.ts covers 5.9 on smaller SDKs), and
 * every operation gets a mock function and a default handler.
 */
import { runNode } from '../support/run-node.js';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { generate, type GenerateResult } from '../../generator/src/generate.js';
import { loadSpec } from '../../generator/src/load/index.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const outDir = join(root, 'test/.tmp/mocks-github');

function tsc(args: string[]): Promise<{ code: number | null; output: string }> {
  return runNode(['--max-old-space-size=4096', 'node_modules/typescript7/bin/tsc', ...args], root);
}

describe('mocks for the GitHub spec', () => {
  let result: GenerateResult;
  beforeAll(async () => {
    const spec = await loadSpec(join(root, 'node_modules/@octokit/openapi/generated/api.github.com.json'), { read: (uri) => readFile(uri, 'utf8') });
    result = await generate(spec, { name: 'GitHub', checkSources: true });
    rmSync(outDir, { recursive: true, force: true });
    for (const file of result.files) {
      mkdirSync(dirname(join(outDir, 'sdk', file.path)), { recursive: true });
      writeFileSync(join(outDir, 'sdk', file.path), file.contents);
    }
    writeFileSync(
      join(outDir, 'tsconfig.json'),
      JSON.stringify({ extends: '../../generated/tsconfig.mocks.json', include: ['sdk/mocks.ts'] }),
    );
  }, 300_000);

  it('has a mock function for every operation', () => {
    const mocks = result.files.find((f) => f.path === 'mocks.ts')!.contents;
    const functions = mocks.match(/^export function mock\w+\(/gm) ?? [];
    expect(functions.length).toBe(result.summary.operations);
    const listed = mocks.slice(mocks.indexOf('export function handlers(')).match(/^ {4}mock\w+\(undefined, options\),$/gm) ?? [];
    expect(listed.length).toBe(result.summary.operations);
  });

  it('type-checks', { timeout: 300_000 }, async () => {
    const { code, output } = await tsc(['-p', join(outDir, 'tsconfig.json')]);
    expect(output).toBe('');
    expect(code).toBe(0);
  });
});
