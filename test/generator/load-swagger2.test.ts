import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Diagnostics, SpecError, type Diagnostic } from '../../generator/src/diagnostics.js';
import { generate } from '../../generator/src/generate.js';
import { loadSpec } from '../../generator/src/load/index.js';
import { getAt, parsePointer } from '../../generator/src/load/pointer.js';
import { isSwagger, upgradeSwagger2 } from '../../generator/src/load/swagger2.js';
import { validateSpec } from '../../generator/src/validate.js';

type Json = Record<string, unknown>;

function swagger(paths: Json, extra: Json = {}): Json {
  return { swagger: '2.0', info: { title: 'T', version: '1' }, paths, ...extra };
}

/** Upgrades and returns the document, failing the test on error diagnostics. */
function up(doc: Json): Json {
  const result = upgradeSwagger2(doc, 'spec.json');
  expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return result.document!;
}

function at(doc: Json, ...path: string[]): unknown {
  return path.reduce<unknown>((node, key) => (node as Json | undefined)?.[key], doc);
}

describe('upgradeSwagger2', () => {
  const cases: { name: string; given: Json; path: string[]; want: unknown }[] = [
    {
      name: 'host, basePath and schemes become servers',
      given: swagger({}, { host: 'api.example.com', basePath: '/v1', schemes: ['https'] }),
      path: ['servers'],
      want: [{ url: 'https://api.example.com/v1' }],
    },
    {
      name: 'definitions move to components.schemas and refs follow',
      given: swagger({ '/a': { get: { responses: { 200: { description: 'ok', schema: { $ref: '#/definitions/A' } } } } } }, { definitions: { A: { type: 'string' } } }),
      path: ['paths', '/a', 'get', 'responses', '200', 'content'],
      want: { 'application/json': { schema: { $ref: '#/components/schemas/A' } } },
    },
    {
      name: "an operation's own produces wins over the document's",
      given: swagger({ '/a': { get: { produces: ['text/csv'], responses: { 200: { description: 'ok', schema: { type: 'string' } } } } } }, { produces: ['application/json'] }),
      path: ['paths', '/a', 'get', 'responses', '200', 'content'],
      want: { 'text/csv': { schema: { type: 'string' } } },
    },
    {
      name: 'a body parameter by $ref becomes the request body',
      given: swagger(
        { '/a': { post: { parameters: [{ $ref: '#/parameters/Body' }], responses: { 204: { description: 'ok' } } } } },
        { parameters: { Body: { name: 'body', in: 'body', required: true, schema: { type: 'object' } } } },
      ),
      path: ['paths', '/a', 'post', 'requestBody'],
      want: { required: true, content: { 'application/json': { schema: { type: 'object' } } } },
    },
    {
      name: 'formData fields keep items, enum and bounds; files become binary multipart',
      given: swagger({
        '/a': {
          post: {
            consumes: ['multipart/form-data'],
            parameters: [
              { name: 'file', in: 'formData', type: 'file', required: true },
              { name: 'tags', in: 'formData', type: 'array', items: { type: 'string', enum: ['a', 'b'] } },
              { name: 'n', in: 'formData', type: 'integer', minimum: 1, default: 2 },
            ],
            responses: { 204: { description: 'ok' } },
          },
        },
      }),
      path: ['paths', '/a', 'post', 'requestBody'],
      want: {
        required: true,
        content: {
          'multipart/form-data': {
            schema: {
              type: 'object',
              required: ['file'],
              properties: {
                file: { type: 'string', format: 'binary' },
                tags: { type: 'array', items: { type: 'string', enum: ['a', 'b'] } },
                n: { type: 'integer', minimum: 1, default: 2 },
              },
            },
          },
        },
      },
    },
    {
      name: 'formData without consumes is urlencoded when the document says so',
      given: swagger({ '/a': { post: { parameters: [{ name: 'q', in: 'formData', type: 'string' }], responses: { 204: { description: 'ok' } } } } }, { consumes: ['application/x-www-form-urlencoded'] }),
      path: ['paths', '/a', 'post', 'requestBody', 'content'],
      want: { 'application/x-www-form-urlencoded': { schema: { type: 'object', properties: { q: { type: 'string' } } } } },
    },
    {
      name: 'path-level body parameters apply to every operation, whatever the key order',
      given: swagger({ '/a': { put: { responses: { 204: { description: 'ok' } } }, parameters: [{ name: 'b', in: 'body', schema: { type: 'integer' } }] } }),
      path: ['paths', '/a', 'put', 'requestBody', 'content'],
      want: { 'application/json': { schema: { type: 'integer' } } },
    },
    {
      name: 'x-nullable becomes nullable',
      given: swagger({}, { definitions: { A: { type: 'object', properties: { b: { type: 'string', 'x-nullable': true } } } } }),
      path: ['components', 'schemas', 'A', 'properties', 'b'],
      want: { type: 'string', nullable: true },
    },
    {
      name: 'a string discriminator becomes { propertyName }',
      given: swagger({}, { definitions: { Pet: { type: 'object', discriminator: 'kind', properties: { kind: { type: 'string' } } } } }),
      path: ['components', 'schemas', 'Pet', 'discriminator'],
      want: { propertyName: 'kind' },
    },
    {
      name: 'examples are data, not schemas: x-nullable inside an example stays',
      given: swagger({}, { definitions: { A: { type: 'object', example: { 'x-nullable': true } } } }),
      path: ['components', 'schemas', 'A', 'example'],
      want: { 'x-nullable': true },
    },
    {
      name: 'query arrays map collectionFormat to style and explode',
      given: swagger({ '/a': { get: { parameters: [{ name: 'ids', in: 'query', type: 'array', items: { type: 'integer' }, collectionFormat: 'multi' }], responses: { 204: { description: 'ok' } } } } }),
      path: ['paths', '/a', 'get', 'parameters'],
      want: [{ name: 'ids', in: 'query', style: 'form', explode: true, schema: { type: 'array', items: { type: 'integer' } } }],
    },
    {
      name: 'basic auth becomes http basic; oauth2 flows are renamed',
      given: swagger({}, { securityDefinitions: { b: { type: 'basic' }, o: { type: 'oauth2', flow: 'application', tokenUrl: 'https://t', scopes: {} } } }),
      path: ['components', 'securitySchemes'],
      want: { b: { type: 'http', scheme: 'basic' }, o: { type: 'oauth2', flows: { clientCredentials: { tokenUrl: 'https://t', scopes: {} } } } },
    },
  ];
  for (const { name, given, path, want } of cases) {
    it(name, () => {
      expect(at(up(given), ...path)).toEqual(want);
    });
  }

  it('does not mutate its input', () => {
    const given = swagger({ '/a': { get: { responses: { 200: { description: 'ok', schema: { type: 'string' } } } } } });
    const before = structuredClone(given);
    up(given);
    expect(given).toEqual(before);
  });

  it('refuses other Swagger versions with an error naming the field', () => {
    const result = upgradeSwagger2({ swagger: '1.2', info: {} }, 'old.json');
    expect(result.document).toBeUndefined();
    expect(result.diagnostics).toMatchObject([{ code: 'SDKGEN_SWAGGER_VERSION', severity: 'error', file: 'old.json', pointer: '#/swagger' }]);
  });

  it('warns about collectionFormat tsv in form fields, which OpenAPI 3 cannot express', () => {
    const result = upgradeSwagger2(swagger({ '/a': { post: { parameters: [{ name: 't', in: 'formData', type: 'array', items: { type: 'string' }, collectionFormat: 'tsv' }], responses: { 204: { description: 'ok' } } } } }));
    expect(result.diagnostics).toMatchObject([{ code: 'SDKGEN_SWAGGER2_LOSSY', severity: 'warning', pointer: '#/paths/~1a/post/parameters' }]);
  });

  it('converts the Swagger 2.0 pet store into a document with the same operations', () => {
    const doc = JSON.parse(readFileSync(new URL('../fixtures/real/oas-examples/20-petstore.json', import.meta.url), 'utf8')) as Json;
    expect(isSwagger(doc)).toBe(true);
    const upgraded = up(doc);
    expect(upgraded['openapi']).toMatch(/^3\.0\./);
    expect(isSwagger(upgraded)).toBe(false);
    const ops = (d: Json) => Object.entries(d['paths'] as Json).flatMap(([p, item]) => Object.keys(item as Json).filter((k) => k !== 'parameters').map((m) => `${m} ${p}`));
    expect(ops(upgraded)).toEqual(ops(doc));
    expect(at(upgraded, 'paths', '/pet/{petId}/uploadImage', 'post', 'requestBody', 'content', 'multipart/form-data', 'schema', 'properties', 'file')).toMatchObject({ type: 'string', format: 'binary' });
  });
});

