/**
 * What the generator knows about a paginated operation: the runtime descriptor data it emits, where
 * that came from, and what the resource emitter needs to type the items.
 */
import type { PaginationSpec } from '@sdkgen/runtime';

/** Which rule found the pagination, in the order they are tried. */
export type PaginationSource =
  | 'x-pagination'
  | 'x-stainless-pagination-property'
  | 'x-speakeasy-pagination'
  | 'x-fern-pagination'
  | 'shape';

export interface PaginationModel {
  /** Plain data emitted as the descriptor's `pagination` field. */
  spec: PaginationSpec;
  source: PaginationSource;
  /** Status of the response that holds the page (`'200'`, `'2XX'`). */
  responseStatus: string;
  /**
   * Property names from the response body type to the item array (`['data']`; `[]` for a top-level
   * array): the emitter types items as `NonNullable<NonNullable<Body>['data']>[number]`.
   * `undefined` when the schema does not declare that array, so items are typed `unknown`.
   */
  itemsPath?: string[];
  /** One line for the generator summary, e.g. `cursor ?cursor <- /next_cursor, items /data`. */
  description: string;
}
