import { describe, expect, it } from 'vitest';
import { bodyEncoding, pickMediaType } from '../../generator/src/normalize/body.js';
import { dropNoun, methodNames, stripResourcePrefix } from '../../generator/src/normalize/method-names.js';
import { resourceKey, resourcePropertyName } from '../../generator/src/normalize/resources.js';
import { objectShape } from '../../generator/src/normalize/refs.js';
import { responseKind } from '../../generator/src/normalize/responses.js';
import { normalizeServers } from '../../generator/src/normalize/servers.js';
import type { ResponseModel } from '../../generator/src/model.js';

describe('dropNoun', () => {
  const table: { given: string; resource: string; want: string }[] = [
    { given: 'listPets', resource: 'pets', want: 'list' },
    { given: 'getPetById', resource: 'pets', want: 'getById' },
    { given: 'createPet', resource: 'pets', want: 'create' },
    { given: 'findPetsByStatus', resource: 'pets', want: 'findByStatus' },
    { given: 'deletePolicy', resource: 'policies', want: 'delete' },
    { given: 'listIssueComments', resource: 'issueComments', want: 'list' },
    { given: 'pets', resource: 'pets', want: 'pets' },
    { given: 'getPetstore', resource: 'pets', want: 'getPetstore' },
    { given: 'uploadFile', resource: 'pets', want: 'uploadFile' },
  ];
  it.each(table)('$given in $resource', ({ given, resource, want }) => expect(dropNoun(given, resource)).toBe(want));
});

describe('stripResourcePrefix', () => {
  const table: { given: string; resource: string; want: string }[] = [
    { given: 'repos/get-content', resource: 'repos', want: 'get-content' },
    { given: 'repo/get', resource: 'repos', want: 'get' },
    { given: 'git/get-ref', resource: 'repos', want: 'git get-ref' },
    { given: 'listPets', resource: 'pets', want: 'listPets' },
  ];
  it.each(table)('$given', ({ given, resource, want }) => expect(stripResourcePrefix(given, resource)).toBe(want));
});

describe('methodNames', () => {
  it('drops a tag prefix and the noun, then keeps names unique', () => {
    const ops = ['repos/get', 'repos/get-content', 'repos/list-for-org', 'repos/get-repo', 'git/get-ref'].map((operationId) => ({ operationId, method: 'get', path: '/x', siblingMethods: ['get'] }));
    // `repos/get` and `repos/get-repo` both shorten to `get`: the second keeps its noun.
    expect(methodNames(ops, 'repos')).toEqual(['get', 'getContent', 'listForOrg', 'getRepo', 'gitGetRef']);
  });
});

describe('resourceKey', () => {
  const table: { tags: unknown; path: string; want: string }[] = [
    { tags: ['Pet Store', 'other'], path: '/pets', want: 'Pet Store' },
    { tags: undefined, path: '/v1/{id}/pets', want: 'v1' },
    { tags: [], path: '/{id}', want: 'default' },
    { tags: ['---'], path: '/users', want: 'users' },
  ];
  it.each(table)('$path $tags', ({ tags, path, want }) => expect(resourceKey(tags, path)).toBe(want));
  it('keeps property names off BaseClient members and leading digits', () => {
    expect(['Pet Store', 'close', 'transport', 'config', '3d', 'constructor'].map(resourcePropertyName)).toEqual(['petStore', 'closeApi', 'transportApi', 'configApi', 'api3d', 'constructorApi']);
  });
});

describe('media types', () => {
  const table: { given: string[]; chosen: string; encoding: string }[] = [
    { given: ['application/xml', 'application/json'], chosen: 'application/json', encoding: 'json' },
    { given: ['text/plain', 'application/vnd.api+json'], chosen: 'application/vnd.api+json', encoding: 'json' },
    { given: ['application/x-www-form-urlencoded'], chosen: 'application/x-www-form-urlencoded', encoding: 'form' },
    { given: ['multipart/form-data'], chosen: 'multipart/form-data', encoding: 'multipart' },
    { given: ['text/csv'], chosen: 'text/csv', encoding: 'text' },
    { given: ['application/octet-stream'], chosen: 'application/octet-stream', encoding: 'binary' },
    { given: ['Application/JSON; charset=utf-8'], chosen: 'Application/JSON; charset=utf-8', encoding: 'json' },
  ];
  it.each(table)('$given', ({ given, chosen, encoding }) => {
    expect(pickMediaType(given)).toBe(chosen);
    expect(bodyEncoding(chosen)).toBe(encoding);
  });
});

