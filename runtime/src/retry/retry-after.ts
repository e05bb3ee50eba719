/**
 * Parsing of the server's "wait this long before retrying" hints: the non-standard but widespread
 * `retry-after-ms` header and the standard `Retry-After` header (delta-seconds or an HTTP-date).
 *
 * Everything here is pure: the current time is passed in, so tests never depend on the clock.
 */

/** The largest delay reported; larger values (or `Infinity`) are clamped so they stay finite numbers. */
const MAX_DELAY_MS = Number.MAX_SAFE_INTEGER;

/** A non-negative decimal number: digits, optionally a fraction. No sign, no exponent, no hex. */
const DECIMAL = /^\d+(?:\.\d+)?$/;

function clampDelay(ms: number): number {
  return Number.isFinite(ms) ? Math.min(Math.max(0, Math.ceil(ms)), MAX_DELAY_MS) : MAX_DELAY_MS;
}

/**
 * Parses a `retry-after-ms` header value (milliseconds, a non-negative decimal number).
 *
 * @returns the delay in ms, or `undefined` when the value is absent or not a non-negative number.
 */
export function parseRetryAfterMs(value: string | null | undefined): number | undefined {
  if (value == null) return undefined;
  const text = value.trim();
  if (!DECIMAL.test(text)) return undefined;
  return clampDelay(Number(text));
}

const MONTHS: Record<string, number> = {
  Jan: 0, Feb: 1, Mar: 2, Apr: 3, May: 4, Jun: 5, Jul: 6, Aug: 7, Sep: 8, Oct: 9, Nov: 10, Dec: 11,
};
const SHORT_DAYS = '(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)';
const LONG_DAYS = '(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)';
const MONTH = '(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)';
const TIME = '(\\d{2}):(\\d{2}):(\\d{2})';

/** `Sun, 06 Nov 1994 08:49:37 GMT` (the preferred form). */
const IMF_FIXDATE = new RegExp(`^${SHORT_DAYS}, (\\d{2}) ${MONTH} (\\d{4}) ${TIME} GMT$`);
/** `Sunday, 06-Nov-94 08:49:37 GMT` (obsolete, two-digit year). */
const RFC850_DATE = new RegExp(`^${LONG_DAYS}, (\\d{2})-${MONTH}-(\\d{2}) ${TIME} GMT$`);
/** `Sun Nov  6 08:49:37 1994` (C asctime; the day is space-padded). */
const ASCTIME_DATE = new RegExp(`^${SHORT_DAYS} ${MONTH} ([ \\d]\\d) ${TIME} (\\d{4})$`);

function utc(year: number, month: number, day: number, hour: number, minute: number, second: number) {
  // A leap second (60) is allowed by the grammar; it is folded into the next second.
  if (hour > 23 || minute > 59 || second > 60 || day < 1) return undefined;
  const ms = Date.UTC(year, month, day, hour, minute, second);
  // Date.UTC rolls 31 Feb over into March; such a date is garbage, not a date.
  if (new Date(ms).getUTCDate() !== day && second !== 60) return undefined;
  return ms;
}

/**
 * Parses an HTTP-date in any of the three forms a recipient must accept.
 *
 * RFC 850 dates carry a two-digit year; as RFC 9110 asks, a year that would lie more than 50 years in
 * the future is taken as the most recent past year with the same last two digits.
 *
 * @param now current time in ms since the epoch (only used for two-digit years)
 * @returns ms since the epoch, or `undefined` for anything that is not a valid HTTP-date.
 * @see https://www.rfc-editor.org/rfc/rfc9110#section-5.6.7
 */
export function parseHttpDate(value: string, now: number): number | undefined {
  const text = value.trim();
  let m = IMF_FIXDATE.exec(text);
  if (m) {
    return utc(Number(m[3]), MONTHS[m[2]!]!, Number(m[1]), Number(m[4]), Number(m[5]), Number(m[6]));
  }
  m = RFC850_DATE.exec(text);
  if (m) {
    const currentYear = new Date(now).getUTCFullYear();
    let year = Math.floor(currentYear / 100) * 100 + Number(m[3]);
    if (year > currentYear + 50) year -= 100;
    return utc(year, MONTHS[m[2]!]!, Number(m[1]), Number(m[4]), Number(m[5]), Number(m[6]));
  }
  m = ASCTIME_DATE.exec(text);
  if (m) {
    return utc(Number(m[6]), MONTHS[m[1]!]!, Number(m[2]!.trim()), Number(m[3]), Number(m[4]), Number(m[5]));
  }
  return undefined;
}

/**
 * Parses a `Retry-After` header value: delta-seconds or an HTTP-date.
 *
 * Fractional seconds are accepted (some servers send them) and rounded up to whole ms. A date in
 * the past means "retry now" (0). Negative numbers and anything else unparseable give `undefined`,
 * so the caller falls back to its own backoff.
 *
 * @param now current time in ms since the epoch
 * @returns the delay in ms, or `undefined`.
 * @see https://www.rfc-editor.org/rfc/rfc9110#section-10.2.3
 */
export function parseRetryAfter(value: string | null | undefined, now: number): number | undefined {
  if (value == null) return undefined;
  const text = value.trim();
  if (DECIMAL.test(text)) return clampDelay(Number(text) * 1000);
  const date = parseHttpDate(text, now);
  return date === undefined ? undefined : clampDelay(date - now);
}

/** The one thing the retry logic needs from response headers. */
export interface HeaderReader {
  get(name: string): string | null | undefined;
}

/**
 * The server-requested delay before the next attempt: `retry-after-ms` wins, else `Retry-After`.
 *
 * @param now current time in ms since the epoch
 * @returns the delay in ms, or `undefined` when the server expressed no (valid) wish.
 */
export function serverRetryDelay(headers: HeaderReader, now: number): number | undefined {
  return parseRetryAfterMs(headers.get('retry-after-ms')) ?? parseRetryAfter(headers.get('retry-after'), now);
}
