/**
 * `Vary`: which request headers select among a resource's representations.
 * @see https://www.rfc-editor.org/rfc/rfc9110#section-12.5.5
 */

/**
 * Parses a `Vary` value into lower-case header names, sorted and without duplicates, so that
 * `Accept-Language, accept` and `Accept, Accept-Language` produce the same key. `'*'` when any
 * member is `*` (the response varies on things outside the request: never reused).
 * An absent or empty header gives `[]`.
 * @see https://www.rfc-editor.org/rfc/rfc9111#section-4.1
 */
export function parseVary(header: string | null | undefined): readonly string[] | '*' {
  if (!header) return [];
  const names = new Set<string>();
  for (const raw of header.split(',')) {
    const name = raw.trim().toLowerCase();
    if (name === '*') return '*';
    if (/^[!#$%&'*+.^_`|~0-9a-z-]+$/.test(name)) names.add(name);
  }
  return [...names].sort();
}

/**
 * The request's values for the `Vary` names, in the same order; an absent header is `null`, which
 * differs from an empty one. Repeated whitespace is collapsed, since RFC 9111 lets a cache
 * normalize values that way and `en,  fr` means the same as `en, fr`.
 * @see https://www.rfc-editor.org/rfc/rfc9111#section-4.1
 */
export function varyValues(
  names: readonly string[],
  requestHeaders: Readonly<Record<string, string | undefined>>,
): (string | null)[] {
  return names.map((name) => {
    const value = requestHeaders[name];
    return value === undefined ? null : value.trim().replace(/\s+/g, ' ');
  });
}
