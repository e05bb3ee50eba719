import { applyAuth } from '../auth.js';
import { InvalidRequestError } from '../errors.js';
import type { ClientConfig, RequestOptions } from '../options.js';
import type { OperationDescriptor, ParamSpec, StreamSpec } from '../operation.js';
import type { TransportBody } from '../transport/types.js';
import { encodeBuiltinBody, type EncodedBody } from './body.js';
import type { CredentialSink, RequestCredentials } from './credentials.js';
import { checkHeaders } from './header-check.js';
import { appendCookieParam, serializeHeaderParam } from './header-params.js';
import { buildPath, compilePath, type CompiledPath } from './path.js';
import { appendQueryParam, encodeQueryComponent, serializeQueryString } from './query.js';
import { joinPath, type BaseUrl } from './url.js';

/**
 * A request ready for the transport. It holds no per-attempt state, so the retry layer can hand the
 * same object to `sendAttempt` again; only a `ReadableStream` body cannot be resent (`replayable`).
 */
export interface PreparedRequest {
  readonly op: OperationDescriptor;
  readonly method: string;
  readonly origin: string;
  /** Path and query string, encoded. */
  readonly path: string;
  readonly url: string;
  /** Lower-case names; later layers (idempotency, cache) may add to it before the first attempt. */
  readonly headers: Record<string, string>;
  readonly body: TransportBody | undefined;
  readonly replayable: boolean;
  /** The headers, query parameters and cookies that carry credentials auth added; absent if none. */
  readonly credentials?: RequestCredentials | undefined;
  /** Set when this call asked for a stream (stream/open.ts): the operation's stream settings. */
  readonly stream?: StreamSpec | undefined;
}

/** What building a request needs from the client. */
export interface PrepareContext {
  readonly base: BaseUrl;
  readonly config: ClientConfig;
  /** The client options, where credentials live under the names `SecuritySchemeSpec` gives. */
  readonly credentials: Readonly<Record<string, unknown>>;
  /** Lower-case names. */
  readonly defaultHeaders: Readonly<Record<string, string>>;
  /** Lower-case name of the idempotency header. */
  readonly idempotencyHeader: string;
}

/**
 * Per-descriptor work done once: the split path template, the encoded query parameter names (in
 * `op.query` order) and the param names a flat body must skip.
 */
interface CompiledOperation {
  readonly path: CompiledPath;
  readonly queryNames: readonly string[];
  readonly consumed: ReadonlySet<string>;
}

const compiled = new WeakMap<OperationDescriptor, CompiledOperation>();

function compile(op: OperationDescriptor): CompiledOperation {
  let c = compiled.get(op);
  if (c === undefined) {
    const consumed = new Set<string>();
    for (const list of [op.query, op.headers, op.cookies, op.querystring && [op.querystring]]) {
      for (const p of list ?? []) consumed.add(p.group ?? p.name);
    }
    // The `stream: true` switch of an operation without a `stream` body field is not sent.
    if (op.stream?.select === 'param') consumed.add('stream');
    const queryNames = (op.query ?? []).map((q) => encodeQueryComponent(q.name, q.allowReserved ?? false));
    c = { path: compilePath(op.path, op.pathParams), queryNames, consumed };
    compiled.set(op, c);
  }
  return c;
}

function readParam(params: Record<string, unknown> | undefined, spec: ParamSpec): unknown {
  if (params === undefined) return undefined;
  if (spec.group === undefined) return params[spec.name];
  const group = params[spec.group];
  return typeof group === 'object' && group !== null ? (group as Record<string, unknown>)[spec.name] : undefined;
}

/** The flat layout: every defined property not claimed by a query/header/cookie parameter is a body field. */
function leftovers(params: Record<string, unknown> | undefined, consumed: ReadonlySet<string>): Record<string, unknown> | undefined {
  if (params === undefined) return undefined;
  let body: Record<string, unknown> | undefined;
  for (const key in params) {
    if (consumed.has(key) || params[key] === undefined || !Object.hasOwn(params, key)) continue;
    (body ??= {})[key] = params[key];
  }
  return body;
}

/** The request while it is being built; auth writes into it (and records its credentials). */
interface Draft extends CredentialSink {
  readonly path: string;
  readonly query: string[];
  readonly cookies: string[];
  readonly headers: Record<string, string>;
  readonly body: TransportBody | undefined;
  readonly contentType: string | undefined;
}

/**
 * Builds URL, headers and body for one call: path params (one encoded segment each), query per
 * style/explode, header and cookie params, the body (flat or grouped layout), auth, then the
 * caller's per-request headers. Header precedence (DESIGN section 4): the client's `defaultHeaders`
 * < the spec's header parameters and auth < the call's `headers` option. Returns a promise only when
 * a credential is a function.
 */
