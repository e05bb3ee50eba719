/** The types-document repairs for shapes openapi-typescript's output cannot compile (emit/types-cycles.ts). */
import { describe, expect, it } from 'vitest';
import { repairTypeCycles } from '../../generator/src/emit/types-cycles.js';
import { emitTypes } from '../../generator/src/emit/types.js';

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

describe('repairTypeCycles', () => {
  it.each([
    {
      name: 'a self-referencing array: the closing ref becomes unknown',
      given: { Nested: { type: 'array', items: ref('Nested') } },
      want: { Nested: { type: 'array', items: {} } },
    },
    {
      name: 'two arrays of each other: cut once, where the cycle closes',
      given: { Ping: { type: 'array', items: ref('Pong') }, Pong: { type: 'array', items: { oneOf: [ref('Ping'), { type: 'string' }] } } },
      want: { Ping: { type: 'array', items: ref('Pong') }, Pong: { type: 'array', items: { oneOf: [{}, { type: 'string' }] } } },
    },
    {
      name: 'a discriminator parent: children inherit its own members, the parent stays their union',
      given: {
        Pet: { type: 'object', properties: { kind: { type: 'string' } }, discriminator: { propertyName: 'kind' }, oneOf: [ref('Cat')] },
        Cat: { allOf: [ref('Pet'), { properties: { claws: { type: 'boolean' } } }] },
      },
      want: {
        Pet: { type: 'object', properties: { kind: { type: 'string' } }, discriminator: { propertyName: 'kind' }, oneOf: [ref('Cat')] },
        Cat: { allOf: [{ type: 'object', properties: { kind: { type: 'string' } } }, { properties: { claws: { type: 'boolean' } } }] },
      },
    },
    {
      name: 'a cycle through properties is left alone (TypeScript defers type literals)',
      given: { Node: { type: 'object', properties: { children: { type: 'array', items: ref('Node') } } } },
      want: { Node: { type: 'object', properties: { children: { type: 'array', items: ref('Node') } } } },
    },
  ])('$name', ({ given, want }) => {
    const doc = { components: { schemas: structuredClone(given) } };
    repairTypeCycles(doc);
    expect(doc.components.schemas).toEqual(want);
  });

  it('types a request body that aliases another as what it aliases (not {"*/*"?: never})', () => {
    const body = { required: true, content: { 'application/json': { schema: { type: 'object', properties: { name: { type: 'string' } } } } } };
    const doc = {
      openapi: '3.0.3',
      info: { title: 'A', version: '1' },
      paths: { '/p': { post: { requestBody: { $ref: '#/components/requestBodies/Alias' }, responses: { '204': { description: 'ok' } } } } },
      components: { requestBodies: { Alias: { $ref: '#/components/requestBodies/Mid' }, Mid: { $ref: '#/components/requestBodies/Real' }, Real: body } },
    };
    const types = emitTypes(doc, 'A', '1').contents;
    expect(types).not.toContain('"*/*"?: never');
    expect(types.match(/"application\/json": \{\n\s+name\?: string;/g)).toHaveLength(3);
  });
});
