import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { Diagnostics, SpecError } from '../../generator/src/diagnostics.js';
import { loadSpec, loadSpecFromObject } from '../../generator/src/load/index.js';
import { validateSpec } from '../../generator/src/validate.js';

const fsIO = { read: (uri: string) => readFile(uri, 'utf8') };

function validate(doc: object) {
  const diags = new Diagnostics();
  validateSpec(loadSpecFromObject(doc, 'api.yaml'), diags);
  return diags.items.map(({ code, severity, pointer }) => ({ code, severity, pointer }));
}

describe('validateSpec', () => {
  it('reports every problem of a multi-file spec at once, each in its own file', async () => {
    const diags = new Diagnostics();
    validateSpec(await loadSpec('test/fixtures/specs/broken/openapi.yaml', fsIO), diags);
    expect(diags.items).toEqual([
      {
        code: 'SDKGEN_NOT_OPENAPI',
        severity: 'error',
        file: 'test/fixtures/specs/broken/openapi.yaml',
        pointer: '#',
        message: 'Not an OpenAPI document: no `openapi` field (found an object with keys "info", "paths", "components").',
        fix: 'Add `openapi: 3.1.0` (or 3.0.x) at the top level, or pass the right file.',
      },
      {
        code: 'SDKGEN_REF_NOT_FOUND',
        severity: 'error',
        file: 'test/fixtures/specs/broken/schemas.yaml',
        pointer: '#/components/schemas/PetList/items',
        message: '$ref "#/components/schemas/Pett" points to #/components/schemas/Pett in test/fixtures/specs/broken/schemas.yaml, which does not exist.',
        fix: 'Add #/components/schemas/Pett to test/fixtures/specs/broken/schemas.yaml or correct the $ref. Did you mean "#/components/schemas/Pet"?',
      },
      {
        code: 'SDKGEN_NO_RESPONSES',
        severity: 'error',
        file: 'test/fixtures/specs/broken/openapi.yaml',
        pointer: '#/paths/~1pets/post',
        message: 'POST /pets has no `responses`.',
        fix: 'Add `responses:` with at least one status, e.g. `"200": { description: OK }`.',
      },
    ]);
    expect(() => diags.throwIfErrors()).toThrow(SpecError);
  });

  it('reports unreadable and unparsable referenced files at the ref site', async () => {
    const files: Record<string, string> = {
      'api/root.yaml': 'openapi: 3.1.0\npaths: {}\ncomponents:\n  schemas:\n    A: { $ref: "./a.yaml" }\n    B: { $ref: "../b.yaml#/B" }\n',
      'api/a.yaml': 'type: object\nproperties:\n  x: [1\n',
    };
    const io = { read: async (uri: string) => files[uri] ?? Promise.reject(new Error('ENOENT')) };
    const diags = new Diagnostics();
    validateSpec(await loadSpec('api/root.yaml', io), diags);
    expect(diags.items.map(({ code, file, pointer }) => ({ code, file, pointer }))).toEqual([
      { code: 'SDKGEN_SPEC_PARSE_ERROR', file: 'api/root.yaml', pointer: '#/components/schemas/A' },
      { code: 'SDKGEN_SPEC_UNREADABLE', file: 'api/root.yaml', pointer: '#/components/schemas/B' },
    ]);
    expect(diags.items[0]?.message).toMatch(/api\/a\.yaml is not valid JSON or YAML: invalid YAML: .*\(line \d+, column \d+\)/);
    expect(diags.items[1]?.message).toContain('cannot read b.yaml: ENOENT');
  });

  it('names a Swagger document that reached it unconverted', () => {
    // The loader converts Swagger 2.0 (see load-swagger2.test.ts); a hand-built LoadedSpec does not.
    const diags = new Diagnostics();
    const spec = { document: { swagger: '1.2', info: {}, paths: {} }, rootFile: 'v1.json', origin: (pointer: string) => ({ file: 'v1.json', pointer }) };
    validateSpec(spec, diags);
    expect(diags.items).toEqual([expect.objectContaining({ code: 'SDKGEN_SWAGGER2_UNSUPPORTED', severity: 'error', file: 'v1.json', pointer: '#/swagger' })]);
    expect(diags.items[0]?.message).toContain('Swagger "1.2" document that was not converted');
  });

  it('rejects other openapi versions; a missing paths object is a warning (types and an empty client)', () => {
    expect(validate({ openapi: '2.0' })).toEqual([
      { code: 'SDKGEN_UNSUPPORTED_OPENAPI_VERSION', severity: 'error', pointer: '#/openapi' },
      { code: 'SDKGEN_NO_PATHS', severity: 'warning', pointer: '#' },
    ]);
    expect(validate({ openapi: '3.1.0', info: { title: 't', version: '1' }, webhooks: {} })).toEqual([{ code: 'SDKGEN_NO_PATHS', severity: 'warning', pointer: '#' }]);
  });

  it('reports local dangling refs, empty responses, undeclared path params and duplicate operationIds', () => {
    const ok = { '200': { description: 'ok' } };
    const diags = new Diagnostics();
    validateSpec(
      loadSpecFromObject({
        openapi: '3.0.3',
        paths: {
          '/pets/{petId}': {
            get: { operationId: 'getPet', responses: {} },
            put: { operationId: 'getPet', parameters: [{ $ref: '#/components/parameters/PetID' }], responses: ok },
          },
        },
        components: { parameters: { PetId: { name: 'petId', in: 'path', required: true } } },
      }),
      diags,
    );
    expect(diags.items.map(({ code, severity, pointer }) => ({ code, severity, pointer }))).toEqual([
      { code: 'SDKGEN_REF_NOT_FOUND', severity: 'error', pointer: '#/paths/~1pets~1{petId}/put/parameters/0' },
      { code: 'SDKGEN_NO_RESPONSES', severity: 'error', pointer: '#/paths/~1pets~1{petId}/get/responses' },
      { code: 'SDKGEN_PATH_PARAM_UNDECLARED', severity: 'warning', pointer: '#/paths/~1pets~1{petId}/get' },
      { code: 'SDKGEN_PATH_PARAM_UNDECLARED', severity: 'warning', pointer: '#/paths/~1pets~1{petId}/put' },
      { code: 'SDKGEN_DUPLICATE_OPERATION_ID', severity: 'warning', pointer: '#/paths/~1pets~1{petId}/put/operationId' },
    ]);
    expect(diags.items[0]?.fix).toContain('Did you mean "#/components/parameters/PetId"?');
  });

  it('finds only warnings in the petstore fixture', async () => {
    const diags = new Diagnostics();
    validateSpec(await loadSpec('test/fixtures/specs/petstore.yaml', fsIO), diags);
    expect(diags.items.map((d) => `${d.severity} ${d.code} ${d.pointer}`)).toEqual([
      'warning SDKGEN_PATH_PARAM_UNDECLARED #/paths/~1pets~1{petId}~1photo~1{size}/put',
      'warning SDKGEN_PATH_PARAM_UNDECLARED #/paths/~1users~1{user-id}~1report/get',
    ]);
  });
});
