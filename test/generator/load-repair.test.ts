import { describe, expect, it } from 'vitest';
import { repairSpec } from '../../generator/src/load/repair.js';

type Json = Record<string, unknown>;

function doc(schemas: Json, paths: Json = {}): Json {
  return { openapi: '3.1.0', info: { title: 'T', version: '1' }, paths, components: { schemas } };
}

describe('repairSpec', () => {
  const cases: { name: string; given: Json; want: Json; warnings: string[] }[] = [
    {
      name: 'a ref into a schema\'s own definitions gets its own component',
      given: doc({ A: { type: 'object', properties: { s: { $ref: '#/components/schemas/A/definitions/status' } }, definitions: { status: { type: 'string' } } } }),
      want: doc({
        A: { type: 'object', properties: { s: { $ref: '#/components/schemas/A_status' } }, definitions: { status: { type: 'string' } } },
        A_status: { type: 'string' },
      }),
      warnings: [],
    },
    {
      name: 'a discriminator mapping by bare schema name becomes a ref; one to nothing is dropped',
      given: doc({ Cat: { type: 'object' }, Pet: { oneOf: [{ $ref: '#/components/schemas/Cat' }], discriminator: { propertyName: 'k', mapping: { cat: 'Cat', dog: 'Dog' } } } }),
      want: doc({ Cat: { type: 'object' }, Pet: { oneOf: [{ $ref: '#/components/schemas/Cat' }], discriminator: { propertyName: 'k', mapping: { cat: '#/components/schemas/Cat' } } } }),
      warnings: ['#/components/schemas/Pet/discriminator/mapping'],
    },
    {
      name: 'type null beside oneOf means nullable',
      given: doc({ V: { type: 'null', oneOf: [{ type: 'string' }, { type: 'number' }] } }),
      want: doc({ V: { oneOf: [{ type: 'string' }, { type: 'number' }, { type: 'null' }] } }),
      warnings: ['#/components/schemas/V'],
    },
    {
      name: 'a union holding an array of itself gets unknown items',
      given: doc({ Json: { oneOf: [{ type: 'string' }, { type: 'array', items: { $ref: '#/components/schemas/Json' } }] } }),
      want: doc({ Json: { oneOf: [{ type: 'string' }, { type: 'array', items: {} }] } }),
      warnings: ['#/components/schemas/Json'],
    },
    {
      name: 'a plain recursive array alias is left alone (TypeScript defers it)',
      given: doc({ List: { type: 'array', items: { $ref: '#/components/schemas/List' } } }),
      want: doc({ List: { type: 'array', items: { $ref: '#/components/schemas/List' } } }),
      warnings: [],
    },
    {
      name: 'anyOf of required-only members beside properties is dropped, with a warning',
      given: doc({ U: { type: 'object', properties: { a: { type: 'string' }, b: { type: 'string' } }, anyOf: [{ required: ['a'] }, { required: ['b'] }] } }),
      want: doc({ U: { type: 'object', properties: { a: { type: 'string' }, b: { type: 'string' } } } }),
      warnings: ['#/components/schemas/U/anyOf'],
    },
    {
      name: 'allOf members that only add required names move to the parent; a type: object held nowhere else warns',
      given: doc({ U: { allOf: [{ $ref: '#/components/schemas/V' }, { type: 'object', required: ['a'] }] }, W: { allOf: [{ type: 'string' }, { type: 'object', required: ['a'] }] } }),
      want: doc({ U: { allOf: [{ $ref: '#/components/schemas/V' }], required: ['a'] }, W: { allOf: [{ type: 'string' }], required: ['a'] } }),
      warnings: ['#/components/schemas/W/allOf'],
    },
    {
      name: 'anyOf with typed members stays',
      given: doc({ U: { type: 'object', properties: { a: { type: 'string' } }, anyOf: [{ required: ['a'] }, { type: 'object' }] } }),
      want: doc({ U: { type: 'object', properties: { a: { type: 'string' } }, anyOf: [{ required: ['a'] }, { type: 'object' }] } }),
      warnings: [],
    },
    {
      name: 'external example values are dropped, the example object stays',
      given: doc({}, { '/a': { get: { responses: { 200: { description: 'ok', content: { 'application/json': { examples: { x: { summary: 's', externalValue: 'https://e/x.json' } } } } } } } } }),
      want: doc({}, { '/a': { get: { responses: { 200: { description: 'ok', content: { 'application/json': { examples: { x: { summary: 's' } } } } } } } } }),
      warnings: [],
    },
    {
      name: 'data is not walked: an example that looks like a schema is kept verbatim',
      given: doc({ E: { type: 'object', example: { type: 'null', oneOf: [1] } } }),
      want: doc({ E: { type: 'object', example: { type: 'null', oneOf: [1] } } }),
      warnings: [],
    },
  ];
  for (const { name, given, want, warnings } of cases) {
    it(name, () => {
      const diagnostics = repairSpec(given, 'spec.json');
      expect(given).toEqual(want);
      expect(diagnostics.map((d) => d.pointer)).toEqual(warnings);
      expect(diagnostics.every((d) => d.severity === 'warning' && d.code === 'SDKGEN_SPEC_REPAIRED' && d.file === 'spec.json')).toBe(true);
    });
  }
});

describe('repairSpec on enums', () => {
  it('drops enum values that cannot be of the declared object type', () => {
    const given = doc({ G: { type: 'object', enum: ['PKW', 'VAN'], properties: { name: { type: 'string' } } }, K: { type: 'string', enum: ['a'] } });
    const diagnostics = repairSpec(given, 'spec.json');
    expect(given).toEqual(doc({ G: { type: 'object', properties: { name: { type: 'string' } } }, K: { type: 'string', enum: ['a'] } }));
    expect(diagnostics.map((d) => d.pointer)).toEqual(['#/components/schemas/G/enum']);
  });
});

describe('repairSpec on refs to operation schemas', () => {
  it('copies a response schema that another operation refers to into components.schemas', () => {
    const schema = { type: 'object', properties: { id: { type: 'string' } } };
    const given = doc({}, {
      '/a': { get: { responses: { 200: { description: 'ok', content: { 'application/json': { schema } } } } } },
      '/b': { get: { responses: { 200: { description: 'ok', content: { 'application/json': { schema: { $ref: '#/paths/~1a/get/responses/200/content/application~1json/schema' } } } } } } },
    });
    expect(repairSpec(given, 'spec.json')).toEqual([]);
    expect((given['components'] as Json)['schemas']).toEqual({ a_get_200_application_json: schema });
    const b = (given['paths'] as Json)['/b'] as Json;
    expect(JSON.stringify(b)).toContain('"$ref":"#/components/schemas/a_get_200_application_json"');
  });
});

describe('repairSpec on refs into other operations', () => {
  it('makes a parameter used by reference from another operation a component', () => {
    const perPage = { name: 'per_page', in: 'query', schema: { type: 'integer' } };
    const given = doc({}, {
      '/a': { get: { parameters: [perPage], responses: { 200: { description: 'ok' } } } },
      '/b': { get: { parameters: [{ $ref: '#/paths/~1a/get/parameters/0' }], responses: { 200: { description: 'ok' } } } },
    });
    expect(repairSpec(given, 'spec.json')).toEqual([]);
    expect((given['components'] as Json)['parameters']).toEqual({ per_page_query: perPage });
    expect((((given['paths'] as Json)['/b'] as Json)['get'] as Json)['parameters']).toEqual([{ $ref: '#/components/parameters/per_page_query' }]);
  });
});
