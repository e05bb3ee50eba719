/** Pagination detection for the normalizer, and what emitters need from its result. */
export { detectPagination, type DetectContext } from './detect.js';
export type { PaginationModel, PaginationSource } from './model.js';
export { itemTypeExpression } from './type-expression.js';
export { CODES as PAGINATION_CODES } from './context.js';
