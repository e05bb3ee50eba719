import { describe, expect, it } from 'vitest';
import { schemaFailure } from '../../generator/src/generate.js';
import { loadSpec } from '../../generator/src/load/index.js';

const doc = {
  openapi: '3.0.3',
  info: { title: 'T', version: '1' },
  paths: {},
  components: { schemas: { A: { type: 'object', properties: { b: { type: 'string' } } } } },
};

describe('schemaFailure: openapi-typescript errors become located diagnostics', () => {
  const cases = [
    { name: '"... at #/ptr"', message: 'Expected SchemaObject, received string at #/components/schemas/A/properties/b', pointer: '#/components/schemas/A/properties/b', reason: 'Expected SchemaObject, received string' },
    { name: '"#/ptr: ..."', message: '#/components/schemas/A: invalid property b. Expected Schema Object or boolean, got number.', pointer: '#/components/schemas/A', reason: 'invalid property b. Expected Schema Object or boolean, got number' },
    { name: 'a pointer past what exists is cut back', message: 'bad at #/components/schemas/A/properties/b/query/x', pointer: '#/components/schemas/A/properties/b', reason: 'bad' },
  ];
  it.each(cases)('$name', async ({ message, pointer, reason }) => {
    const spec = await loadSpec('api.json', { read: () => Promise.resolve(JSON.stringify(doc)) });
    const failure = schemaFailure(new Error(message), spec);
    expect(failure?.diagnostics).toEqual([expect.objectContaining({ code: 'SDKGEN_SCHEMA_UNREADABLE', pointer, message: `The types cannot be generated from this schema: ${reason}.` })]);
    expect(failure?.diagnostics[0]?.file).toMatch(/api\.json$/);
  });

  it('leaves errors without a pointer alone (a crash stays a crash)', async () => {
    const spec = await loadSpec('api.json', { read: () => Promise.resolve(JSON.stringify(doc)) });
    expect(schemaFailure(new Error('Cannot read properties of undefined'), spec)).toBeUndefined();
  });
});
