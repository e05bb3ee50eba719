/**
 * TypeScript type expressions for one operation, all indexed into openapi-typescript's `paths`
 * (`paths['/pets/{petId}']['get']`), so they work with or without an operationId and never
 * duplicate a schema.
 */
import type { OperationModel, ParamModel, ResponseModel } from '../model.js';
import type { PaginationModel } from '../pagination/index.js';
import { isStreamMediaType } from '../normalize/stream.js';
import { identifier, stringLiteral } from './escape.js';
import { operationTypeKey } from './types-bridge.js';

/** Type names and expressions the resource emitter declares for one operation. */
export interface OperationTypes {
  /** Local alias of the operation's openapi-typescript type: `ListPetsOp`. */
  opAlias: string;
  /** `paths['/pets']['get']`. */
  opType: string;
  /** Exported params type name, absent when the operation takes no params object. */
  paramsName?: string;
  paramsType?: string;
  /** Whether the params object may be omitted (nothing in it is required). */
  paramsOptional: boolean;
  responseName: string;
  responseType: string;
  /** Type of each path parameter, in template order. */
  pathArgTypes: string[];
  /** Paginated operations: the exported item type name and expression. */
  itemName?: string;
  itemType?: string;
  /**
   * Operations whose error responses declare JSON content: the problem type (`GetPetProblem`) and
   * the error type (`GetPetApiError = ApiError<GetPetProblem>`). The `ApiError` suffix keeps these
   * apart from the runtime's error classes (`NotFoundError`, ...) that index.ts re-exports.
   */
  problemName?: string;
  problemType?: string;
  errorName?: string;
  /** The error type: one `StatusError<status, problem>` per error response (see {@link errorType}). */
  errorType?: string;
  /** Runtime status types `errorType` names (`ErrorStatus`, `ClientErrorStatus`, ...). */
  errorStatusTypes?: string[];
  /** Streaming operations: the exported item type (`CreateChatCompletionStreamItem`) and expression. */
  streamItemName?: string;
  streamItemType?: string;
  /**
   * Set when the call chooses between the stream and another answer (`{ stream: true }`): the
   * method gets overloads; `responseType` is then the other answer.
   */
  streamSelect?: 'field' | 'param';
}

/**
 * One item of a page: `NonNullable<NonNullable<Body>['data']>[number]`, each step stripping
 * `null | undefined` (list envelopes often mark the array optional or nullable); `unknown` when the
 * schema does not declare the item array.
 */
export function itemType(body: string, itemsPath: readonly string[] | undefined): string {
  if (itemsPath === undefined) return 'unknown';
  let expr = body;
  for (const name of itemsPath) expr = `NonNullable<${expr}>[${stringLiteral(name)}]`;
  return `NonNullable<${expr}>[number]`;
}

/** The operation's pagination, when the normalizer found any. */
export function paginationOf(op: OperationModel): PaginationModel | undefined {
  return (op as OperationModel & { pagination?: PaginationModel }).pagination;
}

/** `200` for numeric status keys (openapi-typescript emits them as numbers), a quoted key otherwise. */
export function statusKey(status: string): string {
  return /^[1-5]\d\d$/.test(status) ? status : stringLiteral(status);
}

/** Whether a response status is a success (2xx or the `2XX` range). */
export function isSuccessStatus(status: string): boolean {
  return /^2(\d\d|XX)$/i.test(status);
}

/** `application/json`, `application/merge-patch+json`, `application/vnd.api+json; charset=utf-8`. */
export function isJsonMediaType(mediaType: string): boolean {
  const base = mediaType.split(';')[0]!.trim().toLowerCase();
  return base === 'application/json' || base.endsWith('+json') || base === '*/*';
}

function isTextMediaType(mediaType: string): boolean {
  return mediaType.toLowerCase().startsWith('text/');
}

/**
 * The type a caller gets for one success response: the JSON schema type, `string` for text,
 * `Blob` for anything else, `undefined` for no content.
 */
function responseTypes(opAlias: string, response: ResponseModel, stream?: StreamResult): string[] {
  if (response.mediaTypes.length === 0) return ['undefined'];
  const content = `${opAlias}['responses'][${statusKey(response.status)}]['content']`;
  const types = response.mediaTypes.flatMap((mt) => {
    if (isStreamMediaType(mt)) {
      if (stream === undefined) return [];
      return stream.select === undefined ? [`Stream<${stream.itemName}>`] : [];
    }
    if (isJsonMediaType(mt)) return `${content}[${stringLiteral(mt)}]`;
    if (isTextMediaType(mt)) return 'string';
    return 'Blob';
  });
  return types.length === 0 && stream?.select !== undefined ? [] : types;
}

/** How `responseTypes` treats stream media types. */
interface StreamResult {
  readonly itemName: string;
  /** Set when the call chooses: the stream is left out of the result (it gets its own overload). */
  readonly select?: 'field' | 'param' | undefined;
}

/**
 * Union of the JSON bodies of the error responses (4xx, 5xx, `4XX`, `5XX`, `default`), narrowed to
 * objects (`ApiError<TProblem extends object>`); `undefined` when no error response has JSON content.
 * @see https://www.rfc-editor.org/rfc/rfc9457
 */