describe('loadSpec with Swagger 2.0', () => {
  it('converts after bundling, keeping schemas from other files and the document\'s own definitions', async () => {
    const files = new Map<string, unknown>([
      ['api/root.json', swagger(
        {
          '/pets': {
            get: { responses: { 200: { description: 'ok', schema: { type: 'array', items: { $ref: 'defs.json#/definitions/Pet' } } } } },
            post: { parameters: [{ name: 't', in: 'formData', type: 'array', items: { type: 'string' }, collectionFormat: 'tsv' }], responses: { 204: { description: 'ok' } } },
          },
        },
        { definitions: { Error: { type: 'object', properties: { message: { type: 'string' } } } } },
      )],
      ['api/defs.json', { definitions: { Pet: { type: 'object', properties: { name: { type: 'string', 'x-nullable': true } } } } }],
    ]);
    const spec = await loadSpec('api/root.json', { read: async (uri) => JSON.stringify(files.get(uri)) });
    expect(spec.document['openapi']).toMatch(/^3\.0\./);
    const schemas = at(spec.document, 'components', 'schemas') as Json;
    expect(Object.keys(schemas).sort()).toEqual(['Error', 'Pet']);
    expect(at(schemas, 'Pet', 'properties', 'name')).toEqual({ type: 'string', nullable: true });
    expect(at(spec.document, 'paths', '/pets', 'get', 'responses', '200', 'content', 'application/json', 'schema')).toEqual({ type: 'array', items: { $ref: '#/components/schemas/Pet' } });
    const diags = new Diagnostics();
    validateSpec(spec, diags);
    expect(diags.items.map((d) => `${d.severity} ${d.code} ${d.file}`)).toEqual(['warning SDKGEN_SWAGGER2_LOSSY api/root.json']);
  });
});

