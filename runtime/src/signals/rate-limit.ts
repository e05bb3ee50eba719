/**
 * Rate-limit response headers, parsed: the de-facto `X-RateLimit-Limit` / `-Remaining` / `-Reset`
 * family (reset as epoch seconds or as seconds to wait: told apart by size) and the IETF fields,
 * both the structured `RateLimit` / `RateLimit-Policy` pair and the older separate
 * `RateLimit-Limit` / `-Remaining` / `-Reset`. Pure: the current time is passed in.
 * @see https://datatracker.ietf.org/doc/draft-ietf-httpapi-ratelimit-headers/
 */

/** What `response.rateLimit` holds. */
export interface RateLimitInfo {
  /** Requests allowed per window (the quota). */
  readonly limit?: number | undefined;
  /** Requests left in the current window. */
  readonly remaining?: number | undefined;
  /** When the window resets. */
  readonly reset?: Date | undefined;
  /** Milliseconds from the response until the reset. */
  readonly resetAfter?: number | undefined;
  /** The governing `RateLimit-Policy` item as sent, e.g. `"default";q=100;w=60`. */
  readonly policy?: string | undefined;
  /** The policy's window in ms (`w`), when it names one. */
  readonly window?: number | undefined;
}

/** The one thing the parsers need from headers. */
export interface HeaderGetter {
  get(name: string): string | null | undefined;
}

/**
 * Above this a `X-RateLimit-Reset` value is a point in time (seconds since the epoch, as GitHub
 * sends), below it a number of seconds to wait: 1e9 seconds is 2001 as a date, 31 years as a wait.
 */
const EPOCH_SECONDS_FROM = 1e9;
/** Above this it is milliseconds since the epoch (a few servers send them). */
const EPOCH_MS_FROM = 1e12;

/** A non-negative number (integers, and fractions some servers send); the first member of a list. */
function number(value: string | null | undefined): number | undefined {
  if (value == null) return undefined;
  const first = value.split(',')[0]!.split(';')[0]!.trim();
  if (!/^\d+(?:\.\d+)?$/.test(first)) return undefined;
  return Number(first);
}

function resetFromDelta(seconds: number | undefined, now: number): Pick<RateLimitInfo, 'reset' | 'resetAfter'> {
  if (seconds === undefined) return {};
  const resetAfter = Math.ceil(seconds * 1000);
  return { reset: new Date(now + resetAfter), resetAfter };
}

/**
 * `X-RateLimit-Reset`: epoch milliseconds, epoch seconds or delta seconds, told apart by magnitude.
 * @returns ms since the epoch, or `undefined`
 */
export function parseRateLimitReset(value: string | null | undefined, now: number): number | undefined {
  const n = number(value);
  if (n === undefined) return undefined;
  if (n >= EPOCH_MS_FROM) return Math.ceil(n);
  if (n >= EPOCH_SECONDS_FROM) return Math.ceil(n * 1000);
  return now + Math.ceil(n * 1000);
}

function fromXHeaders(headers: HeaderGetter, now: number): RateLimitInfo | undefined {
  for (const prefix of ['x-ratelimit-', 'x-rate-limit-']) {
    const limit = number(headers.get(`${prefix}limit`));
    const remaining = number(headers.get(`${prefix}remaining`));
    const after = number(headers.get(`${prefix}reset-after`));
    const at = after === undefined ? parseRateLimitReset(headers.get(`${prefix}reset`), now) : now + Math.ceil(after * 1000);
    if (limit === undefined && remaining === undefined && at === undefined) continue;
    return {
      limit,
      remaining,
      ...(at === undefined ? {} : { reset: new Date(at), resetAfter: Math.max(0, at - now) }),
    };
  }
  return undefined;
}

/** One member of a structured-field list: its bare item and parameters (RFC 9651, read leniently). */
export interface SfItem {
  readonly value: string;
  readonly params: Readonly<Record<string, string>>;
  /** The member's text as sent. */
  readonly raw: string;
}

