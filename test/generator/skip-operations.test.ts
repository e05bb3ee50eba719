import { describe, expect, it } from 'vitest';
import { SpecError } from '../../generator/src/diagnostics.js';
import { generate } from '../../generator/src/generate.js';
import { loadSpec, loadSpecFromObject } from '../../generator/src/load/index.js';
import { problemOwner } from '../../generator/src/skip-operations.js';

describe('problemOwner', () => {
  const cases: { given: string; want: string | undefined }[] = [
    { given: '#/paths/~1pets/get/parameters/0', want: '#/paths/~1pets/get' },
    { given: '#/paths/~1pets/get', want: '#/paths/~1pets/get' },
    { given: '#/paths/~1pets/parameters/1', want: '#/paths/~1pets' },
    { given: '#/paths/~1pets', want: '#/paths/~1pets' },
    { given: '#/paths', want: undefined },
    { given: '#/components/schemas/Pet', want: undefined },
    { given: '#', want: undefined },
  ];
  for (const { given, want } of cases) {
    it(`${given} -> ${String(want)}`, () => expect(problemOwner(given)).toBe(want));
  }
});

const ok = { '200': { description: 'ok', content: { 'application/json': { schema: { type: 'object', properties: { id: { type: 'string' } } } } } } };

function spec(paths: Record<string, unknown>, schemas: Record<string, unknown> = {}) {
  return loadSpecFromObject({ openapi: '3.0.3', info: { title: 'Zoo', version: '1' }, paths, components: { schemas } }, 'zoo.json');
}

describe('the local-problem rule', () => {
  it('leaves out an operation with a dangling ref, warns, and generates the rest', async () => {
    const result = await generate(
      spec({
        '/animals': { get: { operationId: 'listAnimals', tags: ['animals'], responses: ok } },
        '/animals/{id}': {
          get: {
            operationId: 'getAnimal', tags: ['animals'],
            parameters: [{ $ref: '#/components/parameters/Missing' }],
            responses: ok,
          },
        },
      }),
    );
    const codes = result.diagnostics.map((d) => `${d.severity} ${d.code} ${d.pointer}`);
    expect(codes).toContain('warning SDKGEN_REF_NOT_FOUND #/paths/~1animals~1{id}/get/parameters/0');
    expect(codes).toContain('warning SDKGEN_OPERATION_SKIPPED #/paths/~1animals~1{id}/get');
    expect(result.summary.operations).toBe(1);
    const all = result.files.map((f) => f.contents).join('\n');
    expect(all).toContain('listAnimals');
    expect(all).not.toContain('getAnimal');
    expect(all).not.toContain('/animals/{id}');
  });

  it('leaves out every operation of a path item whose shared parameters are broken', async () => {
    const result = await generate(
      spec({
        '/a': { get: { operationId: 'getA', responses: ok } },
        '/b/{id}': {
          parameters: [{ $ref: '#/components/parameters/Nope' }],
          get: { operationId: 'getB', responses: ok },
          delete: { operationId: 'deleteB', responses: ok },
        },
      }),
    );
    expect(result.summary.operations).toBe(1);
    expect(result.diagnostics.filter((d) => d.code === 'SDKGEN_OPERATION_SKIPPED').map((d) => d.pointer)).toEqual(['#/paths/~1b~1{id}']);
  });

  it('names the file and pointer the user wrote when the skipped operation lives in another file', async () => {
    const files: Record<string, string> = {
      '/api/root.json': JSON.stringify({
        openapi: '3.0.3',
        info: { title: 'Zoo', version: '1' },
        paths: { '/a': { get: { operationId: 'getA', responses: ok } }, '/b': { $ref: './paths/b.json' } },
      }),
      '/api/paths/b.json': JSON.stringify({ get: { operationId: 'getB', responses: {} } }),
    };
    const loaded = await loadSpec('/api/root.json', { read: (uri) => Promise.resolve(files[uri.replace(/^file:\/\//, '')] ?? '') });
    const result = await generate(loaded);
    const skipped = result.diagnostics.filter((d) => d.code === 'SDKGEN_OPERATION_SKIPPED');
    expect(skipped).toEqual([expect.objectContaining({ severity: 'warning', pointer: '#/get' })]);
    expect(skipped[0]!.file).toMatch(/\/api\/paths\/b\.json$/);
    expect(result.summary.operations).toBe(1);
  });

  it('fails when every operation has a problem: an empty SDK is no result', async () => {
    const broken = spec({ '/a': { get: { operationId: 'getA', responses: {} } } });
    const error = await generate(broken).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SpecError);
    expect((error as SpecError).diagnostics).toMatchObject([{ code: 'SDKGEN_NO_RESPONSES', severity: 'error', pointer: '#/paths/~1a/get/responses' }]);
  });

  it('fails on a global problem and names the local ones with it, as errors, in document order', async () => {
    const broken = spec(
      {
        '/a': { get: { operationId: 'getA', responses: { '200': { description: 'ok', content: { 'application/json': { schema: { $ref: '#/components/schemas/Gone' } } } } } } },
        '/b': { get: { operationId: 'getB', responses: {} } },
        '/c': { get: { operationId: 'getC', responses: ok } },
      },
      { Pet: { $ref: '#/components/schemas/AlsoGone' } },
    );
    const error = await generate(broken).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SpecError);
    expect((error as SpecError).diagnostics.map((d) => `${d.severity} ${d.code} ${d.pointer}`)).toEqual([
      'error SDKGEN_REF_NOT_FOUND #/paths/~1a/get/responses/200/content/application~1json/schema',
      'error SDKGEN_REF_NOT_FOUND #/components/schemas/Pet',
      'error SDKGEN_NO_RESPONSES #/paths/~1b/get/responses',
    ]);
  });
});

describe('a schema openapi-typescript cannot read', () => {
  it('is reported as a spec problem at its pointer, not as a crash', async () => {
    const broken = spec(
      { '/a': { get: { operationId: 'getA', responses: { '200': { description: 'ok', content: { 'application/json': { schema: { $ref: '#/components/schemas/Odd' } } } } } } } },
      { Odd: { oneOf: ['string'] } },
    );
    const error = await generate(broken).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SpecError);
    expect((error as SpecError).diagnostics).toMatchObject([{ code: 'SDKGEN_SCHEMA_UNREADABLE', severity: 'error', file: 'zoo.json', pointer: '#/components/schemas/Odd/oneOf/0' }]);
  });
});
