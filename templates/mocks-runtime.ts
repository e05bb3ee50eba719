/**
 * Helpers for the generated `mocks.ts`: typed MSW handlers for each operation, default handlers
 * that answer with the spec's example data (and really paginate), and `problem()` for RFC 9457
 * error responses. Copied verbatim into each generated SDK next to `mocks.ts`; it imports only
 * `msw`, so the SDK itself never loads it.
 *
 * @see https://mswjs.io/docs/
 */
import { HttpHandler, HttpResponse } from 'msw';

/** How a parameter's text is turned into the typed value a resolver sees. */
export interface MockParam {
  /** Wire name: path template name, query key or header name (as the spec spells it). */
  readonly name: string;
  /** JSON type of the value (of each item, for arrays). @default 'string' */
  readonly type?: 'string' | 'number' | 'integer' | 'boolean';
  /** The parameter is an array: repeated keys, or comma-separated when `explode` is false. */
  readonly array?: boolean;
  /** @default true for query, false for path and header */
  readonly explode?: boolean;
}

/**
 * How a list operation pages; the same shape as the runtime's `PaginationSpec` (pointers are RFC
 * 6901 JSON pointers into the response body, without `#`).
 */
export interface MockPagination {
  readonly style: 'cursor' | 'offset' | 'page' | 'link';
  readonly param?: { readonly name: string; readonly in?: 'query' | 'body' };
  readonly items: string;
  readonly nextCursor?: string;
  readonly itemCursor?: string;
  readonly hasMore?: string;
  readonly total?: string;
  readonly nextOffset?: string;
  readonly nextUrl?: string;
  readonly firstPage?: number;
}

/** What the default handler of an operation answers. */
export interface MockResponseSpec {
  readonly status: number;
  readonly contentType?: string;
  readonly kind: 'json' | 'text' | 'binary' | 'empty';
  /** The example body (a JSON value, or text). Called lazily so large specs load fast. */
  readonly body?: () => unknown;
}

/** Plain-data description of one operation, emitted once per operation in `mocks.ts`. */
export interface MockOperation {
  readonly method: string;
  /** Path template as in the spec: `/pets/{petId}`. */
  readonly path: string;
  readonly pathParams?: readonly MockParam[];
  readonly query?: readonly MockParam[];
  readonly headers?: readonly MockParam[];
  /** How the request body is decoded for the resolver. */
  readonly body?: 'json' | 'text' | 'form' | 'multipart' | 'binary';
  readonly response: MockResponseSpec;
  readonly pagination?: MockPagination;
  /** Set for long-running operations: the default handler answers 202 and scripts a status resource. */
  readonly longRunning?: MockLongRunning;
}

/** The types of one operation's mock, indexed from the generated `paths` type. */
export interface MockTypes {
  readonly params: object;
  readonly query: object;
  readonly headers: object;
  readonly body: unknown;
  readonly response: unknown;
}

/**
 * One parameter group of an openapi-typescript operation type (`parameters['query']`), or an
 * empty object type when the operation has none (`query?: never`).
 */
export type MockPart<T> = [NonNullable<T>] extends [never] ? Record<string, never> : NonNullable<T>;

/** What a resolver receives: the decoded, typed request, and the raw `Request`. */
export interface MockContext<T extends MockTypes> {
  /** Path parameters, decoded and converted to their schema type. */
  readonly params: T['params'];
  /** Query parameters, converted to their schema type (arrays for array parameters). */
  readonly query: T['query'];
  /** Declared header parameters, by the name the spec gives them. */
  readonly headers: T['headers'];
  /** The decoded request body (`undefined` when there is none). */
  readonly body: T['body'];
  /** The request as MSW received it (its body is still unread). */
  readonly request: Request;
}

/**
 * A resolver returns the operation's success body (sent with the default status and content type),
 * or any `Response`: `problem(...)`, `HttpResponse.json(...)`, `HttpResponse.error()`.
 */
export type MockResult<T extends MockTypes> = T['response'] | Response;

/** Answers one request to an operation; see {@link MockContext} and {@link MockResult}. */
export type MockResolver<T extends MockTypes> = (context: MockContext<T>) => MockResult<T> | Promise<MockResult<T>>;

