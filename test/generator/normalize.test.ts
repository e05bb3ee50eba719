import { readFile } from 'node:fs/promises';
import { beforeAll, describe, expect, it } from 'vitest';
import { Diagnostics } from '../../generator/src/diagnostics.js';
import { loadSpec, loadSpecFromObject } from '../../generator/src/load/index.js';
import type { ApiModel, OperationModel } from '../../generator/src/model.js';
import { normalize } from '../../generator/src/normalize/index.js';

const fsIO = { read: (uri: string) => readFile(uri, 'utf8') };

function op(model: ApiModel, id: string): OperationModel {
  const found = model.resources.flatMap((r) => r.operations).find((o) => o.operationId === id);
  if (found === undefined) throw new Error(`no operation ${id}`);
  return found;
}

function fromObject(doc: object): { model: ApiModel; diags: Diagnostics } {
  const diags = new Diagnostics();
  return { model: normalize(loadSpecFromObject({ openapi: '3.1.0', info: { title: 'T', version: '1' }, ...doc }), diags), diags };
}

describe('normalize: petstore fixture', () => {
  let model: ApiModel;
  let diags: Diagnostics;
  beforeAll(async () => {
    diags = new Diagnostics();
    model = normalize(await loadSpec('test/fixtures/specs/petstore.yaml', fsIO), diags);
  });

  it('reads info and servers, substituting variable defaults; a relative server of a file is dropped with a warning', () => {
    expect(model).toMatchObject({ title: 'Pet Store', version: '2.1.0', description: 'Pets, their owners and the store.' });
    expect(model.servers).toEqual([{ url: 'https://eu.example.com/v2', description: 'Production' }]);
    expect(diags.items.filter((d) => d.code === 'SDKGEN_SERVER_RELATIVE').map((d) => d.pointer)).toEqual(['#/servers/1/url']);
  });

  it('maps security schemes to options, naming shared kinds after their keys', () => {
    expect(model.securitySchemes.map((s) => ({ ...s, pointer: undefined }))).toEqual([
      { key: 'bearerAuth', pointer: undefined, type: 'bearer', source: 'http', option: 'bearerToken' },
      { key: 'basicAuth', pointer: undefined, type: 'basic', usernameOption: 'username', passwordOption: 'password' },
      { key: 'apiKeyHeader', pointer: undefined, type: 'apiKey', in: 'header', name: 'X-API-Key', option: 'apiKeyHeader' },
      { key: 'apiKeyQuery', pointer: undefined, type: 'apiKey', in: 'query', name: 'api_key', option: 'apiKeyQuery' },
      {
        key: 'oauth',
        pointer: undefined,
        type: 'bearer',
        source: 'oauth2',
        option: 'oauth',
        oauth2: { clientCredentials: { tokenUrl: 'https://example.com/token' }, clientIdOption: 'oauthClientId', clientSecretOption: 'oauthClientSecret', scopesOption: 'oauthScopes' },
      },
      { key: 'oidc', pointer: undefined, type: 'bearer', source: 'openIdConnect', option: 'oidc' },
    ]);
    expect(diags.items.filter((d) => d.code.startsWith('SDKGEN_SECURITY')).map((d) => `${d.code} ${d.pointer}`)).toEqual(['SDKGEN_SECURITY_SCHEME_UNSUPPORTED #/components/securitySchemes/digest']);
  });

  it('groups resources by tag (else path segment), sorted, with method names minus the noun', () => {
    expect(model.resources.map((r) => [r.propertyName, r.className, r.fileName, r.description])).toEqual([
      ['pets', 'PetsResource', 'pets', 'Everything about pets'],
      ['store', 'StoreResource', 'store', undefined],
      ['users', 'UsersResource', 'users', undefined],
    ]);
    expect(model.resources.map((r) => r.operations.map((o) => `${o.methodName}:${o.typeName}`))).toEqual([
      ['list:ListPets', 'create:CreatePet', 'getById:GetPetById', 'update:UpdatePet', 'delete:DeletePet', 'uploadPhoto:UploadPetPhoto'],
      ['createOrders:PostStoreOrders', 'getInventory:GetInventory'],
      ['downloadReport:UsersDownloadReport'],
    ]);
    expect(op(model, 'post_store_orders').hasSpecOperationId).toBe(false);
  });

  it('applies global security unless the operation overrides it', () => {
    expect(op(model, 'listPets').security).toEqual([['bearerAuth']]);
    expect(op(model, 'createPet').security).toEqual([['apiKeyHeader'], []]);
    expect(op(model, 'deletePet').security).toEqual([]);
    expect(op(model, 'post_store_orders').security).toEqual([['basicAuth', 'apiKeyQuery']]);
  });

  it('merges path-item and operation params, operation winning, ignoring Accept', () => {
    const list = op(model, 'listPets');
    expect(list.queryParams.map((p) => [p.name, p.required, p.description, p.style, p.explode])).toEqual([
      ['limit', true, 'operation level wins', undefined, undefined],
      ['tags', false, undefined, 'form', false],
    ]);
    expect(list.headerParams.map((p) => p.name)).toEqual(['X-Request-Id']);
    expect(op(model, 'createPet').queryParams.map((p) => [p.name, p.required, p.pointer])).toEqual([['limit', false, '#/paths/~1pets/parameters/1']]);
  });

  it('orders path params by the template and synthesizes undeclared ones', () => {
    expect(op(model, 'uploadPetPhoto').pathParams).toEqual([
      { name: 'petId', argName: 'petId', in: 'path', required: true, deprecated: false, pointer: '#/paths/~1pets~1{petId}~1photo~1{size}/put/parameters/0' },
      { name: 'size', argName: 'size', in: 'path', required: true, deprecated: false, pointer: '#/paths/~1pets~1{petId}~1photo~1{size}/put', synthesized: true },
    ]);
    expect(op(model, 'users/download-report').pathParams.map((p) => [p.name, p.argName])).toEqual([['user-id', 'userId']]);
    expect(op(model, 'getInventory').queryParams.map((p) => p.argName)).toEqual(['default_']);
    expect(op(model, 'getInventory').cookieParams.map((p) => p.argName)).toEqual(['class_']);
  });

  it('picks body media types, encodings and layouts', () => {
    expect(op(model, 'createPet').requestBody).toMatchObject({ required: true, mediaType: 'application/json', encoding: 'json', isJsonObject: true, propertyNames: ['name', 'tag'] });
    expect(op(model, 'createPet').paramsLayout).toBe('flat');
    // Body field `name` collides with query param `name`.
    expect(op(model, 'updatePet')).toMatchObject({ deprecated: true, paramsLayout: 'nested', requestBody: { mediaType: 'application/merge-patch+json', encoding: 'json', propertyNames: ['name', 'id'] } });
    expect(op(model, 'uploadPetPhoto')).toMatchObject({ paramsLayout: 'nested', requestBody: { mediaType: 'image/png', mediaTypes: ['image/png', 'image/jpeg'], encoding: 'binary', isJsonObject: false } });
    expect(op(model, 'post_store_orders')).toMatchObject({ paramsLayout: 'nested', requestBody: { encoding: 'form', isJsonObject: false } });
  });

  it('reads responses and the response kind', () => {
    expect(op(model, 'listPets').responses.map((r) => [r.status, r.mediaTypes, r.headers])).toEqual([
      ['200', ['application/json'], ['link', 'etag']],
      ['default', ['application/problem+json'], []],
    ]);
    expect(['listPets', 'deletePet', 'uploadPetPhoto', 'post_store_orders', 'users/download-report'].map((id) => op(model, id).responseKind)).toEqual([
      'json', 'empty', 'binary', 'auto', 'binary',
    ]);
  });

  it('finds the idempotency header', () => {
    expect(model.idempotencyHeader).toBe('Idempotency-Key');
  });

  it('is deterministic: a second load and normalize give the same model', async () => {
    const again = normalize(await loadSpec('test/fixtures/specs/petstore.yaml', fsIO), new Diagnostics());
    expect(JSON.stringify(again)).toBe(JSON.stringify(model));
  });
});