export function problemType(op: OperationModel, opAlias: string): string | undefined {
  const bodies: string[] = [];
  for (const response of op.responses) {
    if (!/^([45](\d\d|XX)|default)$/i.test(response.status)) continue;
    const content = `${opAlias}['responses'][${statusKey(response.status)}]['content']`;
    for (const mt of response.mediaTypes) if (isJsonMediaType(mt) && mt !== '*/*') bodies.push(`${content}[${stringLiteral(mt)}]`);
  }
  if (bodies.length === 0) return undefined;
  return `Extract<${[...new Set(bodies)].join(' | ')}, object>`;
}

/**
 * The error type of an operation, discriminated by status: one `StatusError<S, Problem>` per error
 * response, `S` a literal for a code, the rest of the 4xx/5xx range for `4XX`/`5XX`, every other
 * error status for `default`; without a `default`, the undeclared statuses with `ProblemDetails`
 * (servers send them anyway). So `if (error.status === 404)` narrows `error.problem` to the 404 schema.
 */
export function errorType(op: OperationModel, opAlias: string): { type: string; statusTypes: string[] } {
  const errors = op.responses.filter((r) => /^([45](\d\d|XX)|default)$/i.test(r.status));
  const codes = errors.filter((r) => /^\d+$/.test(r.status)).map((r) => r.status);
  const has = (range: string): boolean => errors.some((r) => r.status.toUpperCase() === range);
  const used = new Set<string>();
  const rest = (all: string, excluded: string[]): string => {
    used.add(all);
    return excluded.length === 0 ? all : `Exclude<${all}, ${excluded.join(' | ')}>`;
  };
  const members: string[] = [];
  const problemOf = (response: ResponseModel): string => {
    const content = `${opAlias}['responses'][${statusKey(response.status)}]['content']`;
    const bodies = response.mediaTypes.filter((mt) => isJsonMediaType(mt) && mt !== '*/*').map((mt) => `${content}[${stringLiteral(mt)}]`);
    return bodies.length === 0 ? 'never' : [...new Set(bodies)].join(' | ');
  };
  for (const response of errors) {
    const status = response.status.toUpperCase();
    let statusType: string;
    if (/^\d+$/.test(status)) statusType = status;
    else if (status === '4XX') statusType = rest('ClientErrorStatus', codes.filter((c) => c.startsWith('4')));
    else if (status === '5XX') statusType = rest('ServerErrorStatus', codes.filter((c) => c.startsWith('5')));
    else statusType = rest('ErrorStatus', [...codes, ...(has('4XX') ? ['ClientErrorStatus'] : []), ...(has('5XX') ? ['ServerErrorStatus'] : [])]);
    members.push(`StatusError<${statusType}, ${problemOf(response)}>`);
  }
  if (!has('DEFAULT')) {
    const declared = [...codes, ...(has('4XX') ? ['ClientErrorStatus'] : []), ...(has('5XX') ? ['ServerErrorStatus'] : [])];
    members.push(`StatusError<${rest('ErrorStatus', declared)}, ProblemDetails>`);
    used.add('ProblemDetails');
  }
  return { type: members.join(' | '), statusTypes: [...used].sort() };
}

/** Union of the success response types; `void` when no success response has content. */
export function responseType(op: OperationModel, opAlias: string, stream?: StreamResult): string {
  const success = op.responses.filter((r) => isSuccessStatus(r.status));
  if (success.length === 0) return 'unknown';
  const types = [...new Set(success.flatMap((r) => responseTypes(opAlias, r, stream)))];
  if (types.length === 0) return 'unknown';
  if (types.every((t) => t === 'undefined')) return 'void';
  return types.join(' | ');
}

function paramsPart(opAlias: string, location: 'query' | 'header' | 'cookie', params: ParamModel[]): string | undefined {
  if (params.length === 0) return undefined;
  const all = `NonNullable<${opAlias}['parameters'][${stringLiteral(location)}]>`;
  // The normalizer may drop headers the runtime owns (Idempotency-Key, Content-Type, ...): pick only
  // the ones the params object really carries.
  if (location === 'header') return `Pick<${all}, ${params.map((p) => stringLiteral(p.name)).join(' | ')}>`;
  return all;
}

/** Binary bodies accept what the runtime can send as is, streams included (request/upload.ts). */
const BINARY_BODY = 'Blob | Uint8Array | ArrayBuffer | string | ReadableStream<Uint8Array> | AsyncIterable<Uint8Array>';

function bodyType(op: OperationModel, opAlias: string): string | undefined {
  const body = op.requestBody;
  if (body === undefined) return undefined;
  if (body.encoding === 'binary') return BINARY_BODY;
  return `NonNullable<${opAlias}['requestBody']>['content'][${stringLiteral(body.mediaType)}]`;
}

/** Joins intersection members, parenthesizing unions so `A | B & C` cannot happen. */
function intersect(parts: string[]): string {
  return parts.map((p) => (parts.length > 1 && p.includes(' | ') && !p.startsWith('{') ? `(${p})` : p)).join(' & ');
}

