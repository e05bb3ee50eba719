/**
 * Hand-built models for emitter tests, independent of the normalizer: the pet store of
 * examples/petstore/openapi.yaml as the normalizer is meant to see it, and a hostile model whose
 * every text tries to break out of comments and literals.
 */
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import type { ApiModel, OperationModel, ParamModel, ResponseModel } from '../../generator/src/model.js';

export const petstoreDocument = parse(
  readFileSync(new URL('../../examples/petstore/openapi.yaml', import.meta.url), 'utf8'),
) as Record<string, unknown>;

function param(name: string, location: ParamModel['in'], required = false, extra: Partial<ParamModel> = {}): ParamModel {
  return { name, argName: name, in: location, required, deprecated: false, pointer: '#', ...extra };
}

function response(status: string, mediaTypes: string[] = ['application/json']): ResponseModel {
  return { status, mediaTypes, headers: [], pointer: '#' };
}

export function op(partial: Partial<OperationModel> & Pick<OperationModel, 'operationId' | 'method' | 'path' | 'methodName' | 'typeName'>): OperationModel {
  return {
    hasSpecOperationId: true,
    pointer: '#',
    deprecated: false,
    pathParams: [],
    queryParams: [],
    headerParams: [],
    cookieParams: [],
    paramsLayout: 'flat',
    responses: [response('200')],
    responseKind: 'auto',
    security: [['apiKey'], ['bearerAuth']],
    ...partial,
  };
}

const petId = param('petId', 'path', true, { description: 'The pet\'s id, e.g. `pet_1`.' });
const problem = response('default', ['application/problem+json']);

export function petstoreModel(): ApiModel {
  return {
    title: 'Pet Store',
    version: '1.0.0',
    description: 'A small pet store: pets, their photos and their owners.\nErrors are RFC 9457 problem details.',
    servers: [{ url: 'https://api.petstore.example/v1', description: 'Production' }],
    securitySchemes: [
      { key: 'apiKey', type: 'apiKey', in: 'header', name: 'X-API-Key', option: 'apiKey', description: 'Store API key.', pointer: '#' },
      { key: 'bearerAuth', type: 'bearer', option: 'bearerToken', source: 'http', description: 'Short-lived session token.', pointer: '#' },
    ],
    idempotencyHeader: 'Idempotency-Key',
    resources: [
      {
        propertyName: 'owners',
        accessor: 'owners',
        className: 'Owners',
        fileName: 'owners',
        description: 'People who own pets.',
        operations: [
          op({ operationId: 'listOwners', method: 'GET', path: '/owners', methodName: 'list', typeName: 'ListOwners', summary: 'List owners', responses: [response('200'), problem] }),
          op({
            operationId: 'createOwner', method: 'POST', path: '/owners', methodName: 'create', typeName: 'CreateOwner',
            summary: 'Register an owner', paramsLayout: 'nested',
            requestBody: { required: true, mediaType: 'application/x-www-form-urlencoded', mediaTypes: ['application/x-www-form-urlencoded'], encoding: 'form', isJsonObject: false, propertyNames: ['name', 'email'], pointer: '#' },
            responses: [response('201'), response('422', ['application/problem+json']), problem],
          }),
          op({ operationId: 'getOwner', method: 'GET', path: '/owners/{ownerId}', methodName: 'get', typeName: 'GetOwner', pathParams: [param('ownerId', 'path', true)], responses: [response('200'), problem] }),
        ],
      },
      {
        propertyName: 'pets',
        accessor: 'pets',
        className: 'Pets',
        fileName: 'pets',
        description: 'Pets in the store.',
        operations: [
          op({
            operationId: 'listPets', method: 'GET', path: '/pets', methodName: 'list', typeName: 'ListPets', summary: 'List pets',
            description: 'Pets in creation order, a page at a time.',
            queryParams: [param('limit', 'query'), param('cursor', 'query'), param('species', 'query')],
            responses: [response('200'), problem],
            pagination: {
              spec: { style: 'cursor', param: { name: 'cursor' }, items: '/data', nextCursor: '/next_cursor' },
              source: 'shape',
              responseStatus: '200',
              itemsPath: ['data'],
              description: 'cursor ?cursor <- /next_cursor, items /data',
            },
          } as Partial<OperationModel> as OperationModel),
          op({
            operationId: 'createPet', method: 'POST', path: '/pets', methodName: 'create', typeName: 'CreatePet', summary: 'Create a pet',
            requestBody: { required: true, mediaType: 'application/json', mediaTypes: ['application/json'], encoding: 'json', isJsonObject: true, propertyNames: ['name', 'species', 'tag', 'ownerId'], pointer: '#' },
            responses: [response('201'), response('422', ['application/problem+json']), problem],
          }),
          op({ operationId: 'getPet', method: 'GET', path: '/pets/{petId}', methodName: 'get', typeName: 'GetPet', summary: 'Get a pet', pathParams: [petId], responses: [response('200'), response('404', ['application/problem+json']), problem] }),
          op({
            operationId: 'updatePet', method: 'PATCH', path: '/pets/{petId}', methodName: 'update', typeName: 'UpdatePet', summary: 'Update a pet',
            pathParams: [petId], headerParams: [param('If-Match', 'header')],
            requestBody: { required: true, mediaType: 'application/merge-patch+json', mediaTypes: ['application/merge-patch+json'], encoding: 'json', isJsonObject: true, propertyNames: ['name', 'tag', 'ownerId'], pointer: '#' },
            responses: [response('200'), problem],
          }),
          op({ operationId: 'deletePet', method: 'DELETE', path: '/pets/{petId}', methodName: 'delete', typeName: 'DeletePet', pathParams: [petId], responses: [response('204', []), problem] }),
          op({
            operationId: 'uploadPetPhoto', method: 'PUT', path: '/pets/{petId}/photo', methodName: 'uploadPhoto', typeName: 'UploadPetPhoto',
            pathParams: [petId], paramsLayout: 'nested',
            requestBody: { required: true, mediaType: 'application/octet-stream', mediaTypes: ['application/octet-stream'], encoding: 'binary', isJsonObject: false, propertyNames: [], pointer: '#' },
            responses: [response('200'), problem],
          }),
          op({ operationId: 'getPetPhoto', method: 'GET', path: '/pets/{petId}/photo', methodName: 'getPhoto', typeName: 'GetPetPhoto', pathParams: [petId], responses: [response('200', ['application/octet-stream']), problem], responseKind: 'binary' }),
        ],
      },
    ],
  };
}