describe('loadSpec with multi-file Swagger 2.0', () => {
  const load = (files: Record<string, Json>) => {
    const texts = new Map(Object.entries(files).map(([name, doc]) => [name, JSON.stringify(doc)]));
    return loadSpec(Object.keys(files)[0]!, { read: async (uri) => texts.get(uri) ?? Promise.reject(new Error(`no file ${uri}`)) });
  };

  it('a definition that is a $ref to a file becomes that schema, and a same-named import gets its own name', async () => {
    const spec = await load({
      'api/root.json': swagger({ '/pets': { get: { responses: { 200: { description: 'ok', schema: { $ref: '#/definitions/Pet' } } } } } }, { definitions: { Pet: { $ref: 'pet.json' }, Tag: { type: 'string' } } }),
      'api/pet.json': { type: 'object', properties: { tag: { $ref: 'tag.json' } } },
      'api/tag.json': { type: 'object', properties: { label: { type: 'string' } } },
    });
    expect(at(spec.document, 'components', 'schemas')).toEqual({
      Tag2: { type: 'object', properties: { label: { type: 'string' } } },
      Pet: { type: 'object', properties: { tag: { $ref: '#/components/schemas/Tag2' } } },
      Tag: { type: 'string' },
    });
    expect(spec.origin('#/components/schemas/Pet/properties/tag')).toEqual({ file: 'api/pet.json', pointer: '#/properties/tag' });
    expect(spec.origin('#/components/schemas/Tag2/properties/label')).toEqual({ file: 'api/tag.json', pointer: '#/properties/label' });
  });

  it('shared parameters and responses from another file are converted like the document\'s own', async () => {
    const spec = await load({
      'api/root.json': swagger(
        {
          '/pets': {
            get: { parameters: [{ $ref: 'common.json#/parameters/Limit' }, { $ref: '#/parameters/Limit' }], responses: { 200: { $ref: 'common.json#/responses/Ok' } } },
            post: { parameters: [{ $ref: 'common.json#/parameters/Body' }], responses: { 204: { description: 'ok' } } },
          },
        },
        { parameters: { Limit: { name: 'max', in: 'query', type: 'string' } } },
      ),
      'api/common.json': {
        parameters: { Limit: { name: 'limit', in: 'query', type: 'integer' }, Body: { name: 'b', in: 'body', schema: { type: 'object' } } },
        responses: { Ok: { description: 'ok', schema: { type: 'string' } } },
      },
    });
    const get = at(spec.document, 'paths', '/pets', 'get') as Json;
    expect(get['parameters']).toEqual([{ $ref: '#/components/parameters/Limit2' }, { $ref: '#/components/parameters/Limit' }]);
    expect(at(spec.document, 'components', 'parameters', 'Limit2')).toEqual({ name: 'limit', in: 'query', schema: { type: 'integer' } });
    expect(at(spec.document, 'components', 'responses', 'Ok')).toEqual({ description: 'ok', content: { 'application/json': { schema: { type: 'string' } } } });
    expect(at(spec.document, 'paths', '/pets', 'post', 'requestBody')).toEqual({ content: { 'application/json': { schema: { type: 'object' } } } });
    expect(spec.origin('#/components/parameters/Limit2/schema/type')).toEqual({ file: 'api/common.json', pointer: '#/parameters/Limit/type' });
    expect(spec.origin('#/components/parameters/Limit/schema/type')).toEqual({ file: 'api/root.json', pointer: '#/parameters/Limit/type' });
    expect(spec.origin('#/components/responses/Ok/content/application~1json/schema')).toEqual({ file: 'api/common.json', pointer: '#/responses/Ok/schema' });
    expect(spec.origin('#/paths/~1pets/post/requestBody/content/application~1json/schema/type')).toEqual({ file: 'api/common.json', pointer: '#/parameters/Body/schema/type' });
    expect(spec.origin('#/paths/~1pets/post/requestBody')).toEqual({ file: 'api/root.json', pointer: '#/paths/~1pets/post/parameters/0' });
  });
});

