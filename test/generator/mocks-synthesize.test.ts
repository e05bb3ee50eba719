import { describe, expect, it } from 'vitest';
import { formatVariant } from '../../generator/src/mocks/formats.js';
import { mergeAllOf } from '../../generator/src/mocks/merge.js';
import { synthesize, type SynthesizeOptions } from '../../generator/src/mocks/synthesize.js';
import { validateSchema } from '../../generator/src/mocks/validate.js';

/** A document whose `components.schemas` the cases `$ref` into. */
const document = {
  openapi: '3.1.0',
  components: {
    schemas: {
      Pet: {
        type: 'object',
        required: ['id', 'name'],
        properties: {
          id: { type: 'string', format: 'uuid' },
          name: { type: 'string', minLength: 1 },
          tag: { type: 'string' },
          secret: { type: 'string', writeOnly: true },
          etag: { type: 'string', readOnly: true },
        },
      },
      Node: {
        type: 'object',
        required: ['value'],
        properties: { value: { type: 'integer' }, next: { $ref: '#/components/schemas/Node' } },
      },
      Tree: {
        type: 'object',
        required: ['children'],
        properties: { children: { type: 'array', items: { $ref: '#/components/schemas/Tree' } } },
      },
      Forever: { type: 'object', required: ['self'], properties: { self: { $ref: '#/components/schemas/Forever' } } },
      NullableLoop: {
        type: 'object',
        required: ['parent'],
        properties: { parent: { oneOf: [{ $ref: '#/components/schemas/NullableLoop' }, { type: 'null' }] } },
      },
      Cat: { type: 'object', required: ['kind', 'meows'], properties: { kind: { type: 'string' }, meows: { type: 'boolean' } } },
      Dog: { type: 'object', required: ['kind', 'barks'], properties: { kind: { type: 'string' }, barks: { type: 'boolean' } } },
      Base: { type: 'object', required: ['id'], properties: { id: { type: 'integer', minimum: 1 } }, example: { id: 7 } },
      Alias: { $ref: '#/components/schemas/Pet' },
    },
  },
};

const ref = (name: string): { $ref: string } => ({ $ref: `#/components/schemas/${name}` });

interface Case {
  name: string;
  given: unknown;
  options?: SynthesizeOptions;
  want: unknown;
}

