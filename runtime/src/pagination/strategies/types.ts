import type { OperationDescriptor } from '../../operation.js';
import type { PaginationSpec } from '../spec.js';

/** What a strategy sees of the page just received. */
export interface StrategyInput<P> {
  readonly spec: PaginationSpec;
  /** The descriptor, for where the paging parameter sits in the params object. */
  readonly op: Pick<OperationDescriptor, 'query' | 'body'>;
  /** The params this page was requested with. */
  readonly params: P;
  /** The page's items (already read from `spec.items`); never empty here. */
  readonly items: readonly unknown[];
  readonly body: unknown;
  readonly headers: Headers;
  /** Absolute URL the page came from, for resolving relative next links. */
  readonly url: string;
}

/**
 * How to ask for the next page: the params to send, and for `link` style the absolute URL to fetch
 * instead of the operation's own path and query.
 */
export interface PageRequest<P> {
  readonly params: P;
  readonly url?: string;
}

/** A style's rule for the next page; `null` ends iteration. */
export type NextPageStrategy = <P>(input: StrategyInput<P>) => PageRequest<P> | null;