export function prepareRequest(
  ctx: PrepareContext,
  op: OperationDescriptor,
  pathArgs: readonly unknown[],
  rawParams: object | undefined,
  options: RequestOptions | undefined,
): PreparedRequest | Promise<PreparedRequest> {
  const c = compile(op);
  const params = rawParams as Record<string, unknown> | undefined;
  const query: string[] = [];
  const cookies: string[] = [];
  // Defaults first: everything the call says (parameters, auth, options) overrides them; they
  // override only the SDK's own `Accept`: the success media types the operation declares (a server
  // that negotiates answers 406 to others).
  const accept = op.accept ?? (op.response === 'json' ? 'application/json' : undefined);
  const headers: Record<string, string> = accept !== undefined ? { accept, ...ctx.defaultHeaders } : { ...ctx.defaultHeaders };
  // A stream's media type is what the call asked for (the response is read by it): it wins over a
  // default `Accept`; per-call headers still win over it.
  const stream = op.stream === undefined ? undefined : withReader(ctx, op, selectStream(op, op.stream, params));
  if (stream !== undefined) headers['accept'] = stream.mediaType;
  else if (op.stream?.select !== undefined) headers['accept'] = 'application/json';
  if (op.querystring !== undefined) {
    const text = serializeQueryString(op.querystring.mediaType, readParam(params, op.querystring));
    if (text !== '') query.push(text);
  }
  if (op.query) {
    for (let i = 0; i < op.query.length; i++) {
      const q = op.query[i]!;
      appendQueryParam(query, q, readParam(params, q), c.queryNames[i]);
    }
  }
  if (op.headers) {
    for (const h of op.headers) {
      const v = serializeHeaderParam(h, readParam(params, h));
      if (v !== undefined) headers[h.name.toLowerCase()] = v;
    }
  }
  if (op.cookies) for (const k of op.cookies) appendCookieParam(cookies, k, readParam(params, k));

  let encoded: EncodedBody | undefined;
  if (op.body) {
    let value = op.body.group === undefined ? leftovers(params, c.consumed) : params?.[op.body.group];
    if (value === undefined && op.body.required && op.body.encoding === 'json') value = {};
    // JSON and text are built in; other encoders come with the descriptor (or the client's parts).
    if (value !== undefined) encoded = (op.body.encode ?? ctx.config.parts?.encodeBody ?? encodeBuiltinBody)(op.body, value);
  }
  const draft: Draft = {
    path: joinPath(ctx.base.prefix, buildPath(c.path, pathArgs)),
    query,
    cookies,
    headers,
    body: encoded?.body,
    contentType: encoded?.contentType,
    credentials: undefined,
  };
  const auth = applyAuth(draft, op.security, ctx.config.securitySchemes, ctx.credentials);
  if (stream !== undefined) {
    return auth === undefined ? { ...finish(ctx, op, draft, options), stream } : auth.then(() => ({ ...finish(ctx, op, draft, options), stream }));
  }
  return auth === undefined ? finish(ctx, op, draft, options) : auth.then(() => finish(ctx, op, draft, options));
}

/**
 * Whether this call asks for the operation's stream: always for a stream-only operation; for one
 * that also answers JSON, when the call says `stream: true` (a body field, or the params flag).
 */
function selectStream(op: OperationDescriptor, spec: StreamSpec, params: Record<string, unknown> | undefined): StreamSpec | undefined {
  if (spec.select === undefined) return spec;
  let flag: unknown = params?.['stream'];
  if (spec.select === 'field' && op.body?.group !== undefined) {
    const body = params?.[op.body.group];
    flag = typeof body === 'object' && body !== null ? (body as Record<string, unknown>)['stream'] : undefined;
  }
  return flag === true ? spec : undefined;
}

/** A selected stream with the reader that will read it: the descriptor's, else the client's `parts.streams`. */
function withReader(ctx: PrepareContext, op: OperationDescriptor, spec: StreamSpec | undefined): StreamSpec | undefined {
  if (spec === undefined || spec.reader !== undefined) return spec;
  const reader = ctx.config.parts?.streams;
  if (reader === undefined) {
    throw new InvalidRequestError(`${op.id} answers with a stream but has no reader (descriptor stream.reader or config parts.streams)`);
  }
  return { ...spec, reader };
}

/** Content-Type, the cookie header and per-call options, then the final URL. */
function finish(ctx: PrepareContext, op: OperationDescriptor, draft: Draft, options: RequestOptions | undefined): PreparedRequest {
  const { headers, cookies, query, body } = draft;
  if (draft.contentType !== undefined) headers['content-type'] = draft.contentType;
  if (cookies.length > 0) {
    const existing = headers['cookie'];
    headers['cookie'] = (existing ? `${existing}; ` : '') + cookies.join('; ');
  }
  if (options !== undefined) applyRequestOptions(ctx, headers, options);
  checkHeaders(headers);
  const path = query.length > 0 ? `${draft.path}?${query.join('&')}` : draft.path;
  return {
    op,
    method: op.method,
    origin: ctx.base.origin,
    path,
    url: ctx.base.origin + path,
    headers,
    body,
    replayable: body === undefined || typeof body === 'string' || !(typeof ReadableStream !== 'undefined' && body instanceof ReadableStream),
    credentials: draft.credentials,
  };
}

/** Per-call header options win over everything the SDK computed; `null`/`undefined` remove a header. */
function applyRequestOptions(ctx: PrepareContext, headers: Record<string, string>, options: RequestOptions): void {
  if (options.ifMatch !== undefined) headers['if-match'] = options.ifMatch;
  if (options.idempotencyKey !== undefined) headers[ctx.idempotencyHeader] = options.idempotencyKey;
  if (options.headers !== undefined) {
    for (const [name, value] of Object.entries(options.headers)) {
      const key = name.toLowerCase();
      if (value === null || value === undefined) delete headers[key];
      else headers[key] = value;
    }
  }
}
