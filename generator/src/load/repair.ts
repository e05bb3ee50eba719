/**
 * Repairs for defects common in real-world specs that are harmless to readers but break the
 * types emitter (openapi-typescript), each either meaning-preserving or reported as a warning.
 * Runs on the bundled document, in place, before validation.
 *
 * - `$ref`s into the inside of a schema (`#/components/schemas/A/definitions/b`, `.../items`) or
 *   to the schema of a response, body or parameter (`#/paths/~1a/get/responses/200/content/
 *   application~1json/schema`): openapi-typescript turns them into indexed-access types that do not
 *   exist (`A["definitions"]`, `...["schema"]`); the target is copied to its own component under
 *   `components.schemas` and the ref pointed at it.
 * - `$ref`s to a parameter, header, response or request body inside another operation
 *   (`#/paths/~1a/get/parameters/0`, DigitalOcean has hundreds): openapi-typescript indexes into an
 *   optional member (`["parameters"]["query"]["per_page"]`, TS2339); the target becomes a component.
 * - Discriminator mappings naming a schema bare (`Cat`, allowed by OpenAPI) become refs
 *   (`#/components/schemas/Cat`); mappings to nothing are dropped with a warning.
 * - Example objects with `externalValue`: openapi-typescript's bundler fetches them; examples do
 *   not shape types, so the external value is dropped (the Example object stays, refs to it hold).
 * - `type: "null"` beside `oneOf`/`anyOf` (a contradiction: null AND one of the alternatives) is
 *   read as "nullable", which is what its authors meant.
 * - `anyOf`/`oneOf` whose members only list `required` names (GitHub: "at least one of these
 *   fields") beside `properties`: openapi-typescript types each member `unknown`, which swallows
 *   the whole type; the constraint is dropped, leaving every property optional.
 * - `enum` values that cannot be of the declared `type: object`/`array` (strings listed on an
 *   object schema): openapi-typescript throws on them; they are dropped with a warning.
 * - A component that is a union containing an array of itself (`Json = string | Json[]`, common
 *   for "any JSON value"): TypeScript cannot resolve `components["schemas"]["Json"][]` inside its
 *   own definition (TS2502), so those array items become `unknown` (with a warning).
 *
 * @see https://spec.openapis.org/oas/v3.1.0#discriminator-object
 */
import type { Diagnostic } from '../diagnostics.js';
import { formatPointer, getAt, isObject, parsePointer } from './pointer.js';

type Json = Record<string, unknown>;

/** Keys whose values are data (examples, defaults, enum members), never schemas: not walked. */
const DATA_KEYS = new Set(['example', 'examples', 'default', 'enum', 'const', 'x-example', 'x-examples']);
/** Keys whose children are named entries, so a child called `example` or `enum` is not data. */
const MAP_KEYS = new Set(['properties', 'patternProperties', 'definitions', '$defs', 'schemas', 'paths', 'content', 'responses', 'parameters', 'headers']);

/** Applies every repair to `doc` in place; returns what it changed that changes meaning. */
export function repairSpec(doc: Json, file: string): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const warn = (pointer: string, message: string, fix: string): void => {
    diagnostics.push({ code: 'SDKGEN_SPEC_REPAIRED', severity: 'warning', file, pointer, message, fix });
  };
  hoistDeepSchemaRefs(doc);
  hoistRefsIntoPaths(doc);
  const components = isObject(doc['components']) ? (doc['components'] as Json)['schemas'] : undefined;
  if (isObject(components)) {
    for (const [name, schema] of Object.entries(components)) breakArraySelfReference(name, schema, warn);
  }
  walk(doc, [], undefined, (node, tokens) => {
    // Formatted only when a warning needs it: most nodes need no repair.
    const pointer = (): string => formatPointer(tokens);
    fixDiscriminator(doc, node, pointer, warn);
    fixNullType(node, pointer, warn);
    dropConstraintOnlyUnions(node);
    dropMismatchedEnum(node, pointer, warn);
    dropExternalExamples(node);
  });
  return diagnostics;
}

/** Visits every object outside literal data; `tokens` is one shared stack, valid only during the call. */
function walk(node: unknown, tokens: string[], parentKey: string | undefined, visit: (node: Json, tokens: string[]) => void): void {
  if (Array.isArray(node)) {
    for (let i = 0; i < node.length; i++) {
      tokens.push(String(i));
      walk(node[i], tokens, parentKey, visit);
      tokens.pop();
    }
    return;
  }
  if (!isObject(node)) return;
  visit(node, tokens);
  const inMap = parentKey !== undefined && MAP_KEYS.has(parentKey);
  for (const key of Object.keys(node)) {
    if (!inMap && DATA_KEYS.has(key)) continue;
    tokens.push(key);
    walk(node[key], tokens, inMap ? undefined : key, visit);
    tokens.pop();
  }
}

