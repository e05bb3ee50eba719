import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatPointer, getAt, parsePointer } from '../../generator/src/load/pointer.js';
import { convertedUnresolved, existingPrefix, swaggerPointerMap } from '../../generator/src/load/swagger-pointers.js';
import { upgradeSwagger2 } from '../../generator/src/load/swagger2.js';

type Json = Record<string, unknown>;

const ok = { 200: { description: 'ok' } };

/** One Swagger 2.0 document with every construct the conversion moves. */
const original: Json = {
  swagger: '2.0',
  info: { title: 'T', version: '1' },
  host: 'api.example.com',
  basePath: '/v1',
  'x-tagGroups': [{ name: 'g' }],
  securityDefinitions: {
    o: { type: 'oauth2', flow: 'implicit', authorizationUrl: 'https://a', scopes: { read: 'Read' } },
    b: { type: 'basic' },
  },
  parameters: {
    Limit: { name: 'limit', in: 'query', type: 'array', items: { type: 'integer' }, collectionFormat: 'csv' },
    Body: { name: 'body', in: 'body', schema: { type: 'object', properties: { a: { type: 'string' } } } },
    Upload: { name: 'file', in: 'formData', type: 'file' },
  },
  responses: {
    Err: { description: 'e', schema: { $ref: '#/definitions/Pet' }, headers: { 'X-Rate': { type: 'integer' } } },
  },
  paths: {
    '/pets': {
      get: {
        'x-speakeasy-pagination': { type: 'cursor' },
        parameters: [{ $ref: '#/parameters/Limit' }],
        responses: {
          200: {
            description: 'ok',
            schema: { type: 'array', items: { $ref: '#/definitions/Pet' } },
            examples: { 'application/json': [{ name: 'a' }] },
            headers: { 'X-Next': { type: 'string' } },
          },
        },
      },
      post: {
        parameters: [{ name: 'q', in: 'query', type: 'string' }, { name: 'pet', in: 'body', required: true, schema: { type: 'array', items: { $ref: '#/definitions/Pet' } } }],
        responses: ok,
      },
      put: {
        parameters: [{ name: 'pet', in: 'body', schema: { $ref: '#/definitions/Pet' } }, { name: 'dry', in: 'query', type: 'boolean' }],
        responses: ok,
      },
    },
    '/upload': {
      post: {
        consumes: ['multipart/form-data'],
        parameters: [
          { name: 'q', in: 'query', type: 'string' },
          { name: 'file', in: 'formData', type: 'file', required: true },
          { name: 'tags', in: 'formData', type: 'array', items: { type: 'string' } },
        ],
        responses: ok,
      },
    },
    '/shared': {
      post: { parameters: [{ $ref: '#/parameters/Upload' }], responses: ok },
      put: { parameters: [{ $ref: '#/parameters/Body' }], responses: ok },
    },
    '/items/{id}': {
      parameters: [{ name: 'id', in: 'path', required: true, type: 'string' }, { name: 'item', in: 'body', schema: { type: 'object' } }],
      put: { responses: ok },
      get: { responses: ok },
    },
  },
  definitions: {
    Pet: {
      type: 'object',
      discriminator: 'kind',
      properties: { kind: { type: 'string' }, tag: { type: 'string', 'x-nullable': true } },
    },
  },
};

const converted = upgradeSwagger2(original, 'spec.json').document!;
const toOriginal = swaggerPointerMap(original, converted);

