/**
 * Safe emission of spec text into generated TypeScript. Everything an emitter takes from a spec
 * (names, paths, descriptions, media types) passes through one of these functions, so a hostile or
 * merely odd spec can never break out of a comment, a string literal or a property key.
 */

// One definition of identifier syntax and reserved words for the whole generator: the normalizer
// picks names by these rules and the emitters check them again before printing.
import { isIdentifierName, isValidIdentifier as isBindingIdentifier } from '../naming.js';

export { isBindingIdentifier, isIdentifierName };

/** An emitter was handed something it must never receive (a normalizer bug, not a spec problem). */
export class EmitError extends Error {
  override readonly name = 'EmitError';
}

/** Line terminators as ECMAScript defines them (a lone CR, CRLF, LF, LS and PS all end a line). */
const LINE_TERMINATORS = /\r\n|[\r\n\u2028\u2029]/g;

/** C0 controls (except tab and line feed), DEL and C1 controls: invisible and can confuse editors and diffs. */
// eslint-disable-next-line no-control-regex
const CONTROL_CHARS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

/**
 * Makes arbitrary text safe inside a `/** ... *\/` comment and returns it as lines (without the
 * ` * ` prefix). `*\/` cannot close the comment, line terminators (including U+2028/U+2029) become
 * separate lines, an `@` that starts a line or follows whitespace (TypeScript reads both as a tag) is
 * escaped as TSDoc's `\@` so a description cannot add tags,
 * and leading/trailing blank lines are dropped.
 */
export function docLines(text: string): string[] {
  const lines = text
    .replace(LINE_TERMINATORS, '\n')
    .replace(CONTROL_CHARS, ' ')
    .replace(/\*\//g, '*\\/')
    .replace(/\/\*/g, '/\\*')
    // Harmless in TypeScript; escaped so the SDK stays safe to inline into HTML, like string literals.
    .replace(/<\/(script)/gi, '<\\/$1')
    .split('\n')
    .map((line) => line.replace(/\s+$/, '').replace(/(^|\s)@/g, '$1\\@'));
  while (lines.length > 0 && lines[0] === '') lines.shift();
  while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/** {@link docLines} joined with `\n`; `''` for text that is empty after trimming. */
export function docText(text: string | undefined): string {
  return text === undefined ? '' : docLines(text).join('\n');
}

/**
 * Makes text safe inside a `//` line comment: one line, no line terminators or control characters.
 */
export function lineCommentText(text: string): string {
  return text.replace(LINE_TERMINATORS, ' ').replace(CONTROL_CHARS, ' ').trim();
}

/**
 * A single-quoted TypeScript string literal for any text. Built on `JSON.stringify` (which escapes
 * backslashes, control characters and lone surrogates) and additionally escapes `'`, U+2028/U+2029
 * (line terminators inside string literals before ES2019 and in some tools) and `</script` /
 * `<!--` so the output is also safe to inline into HTML.
 */
export function stringLiteral(value: string): string {
  const body = JSON.stringify(value)
    .slice(1, -1)
    // Escape pairs are matched as units so `\\"` (an escaped backslash before a quote) stays intact.
    .replace(/\\.|'/g, (m) => (m === '\\"' ? '"' : m === "'" ? "\\'" : m))
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029')
    .replace(/<\/(script)/gi, '<\\/$1')
    .replace(/<!--/g, '<\\!--');
  return `'${body}'`;
}

/** Type names TypeScript reserves (a type alias or class cannot be named like this). */
const RESERVED_TYPE_NAMES = new Set([
  'any', 'unknown', 'never', 'string', 'number', 'boolean', 'symbol', 'object', 'bigint', 'undefined',
]);

/**
 * Returns `name` if it can name a binding (and, with `type`, a type), else throws {@link EmitError}.
 * The normalizer guarantees valid names, so a throw here is a generator bug caught before it
 * becomes broken output.
 */
export function identifier(name: string, what = 'identifier', kind: 'value' | 'type' = 'value'): string {
  if (!isBindingIdentifier(name) || (kind === 'type' && RESERVED_TYPE_NAMES.has(name))) {
    throw new EmitError(`Invalid ${what} handed to an emitter: ${JSON.stringify(name)}`);
  }
  return name;
}

/**
 * A property key for an object literal or type member: bare when it is an identifier name,
 * quoted otherwise. `__proto__` becomes the computed key `['__proto__']` in object literals, where a
 * plain or quoted `__proto__:` would set the prototype instead of defining a property.
 */
export function propertyKey(name: string, context: 'object' | 'type' = 'object'): string {
  if (name === '__proto__') return context === 'object' ? `[${stringLiteral(name)}]` : stringLiteral(name);
  return isIdentifierName(name) ? name : stringLiteral(name);
}

/** Escapes text for Markdown prose: HTML cannot be injected, and the text stays on its lines. */
export function markdownText(text: string): string {
  return text
    .replace(LINE_TERMINATORS, '\n')
    .replace(CONTROL_CHARS, ' ')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;');
}

/** Escapes text for a single Markdown line (headings, table cells). */
export function markdownInline(text: string): string {
  return markdownText(text).replace(/\n+/g, ' ').replace(/\|/g, '\\|').trim();
}
