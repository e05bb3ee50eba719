/**
 * Pure naming helpers: turning spec strings (tags, operationIds, parameter names) into identifiers,
 * class names and file names. Everything here is deterministic and side-effect free except
 * {@link uniqueName}, which records the name it hands out in the caller's set.
 */

/**
 * Words that cannot be used as a binding (variable, parameter) name in strict-mode ES modules.
 * They remain fine as property or method names (`client.pets.delete()`).
 * @see https://tc39.es/ecma262/#sec-keywords-and-reserved-words
 */
export const RESERVED_WORDS: ReadonlySet<string> = new Set([
  'await', 'break', 'case', 'catch', 'class', 'const', 'continue', 'debugger', 'default', 'delete', 'do',
  'else', 'enum', 'export', 'extends', 'false', 'finally', 'for', 'function', 'if', 'implements', 'import',
  'in', 'instanceof', 'interface', 'let', 'new', 'null', 'package', 'private', 'protected', 'public',
  'return', 'static', 'super', 'switch', 'this', 'throw', 'true', 'try', 'typeof', 'var', 'void', 'while',
  'with', 'yield', 'arguments', 'eval', 'undefined',
]);

const IDENTIFIER_NAME = /^[\p{ID_Start}$_][\p{ID_Continue}$\u200c\u200d]*$/u;

/**
 * Splits any spelling into words: separators (`-`, `_`, `/`, spaces, punctuation) and case changes
 * (`getPetById`, `HTTPServer`) are boundaries; digits stay with the word before them (`v2`).
 */
export function splitWords(input: string): string[] {
  return input
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .replace(/([\p{Ll}\p{N}])(\p{Lu})/gu, '$1 $2')
    .replace(/(\p{Lu}+)(\p{Lu}\p{Ll})/gu, '$1 $2')
    .split(' ')
    .filter((w) => w.length > 0);
}

function capitalize(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1).toLowerCase();
}

/** `repos/get-content` -> `reposGetContent`; `HTTPServer` -> `httpServer`. */
export function camelCase(input: string): string {
  const words = splitWords(input);
  return words.map((w, i) => (i === 0 ? w.toLowerCase() : capitalize(w))).join('');
}

/** `list-pets` -> `ListPets`. */
export function pascalCase(input: string): string {
  return splitWords(input).map(capitalize).join('');
}

/** `PetStore` -> `pet-store`; `issueComments` -> `issue-comments`. */
export function kebabCase(input: string): string {
  return splitWords(input)
    .map((w) => w.toLowerCase())
    .join('-');
}

/** True when `name` is an IdentifierName (valid as a property or method name, reserved words included). */
export function isIdentifierName(name: string): boolean {
  return IDENTIFIER_NAME.test(name);
}

/** True when `name` can be declared as a variable or parameter in strict-mode ESM. */
export function isValidIdentifier(name: string): boolean {
  return IDENTIFIER_NAME.test(name) && !RESERVED_WORDS.has(name);
}

/**
 * A camelCase binding name for any spec string: a leading digit gets a `_` prefix, a reserved
 * word gets a `_` suffix (`default` -> `default_`), an empty result becomes `fallback`.
 * @default fallback 'value'
 */
export function safeIdentifier(input: string, reserved: ReadonlySet<string> = RESERVED_WORDS, fallback = 'value'): string {
  let name = camelCase(input);
  if (name === '') name = fallback;
  if (/^\p{N}/u.test(name)) name = `_${name}`;
  if (reserved.has(name)) name = `${name}_`;
  return name;
}

const IRREGULAR_PLURALS: ReadonlyMap<string, string> = new Map([
  ['person', 'people'],
  ['child', 'children'],
  ['man', 'men'],
  ['woman', 'women'],
  ['mouse', 'mice'],
]);
const IRREGULAR_SINGULARS: ReadonlyMap<string, string> = new Map([...IRREGULAR_PLURALS].map(([s, p]) => [p, s]));
/** Words whose singular and plural are the same, or that look plural but are not. */
const INVARIANT = new Set(['data', 'metadata', 'series', 'species', 'news', 'info', 'information', 'status', 'settings', 'access', 'analysis', 'sms']);

/** Lowercase English singular, good enough for resource nouns: `pets` -> `pet`, `policies` -> `policy`. */
export function singular(word: string): string {
  const w = word.toLowerCase();
  if (INVARIANT.has(w)) return w;
  const irregular = IRREGULAR_SINGULARS.get(w);
  if (irregular !== undefined) return irregular;
  if (/[^aeiou]ies$/.test(w)) return `${w.slice(0, -3)}y`;
  if (/(ss|x|z|ch|sh)es$/.test(w)) return w.slice(0, -2);
  if (/(ss|us|is)$/.test(w)) return w;
  if (w.endsWith('s') && w.length > 1) return w.slice(0, -1);
  return w;
}

/** Lowercase English plural: `pet` -> `pets`, `policy` -> `policies`, `box` -> `boxes`. */
export function plural(word: string): string {
  const w = word.toLowerCase();
  if (INVARIANT.has(w)) return w;
  const irregular = IRREGULAR_PLURALS.get(w);
  if (irregular !== undefined) return irregular;
  if (IRREGULAR_SINGULARS.has(w)) return w;
  if (/[^aeiou]y$/.test(w)) return `${w.slice(0, -1)}ies`;
  if (/(s|x|z|ch|sh)$/.test(w)) return `${w}es`;
  return `${w}s`;
}

/**
 * Returns `base` if `taken` lacks it, else `base2`, `base3`, ...; records the result in `taken`.
 * `key` maps names to what must be unique (e.g. lowercase for case-insensitive file systems).
 */
export function uniqueName(base: string, taken: Set<string>, key: (name: string) => string = (n) => n): string {
  let name = base;
  for (let i = 2; taken.has(key(name)); i++) name = `${base}${i}`;
  taken.add(key(name));
  return name;
}

/** Edit distance (insert, delete, substitute), used for "did you mean" hints. */
export function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      row.push(Math.min((prev[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost));
    }
    prev = row;
  }
  return prev[b.length] ?? 0;
}

/**
 * Candidates close to `name` (case-insensitive equal, or at most 2 edits for names longer than 3),
 * best first, at most `limit`.
 * @default limit 3
 */
export function closestNames(name: string, candidates: Iterable<string>, limit = 3): string[] {
  const lower = name.toLowerCase();
  const scored: [string, number][] = [];
  for (const c of candidates) {
    const d = c.toLowerCase() === lower ? 0 : editDistance(lower, c.toLowerCase());
    if (d === 0 || (d <= 2 && name.length > 3)) scored.push([c, d]);
  }
  return scored
    .sort((x, y) => x[1] - y[1] || (x[0] < y[0] ? -1 : 1))
    .slice(0, limit)
    .map(([c]) => c);
}