describe('swaggerPointerMap', () => {
  const cases: { given: string; want: string }[] = [
    // Top level.
    { given: '#', want: '#' },
    { given: '#/openapi', want: '#/swagger' },
    { given: '#/servers/0/url', want: '#/host' },
    { given: '#/info/title', want: '#/info/title' },
    { given: '#/x-tagGroups/0/name', want: '#/x-tagGroups/0/name' },
    // Definitions.
    { given: '#/components/schemas/Pet/properties/tag', want: '#/definitions/Pet/properties/tag' },
    { given: '#/components/schemas/Pet/properties/tag/nullable', want: '#/definitions/Pet/properties/tag/x-nullable' },
    { given: '#/components/schemas/Pet/discriminator/propertyName', want: '#/definitions/Pet/discriminator' },
    { given: '#/components/schemas', want: '#/definitions' },
    { given: '#/components/schemas/AddedByARepair/items', want: '#/definitions' },
    // Shared parameters, request bodies, responses, security schemes.
    { given: '#/components/parameters/Limit/schema/items/type', want: '#/parameters/Limit/items/type' },
    { given: '#/components/parameters/Limit/style', want: '#/parameters/Limit/collectionFormat' },
    { given: '#/components/requestBodies/Body/content/application~1json/schema/properties/a', want: '#/parameters/Body/schema/properties/a' },
    { given: '#/components/requestBodies/Body', want: '#/parameters/Body' },
    { given: '#/components/requestBodies/Upload/content/multipart~1form-data/schema/properties/file/format', want: '#/parameters/Upload' },
    { given: '#/components/responses/Err/content/application~1json/schema', want: '#/responses/Err/schema' },
    { given: '#/components/responses/Err/headers/X-Rate/schema/type', want: '#/responses/Err/headers/X-Rate/type' },
    { given: '#/components/securitySchemes/o/flows/implicit/authorizationUrl', want: '#/securityDefinitions/o/authorizationUrl' },
    { given: '#/components/securitySchemes/o/flows/implicit/scopes/read', want: '#/securityDefinitions/o/scopes/read' },
    { given: '#/components/securitySchemes/o/flows', want: '#/securityDefinitions/o/flow' },
    { given: '#/components/securitySchemes/b/scheme', want: '#/securityDefinitions/b/type' },
    // Operations: parameters, body parameters, responses.
    { given: '#/paths/~1pets/get/x-speakeasy-pagination/type', want: '#/paths/~1pets/get/x-speakeasy-pagination/type' },
    { given: '#/paths/~1pets/get/parameters/0', want: '#/paths/~1pets/get/parameters/0' },
    { given: '#/paths/~1pets/post/parameters/0/schema/type', want: '#/paths/~1pets/post/parameters/0/type' },
    { given: '#/paths/~1pets/post/requestBody', want: '#/paths/~1pets/post/parameters/1' },
    { given: '#/paths/~1pets/post/requestBody/required', want: '#/paths/~1pets/post/parameters/1/required' },
    { given: '#/paths/~1pets/post/requestBody/content/application~1json/schema', want: '#/paths/~1pets/post/parameters/1/schema' },
    { given: '#/paths/~1pets/post/requestBody/content/application~1json/schema/items', want: '#/paths/~1pets/post/parameters/1/schema/items' },
    { given: '#/paths/~1pets/post/requestBody/content/application~1json', want: '#/paths/~1pets/post/parameters/1/schema' },
    { given: '#/paths/~1pets/put/parameters/0/schema', want: '#/paths/~1pets/put/parameters/1' },
    { given: '#/paths/~1pets/put/requestBody/content/application~1json/schema', want: '#/paths/~1pets/put/parameters/0/schema' },
    { given: '#/paths/~1pets/get/responses/200/content/application~1json/schema/items', want: '#/paths/~1pets/get/responses/200/schema/items' },
    { given: '#/paths/~1pets/get/responses/200/content/application~1json', want: '#/paths/~1pets/get/responses/200/schema' },
    { given: '#/paths/~1pets/get/responses/200/content/application~1json/example', want: '#/paths/~1pets/get/responses/200/examples/application~1json' },
    { given: '#/paths/~1pets/get/responses/200/headers/X-Next/schema/type', want: '#/paths/~1pets/get/responses/200/headers/X-Next/type' },
    // formData parameters become one form body, field by field.
    { given: '#/paths/~1upload/post/requestBody', want: '#/paths/~1upload/post/parameters/1' },
    { given: '#/paths/~1upload/post/requestBody/content/multipart~1form-data/schema/properties/tags/items', want: '#/paths/~1upload/post/parameters/2/items' },
    { given: '#/paths/~1upload/post/requestBody/content/multipart~1form-data/schema/properties/file/format', want: '#/paths/~1upload/post/parameters/1' },
    { given: '#/paths/~1upload/post/requestBody/content/multipart~1form-data/schema/required/0', want: '#/paths/~1upload/post/parameters/1/required' },
    { given: '#/paths/~1upload/post/requestBody/content/multipart~1form-data/tags', want: '#/paths/~1upload/post/parameters/2' },
    { given: '#/paths/~1upload/post/parameters/0/schema', want: '#/paths/~1upload/post/parameters/0' },
    // Body and formData parameters by $ref: the fields are in #/parameters, the body is listed in the operation.
    { given: '#/paths/~1shared/post/requestBody', want: '#/paths/~1shared/post/parameters/0' },
    { given: '#/paths/~1shared/post/requestBody/content/multipart~1form-data/schema/properties/file/type', want: '#/parameters/Upload/type' },
    { given: '#/paths/~1shared/put/requestBody/content/application~1json/schema/properties/a', want: '#/parameters/Body/schema/properties/a' },
    // Path-level parameters, including a body that applies to every operation.
    { given: '#/paths/~1items~1{id}/parameters/0/schema', want: '#/paths/~1items~1{id}/parameters/0' },
    { given: '#/paths/~1items~1{id}/get/requestBody/content/application~1json/schema', want: '#/paths/~1items~1{id}/parameters/1/schema' },
    // Nothing there, or not a pointer: the nearest ancestor that exists.
    { given: '#/paths/~1nope/get', want: '#/paths' },
    { given: '#/paths/~1pets/delete/responses', want: '#/paths/~1pets' },
    { given: 'not a pointer', want: '#' },
  ];
  for (const { given, want } of cases) {
    it(`${given} -> ${want}`, () => {
      expect(toOriginal(given)).toBe(want);
      // The premise of every row: the pointer exists where it is claimed to exist.
      expect(getAt(original, parsePointer(want))).toBeDefined();
    });
  }

  it('maps every node of the converted pet store to a node of the same kind, but for what the conversion made up; leaves mostly to the same value', () => {
    const petstore = JSON.parse(readFileSync(new URL('../fixtures/real/oas-examples/20-petstore.json', import.meta.url), 'utf8')) as Json;
    const upgraded = upgradeSwagger2(petstore).document!;
    const map = swaggerPointerMap(petstore, upgraded);
    const kind = (v: unknown): string => (Array.isArray(v) ? 'array' : v === null ? 'null' : typeof v);
    let leaves = 0;
    let same = 0;
    /** Nodes whose counterpart is a value of another kind: an object mapped to a string, say. */
    const otherKind: string[] = [];
    const walk = (node: unknown, tokens: string[]): void => {
      const mapped = map(formatPointer(tokens));
      const there = getAt(petstore, parsePointer(mapped));
      if (kind(there) !== kind(node)) otherKind.push(`${formatPointer(tokens)} -> ${mapped}`);
      if (node !== null && typeof node === 'object') {
        for (const [key, value] of Object.entries(node)) walk(value, [...tokens, key]);
        return;
      }
      leaves++;
      const written = typeof node === 'string' ? node.replace('#/components/schemas/', '#/definitions/') : node;
      if (there === written) same++;
    };
    walk(upgraded, []);
    // Made up by the conversion, so mapped to what they were made from (a wrong ancestor fallback
    // would add rows here): explode from collectionFormat, form-body schemas from their parameters,
    // servers from host, oauth2 flows from the scheme's flow.
    expect(otherKind).toEqual([
      '#/paths/~1pet~1findByStatus/get/parameters/0/explode -> #/paths/~1pet~1findByStatus/get/parameters/0/collectionFormat',
      '#/paths/~1pet~1findByTags/get/parameters/0/explode -> #/paths/~1pet~1findByTags/get/parameters/0/collectionFormat',
      '#/paths/~1pet~1{petId}/post/requestBody/content/application~1x-www-form-urlencoded/schema/type -> #/paths/~1pet~1{petId}/post/parameters/1',
      '#/paths/~1pet~1{petId}~1uploadImage/post/requestBody/content/multipart~1form-data/schema/type -> #/paths/~1pet~1{petId}~1uploadImage/post/parameters/1',
      '#/paths/~1pet~1{petId}~1uploadImage/post/requestBody/content/multipart~1form-data/schema/properties/file/format -> #/paths/~1pet~1{petId}~1uploadImage/post/parameters/2',
      '#/servers -> #/host',
      '#/servers/0 -> #/host',
      '#/components/securitySchemes/petstore_auth/flows -> #/securityDefinitions/petstore_auth/flow',
      '#/components/securitySchemes/petstore_auth/flows/implicit -> #/securityDefinitions/petstore_auth/flow',
    ]);
    // 368 of 378: the rest are values the conversion made up (openapi, servers, style, binary format, form types).
    expect(leaves).toBeGreaterThan(300);
    expect(same / leaves).toBeGreaterThan(0.95);
  });

  it('reads both documents once: later changes to the converted document do not move answers', () => {
    const copy = structuredClone(converted);
    const map = swaggerPointerMap(original, copy);
    delete (copy['paths'] as Json)['/pets'];
    expect(map('#/paths/~1pets/put/parameters/0')).toBe('#/paths/~1pets/put/parameters/1');
  });
});

