import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { SpecError } from '../../generator/src/diagnostics.js';
import { generate, UsageError } from '../../generator/src/generate.js';
import { loadSpec, loadSpecFromObject } from '../../generator/src/load/index.js';

const reader = { read: (uri: string) => readFile(uri, 'utf8') };
const petstorePath = 'examples/petstore/openapi.yaml';

function tinySpec(title = 'Tiny API', extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    openapi: '3.1.0',
    info: { title, version: '1.0.0' },
    paths: {
      '/widgets': {
        get: { operationId: 'listWidgets', tags: ['widgets'], responses: { '200': { description: 'ok', content: { 'application/json': { schema: { type: 'array', items: { type: 'string' } } } } } } },
      },
    },
    ...extra,
  };
}

describe('generate', () => {
  it('is deterministic: the same spec gives byte-identical files', async () => {
    const first = await generate(await loadSpec(petstorePath, reader), { name: 'PetStore' });
    const second = await generate(await loadSpec(petstorePath, reader), { name: 'PetStore' });
    expect(second.files.map((f) => f.path)).toEqual(first.files.map((f) => f.path));
    for (const [i, file] of first.files.entries()) expect(second.files[i]!.contents, file.path).toBe(file.contents);
  });

  it('returns sorted files and a summary', async () => {
    const result = await generate(await loadSpec(petstorePath, reader), { name: 'PetStore' });
    const paths = result.files.map((f) => f.path);
    expect(paths).toEqual([...paths].sort());
    expect(paths).toEqual(expect.arrayContaining(['README.md', 'client.ts', 'index.ts', 'resources/owners.ts', 'resources/pets.ts', 'types.ts']));
    expect(result.summary).toMatchObject({ operations: 14, resources: 4, paginated: 1 });
    expect(result.summary.paginatedOperations.map((p) => p.method)).toEqual(['pets.list']);
    expect(result.diagnostics).toEqual([]);
  });

  it('names the client after info.title unless told otherwise', async () => {
    const derived = await generate(loadSpecFromObject(tinySpec('my tiny-API v2')));
    expect(derived.files.find((f) => f.path === 'client.ts')!.contents).toContain('export class MyTinyApiV2 extends MyTinyApiV2Core {');
    const named = await generate(loadSpecFromObject(tinySpec()), { name: 'Widgets2' });
    expect(named.files.find((f) => f.path === 'index.ts')!.contents).toContain("export { Widgets2 } from './client.js';");
    const digits = await generate(loadSpecFromObject(tinySpec('42')));
    expect(digits.files.find((f) => f.path === 'client.ts')!.contents).toContain('export class Api42 extends Api42Core {');
  });

  it('avoids a derived name that collides with a resource class, and rejects a given one', async () => {
    const spec = loadSpecFromObject(tinySpec('Widgets Resource'));
    const result = await generate(spec);
    const className = /export class (\w+) /.exec(result.files.find((f) => f.path === 'resources/widgets.ts')!.contents)![1]!;
    const client = await generate(loadSpecFromObject(tinySpec(className)));
    expect(client.files.find((f) => f.path === 'client.ts')!.contents).toContain(`export class ${className}Client extends ${className}ClientCore {`);
    await expect(generate(loadSpecFromObject(tinySpec()), { name: className })).rejects.toThrow(UsageError);
  });

  it('rejects unusable options before doing any work', async () => {
    await expect(generate(loadSpecFromObject(tinySpec()), { name: 'not valid' })).rejects.toThrow(UsageError);
    await expect(generate(loadSpecFromObject(tinySpec()), { name: 'class' })).rejects.toThrow(UsageError);
    await expect(generate(loadSpecFromObject(tinySpec()), { runtimeImport: "x'; evil" })).rejects.toThrow(UsageError);
  });

  it('imports the runtime from --runtime-import', async () => {
    const result = await generate(loadSpecFromObject(tinySpec()), { runtimeImport: '../runtime/index.js' });
    for (const path of ['core.ts', 'index.ts', 'resources/widgets.ts']) {
      const text = result.files.find((f) => f.path === path)!.contents;
      expect(text, path).toContain("from '../runtime/index.js';");
      expect(text, path).not.toContain('@sdkgen/runtime');
    }
  });

  it('throws SpecError with every problem, and produces no files, for a broken spec', async () => {
    const broken = tinySpec('Broken', {
      paths: {
        '/a': { get: { responses: { '200': { $ref: '#/components/responses/Missing' } } } },
        '/b': { get: { responses: { '200': { $ref: '#/components/responses/AlsoMissing' } } } },
      },
    });
    const error = await generate(loadSpecFromObject(broken, 'broken.json')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SpecError);
    const diagnostics = (error as SpecError).diagnostics.filter((d) => d.severity === 'error');
    expect(diagnostics.length).toBeGreaterThanOrEqual(2);
    expect(diagnostics.map((d) => d.pointer)).toEqual(expect.arrayContaining(['#/paths/~1a/get/responses/200', '#/paths/~1b/get/responses/200']));
    expect(diagnostics.every((d) => d.file === 'broken.json' && d.fix.length > 0)).toBe(true);
  });

  it('returns warnings without failing', async () => {
    const spec = tinySpec('Warned', { components: { securitySchemes: { mtls: { type: 'mutualTLS' } } }, security: [{ mtls: [] }] });
    const result = await generate(loadSpecFromObject(spec));
    expect(result.diagnostics.some((d) => d.severity === 'warning')).toBe(true);
    expect(result.files.length).toBeGreaterThan(0);
  });
});
