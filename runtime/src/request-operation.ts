/**
 * Long-running operations as a standalone function, apart from the client class: a bundler keeps
 * the poll room only for apps that start such an operation.
 * @see ../../docs/operations.md
 */
import { APIPromise } from './api-promise.js';
import type { CoreClient } from './client.js';
import type { RequestOptions } from './options.js';
import type { OperationDescriptor } from './operation.js';
import { pollClientOf } from './poll/access.js';
import { Poller } from './poll/poller.js';
import type { WithResponse } from './response/info.js';

interface PipelineAccess {
  execute(op: OperationDescriptor, pathArgs: readonly unknown[], params: object | undefined, options: RequestOptions | undefined): Promise<WithResponse<unknown>>;
}

/**
 * Starts a long-running operation through `client` (`op.longRunning` set, or any call answered
 * `202` with a `Location` / `Operation-Location`): resolves with a `Poller` once the initiating
 * request is answered. Polls, the result and `cancel()` go through the client's pipeline.
 */
export function requestOperation<TStatus, TResult>(
  client: CoreClient,
  op: OperationDescriptor,
  pathArgs: readonly unknown[],
  params: object | undefined,
  options?: RequestOptions,
): APIPromise<Poller<TStatus, TResult>> {
  const started = (client as unknown as PipelineAccess).execute(op, pathArgs, params, options).then((first) => ({
    data: Poller.start<TStatus, TResult>(pollClientOf(client), op, first),
    response: first.response,
  }));
  return new APIPromise<Poller<TStatus, TResult>>(started);
}
