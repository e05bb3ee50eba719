import { describe, expect, it } from 'vitest';
import {
  defaultResponse,
  mediaTypeExample,
  preferredMediaType,
  successResponse,
} from '../../generator/src/mocks/default-response.js';
import type { ResponseModel } from '../../generator/src/model.js';
import { validateSchema } from '../../generator/src/mocks/validate.js';

const document = {
  openapi: '3.0.3',
  paths: {
    '/pets': {
      get: {
        responses: {
          '200': {
            description: 'ok',
            content: {
              'application/json': {
                schema: { type: 'array', items: { $ref: '#/components/schemas/Pet' } },
              },
            },
          },
          default: { $ref: '#/components/responses/Problem' },
        },
      },
      post: {
        responses: {
          '201': {
            description: 'created',
            content: {
              'application/json': {
                schema: { $ref: '#/components/schemas/Pet' },
                examples: { rex: { $ref: '#/components/examples/Rex' }, max: { value: { id: 'p2', name: 'Max' } } },
              },
            },
          },
        },
      },
    },
    '/pets/{id}': {
      delete: { responses: { '204': { description: 'gone' } } },
      get: {
        responses: {
          '2XX': { description: 'ok', content: { 'text/plain': { example: 'hello' }, 'application/json': { example: { id: 'p1', name: 'Rex' } } } },
        },
      },
    },
  },
  components: {
    schemas: {
      Pet: { type: 'object', required: ['id', 'name'], properties: { id: { type: 'string' }, name: { type: 'string' }, born: { type: 'string', format: 'date' } } },
    },
    examples: { Rex: { summary: 'a dog', value: { id: 'p1', name: 'Rex' } } },
    responses: { Problem: { description: 'problem', content: { 'application/problem+json': { schema: { type: 'object' } } } } },
  },
};

function response(status: string, mediaTypes: string[], pointer: string): ResponseModel {
  return { status, mediaTypes, headers: [], pointer };
}

describe('successResponse', () => {
  it.each([
    { given: ['default', '201', '200'], want: '200' },
    { given: ['2XX', '404', '202'], want: '202' },
    { given: ['404', 'default'], want: 'default' },
    { given: ['400', '500'], want: undefined },
  ])('$given -> $want', ({ given, want }) => {
    expect(successResponse(given.map((s) => response(s, [], '#')))?.status).toBe(want);
  });
});

describe('preferredMediaType', () => {
  it.each([
    { given: ['text/plain', 'application/json'], want: 'application/json' },
    { given: ['application/octet-stream', 'text/csv'], want: 'text/csv' },
    { given: ['application/xml', 'application/vnd.api+json'], want: 'application/vnd.api+json' },
    { given: [], want: undefined },
  ])('$given -> $want', ({ given, want }) => {
    expect(preferredMediaType(given)).toBe(want);
  });
});

describe('mediaTypeExample', () => {
  it.each([
    { given: { example: 1, examples: { a: { value: 2 } } }, want: { value: 1 } },
    { given: { examples: { a: { externalValue: 'x.json' }, b: { value: 2 } } }, want: { value: 2 } },
    { given: { examples: { a: { $ref: '#/components/examples/Rex' } } }, want: { value: { id: 'p1', name: 'Rex' } } },
    { given: { example: null }, want: { value: null } },
    { given: { schema: { type: 'string' } }, want: undefined },
  ])('$given', ({ given, want }) => {
    expect(mediaTypeExample(given, document)).toEqual(want);
  });
});

describe('defaultResponse', () => {
  it('synthesizes from the schema when there is no example, and the body validates', () => {
    const got = defaultResponse(
      [response('200', ['application/json'], '#/paths/~1pets/get/responses/200'), response('default', ['application/problem+json'], '#/paths/~1pets/get/responses/default')],
      document,
    );
    expect(got).toMatchObject({ status: 200, contentType: 'application/json', kind: 'json', source: 'synthesized' });
    expect(got.body).toEqual([{ id: 'string', name: 'string', born: '2024-01-01' }]);
    expect(validateSchema(got.body, got.schema, document)).toEqual([]);
  });

  it('takes the first named example, following $ref', () => {
    const got = defaultResponse([response('201', ['application/json'], '#/paths/~1pets/post/responses/201')], document);
    expect(got).toMatchObject({ status: 201, source: 'example', body: { id: 'p1', name: 'Rex' } });
  });

  it('prefers JSON and sends 200 for 2XX', () => {
    const got = defaultResponse([response('2XX', ['text/plain', 'application/json'], '#/paths/~1pets~1{id}/get/responses/2XX')], document);
    expect(got).toMatchObject({ status: 200, contentType: 'application/json', body: { id: 'p1', name: 'Rex' } });
  });

  it('has no body for 204 or when no success is declared', () => {
    expect(defaultResponse([response('204', [], '#/paths/~1pets~1{id}/delete/responses/204')], document)).toMatchObject({ status: 204, kind: 'empty' });
    expect(defaultResponse([response('404', ['application/json'], '#')], document)).toMatchObject({ status: 204, kind: 'empty' });
  });

  it('repairs an example that does not fit its schema, keeping what fits', () => {
    const doc = { paths: { '/x': { get: { responses: { '200': { content: { 'application/json': {
      schema: { type: 'object', required: ['id', 'name'], properties: { id: { type: 'integer' }, name: { type: 'string' } } },
      example: { name: 'Rex', id: 'seven' },
    } } } } } } } };
    const got = defaultResponse([response('200', ['application/json'], '#/paths/~1x/get/responses/200')], doc);
    expect(got).toMatchObject({ source: 'example', body: { name: 'Rex', id: 0 } });
  });

  it('sends a wildcard media type as application/json', () => {
    const doc = { paths: { '/x': { get: { responses: { '200': { content: { '*/*': { schema: { type: 'integer' } } } } } } } } };
    expect(defaultResponse([response('200', ['*/*'], '#/paths/~1x/get/responses/200')], doc)).toMatchObject({ contentType: 'application/json', body: 0 });
  });
});
