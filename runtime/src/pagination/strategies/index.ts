/** The next-page rule for each pagination style. */
import { readPointer } from '../json-pointer.js';
import type { PaginationStyle } from '../spec.js';
import { nextCursorPage } from './cursor.js';
import { nextLinkedPage } from './link.js';
import { nextOffsetPage } from './offset.js';
import { nextNumberedPage } from './page-number.js';
import type { NextPageStrategy, PageRequest, StrategyInput } from './types.js';

export type { NextPageStrategy, PageRequest, StrategyInput } from './types.js';

const strategies: Readonly<Record<PaginationStyle, NextPageStrategy>> = {
  cursor: nextCursorPage,
  offset: nextOffsetPage,
  page: nextNumberedPage,
  link: nextLinkedPage,
};

/**
 * The request for the page after this one, or `null` when this is the last page. Rules shared by every
 * style: an empty page ends iteration (whatever cursor it carries), and so does `hasMore: false`.
 */
export function nextPageRequest<P>(input: StrategyInput<P>): PageRequest<P> | null {
  if (input.items.length === 0) return null;
  const { spec, body } = input;
  if (spec.hasMore !== undefined) {
    const more = readHasMore(body, spec.hasMore);
    if (more === false) return null;
  }
  const strategy = strategies[spec.style];
  return strategy ? strategy(input) : null;
}

function readHasMore(body: unknown, pointer: string): boolean | undefined {
  const v = readPointer(body, pointer);
  return typeof v === 'boolean' ? v : undefined;
}
