/**
 * Normalizing: the bundled OpenAPI document -> {@link ApiModel}, the only input of the client
 * emitters. Run after `validateSpec`; tolerant of anything validation only warns about.
 * @see ../../../docs/ARCHITECTURE.md
 */
import type { Diagnostics } from '../diagnostics.js';
import type { LoadedSpec } from '../load/index.js';
import { childPointer, isObject } from '../load/pointer.js';
import { isUrl } from '../load/uri.js';
import type { ApiModel, OperationModel, ResourceModel } from '../model.js';
import { pascalCase, uniqueName } from '../naming.js';
import { detectPagination } from '../pagination/index.js';
import { OPERATION_METHODS } from '../openapi-keywords.js';
import { normalizeRequestBody } from './body.js';
import { methodNames } from './method-names.js';
import { normalizeParams, type OperationParams } from './params.js';
import { deref } from './refs.js';
import { resourceKey, resourceNames, resourcePropertyName } from './resources.js';
import { normalizeResponses, responseKind } from './responses.js';
import { normalizeSecuritySchemes, readSecurity } from './security.js';
import { normalizeServers } from './servers.js';

/** Header names that carry idempotency keys, lowercase. */
const IDEMPOTENCY_HEADERS = new Set(['idempotency-key', 'x-idempotency-key']);

/** An operation before its resource-dependent names are known. */
type Draft = Omit<OperationModel, 'methodName'> & { resource: string; rawOperationId?: string; siblingMethods: string[] };

/** Builds the model; warnings (e.g. unsupported security schemes) go to `diags`. */
export function normalize(spec: LoadedSpec, diags: Diagnostics): ApiModel {
  const doc = spec.document;
  const info = isObject(doc.info) ? doc.info : {};
  const globalSecurity = readSecurity(doc.security) ?? [];
  const drafts: Draft[] = [];
  const operationIds = new Set<string>();
  const typeNames = new Set<string>();
  let idempotencyHeader: string | undefined;

  const paths = isObject(doc.paths) ? doc.paths : {};
  for (const [path, rawItem] of Object.entries(paths)) {
    const item = deref(doc, rawItem);
    if (!isObject(item)) continue;
    const itemPointer = childPointer('#/paths', path);
    // Spec order, so generated resources read like the spec.
    const siblingMethods = Object.keys(item).filter((k) => (OPERATION_METHODS as readonly string[]).includes(k) && isObject(item[k]));
    for (const method of siblingMethods) {
      const op = item[method] as Record<string, unknown>;
      const pointer = childPointer(itemPointer, method);
      const specId = typeof op.operationId === 'string' && op.operationId.trim() !== '' ? op.operationId : undefined;
      const synthesized = `${method}_${path.replace(/[{}]/g, '').split('/').filter((s) => s !== '').join('_')}`.replace(/_$/, '');
      const operationId = uniqueName(specId ?? synthesized, operationIds);
      const params: OperationParams = normalizeParams(doc, path, item, itemPointer, op, pointer);
      const requestBody = normalizeRequestBody(doc, op.requestBody, childPointer(pointer, 'requestBody'));
      const responses = normalizeResponses(doc, op.responses, childPointer(pointer, 'responses'));
      const typeStem = pascalCase(operationId) || 'Operation';
      const draft: Draft = {
        operationId,
        hasSpecOperationId: specId !== undefined,
        pointer,
        method: method.toUpperCase() as OperationModel['method'],
        path,
        typeName: uniqueName(/^\p{N}/u.test(typeStem) ? `Op${typeStem}` : typeStem, typeNames),
        deprecated: op.deprecated === true,
        ...params,
        paramsLayout: paramsLayout(params, requestBody),
        responses,
        responseKind: responseKind(responses),
        security: readSecurity(op.security) ?? globalSecurity,
        resource: resourcePropertyName(resourceKey(op.tags, path)),
        siblingMethods,
      };
      if (specId !== undefined) draft.rawOperationId = specId;
      if (requestBody !== undefined) draft.requestBody = requestBody;
      if (typeof op.summary === 'string') draft.summary = op.summary;
      if (typeof op.description === 'string') draft.description = op.description;
      const pagination = detectPagination(op, doc, { method, pointer, pathItem: item, diagnostics: diags, origin: (p) => spec.origin(p) });
      if (pagination !== undefined) draft.pagination = pagination;
      idempotencyHeader ??= params.headerParams.find((p) => IDEMPOTENCY_HEADERS.has(p.name.toLowerCase()))?.name;
      drafts.push(draft);
    }
  }

  const model: ApiModel = {
    title: typeof info.title === 'string' ? info.title : 'API',
    version: typeof info.version === 'string' ? info.version : String(info.version ?? '0.0.0'),
    servers: normalizeServers(doc.servers, isUrl(spec.rootFile) ? spec.rootFile : undefined, (index, url) => {
      const o = spec.origin(`#/servers/${index}/url`);
      diags.warn('SDKGEN_SERVER_RELATIVE', o.file, o.pointer, `The server URL ${JSON.stringify(url)} is relative, and the spec was read from a file, so it names no host; the client requires \`baseUrl\`.`, 'Write an absolute URL (https://api.example.com/v1), or generate from the spec\'s http(s) URL so relative servers resolve against it.');
    }),
    securitySchemes: normalizeSecuritySchemes(spec, diags),
    resources: buildResources(doc, drafts),
  };
  if (typeof info.description === 'string') model.description = info.description;
  if (idempotencyHeader !== undefined) model.idempotencyHeader = idempotencyHeader;
  return model;
}

