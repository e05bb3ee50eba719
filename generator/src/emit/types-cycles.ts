/**
 * Repairs, in the copy of the document openapi-typescript types, two shapes whose output does not
 * compile (openapi-typescript's own output has the same defects):
 *
 * - A component schema that reaches itself through `$ref`s in eager positions only (the schema
 *   itself, `items`, `prefixItems`, `allOf`, `anyOf`, `oneOf`): `Nested: {type: array, items:
 *   {$ref: Nested}}` becomes `Nested: components["schemas"]["Nested"][]`, TS2502 ("referenced
 *   directly or indirectly in its own type annotation"). Through `properties` or
 *   `additionalProperties` a cycle is fine: those land in a type literal, which TypeScript defers.
 *   Each such cycle is cut at its closing `$ref`, which becomes `{}` (`unknown`).
 * - A discriminator parent whose `oneOf`/`anyOf` children `allOf` the parent (`Pet: {oneOf: [Cat,
 *   Dog]}`, `Cat: {allOf: [Pet, {...}]}`): the child's `$ref` to the parent becomes the parent's
 *   own members (without its `oneOf`, `anyOf` and `discriminator`), which is what the child
 *   inherits; `Pet` stays the union of its children.
 * Also: a component request body, response, parameter or header that is only a `$ref` to another
 * (`requestBodies.Alias: {$ref: .../Real}`) becomes a copy of what the chain ends at;
 * openapi-typescript types such an alias as `{"*\/*"?: never}`.
 * @see https://www.typescriptlang.org/docs/handbook/release-notes/typescript-3-7.html#more-recursive-type-aliases
 */
import { getAt, isObject, parsePointer } from '../load/pointer.js';

type Json = Record<string, unknown>;

const PREFIX = '#/components/schemas/';
const EAGER_LISTS = ['allOf', 'anyOf', 'oneOf', 'prefixItems'] as const;
const ALIAS_SECTIONS = ['requestBodies', 'responses', 'parameters', 'headers'] as const;
/** Nesting of eager keywords followed inside one schema; real schemas are far shallower. */
const MAX_DEPTH = 32;

function nameOf(ref: unknown): string | undefined {
  if (typeof ref !== 'string' || !ref.startsWith(PREFIX)) return undefined;
  const token = ref.slice(PREFIX.length);
  return token.includes('/') ? undefined : token.replace(/~1/g, '/').replace(/~0/g, '~');
}

/** Applies both repairs to `doc` (a copy) in place. */
export function repairTypeCycles(doc: Json): void {
  const components = isObject(doc.components) ? doc.components : undefined;
  if (components === undefined) return;
  for (const section of ALIAS_SECTIONS) {
    const map = components[section];
    if (isObject(map)) for (const name of Object.keys(map)) map[name] = resolveAlias(doc, map[name], `#/components/${section}/`);
  }
  if (isObject(components.schemas)) breakEagerCycles(components.schemas);
}

/** The end of a chain of whole-object `$ref`s within one section, copied; `node` when it is not one. */
function resolveAlias(doc: Json, node: unknown, prefix: string): unknown {
  let current = node;
  for (let hops = 0; hops < MAX_DEPTH && isObject(current) && typeof current.$ref === 'string' && current.$ref.startsWith(prefix); hops++) {
    let next: unknown;
    try {
      next = getAt(doc, parsePointer(current.$ref));
    } catch {
      return node;
    }
    if (!isObject(next)) return node;
    current = next;
  }
  return current === node || (isObject(current) && typeof current.$ref === 'string') ? node : structuredClone(current);
}

function breakEagerCycles(schemas: Json): void {
  const state = new Map<string, 'active' | 'done'>();
  const visit = (name: string): void => {
    state.set(name, 'active');
    const replace = (target: string): unknown => {
      const parent = schemas[target];
      if (isObject(parent) && (Array.isArray(parent.oneOf) || Array.isArray(parent.anyOf))) {
        // The discriminator shape: inherit the parent's own members, not the union of its children.
        const { oneOf: _o, anyOf: _a, discriminator: _d, ...own } = parent;
        return structuredClone(own);
      }
      return {};
    };
    walkEager(schemas[name], (ref, set) => {
      const target = nameOf(ref);
      if (target === undefined || !Object.hasOwn(schemas, target)) return;
      if (state.get(target) === 'active') set(replace(target));
      else if (!state.has(target)) visit(target);
    }, (next) => (schemas[name] = next));
    state.set(name, 'done');
  };
  for (const name of Object.keys(schemas)) if (!state.has(name)) visit(name);
}

/** Calls `onRef` for every `$ref` in an eager position of `node`, with a way to replace its holder. */
function walkEager(node: unknown, onRef: (ref: string, set: (next: unknown) => void) => void, setSelf: (next: unknown) => void, depth = 0): void {
  if (!isObject(node) || depth > MAX_DEPTH) return;
  if (typeof node.$ref === 'string') onRef(node.$ref, setSelf);
  const items = node.items;
  if (isObject(items)) walkEager(items, onRef, (next) => (node.items = next), depth + 1);
  for (const key of EAGER_LISTS) {
    const list = node[key];
    if (!Array.isArray(list)) continue;
    list.forEach((member, i) => walkEager(member, onRef, (next) => (list[i] = next), depth + 1));
  }
}
