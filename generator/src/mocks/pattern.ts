/**
 * A sample string for a regular expression (`pattern`), for the common shapes specs use:
 * anchors, literals, escapes (`\d`, `\w`, `\s`, `\.`), character classes with ranges, `.`,
 * groups with alternation (the first alternative), and quantifiers (`?`, `*`, `+`, `{n}`, `{n,m}`;
 * the minimum count, at least one for `+`). Anything else (lookarounds, backreferences) gives
 * `undefined`, and so does a sample that the pattern, checked with the real `RegExp`, rejects.
 *
 * @see https://spec.openapis.org/oas/v3.1.0#data-types (patterns are ECMA-262 regular expressions)
 */
import { isSafeToRun } from './safe-pattern.js';

/** Longest pattern text attempted; longer ones are left to the caller's fallback. */
const MAX_PATTERN = 500;

class Unsupported extends Error {}

interface Cursor {
  readonly text: string;
  at: number;
}

/** The first character a class escape or class admits. */
const CLASS_ESCAPES: Readonly<Record<string, string>> = { d: '0', w: 'a', s: ' ', D: 'a', W: '-', S: 'a' };

function escapeChar(c: Cursor): string {
  const ch = c.text[c.at++];
  if (ch === undefined) throw new Unsupported();
  if (Object.hasOwn(CLASS_ESCAPES, ch)) return CLASS_ESCAPES[ch]!;
  if (ch === 'n') return '\n';
  if (ch === 't') return '\t';
  if (ch === 'u' && /^[0-9a-fA-F]{4}$/.test(c.text.slice(c.at, c.at + 4))) {
    c.at += 4;
    return String.fromCharCode(parseInt(c.text.slice(c.at - 4, c.at), 16));
  }
  if (/[0-9bBpPk]/.test(ch)) throw new Unsupported(); // backreferences, word boundaries, properties
  return ch;
}

/** `[...]`: the first admitted character (for a negated class, the first of a few candidates not excluded). */
function characterClass(c: Cursor): string {
  const negated = c.text[c.at] === '^';
  if (negated) c.at++;
  const members: [string, string][] = [];
  let first = true;
  while (c.at < c.text.length && (c.text[c.at] !== ']' || first)) {
    first = false;
    let low = c.text[c.at++]!;
    if (low === '\\') low = escapeChar(c);
    let high = low;
    if (c.text[c.at] === '-' && c.text[c.at + 1] !== undefined && c.text[c.at + 1] !== ']') {
      c.at++;
      high = c.text[c.at++]!;
      if (high === '\\') high = escapeChar(c);
    }
    members.push([low, high]);
  }
  if (c.text[c.at] !== ']') throw new Unsupported();
  c.at++;
  const admits = (ch: string): boolean => members.some(([lo, hi]) => ch >= lo && ch <= hi);
  if (!negated) {
    const [lo] = members[0] ?? [];
    if (lo === undefined) throw new Unsupported();
    return lo;
  }
  const pick = ['a', 'x', '0', '_', '-', ' '].find((ch) => !admits(ch));
  if (pick === undefined) throw new Unsupported();
  return pick;
}

/** `{n}`, `{n,}`, `{n,m}`, `?`, `*`, `+`: how many times to repeat the atom. */
function quantifier(c: Cursor): number {
  const ch = c.text[c.at];
  let count = 1;
  if (ch === '?' || ch === '*') {
    c.at++;
    count = 0;
  } else if (ch === '+') {
    c.at++;
  } else if (ch === '{') {
    const match = /^\{(\d+)(,\d*)?\}/.exec(c.text.slice(c.at));
    if (match === null) return 1;
    c.at += match[0].length;
    count = Number(match[1]);
  } else {
    return 1;
  }
  if (c.text[c.at] === '?') c.at++; // lazy
  return count;
}

/** One alternative up to `|` or `)`. */
function sequence(c: Cursor): string {
  let out = '';
  while (c.at < c.text.length) {
    const ch = c.text[c.at]!;
    if (ch === '|' || ch === ')') break;
    c.at++;
    let atom: string;
    if (ch === '^' || ch === '$') continue;
    if (ch === '\\') atom = escapeChar(c);
    else if (ch === '[') atom = characterClass(c);
    else if (ch === '.') atom = 'a';
    else if (ch === '(') atom = group(c);
    else if (ch === '*' || ch === '+' || ch === '?' || ch === '{') throw new Unsupported();
    else atom = ch;
    out += atom.repeat(quantifier(c));
  }
  return out;
}

/** `(...)`, `(?:...)`, `(?<name>...)`: the first alternative. Lookarounds are unsupported. */
function group(c: Cursor): string {
  if (c.text[c.at] === '?') {
    if (c.text[c.at + 1] === ':') c.at += 2;
    else if (c.text[c.at + 1] === '<' && c.text[c.at + 2] !== '=' && c.text[c.at + 2] !== '!') c.at = c.text.indexOf('>', c.at) + 1;
    else throw new Unsupported();
  }
  const result = alternation(c);
  if (c.text[c.at] !== ')') throw new Unsupported();
  c.at++;
  return result;
}

function alternation(c: Cursor): string {
  const first = sequence(c);
  let depth = 0;
  // Skip the other alternatives of this level.
  while (c.at < c.text.length) {
    const ch = c.text[c.at]!;
    if (ch === '\\') c.at += 2;
    else if (ch === '[') {
      const probe: Cursor = { text: c.text, at: c.at + 1 };
      characterClass(probe);
      c.at = probe.at;
    } else if (ch === '(') {
      depth++;
      c.at++;
    } else if (ch === ')') {
      if (depth === 0) break;
      depth--;
      c.at++;
    } else c.at++;
  }
  return first;
}

/** A string the pattern matches, or `undefined` when none could be built. Pure. */
export function patternSample(pattern: string): string | undefined {
  if (pattern.length > MAX_PATTERN) return undefined;
  let regexp: RegExp;
  try {
    regexp = new RegExp(pattern, 'u');
  } catch {
    return undefined;
  }
  try {
    const cursor: Cursor = { text: pattern, at: 0 };
    const sample = alternation(cursor);
    if (cursor.at !== pattern.length) return undefined;
    return isSafeToRun(pattern, sample) && regexp.test(sample) ? sample : undefined;
  } catch (error) {
    if (error instanceof Unsupported) return undefined;
    throw error;
  }
}
