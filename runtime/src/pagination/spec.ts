/**
 * `PaginationSpec`: the plain-data description of how one list operation pages, put by generated code
 * into its `OperationDescriptor` (`pagination`). The generator fills it from `x-pagination`, a Stainless,
 * Speakeasy or Fern extension, or the shape of the operation; the runtime's strategies read it.
 *
 * Locations in a response body are RFC 6901 JSON pointers without the leading `#` (`/data`,
 * `/meta/next_cursor`); the empty pointer `''` is the body itself (a top-level array).
 * @see https://www.rfc-editor.org/rfc/rfc6901
 */

/** How the next page is requested. */
export type PaginationStyle =
  /** An opaque cursor from the body (`next_cursor`), or the last item's id (Stripe `starting_after`). */
  | 'cursor'
  /** An item offset that advances by the number of items received. */
  | 'offset'
  /** A page number that advances by one. */
  | 'page'
  /** A next-page URL: the RFC 8288 `Link: <...>; rel="next"` header, or a URL field in the body. */
  | 'link';

/** Where the paging parameter (cursor, offset or page number) is sent. */
export interface PageParamSpec {
  /** Wire name, e.g. `cursor`, `starting_after`, `page[after]`, `offset`, `page`. */
  readonly name: string;
  /** @default 'query' */
  readonly in?: 'query' | 'body';
}

export interface PaginationSpec {
  readonly style: PaginationStyle;
  /** The request parameter the next page's cursor, offset or page number goes into; absent for `link`. */
  readonly param?: PageParamSpec;
  /** Pointer to the item array in the response body; `''` when the body is the array. */
  readonly items: string;
  /** `cursor`: pointer to the next cursor in the body. `null`, absent or `''` there means no next page. */
  readonly nextCursor?: string;
  /**
   * `cursor`: pointer into the last item of the page whose value is the next cursor (Stripe style,
   * usually `/id`). Used when `nextCursor` is absent.
   */
  readonly itemCursor?: string;
  /** Pointer to a boolean that is `false` on the last page (`/has_more`). */
  readonly hasMore?: string;
  /** `offset`: pointer to the total item count. `page`: pointer to the total page count. */
  readonly total?: string;
  /** `offset`: pointer to the next offset, when the server says it instead of letting us add. */
  readonly nextOffset?: string;
  /** `link`: pointer to the next page's URL in the body; absent means the `Link` header. */
  readonly nextUrl?: string;
  /** `page`: number of the first page. @default 1 */
  readonly firstPage?: number;
}