/** Options of `handlers()` and of each `mock<Operation>()`. */
export interface MockOptions {
  /**
   * Base URL the handlers match, as given to the client. `handlers({ baseUrl })` also makes it the
   * default of later `mock<Operation>()` calls from the same `mocks.ts`.
   * @default the spec's first server URL
   */
  readonly baseUrl?: string;
  /** Answer only the first matching request (MSW's `once`). @default false */
  readonly once?: boolean;
}

/** Members of an RFC 9457 problem; `status` is filled in from the response status. */
export interface ProblemFields {
  readonly type?: string;
  readonly title?: string;
  readonly detail?: string;
  readonly instance?: string;
  readonly [extension: string]: unknown;
}

/**
 * An `application/problem+json` response: `problem(404, { title: 'No such pet' })`.
 * @see https://www.rfc-editor.org/rfc/rfc9457
 */
export function problem(status: number, fields: ProblemFields = {}, init: { headers?: HeadersInit } = {}): Response {
  const headers = new Headers(init.headers);
  headers.set('content-type', 'application/problem+json');
  return new HttpResponse(JSON.stringify({ type: 'about:blank', status, ...fields }), { status, headers });
}

/** Number of pages a default paginating handler serves. */
export const MOCK_PAGES = 3;

/**
 * Binds operations to a base URL. `mocks.ts` makes one per SDK, so that `handlers({ baseUrl })`
 * can set the base URL for the `mock<Operation>()` calls that follow it.
 */
export class MockRegistry {
  #baseUrl: string;
  /** Status resources of the long-running operations the mocks started. */
  readonly operations: MockOperationRuns = new MockOperationRuns();

  constructor(defaultBaseUrl: string) {
    this.#baseUrl = defaultBaseUrl;
  }

  /** Remembers `options.baseUrl` as the default for later handlers. */
  configure(options: MockOptions = {}): void {
    if (options.baseUrl !== undefined) this.#baseUrl = options.baseUrl;
  }