function schemas(doc: Json): Json {
  if (!isObject(doc['components'])) doc['components'] = {};
  const components = doc['components'] as Json;
  if (!isObject(components['schemas'])) components['schemas'] = {};
  return components['schemas'] as Json;
}

/** Copies the targets of refs deeper than `#/components/schemas/<Name>` into their own components. */
/** Pointer tokens left out of hoisted schema names. */
const NAME_NOISE = new Set(['definitions', '$defs', 'properties', 'content', 'schema', 'responses', 'requestBodies', 'parameters']);

/**
 * A schema that is not a whole component: inside a component schema (`#/components/schemas/A/...`),
 * or a `schema` under a response, request body, parameter or path (`.../content/application~1json/schema`).
 */
function isDeepSchemaTarget(tokens: string[]): boolean {
  if (tokens[0] === 'components' && tokens[1] === 'schemas') return tokens.length > 3;
  return (tokens[0] === 'components' || tokens[0] === 'paths') && tokens.includes('schema');
}

function hoistDeepSchemaRefs(doc: Json): void {
  const deep = new Map<string, string>();
  const existing = isObject(doc['components']) ? (doc['components'] as Json)['schemas'] : undefined;
  const taken = new Set(isObject(existing) ? Object.keys(existing) : []);
  walk(doc, [], undefined, (node) => {
    const ref = node['$ref'];
    if (typeof ref !== 'string' || !ref.startsWith('#/') || deep.has(ref)) return;
    let tokens: string[] | undefined;
    try {
      tokens = parsePointer(ref);
    } catch {
      tokens = undefined;
    }
    if (tokens === undefined || !isDeepSchemaTarget(tokens) || getAt(doc, tokens) === undefined) return;
    const start = tokens[0] === 'paths' ? 1 : 2;
    let name = tokens.slice(start).filter((t) => !NAME_NOISE.has(t)).join('_').replace(/[^A-Za-z0-9_.-]/g, '_').replace(/^_+|_+$/g, '') || 'Schema';
    for (let i = 2; taken.has(name); i++) name = `${name.replace(/_\d+$/, '')}_${i}`;
    taken.add(name);
    deep.set(ref, name);
  });
  if (deep.size === 0) return;
  const all = schemas(doc);
  for (const [ref, name] of deep) all[name] = structuredClone(getAt(doc, parsePointer(ref)));
  walk(doc, [], undefined, (node) => {
    const name = typeof node['$ref'] === 'string' ? deep.get(node['$ref']) : undefined;
    if (name !== undefined) node['$ref'] = formatPointer(['components', 'schemas', name]);
  });
}

function fixDiscriminator(doc: Json, node: Json, pointer: () => string, warn: (p: string, m: string, f: string) => void): void {
  const discriminator = node['discriminator'];
  if (!isObject(discriminator) || !isObject(discriminator['mapping'])) return;
  const mapping = discriminator['mapping'];
  const all = isObject(doc['components']) && isObject((doc['components'] as Json)['schemas']) ? ((doc['components'] as Json)['schemas'] as Json) : {};
  for (const [key, target] of Object.entries(mapping)) {
    if (typeof target === 'string' && target.startsWith('#')) {
      let exists = false;
      try {
        exists = getAt(doc, parsePointer(target)) !== undefined;
      } catch {
        exists = false;
      }
      if (exists) continue;
    } else if (typeof target === 'string' && Object.prototype.hasOwnProperty.call(all, target)) {
      mapping[key] = formatPointer(['components', 'schemas', target]);
      continue;
    }
    delete mapping[key];
    warn(`${pointer()}/discriminator/mapping`, `The discriminator mapping ${JSON.stringify(key)} points to ${JSON.stringify(target)}, which is not a schema; it is ignored.`, 'Map each value to "#/components/schemas/<Name>" or to the name of a schema under components.schemas.');
  }
}

function fixNullType(node: Json, pointer: () => string, warn: (p: string, m: string, f: string) => void): void {
  if (node['type'] !== 'null') return;
  const key = Array.isArray(node['oneOf']) ? 'oneOf' : Array.isArray(node['anyOf']) ? 'anyOf' : undefined;
  if (key === undefined) return;
  delete node['type'];
  (node[key] as unknown[]).push({ type: 'null' });
  warn(pointer(), `\`type: "null"\` beside \`${key}\` allows no value at all; read as "null or one of the alternatives".`, `Add \`{ type: "null" }\` to \`${key}\` instead of \`type: "null"\`.`);
}

/** Drops `externalValue` (an Example object may have neither it nor `value`), so refs to it stay valid. */
function dropExternalExamples(node: Json): void {
  const examples = node['examples'];
  if (!isObject(examples)) return;
  for (const example of Object.values(examples)) {
    if (isObject(example) && example['externalValue'] !== undefined) delete example['externalValue'];
  }
}

