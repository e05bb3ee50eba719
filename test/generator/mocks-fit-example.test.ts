import { describe, expect, it } from 'vitest';
import { fitExample } from '../../generator/src/mocks/fit-example.js';
import { synthesize } from '../../generator/src/mocks/synthesize.js';
import { validateSchema } from '../../generator/src/mocks/validate.js';

const document = {
  components: {
    schemas: {
      Pet: {
        type: 'object',
        required: ['id', 'name', 'tags'],
        additionalProperties: false,
        properties: {
          id: { type: 'integer' },
          name: { type: 'string' },
          born: { type: 'string', format: 'date' },
          tags: { type: 'array', minItems: 1, items: { type: 'string' } },
        },
      },
      Cat: { type: 'object', required: ['kind', 'meows'], properties: { kind: { const: 'cat' }, meows: { type: 'boolean' } } },
      Dog: { type: 'object', required: ['kind'], properties: { kind: { const: 'dog' } } },
    },
  },
};
const pet = { $ref: '#/components/schemas/Pet' };

describe('fitExample', () => {
  it.each([
    { name: 'a fitting example is kept as is', given: { id: 1, name: 'Rex', tags: ['a'] }, schema: pet, want: { id: 1, name: 'Rex', tags: ['a'] } },
    { name: 'missing required fields are synthesized, the rest kept', given: { name: 'Rex' }, schema: pet, want: { name: 'Rex', id: 0, tags: ['string'] } },
    { name: 'an ill-typed field is replaced', given: { id: '7', name: 'Rex', tags: ['a'] }, schema: pet, want: { id: 0, name: 'Rex', tags: ['a'] } },
    { name: 'a bad format is replaced', given: { id: 1, name: 'Rex', tags: ['a'], born: '2024-01-01T10:00:00Z' }, schema: pet, want: { id: 1, name: 'Rex', tags: ['a'], born: '2024-01-01' } },
    { name: 'unknown fields go where additionalProperties is false', given: { id: 1, name: 'Rex', tags: ['a'], extra: 1 }, schema: pet, want: { id: 1, name: 'Rex', tags: ['a'] } },
    { name: 'arrays are repaired item by item and padded to minItems', given: [{ id: 1, name: 'A', tags: [] }, { id: 2 }], schema: { type: 'array', items: pet }, want: [{ id: 1, name: 'A', tags: ['string'] }, { id: 2, name: 'string', tags: ['string'] }] },
    { name: 'a whole value of the wrong kind is synthesized', given: 'not a pet', schema: pet, want: synthesize(pet, document) },
    { name: 'oneOf: repaired against the first branch of its kind', given: { kind: 'cat' }, schema: { oneOf: [{ $ref: '#/components/schemas/Cat' }, { $ref: '#/components/schemas/Dog' }] }, want: { kind: 'cat', meows: true } },
    { name: 'oneOf: overlapping branches are accepted', given: { kind: 'dog', meows: true }, schema: { oneOf: [{ type: 'object' }, { type: 'object', required: ['kind'] }] }, want: { kind: 'dog', meows: true } },
  ])('$name', ({ given, schema, want }) => {
    const got = fitExample(given, schema, document);
    expect(got).toEqual(want);
    expect(validateSchema(got, schema, document, { oneOf: 'any' })).toEqual([]);
  });

  it('does not modify the example it was given', () => {
    const example = { name: 'Rex' };
    fitExample(example, pet, document);
    expect(example).toEqual({ name: 'Rex' });
  });
});
