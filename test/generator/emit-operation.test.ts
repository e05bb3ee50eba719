import { describe, expect, it } from 'vitest';
import { descriptorValue, literal } from '../../generator/src/emit/descriptor.js';
import { operationTypes, responseType } from '../../generator/src/emit/operation-types.js';
import type { OperationModel, ParamModel, RequestBodyModel } from '../../generator/src/model.js';
import { op } from './emit-fixtures.js';

function param(name: string, location: ParamModel['in'], extra: Partial<ParamModel> = {}): ParamModel {
  return { name, argName: name, in: location, required: false, deprecated: false, pointer: '#', ...extra };
}

const jsonBody = (required: boolean): RequestBodyModel => ({
  required, mediaType: 'application/json', mediaTypes: ['application/json'], encoding: 'json', isJsonObject: true, propertyNames: ['name'], pointer: '#',
});

const base = { operationId: 'doIt', method: 'POST', path: '/x', methodName: 'doIt', typeName: 'DoIt' } as const;

describe('operationTypes: params', () => {
  const cases: { name: string; given: Partial<OperationModel>; want: { type: string | undefined; optional: boolean } }[] = [
    { name: 'nothing', given: {}, want: { type: undefined, optional: true } },
    {
      name: 'optional query only',
      given: { queryParams: [param('limit', 'query')] },
      want: { type: "NonNullable<DoItOp['parameters']['query']>", optional: true },
    },
    {
      name: 'required query',
      given: { queryParams: [param('q', 'query', { required: true })] },
      want: { type: "NonNullable<DoItOp['parameters']['query']>", optional: false },
    },
    {
      name: 'flat: query and required JSON body',
      given: { queryParams: [param('limit', 'query')], requestBody: jsonBody(true) },
      want: { type: "NonNullable<DoItOp['parameters']['query']> & NonNullable<DoItOp['requestBody']>['content']['application/json']", optional: false },
    },
    {
      name: 'flat: optional body fields are optional',
      given: { requestBody: jsonBody(false) },
      want: { type: "Partial<NonNullable<DoItOp['requestBody']>['content']['application/json']>", optional: true },
    },
    {
      name: 'headers are picked by name (the runtime owns some)',
      given: { headerParams: [param('If-Match', 'header'), param('X-Trace', 'header', { required: true })] },
      want: { type: "Pick<NonNullable<DoItOp['parameters']['header']>, 'If-Match' | 'X-Trace'>", optional: false },
    },
    {
      name: 'cookies',
      given: { cookieParams: [param('session', 'cookie')] },
      want: { type: "NonNullable<DoItOp['parameters']['cookie']>", optional: true },
    },
    {
      name: 'nested: body and query grouped, headers flat',
      given: { paramsLayout: 'nested', queryParams: [param('name', 'query')], headerParams: [param('X-A', 'header')], requestBody: jsonBody(true) },
      want: {
        type: "{ body: NonNullable<DoItOp['requestBody']>['content']['application/json']; query?: NonNullable<DoItOp['parameters']['query']> } & Pick<NonNullable<DoItOp['parameters']['header']>, 'X-A'>",
        optional: false,
      },
    },
    {
      name: 'nested: binary body takes what the runtime sends',
      given: { paramsLayout: 'nested', requestBody: { ...jsonBody(false), mediaType: 'application/octet-stream', encoding: 'binary', isJsonObject: false } },
      want: { type: '{ body?: Blob | Uint8Array | ArrayBuffer | string | ReadableStream<Uint8Array> | AsyncIterable<Uint8Array> }', optional: true },
    },
    {
      name: 'nested: required query makes query required',
      given: { paramsLayout: 'nested', queryParams: [param('q', 'query', { required: true })], requestBody: jsonBody(false) },
      want: { type: "{ body?: NonNullable<DoItOp['requestBody']>['content']['application/json']; query: NonNullable<DoItOp['parameters']['query']> }", optional: false },
    },
  ];
  it.each(cases)('$name', ({ given, want }) => {
    const types = operationTypes(op({ ...base, ...given }));
    expect(types.paramsType).toBe(want.type);
    expect(types.paramsName).toBe(want.type === undefined ? undefined : 'DoItParams');
    expect(types.paramsOptional).toBe(want.optional);
  });
});

