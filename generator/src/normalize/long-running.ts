/**
 * Long-running operations (docs/operations.md): which operations start one, what their
 * status and result look like, and how to cancel them. An operation is long-running when its spec
 * declares a `202` response with a `Location` or `Operation-Location` header, or
 * `x-ms-long-running-operation: true`.
 *
 * - Status type: the 202 body, and the success body of the status resource's GET, found by the
 *   path template the `Location` points at (its example), else by the 202 body's schema, else by a
 *   status-like path (`/operations/{id}`, `/jobs/{id}`, `/tasks/{id}`).
 * - Result type: the operation the 202 response's OpenAPI `links` name (`operationId` or
 *   `operationRef`), else the GET one templated segment below the operation's path (`POST /reports`
 *   -> `GET /reports/{reportId}`); `unknown`, with a warning, when neither exists.
 * @see ../../../docs/operations.md
 */
import type { Diagnostics } from '../diagnostics.js';
import { getAt, isObject, parsePointer } from '../load/pointer.js';
import type { ResponseModel } from '../model.js';
import { isJsonMediaType } from './body.js';
import { deref } from './refs.js';

/** One response body of one operation: a member of a status or result type union. */
export interface BodyRef {
  path: string;
  /** Lower case, as openapi-typescript keys it. */
  method: string;
  status: string;
  mediaType: string;
}

/** What the mocks need to script a status resource that completes. */
export interface LongRunningMockModel {
  /** `status` or `state`. */
  statusField: string;
  /** A status word that means running, from the schema's enum when it has one. */
  running: string;
  /** A status word that means success, from the schema's enum when it has one. */
  succeeded: string;
  progressField?: string;
  resultLinkField?: string;
}

export interface LongRunningModel {
  /** Why the operation is long-running, for the summary: `202 + Location`. */
  reason: string;
  /** Bodies of the status type (202 body first); empty: `unknown`. */
  status: BodyRef[];
  /** Where the status type comes from, for the summary: `202 body + GET /operations/{operationId}`. */
  statusFrom: string;
  /** Path template of the status resource, when found. */
  statusPath?: string;
  /** Bodies of the result type; empty: `unknown`. */
  result: BodyRef[];
  /** Where the result type comes from, for the summary: `links.report -> getReport` or `GET /reports/{reportId}`. */
  resultFrom?: string;
  /** Path template of the result resource, when found. */
  resultPath?: string;
  /** The spec's cancel operation when it is not `DELETE` on the status resource. */
  cancel?: { method: 'POST'; suffix: string };
  mock: LongRunningMockModel;
}

/** The view of an operation detection works on. */
export interface LroCandidate {
  operationId: string;
  rawOperationId?: string | undefined;
  method: string;
  path: string;
  pointer: string;
  responses: ResponseModel[];
}

const SUCCESS = new Set(['succeeded', 'completed', 'done']);
const TERMINAL = new Set([...SUCCESS, 'failed', 'canceled', 'cancelled', 'error']);
const STATUS_SEGMENTS = new Set(['operations', 'operation', 'jobs', 'job', 'tasks', 'task', 'status', 'operationstatuses', 'operationresults']);

function isSuccess(status: string): boolean {
  return /^2(\d\d|XX)$/i.test(status);
}

function jsonBodies(op: LroCandidate, filter: (status: string) => boolean): BodyRef[] {
  const out: BodyRef[] = [];
  for (const r of op.responses) {
    if (!filter(r.status)) continue;
    for (const mt of r.mediaTypes) if (isJsonMediaType(mt) && mt !== '*/*') out.push({ path: op.path, method: op.method.toLowerCase(), status: r.status, mediaType: mt });
  }
  return out;
}