/**
 * `nested` when the body cannot be spread into params (not a JSON object) or when any two of body
 * fields, query, header and cookie names coincide; else `flat`.
 */
function paramsLayout(params: OperationParams, body: OperationModel['requestBody']): 'flat' | 'nested' {
  if (body !== undefined && !body.isJsonObject) return 'nested';
  const seen = new Set<string>();
  const groups = [body?.propertyNames ?? [], ...[params.queryParams, params.headerParams, params.cookieParams].map((ps) => ps.map((p) => p.name))];
  for (const names of groups) {
    const own = new Set(names);
    for (const n of own) if (seen.has(n)) return 'nested';
    for (const n of own) seen.add(n);
  }
  return 'flat';
}

function buildResources(doc: Record<string, unknown>, drafts: readonly Draft[]): ResourceModel[] {
  const byName = new Map<string, Draft[]>();
  for (const d of drafts) {
    const list = byName.get(d.resource) ?? [];
    list.push(d);
    byName.set(d.resource, list);
  }
  const propertyNames = [...byName.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const names = resourceNames(propertyNames);
  const tagDescriptions = new Map<string, string>();
  if (Array.isArray(doc.tags)) {
    for (const t of doc.tags) {
      if (isObject(t) && typeof t.name === 'string' && typeof t.description === 'string') tagDescriptions.set(resourcePropertyName(t.name), t.description);
    }
  }
  return propertyNames.map((propertyName, i) => {
    const ops = byName.get(propertyName) ?? [];
    const methods = methodNames(
      ops.map((o) => ({ method: o.method.toLowerCase(), path: o.path, siblingMethods: o.siblingMethods, ...(o.rawOperationId !== undefined ? { operationId: o.rawOperationId } : {}) })),
      propertyName,
    );
    const resource: ResourceModel = {
      propertyName,
      className: names[i]?.className ?? 'Resource',
      fileName: names[i]?.fileName ?? propertyName,
      operations: ops.map(({ resource: _r, rawOperationId: _id, siblingMethods: _s, ...op }, j) => ({ ...op, methodName: methods[j] ?? op.operationId })),
    };
    const description = tagDescriptions.get(propertyName);
    if (description !== undefined) resource.description = description;
    return resource;
  });
}
