/**
 * What a poller needs from a client, read from its pipeline (as `request-page.ts` does for pages):
 * the protected `execute`, the base URL, the clock and `maxRetryAfter`. Type imports only, so the
 * poll room does not pull the client class into a bundle.
 */
import type { CoreClient } from '../client.js';
import type { RequestOptions } from '../options.js';
import { DEFAULTS } from '../options.js';
import type { OperationDescriptor } from '../operation.js';
import type { WithResponse } from '../response/info.js';
import type { RetryClock } from '../retry/send-with-retries.js';

/** What a poller needs from the client it polls through. */
export interface PollClient {
  /** Origin of the client's base URL: status and result links must stay on it (they carry credentials). */
  readonly origin: string;
  readonly clock: RetryClock;
  /** The client's `maxRetryAfter`: the longest server-requested pause between polls. */
  readonly maxRetryAfter: number;
  /** One call through the client's full pipeline. */
  execute(op: OperationDescriptor, options: RequestOptions | undefined): Promise<WithResponse<unknown>>;
}

/** The client internals a poller drives. */
interface PipelineAccess {
  execute(op: OperationDescriptor, pathArgs: readonly unknown[], params: object | undefined, options: RequestOptions | undefined): Promise<WithResponse<unknown>>;
  readonly context: { readonly base: { readonly origin: string } };
  readonly clock: RetryClock;
}

/** The {@link PollClient} view of `client` (any generated client or `Core`). */
export function pollClientOf(client: CoreClient): PollClient {
  const pipeline = client as unknown as PipelineAccess;
  return {
    origin: pipeline.context.base.origin,
    // Read on each use: tests replace a client's clock after construction.
    get clock() {
      return pipeline.clock;
    },
    maxRetryAfter: client.options.maxRetryAfter ?? DEFAULTS.maxRetryAfter,
    execute: (op, options) => pipeline.execute(op, [], undefined, options),
  };
}
