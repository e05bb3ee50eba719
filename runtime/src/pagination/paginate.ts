import { InvalidRequestError } from '../errors.js';
import type { OperationDescriptor } from '../operation.js';
import type { WithResponse } from '../response/info.js';
import type { PageResponse, PaginationContext } from './page.js';
import { PagePromise, type PaginationOptions } from './page-promise.js';
import { pageUrlOperation } from './page-url.js';
import type { PaginationSpec } from './spec.js';

/** What `paginate` needs from the client. */
export interface PaginateClient {
  /** The client's base URL; next-page URLs on another origin are refused. */
  readonly baseUrl: string;
  /** @default false */
  readonly allowCrossOrigin?: boolean | undefined;
  /** Runs one call through the client's full pipeline (auth, retries, idempotency, ETag cache). */
  execute(op: OperationDescriptor, params: object | undefined): Promise<WithResponse<unknown>>;
}

/**
 * Starts a paginated call of `op` (which must carry `pagination`): the first page is requested at
 * once, later pages as the caller iterates, each through `client.execute`.
 */
export function paginate<Item, P extends object | undefined>(
  client: PaginateClient,
  op: OperationDescriptor,
  params: P,
  options: (PaginationOptions & { readonly signal?: AbortSignal | undefined }) | undefined,
): PagePromise<Item, P> {
  const pagination = op.pagination;
  if (pagination === undefined) throw new InvalidRequestError(`Operation ${op.id} is not paginated`);
  const paged = op as OperationDescriptor & { readonly pagination: PaginationSpec };
  const ctx: PaginationContext<P> = {
    op: paged,
    baseUrl: client.baseUrl,
    allowCrossOrigin: client.allowCrossOrigin ?? false,
    signal: options?.signal,
    fetchPage: async (request): Promise<PageResponse> => {
      const pageOp = request.url === undefined ? op : pageUrlOperation(op, request.url);
      const { data, response } = await client.execute(pageOp, request.params);
      return { status: response.status, headers: response.headers, url: response.url, body: data };
    },
  };
  const limits: PaginationOptions = {
    ...(options?.maxItems !== undefined && { maxItems: options.maxItems }),
    ...(options?.maxPages !== undefined && { maxPages: options.maxPages }),
    ...(options?.pageUrl !== undefined && { pageUrl: options.pageUrl }),
  };
  return PagePromise.start<Item, P>(ctx, params, limits);
}
