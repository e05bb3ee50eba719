import type { RequestOptions } from '../options.js';
import { Page, type PageRequest, type PaginationContext } from './page.js';

/** Bounds on how much a paginated call fetches. */
export interface PaginationOptions {
  /** Stop after this many items (iteration) or once this many were fetched (`.pages()`). */
  readonly maxItems?: number;
  /** Fetch at most this many pages, the first included. */
  readonly maxPages?: number;
  /** Link style: resume from a saved `page.nextPageUrl()` instead of the operation's first page. */
  readonly pageUrl?: string;
}

/**
 * What a list method returns. Await it for the first {@link Page}; iterate it with `for await` for every
 * item across pages; call `.pages()` to iterate page by page. Pages are fetched one at a time, only as
 * iteration asks for them, so a `break` sends no further request and memory stays flat.
 *
 * The first request starts at once, as with any promise.
 */
export class PagePromise<Item, P = Record<string, unknown>> extends Promise<Page<Item, P>> implements AsyncIterable<Item> {
  // `then` and friends return plain promises, not PagePromises with a different constructor signature.
  static override get [Symbol.species](): PromiseConstructor {
    return Promise;
  }

  readonly #limits: PaginationOptions;

  private constructor(first: Promise<Page<Item, P>>, limits: PaginationOptions) {
    super((resolve, reject) => {
      first.then(resolve, reject);
    });
    this.#limits = limits;
  }

  /** Starts a paginated call: fetches the first page (or `limits.pageUrl`) for `params`. */
  static start<Item, P>(ctx: PaginationContext<P>, params: P, limits: PaginationOptions = {}): PagePromise<Item, P> {
    const request: PageRequest<P> = limits.pageUrl === undefined ? { params } : { params, url: limits.pageUrl };
    return new PagePromise<Item, P>(Page.fetch<Item, P>(ctx, request), limits);
  }

  /** Every page, starting with the first, within `maxPages` and `maxItems`. */
  async *pages(): AsyncGenerator<Page<Item, P>, void, undefined> {
    const { maxPages = Infinity, maxItems = Infinity } = this.#limits;
    if (maxPages <= 0 || maxItems <= 0) return;
    let pages = 0;
    let items = 0;
    for await (const page of (await this).iterPages()) {
      yield page;
      pages++;
      items += page.data.length;
      if (pages >= maxPages || items >= maxItems) return;
      Page.throwIfAborted(page);
    }
  }

  /** Every item of every page, within `maxPages` and `maxItems`. */
  async *[Symbol.asyncIterator](): AsyncGenerator<Item, void, undefined> {
    const { maxItems = Infinity } = this.#limits;
    let count = 0;
    if (maxItems <= 0) return;
    for await (const page of this.pages()) {
      for (const item of page.data) {
        Page.throwIfAborted(page);
        yield item;
        if (++count >= maxItems) return;
      }
    }
  }
}

/** Options of a paginated call: the usual request options, bounds, and a saved next-page URL. */
export type PageRequestOptions = RequestOptions & PaginationOptions;
