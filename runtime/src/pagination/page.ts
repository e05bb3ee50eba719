import { AbortError, InvalidResponseError } from '../errors.js';
import type { OperationDescriptor } from '../operation.js';
import { readPointer } from './json-pointer.js';
import { checkPageUrl } from './origin.js';
import type { PaginationSpec } from './spec.js';
import { nextPageRequest, type PageRequest } from './strategies/index.js';

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

  constructor(ctx: PaginationContext<P>, request: PageRequest<P>, response: PageResponse) {
    this.#ctx = ctx;
    this.params = request.params;
    this.response = response;
    this.data = pageItems<Item>(ctx.op.pagination, response);
    this.#next = nextPageRequest({
      spec: ctx.op.pagination,
      op: ctx.op,
      params: request.params,
      items: this.data,
      body: response.body,
      headers: response.headers,
      url: response.url,
    });
  }

  /** Fetches the page for `request` (a first page, or a page resumed from saved params or URL). */
  static async fetch<Item, P>(ctx: PaginationContext<P>, request: PageRequest<P>): Promise<Page<Item, P>> {
    if (ctx.signal?.aborted) throw abortError(ctx.op.id);
    if (request.url !== undefined) checkPageUrl(request.url, ctx.baseUrl, ctx.allowCrossOrigin ?? false);
    const response = await ctx.fetchPage(request);
    return new Page<Item, P>(ctx, request, response);
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
    return Page.fetch<Item, P>(this.#ctx, this.#next);
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

function abortError(operationId: string): AbortError {
  return new AbortError(`Pagination of ${operationId} was aborted`);
}
