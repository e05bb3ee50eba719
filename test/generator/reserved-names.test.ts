import { describe, expect, it } from 'vitest';
import { BASE_CLIENT_MEMBERS } from '../../generator/src/emit/client.js';
import { asciiFileName, RESERVED_RESOURCE_NAMES, resourcePropertyName } from '../../generator/src/normalize/resources.js';

describe('resource names never shadow BaseClient members', () => {
  it('the normalizer reserves every member the client emitter refuses', () => {
    expect([...BASE_CLIENT_MEMBERS].filter((m) => !RESERVED_RESOURCE_NAMES.has(m))).toEqual([]);
  });

  // apideck.com's proxy API has a tag "Execute" (found by the APIs.guru corpus run).
  it.each([...BASE_CLIENT_MEMBERS])('a tag named %s becomes a different property', (member) => {
    expect(resourcePropertyName(member)).not.toBe(member);
    expect(BASE_CLIENT_MEMBERS.has(resourcePropertyName(member))).toBe(false);
  });
});

describe('asciiFileName', () => {
  // corrently.io (APIs.guru) has a tag "Green Power Index (GrünStrom Index)".
  const cases: { given: string; want: string }[] = [
    { given: 'green-power-index-grünstrom-index', want: 'green-power-index-grunstrom-index' },
    { given: 'pets', want: 'pets' },
    { given: '日本', want: 'resource' },
    { given: 'a-日本-b', want: 'a-b' },
  ];
  for (const { given, want } of cases) it(`${given} -> ${want}`, () => expect(asciiFileName(given)).toBe(want));
});

describe('standalone function names never clash with the runtime values a resource file imports', () => {
  const json = { 'application/json': { schema: { type: 'object', properties: { id: { type: 'string' } } } } };
  const form = { 'application/x-www-form-urlencoded': { schema: { type: 'object', properties: { a: { type: 'string' } } } } };
  const ok = { '200': { description: 'ok', content: json } };
  // Tags `form` and `stream` with operations `body` and `reader`: their functions would be formBody
  // and streamReader, the very names the file imports from the runtime for its form body and its
  // stream. (A tag `request` is renamed `requestApi` first, so requestPage/requestOperation cannot clash.)
  const spec = {
    openapi: '3.1.0',
    info: { title: 'Clash', version: '1' },
    servers: [{ url: 'https://api.clash.test' }],
    paths: {
      '/form': {
        get: { tags: ['form'], operationId: 'body', responses: ok },
        post: { tags: ['form'], operationId: 'send', requestBody: { content: form }, responses: ok },
      },
      '/stream': {
        get: { tags: ['stream'], operationId: 'reader', responses: ok },
        post: { tags: ['stream'], operationId: 'watch', responses: { '200': { description: 'events', content: { 'text/event-stream': { schema: { type: 'string' } } } } } },
      },
    },
  };

  it('generates, renames the clashing functions, and the SDK type-checks', { timeout: 240_000 }, async () => {
    const { generate } = await import('../../generator/src/generate.js');
    const { loadSpecFromObject } = await import('../../generator/src/load/index.js');
    const { files } = await generate(loadSpecFromObject(spec, 'clash.json'), { checkSources: true });
    const funcs = files.find((f) => f.path === 'funcs.ts')!.contents;
    expect(funcs).toMatch(/\bformBody2\b/);
    expect(funcs).toMatch(/\bstreamReader2\b/);
    const formFile = files.find((f) => f.path === 'resources/form.ts')!.contents;
    expect(formFile).toMatch(/import \{ formBody \} from '@sdkgen\/runtime';/);
    expect(formFile).toContain('export function formBody2(');
    const { mkdir, writeFile, rm } = await import('node:fs/promises');
    const { dirname, join } = await import('node:path');
    const { runNode, repoRoot } = await import('../support/run-node.js');
    const dir = join(repoRoot, 'test/.tmp/reserved-names-clash');
    await rm(dir, { recursive: true, force: true });
    try {
      for (const file of files.filter((f) => f.path.endsWith('.ts') && !f.path.startsWith('mocks'))) {
        await mkdir(dirname(join(dir, file.path)), { recursive: true });
        await writeFile(join(dir, file.path), file.contents);
      }
      await writeFile(join(dir, 'tsconfig.json'), JSON.stringify({ extends: '../../generated/tsconfig.nodenext.json', include: ['**/*.ts'], exclude: [] }));
      const { code, output } = await runNode([join(repoRoot, 'node_modules/typescript7/bin/tsc'), '-p', 'tsconfig.json', '--pretty', 'false'], dir);
      expect(output).toBe('');
      expect(code).toBe(0);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