describe('diagnostics for Swagger 2.0 input point into the file as written', () => {
  const ok = { 200: { description: 'ok', schema: { type: 'string' } } };

  /** Loads `files` (the first is the root), generates, and returns every diagnostic, thrown or not. */
  async function diagnose(files: Record<string, Json>): Promise<readonly Diagnostic[]> {
    const texts = new Map(Object.entries(files).map(([name, doc]) => [name, JSON.stringify(doc, null, 2)]));
    const io = { read: async (uri: string) => texts.get(uri) ?? Promise.reject(new Error(`no file ${uri}`)) };
    const spec = await loadSpec(Object.keys(files)[0]!, io);
    let diagnostics: readonly Diagnostic[];
    try {
      diagnostics = (await generate(spec)).diagnostics;
    } catch (error) {
      if (!(error instanceof SpecError)) throw error;
      diagnostics = error.diagnostics;
    }
    // The proof: every pointer resolves in the file it names, parsed from the text the loader read.
    for (const d of diagnostics) {
      const text = texts.get(d.file);
      expect(text, `${d.code} names ${d.file}`).toBeDefined();
      expect(getAt(JSON.parse(text!), parsePointer(d.pointer)), `${d.code} ${d.file} ${d.pointer}`).toBeDefined();
    }
    return diagnostics;
  }

  /**
   * `severity code file pointer`, sorted and without repeats: which pass finds a schema that is not
   * a schema (the validator or the emitter) and in what order the passes run is not the point here.
   */
  const where = (ds: readonly Diagnostic[]) => {
    const code = (c: string) => (c === 'SDKGEN_INVALID_SCHEMA' || c === 'SDKGEN_SCHEMA_UNREADABLE' ? 'not-a-schema' : c);
    return [...new Set(ds.map((d) => `${d.severity} ${code(d.code)} ${d.file} ${d.pointer}`))].sort();
  };

  const cases: { name: string; given: Json; want: string[] }[] = [
    {
      name: 'a dangling $ref inside a definition',
      given: swagger({ '/pets': { get: { responses: { 200: { description: 'ok', schema: { $ref: '#/definitions/Pet' } } } } } }, {
        definitions: { Pet: { type: 'object', properties: { tag: { $ref: '#/definitions/Tag' } } } },
      }),
      want: ['error SDKGEN_REF_NOT_FOUND spec.json #/definitions/Pet/properties/tag'],
    },
    {
      name: 'an operation without responses',
      given: swagger({ '/a': { get: { responses: ok } }, '/pets': { post: { parameters: [{ name: 'b', in: 'body', schema: { type: 'object' } }] } } }),
      want: ['warning SDKGEN_NO_RESPONSES spec.json #/paths/~1pets/post', 'warning SDKGEN_OPERATION_SKIPPED spec.json #/paths/~1pets/post'],
    },
    {
      name: 'a body parameter whose schema is not a schema (after another parameter)',
      given: swagger({ '/pets': { post: { parameters: [{ name: 'q', in: 'query', type: 'string' }, { name: 'pet', in: 'body', schema: 'Pet' }], responses: ok } } }),
      want: ['error not-a-schema spec.json #/paths/~1pets/post/parameters/1/schema'],
    },
    {
      name: 'a dangling $ref in a body parameter listed first, before a query parameter',
      given: swagger({ '/a': { get: { responses: ok } }, '/pets': { put: { parameters: [{ name: 'pet', in: 'body', schema: { $ref: '#/definitions/Nope' } }, { name: 'q', in: 'query', type: 'string' }], responses: ok } } }, { definitions: {} }),
      want: ['warning SDKGEN_REF_NOT_FOUND spec.json #/paths/~1pets/put/parameters/0/schema', 'warning SDKGEN_OPERATION_SKIPPED spec.json #/paths/~1pets/put'],
    },
    {
      name: 'a formData field with a dangling $ref in its items',
      given: swagger({ '/a': { get: { responses: ok } }, '/up': { post: { consumes: ['multipart/form-data'], parameters: [{ name: 'f', in: 'formData', type: 'file' }, { name: 'tags', in: 'formData', type: 'array', items: { $ref: '#/definitions/Tag' } }], responses: ok } } }, { definitions: {} }),
      want: ['warning SDKGEN_REF_NOT_FOUND spec.json #/paths/~1up/post/parameters/1/items', 'warning SDKGEN_OPERATION_SKIPPED spec.json #/paths/~1up/post'],
    },
    {
      name: 'a formData field that cannot be sent as written (collectionFormat tsv)',
      given: swagger({ '/up': { post: { parameters: [{ name: 't', in: 'formData', type: 'array', items: { type: 'string' }, collectionFormat: 'tsv' }], responses: ok } } }),
      want: ['warning SDKGEN_SWAGGER2_LOSSY spec.json #/paths/~1up/post/parameters'],
    },
    {
      name: 'a response schema that is not a schema',
      given: swagger({ '/pets': { get: { produces: ['application/json', 'text/plain'], responses: { 200: { description: 'ok', schema: 'Pet' } } } } }),
      want: ['error not-a-schema spec.json #/paths/~1pets/get/responses/200/schema'],
    },
    {
      name: 'problems in shared parameters, shared responses and path-level parameters',
      given: swagger({ '/pets/{id}': { parameters: [{ name: 'id', in: 'path', required: true, type: 'array', items: { $ref: '#/definitions/Id' } }], get: { parameters: [{ $ref: '#/parameters/Limit' }], responses: { default: { $ref: '#/responses/Err' } } } } }, {
        parameters: { Limit: { name: 'limit', in: 'query', type: 'array', items: { $ref: '#/definitions/Limit' } } },
        responses: { Err: { description: 'e', schema: { $ref: '#/definitions/Err' } } },
        definitions: {},
      }),
      want: [
        'error SDKGEN_REF_NOT_FOUND spec.json #/paths/~1pets~1{id}/parameters/0/items',
        'error SDKGEN_REF_NOT_FOUND spec.json #/parameters/Limit/items',
        'error SDKGEN_REF_NOT_FOUND spec.json #/responses/Err/schema',
      ],
    },
    {
      name: 'an unsupported security definition and an x- extension sdkgen cannot read',
      given: swagger({ '/pets': { get: { 'x-speakeasy-pagination': 'next', responses: ok } } }, { securityDefinitions: { cert: { type: 'mutualTLS' } } }),
      want: [
        'warning SDKGEN_SECURITY_SCHEME_UNSUPPORTED spec.json #/securityDefinitions/cert',
        'warning SDKGEN_PAGINATION_EXTENSION_UNSUPPORTED spec.json #/paths/~1pets/get/x-speakeasy-pagination',
      ],
    },
    {
      name: 'a repair of a definition',
      given: swagger({ '/a': { get: { responses: ok } } }, { definitions: { Json: { oneOf: [{ type: 'string' }, { type: 'array', items: { $ref: '#/definitions/Json' } }] } } }),
      want: ['warning SDKGEN_SPEC_REPAIRED spec.json #/definitions/Json'],
    },
  ];
  for (const { name, given, want } of cases) {
    it(name, async () => {
      expect(where(await diagnose({ 'spec.json': given }))).toEqual([...want].sort());
    });
  }

  it('multi-file: problems in other files name that file, problems in the root name the root', async () => {
    const diagnostics = await diagnose({
      'api/root.json': swagger(
        {
          '/pets': { get: { responses: { 200: { description: 'ok', schema: { type: 'array', items: { $ref: 'defs.json#/definitions/Pet' } } } } } },
          '/b': { post: { parameters: [{ name: 'q', in: 'query', type: 'string' }, { name: 'b', in: 'body', schema: { $ref: 'nofile.json#/X' } }], responses: ok } },
        },
        { definitions: { Error: { type: 'object', properties: { message: { $ref: 'defs.json#/definitions/Gone' } } } } },
      ),
      'api/defs.json': { definitions: { Pet: { type: 'object', properties: { name: { type: 'string', 'x-nullable': true }, tag: { $ref: '#/definitions/Missing' } } } } },
    });
    expect(where(diagnostics)).toEqual([
      'error SDKGEN_REF_NOT_FOUND api/defs.json #/definitions/Pet/properties/tag',
      'error SDKGEN_REF_NOT_FOUND api/root.json #/definitions/Error/properties/message',
      'error SDKGEN_SPEC_UNREADABLE api/root.json #/paths/~1b/post/parameters/1/schema',
    ]);
  });
});
