/**
 * What openapi-typescript 7 cannot type, rewritten in the copy of the document it is handed (the
 * loaded document and the model stay as written):
 * - a parameter declared with `content` (OpenAPI 3.0+) gets the media type's schema as `schema`
 *   (openapi-typescript types a schema-less parameter as `string`);
 * - an OpenAPI 3.2 `in: querystring` parameter becomes a query parameter of the same name, which
 *   is where the SDK's params type reads it from;
 * - OpenAPI 3.2 operations outside the fixed method list (`query`, `additionalOperations`) are typed
 *   under a path key of their own, `"QUERY /search"` (a key no real path can take: paths start
 *   with `/`), as the `get` of that entry. `operationTypeKey` names that entry for the emitters.
 * @see https://spec.openapis.org/oas/v3.2.0#path-item-object
 */
import { isObject } from '../load/pointer.js';
import { additionalOperations, OPERATION_METHODS } from '../openapi-keywords.js';
import type { OperationModel } from '../model.js';

const STANDARD: ReadonlySet<string> = new Set(OPERATION_METHODS);

/** `paths[path][method]` for the fixed methods; the bridge entry for the others. */
export function operationTypeKey(op: Pick<OperationModel, 'method' | 'path'>): { path: string; method: string } {
  const method = op.method.toLowerCase();
  return STANDARD.has(method) && op.method === op.method.toUpperCase() ? { path: op.path, method } : { path: `${op.method} ${op.path}`, method: 'get' };
}

/** Rewrites `doc` (a copy) in place as described above. */
export function bridgeForTypes(doc: Record<string, unknown>): void {
  const components = isObject(doc.components) ? doc.components : undefined;
  if (components !== undefined && isObject(components.parameters)) {
    for (const [name, p] of Object.entries(components.parameters)) components.parameters[name] = typedParameter(p);
  }
  const paths = isObject(doc.paths) ? doc.paths : undefined;
  if (paths === undefined) return;
  for (const [path, item] of Object.entries(paths)) {
    if (!isObject(item)) continue;
    fixParameters(item);
    for (const method of OPERATION_METHODS) if (isObject(item[method])) fixParameters(item[method] as Record<string, unknown>);
    for (const [method, op] of additionalOperations(item)) {
      fixParameters(op);
      const key = operationTypeKey({ method, path });
      paths[key.path] = { ...(item.parameters !== undefined ? { parameters: item.parameters } : {}), get: op };
    }
    delete item.query;
    delete item.additionalOperations;
  }
}

function fixParameters(holder: Record<string, unknown>): void {
  if (Array.isArray(holder.parameters)) holder.parameters = holder.parameters.map(typedParameter);
}

function typedParameter(p: unknown): unknown {
  if (!isObject(p) || typeof p.$ref === 'string') return p;
  const media = isObject(p.content) ? Object.values(p.content)[0] : undefined;
  if (p.schema !== undefined || !isObject(media)) return p.in === 'querystring' ? { ...p, in: 'query' } : p;
  const { content: _content, ...rest } = p;
  return { ...rest, in: p.in === 'querystring' ? 'query' : p.in, schema: media.schema ?? {} };
}
