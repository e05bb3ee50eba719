/**
 * Method names on a resource: from the operationId (minus a `tag/` prefix naming the resource),
 * with the resource noun dropped where that stays unambiguous (`listPets` -> `pets.list`), else
 * synthesized from the HTTP method and path. Unique within the resource.
 */
import { camelCase, singular, splitWords, uniqueName } from '../naming.js';

/** Turns a camelCase stem into a member name: never empty, never starting with a digit or `_`. */
export function memberName(stem: string, fallback: string): string {
  const name = camelCase(stem);
  if (name === '') return fallback;
  return /^\p{N}/u.test(name) ? `${fallback}${name}` : name;
}

/** True when `word` is the resource noun in singular or plural. */
function sameNoun(a: string, b: string): boolean {
  return singular(a) === singular(b);
}

/** operationId with a leading `resource/` segment dropped when it names this resource. */
export function stripResourcePrefix(operationId: string, resourceProperty: string): string {
  const segments = operationId.split('/').filter((s) => s !== '');
  const first = segments[0];
  if (segments.length > 1 && first !== undefined && sameNoun(camelCase(first).toLowerCase(), resourceProperty.toLowerCase())) {
    return segments.slice(1).join(' ');
  }
  return segments.join(' ');
}

/** `getPetById` in `pets` -> `getById`; returns the name unchanged when the noun is absent or is all of it. */
export function dropNoun(name: string, resourceProperty: string): string {
  const words = splitWords(name).map((w) => w.toLowerCase());
  const noun = splitWords(resourceProperty).map((w) => w.toLowerCase());
  if (noun.length === 0 || words.length <= noun.length) return name;
  const head = noun.slice(0, -1);
  const last = noun.at(-1) ?? '';
  for (let i = 0; i + noun.length <= words.length; i++) {
    const matches = head.every((w, j) => words[i + j] === w) && sameNoun(words[i + noun.length - 1] ?? '', last);
    // The last word may differ in number: `createPet` in `pets`.
    if (matches) {
      const rest = [...words.slice(0, i), ...words.slice(i + noun.length)];
      return camelCase(rest.join(' '));
    }
  }
  return name;
}

/** Verb for an operation without operationId. */
function verbFor(method: string, endsWithParam: boolean, siblingMethods: readonly string[]): string {
  switch (method) {
    case 'get':
      return endsWithParam ? 'get' : 'list';
    case 'post':
      return 'create';
    case 'put':
      return siblingMethods.includes('patch') ? 'replace' : 'update';
    case 'patch':
      return 'update';
    default:
      return method;
  }
}

/** `get /pets/{id}` in `pets` -> `get`; `get /pets/{id}/toys` -> `listToys`. */
export function synthesizeMethodName(method: string, path: string, resourceProperty: string, siblingMethods: readonly string[]): string {
  const segments = path.split('/').filter((s) => s !== '');
  const endsWithParam = /^\{.*\}$/.test(segments.at(-1) ?? '');
  const literals = segments.filter((s) => !/^\{.*\}$/.test(s));
  const rest = literals.filter((s) => !sameNoun(camelCase(s).toLowerCase(), resourceProperty.toLowerCase()));
  return memberName([verbFor(method, endsWithParam, siblingMethods), ...rest].join(' '), 'call');
}

/** What the namer needs to know about one operation. */
export interface MethodNameInput {
  operationId?: string;
  method: string;
  path: string;
  siblingMethods: readonly string[];
}

/**
 * Method names for one resource's operations, in input order. The noun is dropped only where no
 * other operation of the resource gets the same short name; remaining clashes get `2`, `3`, ...
 */
export function methodNames(ops: readonly MethodNameInput[], resourceProperty: string): string[] {
  const full = ops.map((op) =>
    op.operationId !== undefined && camelCase(op.operationId) !== ''
      ? memberName(stripResourcePrefix(op.operationId, resourceProperty), 'call')
      : synthesizeMethodName(op.method, op.path, resourceProperty, op.siblingMethods),
  );
  const short = full.map((name) => memberName(dropNoun(name, resourceProperty), 'call'));
  // Short names reached from different full names are ambiguous (`listPets` and `list` both -> `list`);
  // the same full name twice (a duplicate operationId) is not, and just gets a numeric suffix.
  const sources = new Map<string, Set<string>>();
  short.forEach((s, i) => sources.set(s, (sources.get(s) ?? new Set()).add(full[i] ?? s)));
  const fullSet = new Set(full);
  const chosen = short.map((s, i) => ((sources.get(s)?.size ?? 0) > 1 || (s !== full[i] && fullSet.has(s)) ? (full[i] ?? s) : s));
  const taken = new Set(['constructor']);
  return chosen.map((name) => uniqueName(name, taken));
}
