/**
 * A small, forgiving parser for the HTTP `Link` header (RFC 8288), enough to find `rel="next"`.
 * @see https://www.rfc-editor.org/rfc/rfc8288#section-3
 */

/** One link-value of a `Link` header. */
export interface LinkValue {
  /** The URI reference between `<` and `>`, as written (possibly relative). */
  readonly uri: string;
  /** Relation types, lowercased (`rel="next last"` gives `['next', 'last']`). */
  readonly rel: readonly string[];
  /** Every parameter by lowercased name, first occurrence wins; valueless parameters map to `''`. */
  readonly params: Readonly<Record<string, string>>;
}

/**
 * Parses a `Link` header into its link-values, in order. Malformed link-values are skipped rather than
 * failing the whole header, because a server's broken `prev` link should not hide a good `next`.
 * Commas and semicolons inside `<...>` and inside quoted strings do not split.
 */
export function parseLinkHeader(header: string | null | undefined): LinkValue[] {
  const links: LinkValue[] = [];
  if (!header) return links;
  let i = 0;
  const n = header.length;
  while (i < n) {
    const open = header.indexOf('<', i);
    if (open === -1) break;
    const close = header.indexOf('>', open + 1);
    if (close === -1) break;
    const uri = header.slice(open + 1, close).trim();
    i = close + 1;
    const params: Record<string, string> = {};
    // Parameters run until the next top-level comma.
    while (i < n) {
      i = skipSpace(header, i);
      const c = header[i];
      if (c === ',') {
        i++;
        break;
      }
      if (c !== ';') {
        // Garbage after the URI (or a new `<` without a comma): this link-value ends here.
        if (c !== '<') i = nextTopLevelComma(header, i);
        break;
      }
      i = skipSpace(header, i + 1);
      const nameStart = i;
      while (i < n && !'=;, \t'.includes(header[i] as string)) i++;
      const name = header.slice(nameStart, i).toLowerCase();
      i = skipSpace(header, i);
      let value = '';
      if (header[i] === '=') {
        i = skipSpace(header, i + 1);
        if (header[i] === '"') {
          const parsed = readQuoted(header, i);
          value = parsed.value;
          i = parsed.end;
        } else {
          const valueStart = i;
          while (i < n && !';, \t'.includes(header[i] as string)) i++;
          value = header.slice(valueStart, i);
        }
      }
      if (name !== '' && !(name in params)) params[name] = value;
    }
    const rel = (params['rel'] ?? '')
      .toLowerCase()
      .split(/[ \t]+/)
      .filter((r) => r !== '');
    links.push({ uri, rel, params });
  }
  return links;
}

/**
 * The absolute URL of the `rel="next"` link, resolved against `base` (the URL of the response that
 * carried the header), or `undefined` when there is none or it does not resolve.
 */
export function nextLinkUrl(header: string | null | undefined, base: string): string | undefined {
  const next = parseLinkHeader(header).find((l) => l.rel.includes('next'));
  if (!next) return undefined;
  try {
    return new URL(next.uri, base).href;
  } catch {
    return undefined;
  }
}

function skipSpace(s: string, i: number): number {
  while (i < s.length && (s[i] === ' ' || s[i] === '\t')) i++;
  return i;
}

/** Reads a quoted-string starting at `s[start] === '"'`, undoing `\` escapes. */
function readQuoted(s: string, start: number): { value: string; end: number } {
  let value = '';
  let i = start + 1;
  while (i < s.length) {
    const c = s[i] as string;
    if (c === '\\' && i + 1 < s.length) {
      value += s[i + 1];
      i += 2;
    } else if (c === '"') {
      return { value, end: i + 1 };
    } else {
      value += c;
      i++;
    }
  }
  return { value, end: i };
}

/** Index just past the next comma that is outside `<...>` and quotes (or the end). */
function nextTopLevelComma(s: string, i: number): number {
  while (i < s.length) {
    const c = s[i];
    if (c === '"') i = readQuoted(s, i).end;
    else if (c === '<') {
      // A new link-value started without a comma: let the outer loop take it.
      return i;
    } else if (c === ',') return i + 1;
    else i++;
  }
  return i;
}