/** Union members of a schema: `oneOf`/`anyOf` entries and the schema itself (3.1 `type` arrays keep `items` on it). */
function breakArraySelfReference(name: string, schema: unknown, warn: (p: string, m: string, f: string) => void): void {
  if (!isObject(schema)) return;
  const self = formatPointer(['components', 'schemas', name]);
  const members: unknown[] = [schema, ...(['oneOf', 'anyOf'] as const).flatMap((k) => (Array.isArray(schema[k]) ? schema[k] : []))];
  for (const member of members) {
    if (!isObject(member) || !isObject(member['items']) || member['items']['$ref'] !== self) continue;
    // Only a union is affected: a plain array alias (`type: array` alone) is a deferred type for TypeScript.
    const isUnion = member !== schema || Array.isArray(schema['type']);
    if (!isUnion) continue;
    member['items'] = {};
    warn(`${self}`, `Schema ${JSON.stringify(name)} is a union containing an array of itself, which TypeScript cannot express through openapi-typescript's types; the array's items are typed \`unknown\`.`, 'Nothing to change in the spec; or wrap the array in an object property to keep the item type.');
  }
}

/** Keywords a member may have and still be a pure constraint (no type of its own). */
const CONSTRAINT_KEYS = new Set(['required', 'not', 'description', 'title', 'minProperties', 'maxProperties', '$comment']);

function dropConstraintOnlyUnions(node: Json): void {
  if (!isObject(node['properties'])) return;
  for (const key of ['anyOf', 'oneOf'] as const) {
    const members = node[key];
    if (!Array.isArray(members) || members.length === 0) continue;
    if (members.every((m) => isObject(m) && Object.keys(m).every((k) => CONSTRAINT_KEYS.has(k)))) delete node[key];
  }
}

function dropMismatchedEnum(node: Json, pointer: () => string, warn: (p: string, m: string, f: string) => void): void {
  const values = node['enum'];
  const type = node['type'];
  if (!Array.isArray(values) || (type !== 'object' && type !== 'array')) return;
  const fits = (v: unknown): boolean => v === null || (type === 'array' ? Array.isArray(v) : isObject(v));
  const kept = values.filter(fits);
  if (kept.length === values.length) return;
  if (kept.length === 0) delete node['enum'];
  else node['enum'] = kept;
  warn(`${pointer()}/enum`, `\`enum\` lists values that are not ${type === 'array' ? 'arrays' : 'objects'} on a \`type: ${type}\` schema; they are ignored.`, `Remove the \`enum\` or change \`type\` to match its values.`);
}

/** The components section for a `$ref` target inside `paths`, by where it sits. */
function pathTargetSection(tokens: readonly string[]): string | undefined {
  const parent = tokens[tokens.length - 2];
  if (tokens.at(-1) === 'requestBody') return 'requestBodies';
  if (parent === 'parameters') return 'parameters';
  if (parent === 'headers') return 'headers';
  if (parent === 'responses') return 'responses';
  return undefined;
}

/** Copies parameters, headers, responses and bodies referred to inside `paths` into components. */
function hoistRefsIntoPaths(doc: Json): void {
  const moved = new Map<string, string>();
  const components = (): Json => {
    if (!isObject(doc['components'])) doc['components'] = {};
    return doc['components'] as Json;
  };
  walk(doc, [], undefined, (node) => {
    const ref = node['$ref'];
    if (typeof ref !== 'string' || !ref.startsWith('#/paths/') || moved.has(ref)) return;
    let tokens: string[];
    try {
      tokens = parsePointer(ref);
    } catch {
      return;
    }
    const section = pathTargetSection(tokens);
    const target = getAt(doc, tokens);
    if (section === undefined || !isObject(target) || tokens.includes('schema')) return;
    const c = components();
    if (!isObject(c[section])) c[section] = {};
    const slot = c[section] as Json;
    const base = (section === 'parameters' && typeof target['name'] === 'string' ? `${target['name']}_${String(target['in'])}` : tokens.slice(1).join('_'))
      .replace(/[^A-Za-z0-9_.-]/g, '_').replace(/^_+|_+$/g, '') || section;
    let name = base;
    for (let i = 2; Object.prototype.hasOwnProperty.call(slot, name); i++) name = `${base}_${i}`;
    Object.defineProperty(slot, name, { value: structuredClone(target), enumerable: true, writable: true, configurable: true });
    moved.set(ref, formatPointer(['components', section, name]));
  });
  if (moved.size === 0) return;
  walk(doc, [], undefined, (node) => {
    const to = typeof node['$ref'] === 'string' ? moved.get(node['$ref']) : undefined;
    if (to !== undefined) node['$ref'] = to;
  });
}