const cases: Case[] = [
  { name: 'string', given: { type: 'string' }, want: 'string' },
  { name: 'date-time', given: { type: 'string', format: 'date-time' }, want: '2024-01-01T00:00:00Z' },
  { name: 'date', given: { type: 'string', format: 'date' }, want: '2024-01-01' },
  { name: 'uuid', given: { type: 'string', format: 'uuid' }, want: '00000000-0000-4000-8000-000000000000' },
  { name: 'email', given: { type: 'string', format: 'email' }, want: 'user@example.com' },
  { name: 'uri', given: { type: 'string', format: 'uri' }, want: 'https://example.com' },
  { name: 'unknown format is a plain string', given: { type: 'string', format: 'x-color' }, want: 'string' },
  { name: 'minLength pads', given: { type: 'string', minLength: 10 }, want: 'stringxxxx' },
  { name: 'maxLength cuts', given: { type: 'string', maxLength: 3 }, want: 'str' },
  { name: 'enum takes the first', given: { type: 'string', enum: ['available', 'sold'] }, want: 'available' },
  { name: 'enum skips a leading null', given: { type: ['string', 'null'], enum: [null, 'a'] }, want: 'a' },
  { name: 'const', given: { const: 'fixed' }, want: 'fixed' },
  { name: '3.0 example wins', given: { type: 'string', example: 'Rex' }, want: 'Rex' },
  { name: '3.1 examples wins', given: { type: 'integer', examples: [42, 43] }, want: 42 },
  { name: 'default', given: { type: 'integer', default: 20 }, want: 20 },
  { name: 'examples can be ignored', given: { type: 'integer', example: 5 }, options: { useExamples: false }, want: 0 },
  { name: 'integer', given: { type: 'integer' }, want: 0 },
  { name: 'minimum', given: { type: 'integer', minimum: 1, maximum: 100 }, want: 1 },
  { name: '3.0 exclusiveMinimum', given: { type: 'integer', minimum: 0, exclusiveMinimum: true }, want: 1 },
  { name: '3.1 exclusiveMinimum', given: { type: 'number', exclusiveMinimum: 5 }, want: 6 },
  { name: 'maximum below zero', given: { type: 'integer', maximum: -3 }, want: -3 },
  { name: 'multipleOf', given: { type: 'number', minimum: 1, multipleOf: 0.25 }, want: 1 },
  { name: 'multipleOf rounds up', given: { type: 'integer', minimum: 3, multipleOf: 5 }, want: 5 },
  { name: 'number in an open interval', given: { type: 'number', exclusiveMinimum: 0, exclusiveMaximum: 1 }, want: 0.5 },
  { name: 'boolean', given: { type: 'boolean' }, want: true },
  { name: 'null type', given: { type: 'null' }, want: null },
  { name: '3.1 nullable type array prefers the value', given: { type: ['null', 'string'] }, want: 'string' },
  { name: '3.0 nullable still gives a value', given: { type: 'string', nullable: true }, want: 'string' },
  { name: 'array has one item', given: { type: 'array', items: { type: 'integer' } }, want: [0] },
  { name: 'minItems', given: { type: 'array', minItems: 3, items: { type: 'string', format: 'uuid' }, uniqueItems: true }, want: [
    '00000000-0000-4000-8000-000000000000',
    '00000000-0000-4000-8000-000000000001',
    '00000000-0000-4000-8000-000000000002',
  ] },
  { name: 'maxItems 0', given: { type: 'array', maxItems: 0, items: { type: 'string' } }, want: [] },
  { name: 'prefixItems', given: { type: 'array', prefixItems: [{ type: 'string' }, { type: 'boolean' }], minItems: 2 }, want: ['string', true] },
  {
    name: 'object: required and optional, writeOnly left out of responses',
    given: ref('Pet'),
    want: { id: '00000000-0000-4000-8000-000000000000', name: 'string', tag: 'string', etag: 'string' },
  },
  {
    name: 'object for a request leaves readOnly out',
    given: ref('Pet'),
    options: { direction: 'request' },
    want: { id: '00000000-0000-4000-8000-000000000000', name: 'string', tag: 'string', secret: 'string' },
  },
  { name: 'a ref to a ref', given: ref('Alias'), options: { optionalDepth: 0 }, want: { id: '00000000-0000-4000-8000-000000000000', name: 'string' } },
  { name: 'below optionalDepth only required fields', given: ref('Pet'), options: { optionalDepth: 0 }, want: { id: '00000000-0000-4000-8000-000000000000', name: 'string' } },
  { name: 'inferred object', given: { properties: { a: { type: 'integer' } } }, want: { a: 0 } },
  { name: 'additionalProperties map', given: { type: 'object', additionalProperties: { type: 'integer' } }, want: { key: 0 } },
  { name: 'required name without a property schema', given: { type: 'object', required: ['x'] }, want: { x: 'string' } },
  { name: '__proto__ stays a data property', given: { type: 'object', required: ['__proto__'], properties: { ['__proto__']: { type: 'integer' } } }, want: JSON.parse('{"__proto__":0}') },
  { name: 'recursion: optional self reference is cut', given: ref('Node'), want: { value: 0 } },
  { name: 'recursion: array of self is empty', given: ref('Tree'), want: { children: [] } },
  { name: 'recursion: nullable self reference is null', given: ref('NullableLoop'), want: { parent: null } },
  { name: 'recursion: impossible schema gives null', given: ref('Forever'), want: null },
  {
    name: 'allOf merges properties and required',
    given: { allOf: [ref('Base'), { type: 'object', required: ['name'], properties: { name: { type: 'string' } } }] },
    want: { id: 1, name: 'string' },
  },
  { name: 'allOf of constraints', given: { allOf: [{ type: 'integer' }, { minimum: 10 }] }, want: 10 },
  { name: 'oneOf takes the first branch', given: { oneOf: [{ type: 'string' }, { type: 'integer' }] }, want: 'string' },
  { name: 'anyOf skips a null branch', given: { anyOf: [{ type: 'null' }, { type: 'integer' }] }, want: 0 },
  {
    name: 'oneOf with discriminator mapping sets the tag',
    given: { oneOf: [ref('Cat'), ref('Dog')], discriminator: { propertyName: 'kind', mapping: { cat: '#/components/schemas/Cat' } } },
    want: { kind: 'cat', meows: true },
  },
  {
    name: 'oneOf with discriminator and no mapping uses the schema name',
    given: { oneOf: [ref('Dog'), ref('Cat')], discriminator: { propertyName: 'kind' } },
    want: { kind: 'Dog', barks: true },
  },
  { name: 'true schema', given: true, want: {} },
  { name: 'empty schema', given: {}, want: {} },
  { name: 'dangling ref', given: ref('Missing'), want: null },
  { name: 'variant makes distinct values', given: { type: 'object', properties: { id: { type: 'integer' }, at: { type: 'string', format: 'date' } } }, options: { variant: 2 }, want: { id: 2, at: '2024-01-03' } },
];

