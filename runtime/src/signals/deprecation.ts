/**
 * The server's word that an endpoint is going away: `Deprecation` (RFC 9745), `Sunset` (RFC 8594)
 * and their `Link` relations. Pure parsers; `signals.ts` decides when to warn.
 */
import { parseLinkHeader } from '../pagination/link-header.js';
import { parseHttpDate } from '../retry/retry-after.js';

/** What `onDeprecation` receives, once per operation. */
export interface DeprecationInfo {
  /** The operation's id (operationId from the spec). */
  readonly operation: string;
  /**
   * When the operation was (or will be) deprecated, from the `Deprecation` header; `true` when the
   * spec or an older server (`Deprecation: true`) says so without a date.
   */
  readonly deprecation: Date | true;
  /** When it stops working, from the `Sunset` header. */
  readonly sunset?: Date | undefined;
  /** Where to read more: the `Link` with `rel="deprecation"`, else `rel="sunset"`. */
  readonly link?: string | undefined;
  /** `spec`: the API description marks the operation deprecated; `server`: a response said so. */
  readonly source: 'spec' | 'server';
}

/** Called once per operation when it is deprecated (spec or server); may not throw into the call. */
export type OnDeprecation = (info: DeprecationInfo) => void;

/**
 * `Deprecation: @1688169599` (an RFC 9651 Date: `@` and integer seconds since the epoch). Also read:
 * `true` (drafts before RFC 9745) and an HTTP-date (older drafts); anything else is `undefined`.
 * @see https://www.rfc-editor.org/rfc/rfc9745#section-2
 */
export function parseDeprecation(value: string | null | undefined, now: number): Date | true | undefined {
  if (value == null) return undefined;
  const text = value.trim();
  const structured = /^@(-?\d{1,15})$/.exec(text);
  if (structured) return new Date(Number(structured[1]) * 1000);
  if (text.toLowerCase() === 'true' || text === '?1') return true;
  const date = parseHttpDate(text, now);
  return date === undefined ? undefined : new Date(date);
}

/**
 * `Sunset: Sat, 31 Dec 2026 23:59:59 GMT` (an HTTP-date).
 * @see https://www.rfc-editor.org/rfc/rfc8594#section-3
 */
export function parseSunset(value: string | null | undefined, now: number): Date | undefined {
  if (value == null) return undefined;
  const date = parseHttpDate(value, now);
  return date === undefined ? undefined : new Date(date);
}

/** The documentation link of a `Link` header: `rel="deprecation"` first, else `rel="sunset"`, resolved against `base`. */
export function deprecationLink(link: string | null | undefined, base: string): string | undefined {
  const links = parseLinkHeader(link);
  const found = links.find((l) => l.rel.includes('deprecation')) ?? links.find((l) => l.rel.includes('sunset'));
  if (found === undefined) return undefined;
  try {
    return new URL(found.uri, base).href;
  } catch {
    return undefined;
  }
}

/** What a response's headers say about deprecation, or `undefined` when nothing. */
export function deprecationOf(
  headers: { get(name: string): string | null | undefined },
  url: string,
  now: number,
): { deprecation: Date | true | undefined; sunset: Date | undefined; link: string | undefined } | undefined {
  const deprecation = parseDeprecation(headers.get('deprecation'), now);
  const sunset = parseSunset(headers.get('sunset'), now);
  if (deprecation === undefined && sunset === undefined) return undefined;
  return { deprecation, sunset, link: deprecationLink(headers.get('link'), url) };
}