  /** One MSW handler for `operation`; the default response when `resolver` is absent. */
  handler<T extends MockTypes>(operation: MockOperation, resolver?: MockResolver<T>, options: LongRunningMockOptions<T> = {}): HttpHandler {
    const baseUrl = options.baseUrl ?? this.#baseUrl;
    const matcher = pathMatcher(baseUrl, operation.path);
    return new HttpHandler(
      operation.method,
      matcher.regexp,
      async ({ request }) => {
        if (resolver === undefined) {
          // A status URL of a started operation answers its script, whichever handler matched it.
          const status = this.operations.answer(request);
          if (status !== undefined) return status;
          if (operation.longRunning !== undefined) return this.operations.start(operation, baseUrl, operation.response.body?.(), options.statuses);
          return defaultResponse(operation, request);
        }
        const context = await decodeRequest<T>(operation, request, matcher);
        const result = await resolver(context);
        if (result instanceof Response) return result;
        if (operation.longRunning !== undefined) return this.operations.start(operation, baseUrl, result, options.statuses);
        return bodyResponse(operation.response, result);
      },
      { once: options.once ?? false },
    );
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/** `HTTP://API.test:80/v1` -> `http://api.test/v1`, as request URLs arrive; unparseable text is kept. */
function normalizeBaseUrl(baseUrl: string): string {
  try {
    const url = new URL(baseUrl);
    return `${url.origin}${url.pathname}`;
  } catch {
    return baseUrl;
  }
}

/** Matches `baseUrl + path template` against a request URL (without query), capturing path params. */
export function pathMatcher(baseUrl: string, template: string): { regexp: RegExp; names: string[] } {
  const names: string[] = [];
  // Path params match within one segment; everything else in the template is literal text.
  const pattern = template.replace(/\{([^}]*)\}|[^{]+/g, (whole, name: string | undefined) => {
    if (name === undefined) return escapeRegExp(whole);
    names.push(name);
    return '([^/]+?)';
  });
  const base = escapeRegExp(normalizeBaseUrl(baseUrl).replace(/\/+$/, ''));
  return { regexp: new RegExp(`^${base}${pattern}/?$`), names };
}

function convert(text: string, type: MockParam['type']): unknown {
  if (type === 'number' || type === 'integer') {
    const n = Number(text);
    return text.trim() === '' || Number.isNaN(n) ? text : n;
  }
  if (type === 'boolean') return text === 'true' ? true : text === 'false' ? false : text;
  return text;
}

function decodeValues(values: string[], param: MockParam, explodeDefault: boolean): unknown {
  if (param.array !== true) return values[0] === undefined ? undefined : convert(values[0], param.type);
  const explode = param.explode ?? explodeDefault;
  const parts = explode ? values : values.flatMap((v) => v.split(','));
  return parts.map((v) => convert(v, param.type));
}

/** Own data property: spec names such as `__proto__` must never reach a prototype. */
function define(target: Record<string, unknown>, name: string, value: unknown): void {
  Object.defineProperty(target, name, { value, enumerable: true, writable: true, configurable: true });
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

async function decodeBody(kind: MockOperation['body'], request: Request): Promise<unknown> {
  const copy = request.clone();
  if (kind === undefined) return undefined;
  if (kind === 'binary') return copy.arrayBuffer();
  if (kind === 'multipart') return copy.formData();
  const text = await copy.text();
  if (text === '') return undefined;
  if (kind === 'form') return Object.fromEntries(new URLSearchParams(text));
  if (kind === 'text') return text;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

async function decodeRequest<T extends MockTypes>(
  operation: MockOperation,
  request: Request,
  matcher: { regexp: RegExp; names: string[] },
): Promise<MockContext<T>> {
  const url = new URL(request.url);
  const params: Record<string, unknown> = {};
  const match = matcher.regexp.exec(`${url.origin}${url.pathname}`);
  matcher.names.forEach((name, i) => {
    const spec = operation.pathParams?.find((p) => p.name === name);
    const raw = safeDecode(match?.[i + 1] ?? '');
    define(params, name, spec === undefined ? raw : decodeValues([raw], spec, false));
  });
  const query: Record<string, unknown> = {};
  for (const param of operation.query ?? []) {
    const values = url.searchParams.getAll(param.name);
    if (values.length > 0) define(query, param.name, decodeValues(values, param, true));
  }
  const headers: Record<string, unknown> = {};
  for (const param of operation.headers ?? []) {
    const value = request.headers.get(param.name);
    if (value !== null) define(headers, param.name, decodeValues([value], param, false));
  }
  const body = await decodeBody(operation.body, request);
  return { params, query, headers, body, request } as MockContext<T>;
}

/** A success response carrying `body` with the operation's default status and content type. */
function bodyResponse(spec: MockResponseSpec, body: unknown, headers: Headers = new Headers()): Response {
  if (spec.kind === 'empty' || body === undefined) return new HttpResponse(null, { status: spec.kind === 'empty' ? spec.status : 204, headers });
  if (spec.contentType !== undefined) headers.set('content-type', spec.contentType);
  if (spec.kind === 'json') return new HttpResponse(JSON.stringify(body), { status: spec.status, headers });
  const payload = typeof body === 'string' || body instanceof Uint8Array || body instanceof ArrayBuffer || body instanceof Blob ? body : String(body);
  return new HttpResponse(payload as BodyInit, { status: spec.status, headers });
}

function defaultResponse(operation: MockOperation, request: Request): Promise<Response> | Response {
  const body = operation.response.body?.();
  if (operation.pagination !== undefined && operation.response.kind === 'json') {
    return paginatedResponse(operation.pagination, operation.response, body, request);
  }
  return bodyResponse(operation.response, body);
}

// ---- pagination ---------------------------------------------------------------------------------

function tokens(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Reads an RFC 6901 pointer (`/data`, `''` for the whole value). */
export function readPointer(root: unknown, pointer: string): unknown {
  let node = root;
  for (const t of tokens(pointer)) {
    if (Array.isArray(node)) node = node[Number(t)];
    else if (isRecord(node) && Object.hasOwn(node, t)) node = node[t];
    else return undefined;
  }
  return node;
}

/** Writes at a pointer, creating objects on the way; the root itself is replaced by returning `value`. */
export function writePointer(root: unknown, pointer: string, value: unknown): unknown {
  const path = tokens(pointer);
  if (path.length === 0) return value;
  let node = root;
  for (const [i, t] of path.entries()) {
    if (!isRecord(node)) return root;
    if (i === path.length - 1) define(node, t, value);
    else {
      if (!isRecord(node[t])) define(node, t, {});
      node = node[t];
    }
  }
  return root;
}

/**
 * The `n`th distinct variant of an item's cursor value, so that Stripe-style `starting_after=<id>`
 * identifies one page: numbers count up, UUIDs change their last group, strings get a suffix.
 */
export function cursorVariant(value: unknown, n: number): unknown {
  if (n === 0) return value;
  if (typeof value === 'number') return value + n;
  if (typeof value !== 'string') return `item-${n}`;
  if (/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value)) {
    return `${value.slice(0, 24)}${n.toString(16).padStart(12, '0').slice(-12)}`;
  }
  return `${value}-${n}`;
}

/**
 * Every item of every page: the example's items repeated, with distinct cursor values. Where only
 * the page or offset number says where a run is (no total, next offset or `hasMore`), the runtime
 * ends at a page that repeats the previous one (what a server clamping the number sends), so there
 * pages differ: the example rotated, or, when that repeats a page, ids varied.
 */
function allItems(spec: MockPagination, example: unknown[]): unknown[] {
  const counted = countedOnly(spec);
  const items: unknown[] = [];
  const served = new Set<string>();
  for (let page = 0; page < MOCK_PAGES; page++) {
    const shift = counted ? page % example.length : 0;
    let copies = [...example.slice(shift), ...example.slice(0, shift)].map((item) => structuredClone(item));
    if (counted && served.has(JSON.stringify(copies))) copies = copies.map((item, i) => withVariedId(item, items.length + i));
    served.add(JSON.stringify(copies));
    for (const copy of copies) {
      const n = items.length;
      items.push(spec.itemCursor === undefined ? copy : writePointer(copy, spec.itemCursor, cursorVariant(readPointer(copy, spec.itemCursor), n)));
    }
  }
  return items;
}

/** Page or offset numbering with nothing in the body to end on: the runtime's repeat rule applies. */
function countedOnly(spec: MockPagination): boolean {
  if (spec.total !== undefined || spec.hasMore !== undefined) return false;
  return spec.style === 'page' || (spec.style === 'offset' && spec.nextOffset === undefined);
}

/**
 * The `n`th variant of an item: of itself when it is a string or number, else of its `id`, else of
 * its first string or number anywhere inside; unchanged when it holds none.
 */
function withVariedId(item: unknown, n: number): unknown {
  if (typeof item === 'string' || typeof item === 'number') return cursorVariant(item, n);
  if (Array.isArray(item)) {
    const at = item.findIndex((v) => withVariedId(v, n) !== v);
    return at === -1 ? item : item.map((v, i) => (i === at ? withVariedId(v, n) : v));
  }
  if (!isRecord(item)) return item;
  const keys = ['id', ...Object.keys(item)].filter((k) => Object.hasOwn(item, k));
  const key = keys.find((k) => withVariedId(item[k], n) !== item[k]);
  return key === undefined ? item : { ...item, [key]: withVariedId(item[key], n) };
}

async function pageParam(spec: MockPagination, request: Request, fallback: string): Promise<string | undefined> {
  const name = spec.param?.name ?? fallback;
  if (spec.param?.in === 'body') {
    const text = await request.clone().text();
    let body: unknown;
    try {
      body = text === '' ? undefined : JSON.parse(text);
    } catch {
      return undefined;
    }
    const value = isRecord(body) ? body[name] : undefined;
    return value === undefined || value === null ? undefined : String(value);
  }
  return new URL(request.url).searchParams.get(name) ?? undefined;
}

/** Query parameter carrying the page number in mock `Link` URLs when the spec names none. */
const LINK_PAGE_PARAM = 'page';

/**
 * A default response for a paginated operation: {@link MOCK_PAGES} pages built from the example
 * page, with working cursors, offsets, page numbers or `Link` headers, so that `for await` over
 * the SDK's list method walks all of them and stops.
 */
async function paginatedResponse(spec: MockPagination, response: MockResponseSpec, example: unknown, request: Request): Promise<Response> {
  const exampleItems = readPointer(example, spec.items);
  if (!Array.isArray(exampleItems) || exampleItems.length === 0) return bodyResponse(response, example);
  const size = exampleItems.length;
  const items = allItems(spec, exampleItems);
  const raw = await pageParam(spec, request, LINK_PAGE_PARAM);
  let start: number;
  switch (spec.style) {
    case 'offset':
      start = raw === undefined ? 0 : Number(raw);
      break;
    case 'page':
    case 'link':
      start = raw === undefined ? 0 : (Number(raw) - (spec.style === 'page' ? (spec.firstPage ?? 1) : 1)) * size;
      break;
    case 'cursor':
      if (raw === undefined) start = 0;
      else if (spec.nextCursor !== undefined) start = Number(/^page-(\d+)$/.exec(raw)?.[1] ?? NaN) * size;
      else {
        const at = items.findIndex((item) => String(readPointer(item, spec.itemCursor ?? '/id')) === raw);
        start = at < 0 ? NaN : at + 1;
      }
      break;
  }
  if (!Number.isInteger(start) || start < 0 || start > items.length) {
    return problem(400, { title: 'Unknown page', detail: `The mock has no page for ${JSON.stringify(raw)}.` });
  }
  const end = Math.min(start + size, items.length);
  const more = end < items.length;
  const pageIndex = Math.floor(start / size);
  let body = writePointer(structuredClone(example), spec.items, items.slice(start, end));
  const headers = new Headers();
  if (spec.hasMore !== undefined) body = writePointer(body, spec.hasMore, more);
  if (spec.style === 'cursor' && spec.nextCursor !== undefined) body = writePointer(body, spec.nextCursor, more ? `page-${pageIndex + 1}` : null);
  if (spec.style === 'offset') {
    if (spec.total !== undefined) body = writePointer(body, spec.total, items.length);
    if (spec.nextOffset !== undefined) body = writePointer(body, spec.nextOffset, more ? end : null);
  }
  if (spec.style === 'page' && spec.total !== undefined) body = writePointer(body, spec.total, MOCK_PAGES);
  if (spec.style === 'link') {
    const next = new URL(request.url);
    next.searchParams.set(LINK_PAGE_PARAM, String(pageIndex + 2));
    if (spec.nextUrl !== undefined) body = writePointer(body, spec.nextUrl, more ? next.href : null);
    else if (more) headers.set('link', `<${next.href}>; rel="next"`);
  }
  return bodyResponse(response, body, headers);
}

// ---- long-running operations -------------------------------------------------------------------

/** What `mocks.ts` says about a long-running operation (see generator/src/normalize/long-running.ts). */
export interface MockLongRunning {
  /** Path template of the status resource (`/operations/{operationId}`); else a mock path is used. */
  readonly statusPath?: string;
  /** Path template of the result resource (`/reports/{reportId}`), for the final status's link. */
  readonly resultPath?: string;
  /** `status` or `state`. */
  readonly statusField: string;
  readonly running: string;
  readonly succeeded: string;
  readonly progressField?: string;
  readonly resultLinkField?: string;
}

/** Options of a long-running operation's `mock<Operation>()`. */
export interface LongRunningMockOptions<T extends MockTypes = MockTypes> extends MockOptions {
  /**
   * Status bodies the status URL serves, one per poll (the last one repeats). A final success gets
   * a `Location` to the result. @default running (progress 50), then succeeded (progress 100)
   */
  readonly statuses?: readonly (T extends { readonly status: infer S } ? S : unknown)[];
}

/** Status path of operations whose spec names no status resource. */
const MOCK_STATUS_PATH = '/__mocks/operations/{operationId}';
const SUCCESS_WORDS = new Set(['succeeded', 'completed', 'done']);

interface OperationRun {
  readonly spec: MockLongRunning;
  readonly statuses: readonly unknown[];
  readonly resultUrl: string | undefined;
  served: number;
  canceled: boolean;
}

/**
 * The status resources of operations started through the mocks: `start` answers the initiating
 * request with `202` and a `Location`, `answer` serves each status URL its script, and `DELETE`
 * cancels. `Retry-After: 0` keeps the SDK's polls immediate in tests.
 */
export class MockOperationRuns {
  readonly #runs = new Map<string, OperationRun>();
  #count = 0;

  /** Answers `202 Accepted` for a new operation whose 202 body is `body`. */
  start(operation: MockOperation, baseUrl: string, body: unknown, statuses: readonly unknown[] | undefined): Response {
    const spec = operation.longRunning!;
    const id = `op_mock_${++this.#count}`;
    const base = normalizeBaseUrl(baseUrl).replace(/\/+$/, '');
    const fill = (template: string, value: string): string => template.replace(/\{[^}]*\}/g, encodeURIComponent(value));
    const statusUrl = `${base}${fill(spec.statusPath ?? MOCK_STATUS_PATH, id)}`;
    const resultUrl = spec.resultPath === undefined ? undefined : `${base}${fill(spec.resultPath, `result_${this.#count}`)}`;
    // The example's own result link (synthesized text) is replaced: none while running, the mock's when done.
    const example: Record<string, unknown> = isRecord(body) ? { ...body } : {};
    if (spec.resultLinkField !== undefined) delete example[spec.resultLinkField];
    const status = (word: string, progress: number): unknown => ({
      ...example,
      [spec.statusField]: word,
      ...(spec.progressField !== undefined && { [spec.progressField]: progress }),
    });
    this.#runs.set(new URL(statusUrl).pathname, {
      spec,
      statuses: statuses !== undefined && statuses.length > 0 ? statuses : [status(spec.running, 50), status(spec.succeeded, 100)],
      resultUrl,
      served: 0,
      canceled: false,
    });
    const headers = new Headers({ location: statusUrl, 'retry-after': '0' });
    const accepted = isRecord(body) ? { ...body, [spec.statusField]: spec.running } : body;
    // The status the spec declares (202, or 200 for an `x-ms-long-running-operation` without one).
    const code = operation.response.status >= 200 && operation.response.status < 300 ? operation.response.status : 202;
    if (accepted === undefined || code === 204) return new HttpResponse(null, { status: code, headers });
    headers.set('content-type', 'application/json');
    return new HttpResponse(JSON.stringify(accepted), { status: code, headers });
  }

  /** The scripted answer when `request` is for a status URL this registry started; else `undefined`. */
  answer(request: Request): Response | undefined {
    const run = this.#runs.get(new URL(request.url).pathname);
    if (run === undefined || (request.method !== 'GET' && request.method !== 'DELETE')) return undefined;
    const headers = new Headers({ 'content-type': 'application/json', 'retry-after': '0' });
    if (request.method === 'DELETE') run.canceled = true;
    if (run.canceled) {
      const last = run.statuses[Math.min(run.served, run.statuses.length) - 1] ?? run.statuses[0];
      return new HttpResponse(JSON.stringify({ ...(isRecord(last) ? last : {}), [run.spec.statusField]: 'canceled' }), { status: 200, headers });
    }
    let status = run.statuses[Math.min(run.served++, run.statuses.length - 1)];
    const word = isRecord(status) ? status[run.spec.statusField] : undefined;
    if (typeof word === 'string' && SUCCESS_WORDS.has(word.toLowerCase()) && run.resultUrl !== undefined) {
      headers.set('location', run.resultUrl);
      if (run.spec.resultLinkField !== undefined && isRecord(status) && status[run.spec.resultLinkField] === undefined) {
        status = { ...status, [run.spec.resultLinkField]: run.resultUrl };
      }
    }
    return new HttpResponse(JSON.stringify(status), { status: 200, headers });
  }

  /**
   * A handler for the mock status URLs of operations whose spec names no status resource
   * (`/__mocks/operations/{id}`; `handlers()` adds it). It matches nothing else, so an unmocked
   * request still fails loudly under `onUnhandledRequest: 'error'`.
   */
  handler(): HttpHandler {
    return new HttpHandler(/^(GET|DELETE)$/, /\/__mocks\/operations\/[^/?#]+$/, ({ request }) => this.answer(request));
  }
}