describe('synthesize', () => {
  it.each(cases)('$name', ({ given, options, want }) => {
    expect(synthesize(given, document, options)).toEqual(want);
  });

  it.each(cases.filter((c) => c.want !== null && c.name !== 'dangling ref'))('$name: the value validates', ({ given, options, want }) => {
    const skipsReadOnlyCheck = options?.direction === 'request';
    expect(skipsReadOnlyCheck || validateSchema(want, given, document).length === 0).toBe(true);
    expect(validateSchema(synthesize(given, document, options), given, document)).toEqual([]);
  });

  it('is deterministic: the same schema gives byte-identical JSON', () => {
    const schema = { type: 'array', items: ref('Pet'), minItems: 2 };
    expect(JSON.stringify(synthesize(schema, document))).toBe(JSON.stringify(synthesize(structuredClone(schema), structuredClone(document))));
  });

  it('bounds deep non-recursive nesting by leaving optional fields out', () => {
    let schema: Record<string, unknown> = { type: 'string' };
    for (let i = 0; i < 40; i++) schema = { type: 'object', properties: { child: schema } };
    const value = JSON.stringify(synthesize(schema, document));
    expect(value).toBe('{"child":{"child":{"child":{}}}}');
  });
});

describe('formatVariant', () => {
  it.each([
    { given: ['uuid', 0], want: '00000000-0000-4000-8000-000000000000' },
    { given: ['uuid', 26], want: '00000000-0000-4000-8000-00000000001a' },
    { given: ['date-time', 31], want: '2024-02-01T00:00:00Z' },
    { given: ['email', 3], want: 'user3@example.com' },
    { given: ['uri', 1], want: 'https://example.com/1' },
    { given: ['x-unknown', 1], want: undefined },
  ] as const)('$given', ({ given, want }) => {
    expect(formatVariant(given[0], given[1])).toBe(want);
  });
});

describe('mergeAllOf', () => {
  it('unions properties and required, keeps the outer keywords, drops parts\' examples', () => {
    const { schema, refs } = mergeAllOf(
      { description: 'outer', allOf: [ref('Base'), { required: ['id', 'name'], properties: { id: { maximum: 9 }, name: { type: 'string' } } }] },
      document,
    );
    expect(refs).toEqual(['#/components/schemas/Base']);
    expect(schema).toEqual({
      description: 'outer',
      type: 'object',
      properties: { id: { allOf: [{ type: 'integer', minimum: 1 }, { maximum: 9 }] }, name: { type: 'string' } },
      required: ['id', 'name'],
    });
  });
});
