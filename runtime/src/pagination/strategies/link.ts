import { readPointer } from '../json-pointer.js';
import { nextLinkUrl } from '../link-header.js';
import type { NextPageStrategy } from './types.js';

/**
 * Link style: follow the URL of the `Link: <...>; rel="next"` header (RFC 8288), or of a body field
 * when `nextUrl` is declared. Relative URLs resolve against the page's own URL. A next URL equal to
 * the current one ends iteration. Whether a URL may be followed at all (its origin) is decided by the
 * page, which knows the client's base URL.
 * @see https://www.rfc-editor.org/rfc/rfc8288#section-3.2
 */
export const nextLinkedPage: NextPageStrategy = ({ spec, params, body, headers, url }) => {
  let next: string | undefined;
  if (spec.nextUrl !== undefined) {
    const raw = readPointer(body, spec.nextUrl);
    if (typeof raw === 'string' && raw !== '') {
      try {
        next = new URL(raw, url).href;
      } catch {
        next = undefined;
      }
    }
  } else {
    next = nextLinkUrl(headers.get('link'), url);
  }
  if (next === undefined || next === url) return null;
  return { params, url: next };
};
