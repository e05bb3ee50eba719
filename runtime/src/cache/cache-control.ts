/**
 * `Cache-Control` parsing, just enough for a validation cache.
 * @see https://www.rfc-editor.org/rfc/rfc9111#section-5.2
 */

/**
 * Directives by lower-case name. A directive without an argument maps to `true`; one with an
 * argument maps to the argument (quotes removed). The first occurrence of a directive wins.
 */
export type CacheDirectives = Readonly<Record<string, string | true>>;

/**
 * Parses a `Cache-Control` value such as `private, max-age=60, no-cache="set-cookie"`. Commas inside
 * quoted arguments do not split directives. Never throws: malformed parts are skipped.
 * @see https://www.rfc-editor.org/rfc/rfc9111#section-5.2
 */
export function parseCacheControl(header: string | null | undefined): CacheDirectives {
  const out: Record<string, string | true> = {};
  if (!header) return out;
  for (const part of splitOutsideQuotes(header)) {
    const eq = part.indexOf('=');
    const name = (eq === -1 ? part : part.slice(0, eq)).trim().toLowerCase();
    if (name === '' || !/^[!#$%&'*+.^_`|~0-9a-z-]+$/.test(name) || Object.hasOwn(out, name)) continue;
    if (eq === -1) {
      out[name] = true;
      continue;
    }
    let arg = part.slice(eq + 1).trim();
    if (arg.length >= 2 && arg.startsWith('"') && arg.endsWith('"')) arg = arg.slice(1, -1).replace(/\\(.)/g, '$1');
    out[name] = arg;
  }
  return out;
}

/**
 * Whether a response may be stored at all. `no-store` forbids it; a qualified `no-store="..."`
 * (not defined by the RFC) is treated as plain `no-store`, erring on the safe side.
 * `private` is fine: this cache belongs to one client, and entries are partitioned by credentials.
 * `no-cache` is fine too: every stored entry is revalidated before use anyway.
 * @see https://www.rfc-editor.org/rfc/rfc9111#section-5.2.2.5
 */
export function isStorable(directives: CacheDirectives): boolean {
  return directives['no-store'] === undefined;
}

function splitOutsideQuotes(header: string): string[] {
  const parts: string[] = [];
  let start = 0;
  let quoted = false;
  for (let i = 0; i < header.length; i++) {
    const c = header[i];
    if (c === '\\' && quoted) i++;
    else if (c === '"') quoted = !quoted;
    else if (c === ',' && !quoted) {
      parts.push(header.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(header.slice(start));
  return parts;
}