describe('existingPrefix', () => {
  const doc = { a: { b: [{ c: 1 }], 'x-nullable': true } };
  const cases: { given: string[]; want: string[] }[] = [
    { given: ['a', 'b', '0', 'c'], want: ['a', 'b', '0', 'c'] },
    { given: ['a', 'b', '1', 'c'], want: ['a', 'b'] },
    { given: ['a', 'b', '0', 'c', 'd'], want: ['a', 'b', '0', 'c'] },
    { given: ['a', 'nullable'], want: ['a', 'x-nullable'] },
    { given: ['z'], want: [] },
  ];
  for (const { given, want } of cases) {
    it(`${given.join('/')} -> ${want.join('/')}`, () => {
      expect(existingPrefix(doc, given)).toEqual(want);
    });
  }
});

describe('convertedUnresolved', () => {
  it('moves a $ref the bundler could not follow to every converted place that holds it', () => {
    const doc: Json = {
      swagger: '2.0',
      info: { title: 'T', version: '1' },
      paths: { '/b': { post: { consumes: ['application/json', 'text/json'], parameters: [{ name: 'q', in: 'query', type: 'string' }, { name: 'b', in: 'body', schema: { $ref: 'other.json#/X' } }], responses: ok } } },
    };
    const up = upgradeSwagger2(doc).document!;
    const unresolved = (ref: string, site: string) => ({ site, ref, targetFile: 'other.json', targetPointer: '#/X', code: 'C', message: 'm', fix: 'f' });
    const sites = convertedUnresolved(up, [unresolved('other.json#/X', '#/paths/~1b/post/parameters/1/schema'), unresolved('other.json#/Y', '#/paths/~1b/post/parameters/1/schema')], swaggerPointerMap(doc, up));
    expect(sites.map((u) => `${u.ref} ${u.site}`)).toEqual([
      'other.json#/X #/paths/~1b/post/requestBody/content/application~1json/schema',
      'other.json#/X #/paths/~1b/post/requestBody/content/text~1json/schema',
      // Held nowhere in the converted document: keeps its Swagger site (which maps to itself).
      'other.json#/Y #/paths/~1b/post/parameters/1/schema',
    ]);
  });
});
