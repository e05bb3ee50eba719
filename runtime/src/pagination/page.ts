import { AbortError, InvalidResponseError } from '../errors.js';
import type { OperationDescriptor } from '../operation.js';
import { readPointer } from './json-pointer.js';
import { checkPageUrl } from './origin.js';
import { readPageParam } from './params.js';
import type { PaginationSpec } from './spec.js';
import { nextPageRequest, type PageRequest } from './strategies/index.js';
import { PageTrail, sameJson } from './trail.js';

export type { PageRequest } from './strategies/index.js';

/** A decoded 2xx response of one page, as the client's request pipeline returns it. */
export interface PageResponse {
  readonly status: number;
  readonly headers: Headers;
  /** Absolute URL the page was fetched from (after the client built it). */
  readonly url: string;
  readonly body: unknown;
}

/**
 * Fetches one page through the client's normal request path, so retries, idempotency keys, auth and
 * the ETag cache apply to every page. With `request.url` set, that URL replaces the operation's path
 * and query (link style).
 */
export type PageFetcher<P> = (request: PageRequest<P>) => Promise<PageResponse>;

/** Everything a page needs to fetch the next one. */
export interface PaginationContext<P> {
  /** The operation; `pagination` says how it pages. */
  readonly op: Pick<OperationDescriptor, 'id' | 'query' | 'body'> & { readonly pagination: PaginationSpec };
  readonly fetchPage: PageFetcher<P>;
  /** The client's base URL: next-page URLs on another origin are refused. */
  readonly baseUrl: string;
  /** @default false */
  readonly allowCrossOrigin?: boolean;
  /** The caller's signal: aborting it stops iteration between items and pages, and the request in flight. */
  readonly signal?: AbortSignal | undefined;
}

/**
 * One page of a list operation: its items in `data`, and the way to the next page.
 * Iterating a `Page` with `for await` yields its items and then every later page's.
 *
 * A page never leads back into a loop (./trail.ts): a next cursor or URL this run already requested
 * means there is no next page, and where the next page number is our own count (page and offset
 * styles without a declared total), a page repeating the previous page's items is the end and holds
 * no items (`response.body` still has what the server sent).
 */
export class Page<Item, P = Record<string, unknown>> implements AsyncIterable<Item> {
  /** The items of this page. */
  readonly data: Item[];
  /** The params this page was requested with. */
  readonly params: P;
  /** Status, headers and URL of the response that carried this page; `body` is the decoded body. */
  readonly response: PageResponse;
  readonly #ctx: PaginationContext<P>;
  readonly #next: PageRequest<P> | null;
  readonly #trail: PageTrail;

  /** @param previous the page this one follows, if any (its trail and items guard against loops) */
  constructor(ctx: PaginationContext<P>, request: PageRequest<P>, response: PageResponse, previous?: Page<Item, P>) {
    const spec = ctx.op.pagination;
    this.#ctx = ctx;
    this.params = request.params;
    this.response = response;
    this.#trail = (previous === undefined ? PageTrail.start() : previous.#trail).extend(pageKey(ctx, request, response));
    let data = pageItems<Item>(spec, response);
    if (previous !== undefined && ownCount(spec) && data.length > 0 && sameJson(data, previous.data)) data = [];
    this.data = data;
    const next = nextPageRequest({
      spec,
      op: ctx.op,
      params: request.params,
      items: this.data,
      body: response.body,
      headers: response.headers,
      url: response.url,
    });
    const nextKey = next === null ? undefined : pageKey(ctx, next, undefined);
    this.#next = nextKey !== undefined && this.#trail.has(nextKey) ? null : next;
  }

  /** Fetches the page for `request` (a first page, or a page resumed from saved params or URL). */
  static async fetch<Item, P>(ctx: PaginationContext<P>, request: PageRequest<P>, previous?: Page<Item, P>): Promise<Page<Item, P>> {
    if (ctx.signal?.aborted) throw abortError(ctx.op.id);
    if (request.url !== undefined) checkPageUrl(request.url, ctx.baseUrl, ctx.allowCrossOrigin ?? false);
    const response = await ctx.fetchPage(request);
    return new Page<Item, P>(ctx, request, response, previous);
  }

