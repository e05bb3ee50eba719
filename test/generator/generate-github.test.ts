/**
 * GitHub's REST API (~1,200 operations) end to end: generate in memory, write under test/.tmp
 * (inside the repo so `@sdkgen/runtime` resolves to the built workspace package), and type-check
 * the SDK with TypeScript 5.9 under the strict user-project config. Slow by nature: one tsc run.
 */
import { runNode } from '../support/run-node.js';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { generate } from '../../generator/src/generate.js';
import { loadSpec } from '../../generator/src/load/index.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const spec = join(root, 'node_modules/@octokit/openapi/generated/api.github.com.json');
const out = join(root, 'test/.tmp/github-sdk');

afterAll(async () => {
  await rm(out, { recursive: true, force: true });
});

describe("GitHub's spec", () => {
  it('generates an SDK that type-checks with tsc 5.9 --strict', { timeout: 600_000 }, async () => {
    const loaded = await loadSpec(spec, { read: (uri) => readFile(uri, 'utf8') });
    const result = await generate(loaded, { name: 'GitHub', checkSources: true });
    expect(result.summary.operations).toBeGreaterThan(1000);
    expect(result.summary.resources).toBeGreaterThan(30);
    expect(result.summary.paginated).toBeGreaterThan(100);
    const client = result.files.find((f) => f.path === 'client.ts')!.contents;
    expect(client).toContain('export class GitHub extends GitHubCore {');
    expect(client).toContain('  readonly repos: ');

    await rm(out, { recursive: true, force: true });
    for (const file of result.files) {
      // The MSW mocks have their own type-check; this test is about the client surface.
      if (file.path.startsWith('mocks')) continue;
      await mkdir(dirname(join(out, file.path)), { recursive: true });
      await writeFile(join(out, file.path), file.contents);
    }
    await writeFile(
      join(out, 'tsconfig.json'),
      JSON.stringify({ extends: '../../generated/tsconfig.nodenext.json', include: ['./**/*.ts'], exclude: [] }),
    );
    const { code, output } = await runNode(['node_modules/typescript/bin/tsc', '-p', 'test/.tmp/github-sdk/tsconfig.json'], root);
    expect(output.slice(0, 4000)).toBe('');
    expect(code).toBe(0);
  });
});