/** `/operations/{id}` -> a regexp matching `/operations/op_1`. */
function templateRegExp(template: string): RegExp {
  const pattern = template.replace(/\{[^}]*\}|[^{]+/g, (part) => (part.startsWith('{') ? '[^/]+' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
  return new RegExp(`^${pattern}/?$`);
}

function exampleOf(node: unknown, doc: Record<string, unknown>): unknown {
  const h = deref(doc, node);
  if (!isObject(h)) return undefined;
  if (h.example !== undefined) return h.example;
  const schema = deref(doc, h.schema);
  if (isObject(schema) && schema.example !== undefined) return schema.example;
  if (isObject(h.examples)) {
    for (const e of Object.values(h.examples)) {
      const ex = deref(doc, e);
      if (isObject(ex) && ex.value !== undefined) return ex.value;
    }
  }
  return undefined;
}

function schemaRef(doc: Record<string, unknown>, response: unknown): string | undefined {
  const r = deref(doc, response);
  if (!isObject(r) || !isObject(r.content)) return undefined;
  for (const [mt, media] of Object.entries(r.content)) {
    if (!isJsonMediaType(mt) || !isObject(media)) continue;
    const schema = media.schema;
    if (isObject(schema) && typeof schema.$ref === 'string') return schema.$ref;
  }
  return undefined;
}

/** Object properties of a schema, through `$ref`s and `allOf`. */
function properties(doc: Record<string, unknown>, schema: unknown, depth = 0): Record<string, unknown> {
  const s = deref(doc, schema);
  if (!isObject(s) || depth > 8) return {};
  let out: Record<string, unknown> = {};
  if (Array.isArray(s.allOf)) for (const member of s.allOf) out = { ...out, ...properties(doc, member, depth + 1) };
  if (isObject(s.properties)) out = { ...out, ...s.properties };
  return out;
}

function jsonSchemaOf(doc: Record<string, unknown>, response: unknown): unknown {
  const r = deref(doc, response);
  if (!isObject(r) || !isObject(r.content)) return undefined;
  for (const [mt, media] of Object.entries(r.content)) if (isJsonMediaType(mt) && isObject(media)) return media.schema;
  return undefined;
}

function mockModel(doc: Record<string, unknown>, statusSchema: unknown): LongRunningMockModel {
  const props = properties(doc, statusSchema);
  const statusField = 'status' in props || !('state' in props) ? 'status' : 'state';
  const field = deref(doc, props[statusField]);
  const values = isObject(field) && Array.isArray(field.enum) ? field.enum.filter((v): v is string => typeof v === 'string') : [];
  const model: LongRunningMockModel = {
    statusField,
    running: values.find((v) => !TERMINAL.has(v.toLowerCase())) ?? 'running',
    succeeded: values.find((v) => SUCCESS.has(v.toLowerCase())) ?? 'succeeded',
  };
  const progress = ['progress', 'percentComplete', 'percent_complete', 'percentage'].find((p) => p in props);
  if (progress !== undefined) model.progressField = progress;
  const link = ['result_url', 'resultUrl'].find((p) => p in props);
  if (link !== undefined) model.resultLinkField = link;
  return model;
}

/**
 * Marks long-running operations among `ops` (all operations of the document). Returns one model per
 * long-running operation, by operation pointer; warnings go to `diags`.
 */
export function detectLongRunning(
  doc: Record<string, unknown>,
  ops: readonly LroCandidate[],
  diags: Diagnostics,
  origin: (pointer: string) => { file: string; pointer: string },
): Map<string, LongRunningModel> {
  const found = new Map<string, LongRunningModel>();
  const gets = ops.filter((o) => o.method.toUpperCase() === 'GET');
  const servers = Array.isArray(doc.servers) ? doc.servers : [];
  const first = isObject(servers[0]) && typeof servers[0].url === 'string' ? servers[0].url : '';
  const basePath = (() => {
    try {
      return new URL(first, 'http://base.invalid').pathname.replace(/\/+$/, '');
    } catch {
      return '';
    }
  })();

  for (const op of ops) {
    const raw = deref(doc, getAt(doc, parsePointer(op.pointer)));
    const accepted = op.responses.find((r) => r.status === '202');
    const header = accepted?.headers.find((h) => h === 'operation-location') ?? accepted?.headers.find((h) => h === 'location');
    const flagged = isObject(raw) && raw['x-ms-long-running-operation'] === true;
    if (header === undefined && !flagged) continue;
    const reason = header !== undefined ? `202 + ${header === 'location' ? 'Location' : 'Operation-Location'}` : 'x-ms-long-running-operation';
    const acceptedRaw = accepted === undefined ? undefined : deref(doc, getAt(doc, parsePointer(accepted.pointer)));

    // The status resource's GET.
    let statusOp: LroCandidate | undefined;
    if (header !== undefined && isObject(acceptedRaw) && isObject(acceptedRaw.headers)) {
      const entry = Object.entries(acceptedRaw.headers).find(([name]) => name.toLowerCase() === header);
      const example = exampleOf(entry?.[1], doc);
      if (typeof example === 'string') {
        let pathname: string | undefined;
        try {
          pathname = new URL(example, 'http://base.invalid').pathname;
        } catch {
          pathname = undefined;
        }
        if (pathname !== undefined) {
          const relative = basePath !== '' && pathname.startsWith(`${basePath}/`) ? pathname.slice(basePath.length) : pathname;
          statusOp = gets.find((g) => templateRegExp(g.path).test(relative) || templateRegExp(g.path).test(pathname!));
        }
      }
    }
    const acceptedSchema = accepted === undefined ? undefined : schemaRef(doc, getAt(doc, parsePointer(accepted.pointer)));
    if (statusOp === undefined && acceptedSchema !== undefined) {
      statusOp = gets.find((g) => g.path !== op.path && /\}$/.test(g.path) && g.responses.some((r) => isSuccess(r.status) && schemaRef(doc, getAt(doc, parsePointer(r.pointer))) === acceptedSchema) && !resultLike(op, g));
    }
    // A status-like path is a guess worth making only for a 202 that names a status URL.
    if (header !== undefined) statusOp ??= gets.find((g) => {
      const segments = g.path.split('/').filter((s) => s !== '');
      return segments.length >= 2 && /^\{.*\}$/.test(segments.at(-1)!) && STATUS_SEGMENTS.has(segments.at(-2)!.toLowerCase());
    });

    // The result: the 202's links, else the GET one templated segment below.
    let resultOp: LroCandidate | undefined;
    let resultFrom: string | undefined;
    if (isObject(acceptedRaw) && isObject(acceptedRaw.links)) {
      for (const [name, rawLink] of Object.entries(acceptedRaw.links)) {
        const link = deref(doc, rawLink);
        if (!isObject(link)) continue;
        let target: LroCandidate | undefined;
        if (typeof link.operationId === 'string') target = ops.find((o) => (o.rawOperationId ?? o.operationId) === link.operationId);
        else if (typeof link.operationRef === 'string' && link.operationRef.startsWith('#/paths/')) {
          const tokens = parsePointer(link.operationRef);
          target = ops.find((o) => o.path === tokens[1] && o.method.toLowerCase() === tokens[2]);
        }
        if (target !== undefined) {
          resultOp = target;
          resultFrom = `links.${name} -> ${target.rawOperationId ?? `${target.method.toUpperCase()} ${target.path}`}`;
          break;
        }
      }
    }
    if (resultOp === undefined) {
      resultOp = gets.find((g) => resultLike(op, g));
      if (resultOp !== undefined) resultFrom = `GET ${resultOp.path}`;
    }

    // The initial status: the 202 body, or (x-ms-long-running-operation without a 202) the success body.
    const initial = accepted !== undefined ? jsonBodies(op, (s) => s === '202') : jsonBodies(op, isSuccess);
    const status = [...initial, ...(statusOp === undefined ? [] : jsonBodies(statusOp, isSuccess))];
    const sources = [...(initial.length > 0 ? [accepted !== undefined ? '202 body' : 'response body'] : []), ...(statusOp === undefined ? [] : [`GET ${statusOp.path}`])];
    const result = resultOp === undefined ? [] : jsonBodies(resultOp, isSuccess);
    const model: LongRunningModel = {
      reason,
      status,
      statusFrom: sources.length === 0 ? 'unknown' : sources.join(' + '),
      result,
      mock: mockModel(doc, statusOp === undefined ? jsonSchemaOf(doc, acceptedRaw) : jsonSchemaOf(doc, successResponse(doc, statusOp))),
    };
    if (statusOp !== undefined) {
      model.statusPath = statusOp.path;
      const item = deref(doc, (doc.paths as Record<string, unknown>)[statusOp.path]);
      const hasDelete = isObject(item) && isObject(item.delete);
      if (!hasDelete) {
        const cancel = ops.find((o) => o.method.toUpperCase() === 'POST' && (o.path === `${statusOp!.path}:cancel` || o.path === `${statusOp!.path}/cancel`));
        if (cancel !== undefined) model.cancel = { method: 'POST', suffix: cancel.path.slice(statusOp.path.length) };
      }
    }
    if (resultOp !== undefined && resultFrom !== undefined) {
      model.resultFrom = resultFrom;
      model.resultPath = resultOp.path;
    } else {
      const where = origin(accepted?.pointer ?? op.pointer);
      diags.warn(
        'SDKGEN_LRO_RESULT_UNTYPED',
        where.file,
        where.pointer,
        `Long-running operation ${op.operationId} (${reason}) has no typed result: its 202 response has no \`links\` to an operation, and there is no GET ${op.path}/{id}; op.result() is typed \`unknown\`.`,
        `Add a \`links\` entry with the \`operationId\` of the GET that reads the result to the 202 response, or a GET ${op.path}/{id} operation.`,
      );
    }
    found.set(op.pointer, model);
  }
  return found;
}

/** `GET /reports/{reportId}` for `POST /reports`: exactly one templated segment below. */
function resultLike(op: LroCandidate, get: LroCandidate): boolean {
  const prefix = `${op.path.replace(/\/+$/, '')}/`;
  return get.path.startsWith(prefix) && /^\{[^}/]+\}$/.test(get.path.slice(prefix.length));
}

function successResponse(doc: Record<string, unknown>, op: LroCandidate): unknown {
  const r = op.responses.find((x) => isSuccess(x.status));
  return r === undefined ? undefined : getAt(doc, parsePointer(r.pointer));
}