describe('responseType', () => {
  const r = (status: string, mediaTypes: string[]) => ({ status, mediaTypes, headers: [], pointer: '#' });
  const cases: { name: string; given: OperationModel['responses']; want: string }[] = [
    { name: 'one JSON 200', given: [r('200', ['application/json'])], want: "Op['responses'][200]['content']['application/json']" },
    { name: 'empty 204', given: [r('204', [])], want: 'void' },
    { name: 'JSON or empty', given: [r('200', ['application/json']), r('204', [])], want: "Op['responses'][200]['content']['application/json'] | undefined" },
    { name: '+json and text', given: [r('201', ['application/vnd.api+json', 'text/plain'])], want: "Op['responses'][201]['content']['application/vnd.api+json'] | string" },
    { name: 'binary', given: [r('200', ['image/png', 'application/pdf'])], want: 'Blob' },
    { name: '2XX range is a string key', given: [r('2XX', ['application/json'])], want: "Op['responses']['2XX']['content']['application/json']" },
    { name: 'errors are not results', given: [r('404', ['application/problem+json']), r('default', ['application/json'])], want: 'unknown' },
    { name: 'media type with quotes', given: [r('200', ['application/json; charset="utf-8"'])], want: "Op['responses'][200]['content']['application/json; charset=\"utf-8\"']" },
  ];
  it.each(cases)('$name', ({ given, want }) => {
    expect(responseType(op({ ...base, responses: given }), 'Op')).toBe(want);
  });
});

describe('operationTypes: paths and pagination', () => {
  it('indexes into paths by template and lower-case method; path args by name', () => {
    const types = operationTypes(op({ ...base, method: 'GET', path: "/a/{it's}", pathParams: [param("it's", 'path', { argName: 'itS', required: true })] }));
    expect(types.opType).toBe("paths['/a/{it\\'s}']['get']");
    expect(types.pathArgTypes).toEqual(["DoItOp['parameters']['path']['it\\'s']"]);
  });

  it('types page items from the page response and the items path', () => {
    const pagination = { spec: { style: 'cursor', items: '/data' }, source: 'shape', responseStatus: '200', itemsPath: ['data'], description: '' };
    const types = operationTypes({ ...op({ ...base, method: 'GET' }), pagination } as OperationModel);
    expect(types.itemName).toBe('DoItItem');
    expect(types.itemType).toBe("NonNullable<NonNullable<DoItOp['responses'][200]['content']['application/json']>['data']>[number]");
    const bare = operationTypes({ ...op({ ...base, method: 'GET' }), pagination: { ...pagination, itemsPath: undefined } } as OperationModel);
    expect(bare.itemType).toBe('unknown');
  });
});

describe('descriptorValue', () => {
  it('omits defaults and empty lists', () => {
    expect(descriptorValue(op({ ...base, security: [] }))).toEqual({
      id: 'doIt', method: 'POST', path: '/x',
      pathParams: undefined, query: undefined, headers: undefined, cookies: undefined, body: undefined,
      response: undefined, security: undefined, pagination: undefined,
    });
  });

  it('writes only non-default serialization', () => {
    const value = descriptorValue(op({
      ...base,
      pathParams: [param('id', 'path', { style: 'simple' }), param('m', 'path', { style: 'matrix', explode: true })],
      queryParams: [
        param('a', 'query', { style: 'form', explode: true }),
        param('b', 'query', { style: 'form', explode: false }),
        param('c', 'query', { style: 'deepObject' }),
        param('d', 'query', { allowReserved: true }),
      ],
      headerParams: [param('H', 'header', { style: 'simple', explode: false })],
      cookieParams: [param('k', 'cookie')],
      responseKind: 'binary',
      security: [['a', 'b'], []],
    }));
    expect(literal(value.pathParams!)).toBe("[{ name: 'id' }, { name: 'm', style: 'matrix', explode: true }]");
    expect(literal(value.query!)).toBe("[{ name: 'a' }, { name: 'b', explode: false }, { name: 'c', style: 'deepObject' }, { name: 'd', allowReserved: true }]");
    expect(literal(value.headers!)).toBe("[{ name: 'H' }]");
    expect(literal(value.cookies!)).toBe("[{ name: 'k' }]");
    expect(value.response).toBe('binary');
    expect(literal(value.security!)).toBe("[['a', 'b'], []]");
  });

  it('groups query and body in the nested layout', () => {
    const value = descriptorValue(op({ ...base, paramsLayout: 'nested', queryParams: [param('q', 'query')], requestBody: jsonBody(true) }));
    expect(literal(value.query!)).toBe("[{ name: 'q', group: 'query' }]");
    expect(literal(value.body!)).toBe("{ mediaType: 'application/json', encoding: 'json', group: 'body', required: true }");
  });

  it('carries the pagination spec as is', () => {
    const pagination = { spec: { style: 'cursor', param: { name: 'cursor' }, items: '/data', nextCursor: '/next' }, source: 'shape', responseStatus: '200', description: '' };
    const value = descriptorValue({ ...op(base), pagination } as OperationModel);
    expect(literal(value.pagination!)).toBe("{ style: 'cursor', param: { name: 'cursor' }, items: '/data', nextCursor: '/next' }");
  });
});