/** Splits `text` at `sep` outside double-quoted strings. */
function splitOutsideQuotes(text: string, sep: string): string[] {
  const parts: string[] = [];
  let quoted = false;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\\' && quoted) i++;
    else if (c === '"') quoted = !quoted;
    else if (c === sep && !quoted) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts;
}

function unquote(text: string): string {
  const t = text.trim();
  return t.length >= 2 && t.startsWith('"') && t.endsWith('"') ? t.slice(1, -1).replace(/\\(.)/g, '$1') : t;
}

/** A structured-field list (`a;x=1, "b";y=2`) into its members; dictionaries read the same way (`k=v` members). */
export function parseSfList(value: string | null | undefined): SfItem[] {
  if (value == null || value.trim() === '') return [];
  return splitOutsideQuotes(value, ',').map((member) => {
    const [head = '', ...rest] = splitOutsideQuotes(member, ';');
    const params: Record<string, string> = {};
    for (const p of rest) {
      const eq = p.indexOf('=');
      const name = (eq === -1 ? p : p.slice(0, eq)).trim().toLowerCase();
      if (name !== '' && !(name in params)) params[name] = eq === -1 ? '?1' : unquote(p.slice(eq + 1));
    }
    return { value: unquote(head), params, raw: member.trim() };
  });
}

function fromIetf(headers: HeaderGetter, now: number): RateLimitInfo | undefined {
  const field = headers.get('ratelimit');
  const policies = parseSfList(headers.get('ratelimit-policy'));
  const items = parseSfList(field);
  // Older drafts: a dictionary `limit=100, remaining=50, reset=50`.
  const dict = Object.fromEntries(items.map((i) => [i.value.split('=')[0]!.trim().toLowerCase(), i.value.split('=')[1]]));
  if ('remaining' in dict || 'reset' in dict) {
    const policy = policies[0];
    return {
      limit: number(dict['limit']) ?? number(policy?.value),
      remaining: number(dict['remaining']),
      ...resetFromDelta(number(dict['reset']), now),
      ...policyInfo(policy),
    };
  }
  // Current drafts: `"name";r=50;t=30`, one member per policy; the tightest one governs.
  const current = items.filter((i) => i.params['r'] !== undefined);
  if (current.length > 0) {
    const tightest = current.reduce((a, b) => ((number(b.params['r']) ?? Infinity) < (number(a.params['r']) ?? Infinity) ? b : a));
    const policy = policies.find((p) => p.value === tightest.value) ?? (policies.length === 1 ? policies[0] : undefined);
    return {
      limit: number(policy?.params['q']),
      remaining: number(tightest.params['r']),
      ...resetFromDelta(number(tightest.params['t']), now),
      ...policyInfo(policy),
    };
  }
  // Drafts 00 to 06: separate fields, reset in seconds.
  const limit = number(headers.get('ratelimit-limit'));
  const remaining = number(headers.get('ratelimit-remaining'));
  const reset = number(headers.get('ratelimit-reset'));
  if (limit === undefined && remaining === undefined && reset === undefined) return undefined;
  return { limit, remaining, ...resetFromDelta(reset, now), ...policyInfo(policies[0]) };
}

function policyInfo(policy: SfItem | undefined): Pick<RateLimitInfo, 'policy' | 'window'> {
  if (policy === undefined) return {};
  const w = number(policy.params['w']);
  return { policy: policy.raw, ...(w === undefined ? {} : { window: w * 1000 }) };
}

/**
 * The rate limit a response announces, or `undefined` when it announces none. The IETF fields win
 * over the `X-` ones when a server sends both.
 * @param now when the response arrived, ms since the epoch (delta resets count from it)
 */
export function parseRateLimit(headers: HeaderGetter, now: number): RateLimitInfo | undefined {
  const info = fromIetf(headers, now) ?? fromXHeaders(headers, now);
  if (info === undefined) return undefined;
  // Drop absent members, so results compare and print cleanly.
  return Object.fromEntries(Object.entries(info).filter(([, v]) => v !== undefined)) as RateLimitInfo;
}