  /** Whether the server indicated a next page. */
  hasNextPage(): boolean {
    return this.#next !== null;
  }

  /**
   * The params for the next page, e.g. to save and resume later with `client.x.list(params)`; `null` on
   * the last page, and for link-style pages, which resume from {@link nextPageUrl} instead.
   */
  nextPageParams(): P | null {
    return this.#next && this.#next.url === undefined ? this.#next.params : null;
  }

  /** Link style: the next page's absolute URL (resume with `{ pageUrl }` in the request options). */
  nextPageUrl(): string | null {
    return this.#next?.url ?? null;
  }

  /** The full request for the next page, or `null` on the last page. */
  nextPageRequest(): PageRequest<P> | null {
    return this.#next;
  }

  /** Fetches the next page; throws when there is none (check {@link hasNextPage} first). */
  getNextPage(): Promise<Page<Item, P>> {
    if (this.#next === null) return Promise.reject(new Error('No next page; check page.hasNextPage() first'));
    return Page.fetch<Item, P>(this.#ctx, this.#next, this);
  }

  /** This page and every later one. Only the current page is held in memory. */
  async *iterPages(): AsyncGenerator<Page<Item, P>, void, undefined> {
    let page: Page<Item, P> = this;
    for (;;) {
      yield page;
      if (!page.hasNextPage()) return;
      page = await page.getNextPage();
    }
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<Item, void, undefined> {
    for await (const page of this.iterPages()) {
      for (const item of page.data) {
        Page.throwIfAborted(page);
        yield item;
      }
    }
  }

  /** Throws `AbortError` once the caller's signal has fired; `PagePromise` calls it between items. */
  static throwIfAborted<I, Q>(page: Page<I, Q>): void {
    if (page.#ctx.signal?.aborted) throw abortError(page.#ctx.op.id);
  }
}

/** The item array at `spec.items`; a missing or `null` field is an empty page, anything else is an error. */
function pageItems<Item>(spec: PaginationSpec, response: PageResponse): Item[] {
  const items = readPointer(response.body, spec.items);
  if (items === undefined || items === null) return [];
  if (Array.isArray(items)) return items as Item[];
  const raw = typeof response.body === 'string' ? response.body : JSON.stringify(response.body) ?? '';
  throw new InvalidResponseError(`Expected an array of items at ${spec.items === '' ? 'the top level' : spec.items} of the page body`, {
    status: response.status,
    headers: response.headers,
    rawBody: raw.slice(0, 1000),
  });
}

/**
 * What identifies a page request within a run, for the loop guard: the URL (link style) or the cursor
 * (cursor style); `undefined` for page and offset styles, whose numbers only grow, and for a first
 * page requested without a cursor. `response` gives the first link-style page its URL.
 */
function pageKey<P>(ctx: PaginationContext<P>, request: PageRequest<P>, response: PageResponse | undefined): string | undefined {
  const spec = ctx.op.pagination;
  if (spec.style === 'link') return request.url ?? response?.url;
  if (spec.style !== 'cursor' || spec.param === undefined) return undefined;
  const cursor = readPageParam(ctx.op, spec.param, request.params);
  if (cursor === undefined || cursor === null) return undefined;
  return typeof cursor === 'object' ? JSON.stringify(cursor) : String(cursor);
}

/**
 * Page and offset styles whose next number is our own count, with nothing from the server to end on
 * (no total, next offset or `hasMore`): a server that clamps or ignores the number answers with the
 * same page again, which only the items can tell.
 */
function ownCount(spec: PaginationSpec): boolean {
  if (spec.total !== undefined || spec.hasMore !== undefined) return false;
  return spec.style === 'page' || (spec.style === 'offset' && spec.nextOffset === undefined);
}

function abortError(operationId: string): AbortError {
  return new AbortError(`Pagination of ${operationId} was aborted`);
}
