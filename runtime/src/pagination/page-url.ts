/**
 * Link-style pages are fetched from a URL the server gave, yet must go through the client's normal
 * pipeline (auth, retries, ETag cache). The pipeline builds URLs from an operation descriptor, so a
 * page URL is carried by a derived descriptor (same operation, no declared query parameters) that
 * this module remembers; `applyPageUrl` then swaps the built URL for the page URL.
 */
import type { OperationDescriptor } from '../operation.js';
import type { PreparedRequest } from '../request/prepare.js';

const pageUrls = new WeakMap<OperationDescriptor, string>();

/** A descriptor for fetching `url` as a page of `op`. */
export function pageUrlOperation(op: OperationDescriptor, url: string): OperationDescriptor {
  // Declared query parameters are dropped: the page URL already carries the ones the server wants.
  const { query: _query, ...rest } = op;
  const derived: OperationDescriptor = { ...rest };
  pageUrls.set(derived, url);
  return derived;
}

/**
 * Points a prepared request at its page URL when it was built from {@link pageUrlOperation}; other
 * requests pass through unchanged. Query parameters the client added itself (an API key in the query)
 * are kept unless the page URL already has them.
 */
export function applyPageUrl(req: PreparedRequest): PreparedRequest {
  const url = pageUrls.get(req.op);
  if (url === undefined) return req;
  const target = new URL(url);
  const q = req.path.indexOf('?');
  if (q !== -1) {
    for (const [name, value] of new URLSearchParams(req.path.slice(q + 1))) {
      if (!target.searchParams.has(name)) target.searchParams.append(name, value);
    }
  }
  const path = target.pathname + target.search;
  return { ...req, origin: target.origin, path, url: target.origin + path };
}