/** The params object type of an operation (see docs/ARCHITECTURE.md "Params layout"). */
function paramsType(op: OperationModel, opAlias: string): { type: string; optional: boolean } | undefined {
  // A 3.2 querystring parameter is typed as a query parameter (types-bridge.ts).
  const queryParams = op.querystringParam === undefined ? op.queryParams : [...op.queryParams, op.querystringParam];
  const query = paramsPart(opAlias, 'query', queryParams);
  const header = paramsPart(opAlias, 'header', op.headerParams);
  const cookie = paramsPart(opAlias, 'cookie', op.cookieParams);
  const body = bodyType(op, opAlias);
  const anyRequired = (params: ParamModel[]): boolean => params.some((p) => p.required);
  const flatRequired = anyRequired(op.headerParams) || anyRequired(op.cookieParams);
  const bodyRequired = op.requestBody?.required === true;
  const parts: string[] = [];
  let optional: boolean;
  if (op.paramsLayout === 'nested') {
    const members: string[] = [];
    if (body !== undefined) members.push(`body${bodyRequired ? '' : '?'}: ${body}`);
    const queryRequired = anyRequired(queryParams);
    if (query !== undefined) members.push(`query${queryRequired ? '' : '?'}: ${query}`);
    if (members.length > 0) parts.push(`{ ${members.join('; ')} }`);
    optional = !bodyRequired && !queryRequired && !flatRequired;
  } else {
    if (query !== undefined) parts.push(query);
    // A JSON-object body's fields sit next to the query params. An optional body may be left out
    // entirely, so its fields are optional too.
    // A nullable body (`nullable: true`, GitHub has several) cannot be spread: null is "no fields".
    const fields = body !== undefined && op.requestBody?.nullable === true ? `NonNullable<${body}>` : body;
    if (fields !== undefined) parts.push(bodyRequired ? fields : `Partial<${fields}>`);
    optional = !anyRequired(queryParams) && !flatRequired && !bodyRequired;
  }
  if (header !== undefined) parts.push(header);
  if (cookie !== undefined) parts.push(cookie);
  // The `stream: true` switch of an operation whose body has no `stream` field of its own.
  if (op.stream?.select === 'param') parts.push('{ stream?: boolean | undefined }');
  if (parts.length === 0) return undefined;
  return { type: intersect(parts), optional };
}

/** Builds every type expression the resource emitter needs for `op`. */
export function operationTypes(op: OperationModel): OperationTypes {
  const typeName = identifier(op.typeName, 'operation type name', 'type');
  const opAlias = `${typeName}Op`;
  const key = operationTypeKey(op);
  const opType = `paths[${stringLiteral(key.path)}][${stringLiteral(key.method)}]`;
  const params = paramsType(op, opAlias);
  const stream = op.stream === undefined ? undefined : { itemName: `${typeName}StreamItem`, select: op.stream.select };
  const types: OperationTypes = {
    opAlias,
    opType,
    paramsOptional: params?.optional ?? true,
    responseName: `${typeName}Response`,
    responseType: responseType(op, opAlias, stream),
    // An undeclared path param has no entry in the types (validation warned about it): a string.
    pathArgTypes: op.pathParams.map((p) => (p.synthesized === true ? 'string' : `${opAlias}['parameters']['path'][${stringLiteral(p.name)}]`)),
  };
  if (params !== undefined) {
    types.paramsName = `${typeName}Params`;
    types.paramsType = params.type;
  }
  if (op.stream !== undefined && stream !== undefined) {
    types.streamItemName = stream.itemName;
    types.streamItemType = op.stream.textData === true ? 'string' : `${opAlias}['responses'][${statusKey(op.stream.status)}]['content'][${stringLiteral(op.stream.mediaType)}]`;
    if (op.stream.select !== undefined) types.streamSelect = op.stream.select;
  }
  const problem = problemType(op, opAlias);
  if (problem !== undefined) {
    types.problemName = `${typeName}Problem`;
    types.problemType = problem;
    types.errorName = `${typeName}ApiError`;
    const errors = errorType(op, opAlias);
    types.errorType = errors.type;
    types.errorStatusTypes = errors.statusTypes;
  }
  const pagination = paginationOf(op);
  if (pagination !== undefined) {
    // Items are typed from the body of the response that holds the page, in the media type
    // pagination detection read (`application/json` first, as pagination/operation-view.ts does):
    // another JSON type of the same response may have another shape (`application/geo+json`).
    const page = op.responses.find((r) => r.status === pagination.responseStatus);
    const json = page?.mediaTypes.find((mt) => /^application\/json\s*(;|$)/i.test(mt)) ?? page?.mediaTypes.find(isJsonMediaType);
    const body = json === undefined ? undefined : `${opAlias}['responses'][${statusKey(pagination.responseStatus)}]['content'][${stringLiteral(json)}]`;
    types.itemName = `${typeName}Item`;
    types.itemType = body === undefined ? 'unknown' : itemType(body, pagination.itemsPath);
  }
  return types;
}
