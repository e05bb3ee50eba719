import { describe, expect, it } from 'vitest';
import { dataExpression } from '../../generator/src/mocks/data-literal.js';
import { mockOperation, mockParam } from '../../generator/src/mocks/mock-operation.js';
import type { OperationModel, ParamModel } from '../../generator/src/model.js';

const document = {
  openapi: '3.1.0',
  paths: {
    '/items': {
      get: {
        parameters: [
          { name: 'limit', in: 'query', schema: { type: 'integer' } },
          { name: 'ids', in: 'query', explode: false, schema: { type: 'array', items: { type: 'number' } } },
          { name: 'flag', in: 'query', schema: { type: ['boolean', 'null'] } },
          { $ref: '#/components/parameters/Kind' },
          { name: 'when', in: 'query', schema: { allOf: [{ type: 'string' }, { format: 'date' }] } },
          { name: 'json', in: 'query', content: { 'application/json': { schema: { type: 'object' } } } },
          { name: 'either', in: 'query', schema: { oneOf: [{ type: 'integer' }, { type: 'string' }] } },
        ],
        responses: {
          '200': {
            description: 'a page',
            content: {
              'application/json': {
                schema: { type: 'object', required: ['data'], properties: { data: { type: 'array', items: { type: 'object', required: ['id'], properties: { id: { type: 'string' } } } }, next: { type: ['string', 'null'] } } },
                example: { data: [], next: null },
              },
            },
          },
        },
      },
    },
  },
  components: { parameters: { Kind: { name: 'kind', in: 'query', schema: { $ref: '#/components/schemas/Kind' } } }, schemas: { Kind: { type: 'integer', enum: [1, 2] } } },
};

function param(index: number, name: string, extra: Partial<ParamModel> = {}): ParamModel {
  return { name, argName: name, in: 'query', required: false, deprecated: false, pointer: `#/paths/~1items/get/parameters/${index}`, ...extra };
}

describe('mockParam', () => {
  it.each([
    { given: param(0, 'limit'), want: { name: 'limit', type: 'integer' } },
    { given: param(1, 'ids', { explode: false }), want: { name: 'ids', type: 'number', array: true, explode: false } },
    { given: param(2, 'flag'), want: { name: 'flag', type: 'boolean' } },
    { given: param(3, 'kind'), want: { name: 'kind', type: 'integer' } },
    { given: param(4, 'when'), want: { name: 'when' } },
    { given: param(5, 'json'), want: { name: 'json' } },
    { given: param(6, 'either'), want: { name: 'either', type: 'integer' } },
    { given: param(9, 'missing'), want: { name: 'missing' } },
  ])('$given.name', ({ given, want }) => {
    expect(mockParam(given, document)).toEqual(want);
  });
});

describe('mockOperation', () => {
  const op: OperationModel & { pagination: unknown } = {
    operationId: 'listItems', hasSpecOperationId: true, pointer: '#/paths/~1items/get', method: 'GET', path: '/items',
    methodName: 'list', typeName: 'ListItems', deprecated: false, pathParams: [], queryParams: [param(0, 'limit')],
    headerParams: [], cookieParams: [], paramsLayout: 'flat', responseKind: 'json', security: [],
    responses: [{ status: '200', mediaTypes: ['application/json'], headers: [], pointer: '#/paths/~1items/get/responses/200' }],
    pagination: { spec: { style: 'cursor', param: { name: 'cursor' }, items: '/data', nextCursor: '/next' }, source: 'shape', responseStatus: '200', description: '' },
  };

  it('takes the pagination spec from the model', () => {
    expect(mockOperation(op, document).pagination).toEqual({ style: 'cursor', param: { name: 'cursor' }, items: '/data', nextCursor: '/next' });
  });

  it('replaces an example page without items by a synthesized one, so there is something to page through', () => {
    expect(mockOperation(op, document).response).toMatchObject({ source: 'synthesized', body: { data: [{ id: 'string' }], next: 'string' } });
    const { pagination: _pagination, ...plain } = op;
    expect(mockOperation(plain, document).response).toMatchObject({ source: 'example', body: { data: [], next: null } });
  });
});

describe('dataExpression', () => {
  it.each([
    { given: null, want: 'null' },
    { given: 'it\'s */ </script>', want: "'it\\'s */ <\\/script>'" },
    { given: [], want: '[]' },
    { given: { a: 1, 'b-c': [true] }, want: "{\n  a: 1,\n  'b-c': [\n    true,\n  ],\n}" },
    { given: JSON.parse('{"__proto__":{"x":1}}') as unknown, want: "{\n  ['__proto__']: {\n    x: 1,\n  },\n}" },
    { given: { skipped: undefined }, want: '{}' },
  ])('$want', ({ given, want }) => {
    expect(dataExpression(given)).toBe(want);
  });

  it('uses JSON.parse of one string for large values, and the value round-trips', () => {
    const big = { rows: Array.from({ length: 50 }, (_, i) => ({ i, text: `row "${i}" \u2028` })) };
    const expression = dataExpression(big, '', 200);
    expect(expression.startsWith('JSON.parse(\'')).toBe(true);
    expect(new Function(`return ${expression.replace(/ as unknown$/, '')};`)()).toEqual(big);
  });

  it('prints literals that evaluate to the same value, __proto__ as data', () => {
    const value = JSON.parse('{"__proto__":{"polluted":true},"list":[1,"two",null,{"deep":"x"}]}') as Record<string, unknown>;
    const evaluated = new Function(`return ${dataExpression(value)};`)() as Record<string, unknown>;
    expect(Object.getPrototypeOf(evaluated)).toBe(Object.prototype);
    expect(JSON.stringify(evaluated)).toBe(JSON.stringify(value));
  });
});
