/**
 * Which response header fields the cache keeps, and how a `304 Not Modified` refreshes them.
 * @see https://www.rfc-editor.org/rfc/rfc9111#section-3.1 (storing header fields)
 * @see https://www.rfc-editor.org/rfc/rfc9111#section-3.2 (updating stored header fields)
 * @see https://www.rfc-editor.org/rfc/rfc9111#section-4.3.4 (freshening responses with 304)
 */

import { type EntityTag, parseEntityTag, weakMatch } from './etag.js';

/**
 * Never stored: connection-specific fields (RFC 9111 3.1), and `set-cookie`, which a replayed
 * response must not deliver a second time.
 */
const NOT_STORED = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'te',
  'transfer-encoding',
  'upgrade',
  'set-cookie',
]);

/**
 * Kept from the original response when a `304` arrives: `content-length` (RFC 9111 3.2 forbids
 * updating it), and fields the stored body depends on: the body is kept decoded, as text, and is
 * parsed according to the stored `content-type`, so a `304` must not change how it is read.
 */
const NOT_UPDATED = new Set(['content-length', 'content-encoding', 'content-type', 'content-range']);

/** Header fields of a response as the cache stores them: lower-case names, storable fields only. */
export function storableHeaders(headers: Headers): Record<string, string> {
  const out: Record<string, string> = {};
  const dropped = connectionTokens(headers.get('connection'));
  headers.forEach((value, name) => {
    if (!NOT_STORED.has(name) && !dropped.has(name)) out[name] = value;
  });
  return out;
}

/**
 * The stored fields updated by a `304`: every field the `304` carries replaces the stored one,
 * except the ones in `NOT_UPDATED`, connection-specific ones, and `set-cookie`.
 * @see https://www.rfc-editor.org/rfc/rfc9111#section-3.2
 */
export function mergeNotModifiedHeaders(
  stored: Readonly<Record<string, string>>,
  notModified: Headers,
): Record<string, string> {
  // One pass over the Headers object (its methods are costly), then plain-object work.
  const fields: string[] = [];
  let connection: string | undefined;
  notModified.forEach((value, name) => {
    if (name === 'connection') connection = value;
    else fields.push(name, value);
  });
  const dropped = connectionTokens(connection ?? null);
  const out: Record<string, string> = { ...stored };
  for (let i = 0; i < fields.length; i += 2) {
    const name = fields[i]!;
    if (!NOT_STORED.has(name) && !NOT_UPDATED.has(name) && !dropped.has(name)) out[name] = fields[i + 1]!;
  }
  return out;
}

/**
 * Whether a `304` refers to the stored response we validated with. Its `ETag` must weakly match
 * ours (RFC 9111 4.3.4). A `304` without `ETag` is accepted: we sent exactly one tag, so the server
 * can only have meant that one, and many servers omit it even though RFC 9110 15.4.5 asks for it.
 * A malformed or different tag means the server answered about something else: the caller then
 * fetches again without `If-None-Match` rather than return a body the server did not confirm.
 * @see https://www.rfc-editor.org/rfc/rfc9111#section-4.3.4
 */
export function notModifiedSelects(stored: EntityTag, notModifiedEtag: string | null | undefined): boolean {
  if (notModifiedEtag == null) return true;
  const tag = parseEntityTag(notModifiedEtag);
  return tag !== undefined && weakMatch(stored, tag);
}

/** Field names listed in `Connection`, which are hop-by-hop for this message only. */
function connectionTokens(connection: string | null): Set<string> {
  const out = new Set<string>();
  if (connection) for (const t of connection.split(',')) out.add(t.trim().toLowerCase());
  return out;
}
