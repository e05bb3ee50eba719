/**
 * Paginated calls as a standalone function, apart from the client class: a bundler keeps this
 * module (and the pagination strategies behind it) only for apps that call a paginated operation.
 */
import type { CoreClient } from './client.js';
import type { RequestOptions } from './options.js';
import type { OperationDescriptor } from './operation.js';
import { paginate } from './pagination/paginate.js';
import type { PagePromise, PageRequestOptions } from './pagination/page-promise.js';
import type { WithResponse } from './response/info.js';

/** The client internals pagination drives: the protected pipeline entry and the parsed base URL. */
interface PipelineAccess {
  execute(op: OperationDescriptor, pathArgs: readonly unknown[], params: object | undefined, options: RequestOptions | undefined): Promise<WithResponse<unknown>>;
  readonly context: { readonly base: { readonly origin: string; readonly prefix: string } };
}

/**
 * Calls a paginated operation (`op.pagination` set) through `client`. Awaiting the result gives the
 * first page; `for await` over it gives every item; `.pages()` every page. Each page goes through
 * the client's whole pipeline (auth, retries, idempotency, ETag cache).
 */
export function requestPage<Item, P extends object | undefined = Record<string, unknown>>(
  client: CoreClient,
  op: OperationDescriptor,
  pathArgs: readonly unknown[],
  params: P,
  options?: PageRequestOptions,
): PagePromise<Item, P> {
  const pipeline = client as unknown as PipelineAccess;
  const { origin, prefix } = pipeline.context.base;
  return paginate<Item, P>(
    {
      baseUrl: origin + prefix,
      allowCrossOrigin: client.options.allowCrossOriginPagination,
      execute: (pageOp, pageParams) => pipeline.execute(pageOp, pathArgs, pageParams, options),
    },
    op,
    params,
    options,
  );
}
