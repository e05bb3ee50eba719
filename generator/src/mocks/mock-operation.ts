/**
 * What the generated `mocks.ts` needs to know about one operation, as plain data: parameter types
 * (to turn request text into typed values), request body decoding, the default response, and
 * pagination. Built from the model plus the bundled document (for schemas and examples, which the
 * model does not carry).
 */
import { getAt, isObject, parsePointer } from '../load/pointer.js';
import type { OperationModel, ParamModel } from '../model.js';
import { defaultResponse, type MockResponse } from './default-response.js';
import { mergeAllOf } from './merge.js';
import { resolveSchema } from './resolve.js';
import { synthesize } from './synthesize.js';

/** Mirrors `MockParam` in templates/mocks-runtime.ts. */
export interface MockParamData {
  name: string;
  type?: 'number' | 'integer' | 'boolean';
  array?: true;
  explode?: boolean;
}

/** Mirrors `MockPagination` in templates/mocks-runtime.ts (and the runtime's `PaginationSpec`). */
export interface MockPaginationData {
  style: 'cursor' | 'offset' | 'page' | 'link';
  param?: { name: string; in?: 'query' | 'body' };
  items: string;
  nextCursor?: string;
  itemCursor?: string;
  hasMore?: string;
  total?: string;
  nextOffset?: string;
  nextUrl?: string;
  firstPage?: number;
}

/** Mirrors `MockOperation` in templates/mocks-runtime.ts, with the response body as a value. */
export interface MockOperationData {
  method: string;
  path: string;
  pathParams?: MockParamData[];
  query?: MockParamData[];
  headers?: MockParamData[];
  body?: 'json' | 'text' | 'form' | 'multipart' | 'binary';
  response: MockResponse;
  pagination?: MockPaginationData;
  /** Mirrors `MockLongRunning` in templates/mocks-runtime.ts. */
  longRunning?: MockLongRunningData;
}

/** Mirrors `MockLongRunning` in templates/mocks-runtime.ts. */
export interface MockLongRunningData {
  statusPath?: string;
  resultPath?: string;
  statusField: string;
  running: string;
  succeeded: string;
  progressField?: string;
  resultLinkField?: string;
}

/** The schema of a parameter, after `$ref` and `allOf`; `undefined` for `content` parameters. */
function paramSchema(param: ParamModel, document: unknown): Record<string, unknown> | undefined {
  let node: unknown;
  try {
    node = getAt(document, parsePointer(param.pointer));
  } catch {
    return undefined;
  }
  const object = resolveSchema(node, document)?.schema;
  if (!isObject(object)) return undefined;
  const schema = resolveSchema(object['schema'], document)?.schema;
  if (!isObject(schema)) return undefined;
  return Array.isArray(schema['allOf']) ? mergeAllOf(schema, document).schema : schema;
}

function scalarType(schema: Record<string, unknown> | undefined, document: unknown): MockParamData['type'] {
  if (schema === undefined) return undefined;
  const raw = schema['type'];
  const type = Array.isArray(raw) ? raw.find((t) => t !== 'null') : raw;
  if (type === 'integer' || type === 'number' || type === 'boolean') return type;
  if (type === undefined) {
    const branch = [schema['oneOf'], schema['anyOf']].find(Array.isArray)?.[0];
    if (branch !== undefined) {
      const resolved = resolveSchema(branch, document)?.schema;
      return isObject(resolved) ? scalarType(resolved, document) : undefined;
    }
  }
  return undefined;
}

/** How a request parameter's text becomes a typed value. */
export function mockParam(param: ParamModel, document: unknown): MockParamData {
  const schema = paramSchema(param, document);
  const data: MockParamData = { name: param.name };
  const isArray = schema !== undefined && (schema['type'] === 'array' || (Array.isArray(schema['type']) && schema['type'].includes('array')));
  const items = isArray ? resolveSchema(schema['items'], document)?.schema : undefined;
  const type = scalarType(isArray ? (isObject(items) ? items : undefined) : schema, document);
  if (type !== undefined) data.type = type;
  if (isArray) data.array = true;
  if (param.explode !== undefined) data.explode = param.explode;
  return data;
}

/** The pagination fields `mocks-runtime` reads, copied from the model (which may carry more). */
function paginationData(op: OperationModel): MockPaginationData | undefined {
  // The model holds `{ spec: PaginationSpec, ... }`; the spec is what the runtime (and the mock) reads.
  const model = (op as { pagination?: unknown }).pagination;
  const raw = isObject(model) && isObject(model['spec']) ? model['spec'] : model;
  if (!isObject(raw) || typeof raw['style'] !== 'string' || typeof raw['items'] !== 'string') return undefined;
  const style = raw['style'];
  if (style !== 'cursor' && style !== 'offset' && style !== 'page' && style !== 'link') return undefined;
  const data: MockPaginationData = { style, items: raw['items'] };
  const param = raw['param'];
  if (isObject(param) && typeof param['name'] === 'string') {
    data.param = param['in'] === 'body' ? { name: param['name'], in: 'body' } : { name: param['name'] };
  }
  for (const key of ['nextCursor', 'itemCursor', 'hasMore', 'total', 'nextOffset', 'nextUrl'] as const) {
    if (typeof raw[key] === 'string') data[key] = raw[key];
  }
  if (typeof raw['firstPage'] === 'number') data.firstPage = raw['firstPage'];
  return data;
}

/** Reads a pointer without `#` (`/data`, `''`). */
function itemsAt(body: unknown, pointer: string): unknown {
  return pointer === '' ? body : getAt(body, parsePointer(pointer));
}

/**
 * Everything `mocks.ts` declares for `op`. A paginated operation whose example page has no items
 * gets a synthesized page instead, so that its default handler has something to page through.
 */
export function mockOperation(op: OperationModel, document: unknown): MockOperationData {
  const data: MockOperationData = { method: op.method, path: op.path, response: defaultResponse(op.responses, document) };
  if (op.pathParams.length > 0) data.pathParams = op.pathParams.map((p) => mockParam(p, document));
  if (op.queryParams.length > 0) data.query = op.queryParams.map((p) => mockParam(p, document));
  if (op.headerParams.length > 0) data.headers = op.headerParams.map((p) => mockParam(p, document));
  if (op.requestBody !== undefined) data.body = op.requestBody.encoding;
  const lro = op.longRunning;
  if (lro !== undefined) {
    data.longRunning = {
      ...(lro.statusPath !== undefined && { statusPath: lro.statusPath }),
      ...(lro.resultPath !== undefined && { resultPath: lro.resultPath }),
      ...lro.mock,
    };
  }
  const pagination = paginationData(op);
  if (pagination !== undefined) {
    data.pagination = pagination;
    const response = data.response;
    const items = itemsAt(response.body, pagination.items);
    if (response.kind === 'json' && (!Array.isArray(items) || items.length === 0)) {
      const synthesized = synthesize(response.schema ?? {}, document);
      const synthesizedItems = itemsAt(synthesized, pagination.items);
      if (Array.isArray(synthesizedItems) && synthesizedItems.length > 0) {
        data.response = { ...response, body: synthesized, source: 'synthesized' };
      }
    }
  }
  return data;
}
