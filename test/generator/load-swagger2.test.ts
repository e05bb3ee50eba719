import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Diagnostics } from '../../generator/src/diagnostics.js';
import { loadSpec } from '../../generator/src/load/index.js';
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
