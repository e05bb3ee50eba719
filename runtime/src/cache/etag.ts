/**
 * Entity tags: parsing and the two comparison functions of RFC 9110.
 * @see https://www.rfc-editor.org/rfc/rfc9110#section-8.8.3
 */

/** A parsed `ETag` value. */
export interface EntityTag {
  /** `W/` prefix present: the representations are only semantically equivalent. */
  readonly weak: boolean;
  /** The quoted part, quotes included, e.g. `"v7"`. */
  readonly opaque: string;
  /** The whole tag as it goes on the wire, e.g. `W/"v7"`. */
  readonly value: string;
}

/**
 * Parses one entity tag, `undefined` when it does not follow the grammar
 * (`[W/] DQUOTE *etagc DQUOTE`, etagc = `%x21 / %x23-7E / obs-text`). An unquoted tag, a lower-case
 * `w/`, or two tags joined by a comma (duplicate `ETag` fields) are all malformed: sending them back
 * in `If-None-Match` would be guesswork, so the cache does not store such responses.
 * @see https://www.rfc-editor.org/rfc/rfc9110#section-8.8.3
 */
export function parseEntityTag(raw: string | null | undefined): EntityTag | undefined {
  if (raw == null) return undefined;
  const value = raw.trim();
  const weak = value.startsWith('W/');
  const opaque = weak ? value.slice(2) : value;
  if (opaque.length < 2 || opaque.charCodeAt(0) !== 0x22 || opaque.charCodeAt(opaque.length - 1) !== 0x22) {
    return undefined;
  }
  for (let i = 1; i < opaque.length - 1; i++) {
    const c = opaque.charCodeAt(i);
    if (c < 0x21 || c === 0x22 || c === 0x7f || c > 0xff) return undefined;
  }
  return { weak, opaque, value };
}

/**
 * Weak comparison: the opaque tags match, whatever the `W/` prefixes. This is the comparison for
 * `If-None-Match` and for selecting the stored response a `304` refers to.
 * @see https://www.rfc-editor.org/rfc/rfc9110#section-8.8.3.2
 */
export function weakMatch(a: EntityTag, b: EntityTag): boolean {
  return a.opaque === b.opaque;
}

/**
 * Strong comparison: both tags strong and the opaque tags match. Servers use it for `If-Match`, which
 * is why a weak tag sent in `If-Match` never succeeds on a conforming server.
 * @see https://www.rfc-editor.org/rfc/rfc9110#section-13.1.1
 */
export function strongMatch(a: EntityTag, b: EntityTag): boolean {
  return !a.weak && !b.weak && a.opaque === b.opaque;
}