describe('normalize: naming collisions', () => {
  const ok = { responses: { '200': { description: 'ok' } } };

  it('keeps the noun where dropping it would be ambiguous, and suffixes true duplicates', () => {
    const { model } = fromObject({
      paths: {
        '/pets': { get: { operationId: 'listPets', ...ok }, post: { operationId: 'list', ...ok } },
        '/pets/{id}': { get: { operationId: 'getPet', ...ok }, put: { operationId: 'getPet', ...ok }, delete: { operationId: 'deletePet', tags: ['Pets'], ...ok } },
        '/pets/search': { get: { operationId: 'constructor', ...ok } },
      },
    });
    expect(model.resources.map((r) => r.propertyName)).toEqual(['pets']);
    expect(model.resources[0]?.operations.map((o) => [o.operationId, o.methodName, o.typeName])).toEqual([
      ['listPets', 'listPets', 'ListPets'],
      ['list', 'list', 'List'],
      ['getPet', 'get', 'GetPet'],
      ['getPet2', 'get2', 'GetPet2'],
      ['deletePet', 'delete', 'DeletePet'],
      ['constructor', 'constructor2', 'Constructor'],
    ]);
  });

  it('keeps resource names off BaseClient members and apart from each other', () => {
    const { model } = fromObject({
      paths: {
        '/a': { get: { tags: ['options'], ...ok }, post: { tags: ['_internal'], ...ok } },
        '/b': { get: { tags: ['request'], ...ok }, put: { tags: ['Code Scanning'], ...ok }, delete: { tags: ['code-scanning'], ...ok } },
        '/{id}': { get: ok },
      },
    });
    expect(model.resources.map((r) => [r.propertyName, r.className, r.fileName, r.operations.length])).toEqual([
      ['codeScanning', 'CodeScanningResource', 'code-scanning', 2],
      ['default', 'DefaultResource', 'default', 1],
      ['internal', 'InternalResource', 'internal', 1],
      ['optionsApi', 'OptionsApiResource', 'options-api', 1],
      ['requestApi', 'RequestApiResource', 'request-api', 1],
    ]);
  });

  it('synthesizes method names from method and path when there is no operationId', () => {
    const { model } = fromObject({
      paths: {
        '/pets': { get: ok, post: ok },
        '/pets/{id}': { get: ok, put: ok, patch: ok, delete: ok },
        '/pets/{id}/toys': { get: ok },
      },
    });
    expect(model.resources[0]?.operations.map((o) => [o.operationId, o.methodName])).toEqual([
      ['get_pets', 'list'],
      ['post_pets', 'create'],
      ['get_pets_id', 'get'],
      ['put_pets_id', 'replace'],
      ['patch_pets_id', 'update'],
      ['delete_pets_id', 'delete'],
      ['get_pets_id_toys', 'listToys'],
    ]);
  });

  it('keeps path argument names valid and distinct from each other and from params/options', () => {
    const { model } = fromObject({ paths: { '/x/{params}/{a-b}/{a_b}/{for}': { get: ok } } });
    expect(model.resources[0]?.operations[0]?.pathParams.map((p) => p.argName)).toEqual(['params2', 'aB', 'aB2', 'for_']);
  });

  it('names several basic schemes after their keys', () => {
    const { model } = fromObject({
      paths: {},
      components: { securitySchemes: { admin: { type: 'http', scheme: 'basic' }, user_login: { type: 'http', scheme: 'basic' }, token: { type: 'http', scheme: 'bearer' } } },
    });
    expect(model.securitySchemes.map((s) => (s.type === 'basic' ? [s.usernameOption, s.passwordOption] : [s.option]))).toEqual([
      ['adminUsername', 'adminPassword'],
      ['userLoginUsername', 'userLoginPassword'],
      ['bearerToken'],
    ]);
  });

  it('lays out params nested when query and header names collide, flat otherwise', () => {
    const q = (name: string, where: string) => ({ name, in: where, schema: { type: 'string' } });
    const { model } = fromObject({
      paths: {
        '/a': { get: { operationId: 'a', parameters: [q('id', 'query'), q('id', 'header')], ...ok } },
        '/b': { get: { operationId: 'b', parameters: [q('id', 'query'), q('trace', 'header')], ...ok } },
        '/c': { post: { operationId: 'c', requestBody: { content: { 'application/json': { schema: { type: 'array' } } } }, ...ok } },
      },
    });
    expect(model.resources.flatMap((r) => r.operations.map((o) => o.paramsLayout))).toEqual(['nested', 'flat', 'nested']);
  });
});