describe('responseKind', () => {
  const r = (status: string, ...mediaTypes: string[]): ResponseModel => ({ status, mediaTypes, headers: [], pointer: '#' });
  const table: { name: string; given: ResponseModel[]; want: string }[] = [
    { name: 'no responses', given: [], want: 'empty' },
    { name: 'only 204', given: [r('204'), r('404', 'application/json')], want: 'empty' },
    { name: 'json and an empty 204', given: [r('200', 'application/json'), r('204')], want: 'json' },
    { name: 'text', given: [r('200', 'text/plain')], want: 'text' },
    { name: 'binary', given: [r('2XX', 'image/png', 'application/pdf')], want: 'binary' },
    { name: 'mixed', given: [r('200', 'application/json', 'text/csv')], want: 'auto' },
    { name: 'errors only carry json', given: [r('201'), r('default', 'application/json')], want: 'empty' },
    { name: 'only default', given: [r('default', 'application/json')], want: 'auto' },
  ];
  it.each(table)('$name', ({ given, want }) => expect(responseKind(given)).toBe(want));
});

describe('normalizeServers', () => {
  const servers = [
    { url: 'https://{env}.example.com:{port}/v1', variables: { env: { enum: ['prod', 'dev'] }, port: { default: '8443' } } },
    { url: '/relative', description: 'same origin' },
    { url: 'https://{unknown}.example.com' },
    'not a server',
  ];
  it('substitutes defaults (else the first enum value); drops relative URLs without a base, saying which', () => {
    const relative: [number, string][] = [];
    expect(normalizeServers(servers, undefined, (i, url) => relative.push([i, url]))).toEqual([
      { url: 'https://prod.example.com:8443/v1' },
      { url: 'https://{unknown}.example.com' },
    ]);
    expect(relative).toEqual([[1, '/relative']]);
  });
  it('resolves relative URLs against the URL the spec was read from', () => {
    expect(normalizeServers(servers, 'http://127.0.0.1:8080/specs/openapi.json')[1]).toEqual({ url: 'http://127.0.0.1:8080/relative', description: 'same origin' });
    expect(normalizeServers([{ url: 'v2' }, { url: '//other.test/api' }], 'https://api.test/specs/openapi.json')).toEqual([{ url: 'https://api.test/specs/v2' }, { url: 'https://other.test/api' }]);
  });
});

describe('objectShape', () => {
  const doc = {
    components: {
      schemas: {
        A: { type: 'object', properties: { a: {} } },
        B: { allOf: [{ $ref: '#/components/schemas/A' }, { properties: { b: {} } }] },
        Loop: { oneOf: [{ $ref: '#/components/schemas/Loop' }, { $ref: '#/components/schemas/A' }] },
      },
    },
  };
  const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
  const table: { name: string; given: unknown; want: { isObject: boolean; propertyNames: string[] } }[] = [
    { name: 'allOf through refs', given: ref('B'), want: { isObject: true, propertyNames: ['a', 'b'] } },
    { name: 'union of objects', given: { oneOf: [ref('A'), { type: 'object', properties: { c: {} } }] }, want: { isObject: true, propertyNames: ['a', 'c'] } },
    { name: 'union with an array', given: { anyOf: [ref('A'), { type: 'array' }] }, want: { isObject: false, propertyNames: [] } },
    { name: 'array', given: { type: 'array', items: ref('A') }, want: { isObject: false, propertyNames: [] } },
    { name: 'cyclic union ends', given: ref('Loop'), want: { isObject: false, propertyNames: [] } },
    { name: 'dangling ref', given: ref('Nope'), want: { isObject: false, propertyNames: [] } },
  ];
  it.each(table)('$name', ({ given, want }) => expect(objectShape(doc, given)).toEqual(want));
});
