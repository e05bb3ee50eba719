/** Pagination: pages, the promise list methods return, next-page strategies and the Link header parser. */
export type { PageParamSpec, PaginationSpec, PaginationStyle } from './spec.js';
export { Page, type PageFetcher, type PageResponse, type PaginationContext } from './page.js';
export { PagePromise, type PageRequestOptions, type PaginationOptions } from './page-promise.js';
export type { PageRequest } from './strategies/index.js';
export { nextPageRequest } from './strategies/index.js';
export { parseLinkHeader, nextLinkUrl, type LinkValue } from './link-header.js';
export { PaginationError } from './errors.js';
export { checkPageUrl } from './origin.js';
export { readPointer } from './json-pointer.js';
export { paginate, type PaginateClient } from './paginate.js';
export { applyPageUrl, pageUrlOperation } from './page-url.js';
