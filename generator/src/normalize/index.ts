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
import { additionalOperations, OPERATION_METHODS } from '../openapi-keywords.js';
import { normalizeRequestBody } from './body.js';
import { methodNames } from './method-names.js';
import { normalizeParams, type OperationParams } from './params.js';
import { deref } from './refs.js';
import { resourceKey, resourceNames, resourcePropertyName } from './resources.js';
import { acceptHeader, normalizeResponses, responseKind } from './responses.js';
import { detectStream, isStreamMediaType } from './stream.js';
import { normalizeSecuritySchemes, readSecurity } from './security.js';
import { normalizeServers } from './servers.js';
import { detectLongRunning } from './long-running.js';
import { normalizeWebhooks } from './webhooks.js';

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
    // OpenAPI 3.2: `query` and `additionalOperations` (methods sent as written) after the fixed ones.
    const operations: [string, Record<string, unknown>, string][] = [
      ...siblingMethods.map((m): [string, Record<string, unknown>, string] => [m.toUpperCase(), item[m] as Record<string, unknown>, childPointer(itemPointer, m)]),
      ...additionalOperations(item).map(([m, op]): [string, Record<string, unknown>, string] => [
        m,
        op,
        m === 'QUERY' && isObject(item.query) ? childPointer(itemPointer, 'query') : childPointer(itemPointer, 'additionalOperations', m),
      ]),
    ];
    for (const [httpMethod, op, pointer] of operations) {
      const method = httpMethod.toLowerCase();
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
        method: httpMethod,
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
      const stream = detectStream(doc, op.responses, responses, requestBody, op.requestBody);
      if (stream !== undefined) {
        draft.stream = stream;
        // Without another answer the result is the stream; with one, that answer decides the kind.
        const others = responses.map((r) => ({ ...r, mediaTypes: r.mediaTypes.filter((mt) => !isStreamMediaType(mt)) }));
        draft.responseKind = stream.select === undefined ? 'stream' : responseKind(others);
      }
      const accept = acceptHeader(responses, draft.responseKind);
      if (accept !== undefined) draft.accept = accept;
      if (typeof op.summary === 'string') draft.summary = op.summary;
      if (typeof op.description === 'string') draft.description = op.description;
      const pagination = detectPagination(op, doc, { method, pointer, pathItem: item, diagnostics: diags, origin: (p) => spec.origin(p) });
      if (pagination !== undefined) draft.pagination = pagination;
      idempotencyHeader ??= params.headerParams.find((p) => IDEMPOTENCY_HEADERS.has(p.name.toLowerCase()))?.name;
      drafts.push(draft);
    }
  }

  const longRunning = detectLongRunning(doc, drafts, diags, (p) => spec.origin(p));
  for (const draft of drafts) {
    const lro = longRunning.get(draft.pointer);
    if (lro !== undefined) draft.longRunning = lro;
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
  const webhooks = normalizeWebhooks(doc);
  if (webhooks.length > 0) model.webhooks = webhooks;
  return model;
}

/**
 * `nested` when the body cannot be spread into params (not a JSON object) or when any two of body
 * fields, query, header and cookie names coincide; else `flat`.
 */
function paramsLayout(params: OperationParams, body: OperationModel['requestBody']): 'flat' | 'nested' {
  if (body !== undefined && !body.isJsonObject) return 'nested';
  const seen = new Set<string>();
  const groups = [body?.propertyNames ?? [], ...[params.queryParams, params.headerParams, params.cookieParams, params.querystringParam ? [params.querystringParam] : []].map((ps) => ps.map((p) => p.name))];
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
  // OpenAPI 3.2 nested tags: a parent without operations of its own still holds its children.
  const parents = tagParents(doc);
  for (const name of [...byName.keys()]) {
    for (let p = parents.get(name); p !== undefined && !byName.has(p); p = parents.get(p)) byName.set(p, []);
  }
  const propertyNames = [...byName.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const names = resourceNames(propertyNames);
  const tagDescriptions = new Map<string, string>();
  if (Array.isArray(doc.tags)) {
    for (const t of doc.tags) {
      if (isObject(t) && typeof t.name === 'string' && typeof t.description === 'string') tagDescriptions.set(resourcePropertyName(t.name), t.description);
    }
  }
  const resources = propertyNames.map((propertyName, i) => {
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
      accessor: propertyName,
    };
    const description = tagDescriptions.get(propertyName);
    if (description !== undefined) resource.description = description;
    return resource;
  });
  nestResources(resources, parents);
  return resources;
}

/** Tag (as a resource property name) -> its parent tag's, from OpenAPI 3.2 `tags[].parent`. */
function tagParents(doc: Record<string, unknown>): Map<string, string> {
  const parents = new Map<string, string>();
  if (!Array.isArray(doc.tags)) return parents;
  const declared = new Set(doc.tags.flatMap((t) => (isObject(t) && typeof t.name === 'string' ? [resourcePropertyName(t.name)] : [])));
  for (const t of doc.tags) {
    if (!isObject(t) || typeof t.name !== 'string' || typeof t.parent !== 'string') continue;
    const child = resourcePropertyName(t.name);
    const parent = resourcePropertyName(t.parent);
    // A parent that is not a declared tag, or one that leads back to the child, nests nothing.
    if (child !== parent && declared.has(parent)) parents.set(child, parent);
  }
  for (const child of [...parents.keys()]) {
    const seen = new Set([child]);
    for (let p = parents.get(child); p !== undefined; p = parents.get(p)) {
      if (seen.has(p)) {
        parents.delete(child);
        break;
      }
      seen.add(p);
    }
  }
  return parents;
}

/** Sets `parent`, `children` and `accessor`; a child's property avoids its parent's method names. */
function nestResources(resources: ResourceModel[], parents: ReadonlyMap<string, string>): void {
  const byName = new Map(resources.map((r) => [r.propertyName, r]));
  for (const r of resources) {
    const parent = byName.get(parents.get(r.propertyName) ?? '');
    if (parent === undefined) continue;
    r.parent = parent.propertyName;
    const taken = new Set([...parent.operations.map((o) => o.methodName), '_client', ...(parent.children ?? []).map((c) => c.propertyName)]);
    const propertyName = taken.has(r.propertyName) ? uniqueName(`${r.propertyName}Api`, taken) : r.propertyName;
    (parent.children ??= []).push({ propertyName, className: r.className, fileName: r.fileName, ...(r.description !== undefined ? { description: r.description } : {}) });
  }
  const accessor = (r: ResourceModel, depth: number): string => {
    const parent = r.parent === undefined || depth > resources.length ? undefined : byName.get(r.parent);
    if (parent === undefined) return r.propertyName;
    const own = parent.children?.find((c) => c.className === r.className)?.propertyName ?? r.propertyName;
    return `${accessor(parent, depth + 1)}.${own}`;
  };
  for (const r of resources) r.accessor = accessor(r, 0);
}
