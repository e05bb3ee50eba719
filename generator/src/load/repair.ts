/**
 * Repairs for defects common in real-world specs that are harmless to readers but break the
 * types emitter (openapi-typescript). Runs on the bundled document, in place, before validation.
 *
 * The rule: a repair that changes what the document means (drops a constraint, reads a value
 * differently, ignores text) warns, naming the file, the JSON pointer and what changed. Only these
 * are silent, because the document means the same afterwards: copying a `$ref` target to its own
 * component (the copy is identical), turning a bare discriminator name into the `$ref` OpenAPI
 * says it stands for, moving `required` names from an `allOf` member to its parent (the same
 * constraint), and dropping an Example's `externalValue` (examples do not describe the API; sdkgen
 * never fetches them).
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
 *   the whole type; the constraint is dropped, leaving every property optional, with a warning.
 * - `enum` values that cannot be of the declared `type: object`/`array` (strings listed on an
 *   object schema): openapi-typescript throws on them; they are dropped with a warning.
 * - `title`, `summary` or `description` that is not a string (openapi-typescript calls `.trim()`
 *   on it): dropped with a warning; it is documentation only.
 * - `required: true` on a property schema (a Swagger 1 habit; OpenAPI lists required properties
 *   in the parent's `required` array, and openapi-typescript throws on a non-array): moved to the
 *   parent's list, with a warning. A `required` that is a lone name becomes a list of it; any other
 *   non-list `required` beside `properties` is dropped, with a warning.
 * - `required` on a parameter or request body that is not a boolean (`"true"`, `"yes"`):
 *   openapi-typescript reads any truthy value as `true`, the SDK's signatures only `true`, and the
 *   two disagreed (TS2741); `"false"`/`"no"`/`0`/`""` become `false`, anything else `true`, with a warning.
 * - `allOf` members that only add `required` names to the others (`{ type: object, required: [a] }`,
 *   IX-API): openapi-typescript types such a member `Record<string, never>`, which turns every
 *   property of the intersection into `never`; the names move to the parent's `required` (the same
 *   constraint) and the member is dropped (with a warning when its `type: object` held nowhere else).
 * - `items` without `type` (Asana: `data: { items: {...} }`): openapi-typescript reads `items` only
 *   on `type: array`, so the list was typed as an object; read as `type: array`, with a warning.
 * - A component that is a union containing an array of itself (`Json = string | Json[]`, common
 *   for "any JSON value"): TypeScript cannot resolve `components["schemas"]["Json"][]` inside its
 *   own definition (TS2502), so those array items become `unknown` (with a warning).
 *
 * @see https://spec.openapis.org/oas/v3.1.0#discriminator-object
 */
import type { Diagnostic } from '../diagnostics.js';
import { formatPointer, getAt, isObject, parsePointer } from './pointer.js';
import { ONE_SCHEMA_KEYWORDS, SCHEMA_LIST_KEYWORDS, SCHEMA_MAP_KEYWORDS } from '../openapi-keywords.js';

type Json = Record<string, unknown>;

/** Keys whose values are data (examples, defaults, enum members), never schemas: not walked. */
const DATA_KEYS = new Set(['example', 'examples', 'default', 'enum', 'const', 'x-example', 'x-examples']);
/** Keys whose children are named entries, so a child called `example` or `enum` is not data. */
const MAP_KEYS = new Set([
  'properties', 'patternProperties', 'definitions', '$defs', 'schemas', 'paths', 'content', 'responses', 'parameters', 'headers',
  'requestBodies', 'securitySchemes', 'links', 'callbacks', 'pathItems', 'webhooks', 'encoding', 'variables',
]);

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
  walk(doc, [], undefined, (node, tokens, isMap) => {
    // Formatted only when a warning needs it: most nodes need no repair.
    const pointer = (): string => formatPointer(tokens);
    // Extensions (`x-github-breaking-changes` holds partial schemas) and `info` are not read by
    // openapi-typescript, and `info.title` names the client: the repairs below leave them alone.
    const typed = !isMap && tokens[0] !== 'info' && !tokens.some((t) => t.startsWith('x-'));
    if (typed) {
      fixDocText(node, pointer, warn);
      fixPropertyRequired(node, pointer, warn);
      fixRequiredFlag(node, tokens, pointer, warn);
    }
    fixDiscriminator(doc, node, pointer, warn);
    fixNullType(node, pointer, warn);
    if (typed) {
      dropConstraintOnlyUnions(node, pointer, warn);
      mergeConstraintOnlyAllOf(node, pointer, warn);
      fixTypelessArray(node, pointer, warn);
    }
    dropMismatchedEnum(node, pointer, warn);
    dropExternalExamples(node);
  });
  return diagnostics;
}

/**
 * Visits every object outside literal data; `tokens` is one shared stack, valid only during the
 * call. `isMap` tells a map of named entries (`properties`, `paths`, ...) from an object whose keys
 * are keywords, so a property called `title` is not read as a title.
 */
function walk(node: unknown, tokens: string[], parentKey: string | undefined, visit: (node: Json, tokens: string[], isMap: boolean) => void): void {
  if (Array.isArray(node)) {
    for (let i = 0; i < node.length; i++) {
      tokens.push(String(i));
      // Items of a list are values (a parameter, an `allOf` member), never maps of named entries.
      walk(node[i], tokens, undefined, visit);
      tokens.pop();
    }
    return;
  }
  if (!isObject(node)) return;
  const inMap = parentKey !== undefined && MAP_KEYS.has(parentKey);
  visit(node, tokens, inMap);
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

/** Document roots openapi-typescript declares a type for; a `$ref` elsewhere has no type to name. */
const TYPED_ROOTS = new Set(['components', 'paths', 'webhooks', '$defs']);

/** Keys whose value is a schema, and keys whose entries (or items) are schemas. */
const SCHEMA_VALUE_KEYS: ReadonlySet<string> = new Set(['schema', 'additionalItems', ...ONE_SCHEMA_KEYWORDS]);
const SCHEMA_ENTRY_KEYS: ReadonlySet<string> = new Set([...SCHEMA_MAP_KEYWORDS, ...SCHEMA_LIST_KEYWORDS, 'dependentSchemas']);

/** Whether the node at `tokens` is read as a schema (so a `$ref` there points at one). */
function inSchemaPosition(tokens: readonly string[]): boolean {
  const last = tokens[tokens.length - 1];
  const parent = tokens[tokens.length - 2];
  if (last === undefined) return false;
  if (tokens.length === 3 && tokens[0] === 'components' && tokens[1] === 'schemas') return true;
  return SCHEMA_VALUE_KEYS.has(last) || (parent !== undefined && SCHEMA_ENTRY_KEYS.has(parent));
}

/**
 * A schema that is not a whole component: inside a component schema (`#/components/schemas/A/...`),
 * a `schema` under a response, request body, parameter or path (`.../content/application~1json/schema`),
 * or anywhere outside the roots openapi-typescript types (a Swagger-style `#/definitions/X` left in an
 * OpenAPI 3 document), which it would name as an undeclared type (`definitions["X"]`, TS2304).
 */
function isDeepSchemaTarget(tokens: string[], from: readonly string[], doc: Json): boolean {
  if (tokens.length > 0 && !TYPED_ROOTS.has(tokens[0]!)) return inSchemaPosition(from) && isObject(getAt(doc, tokens));
  if (tokens[0] === 'components' && tokens[1] === 'schemas') return tokens.length > 3;
  return (tokens[0] === 'components' || tokens[0] === 'paths') && tokens.includes('schema');
}

function hoistDeepSchemaRefs(doc: Json): void {
  const deep = new Map<string, string>();
  const existing = isObject(doc['components']) ? (doc['components'] as Json)['schemas'] : undefined;
  const taken = new Set(isObject(existing) ? Object.keys(existing) : []);
  walk(doc, [], undefined, (node, from) => {
    const ref = node['$ref'];
    if (typeof ref !== 'string' || !ref.startsWith('#/') || deep.has(ref)) return;
    let tokens: string[] | undefined;
    try {
      tokens = parsePointer(ref);
    } catch {
      tokens = undefined;
    }
    if (tokens === undefined || !isDeepSchemaTarget(tokens, from, doc) || getAt(doc, tokens) === undefined) return;
    const start = tokens[0] === 'paths' || !TYPED_ROOTS.has(tokens[0]!) ? 1 : 2;
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

function dropConstraintOnlyUnions(node: Json, pointer: () => string, warn: (p: string, m: string, f: string) => void): void {
  if (!isObject(node['properties'])) return;
  for (const key of ['anyOf', 'oneOf'] as const) {
    const members = node[key];
    if (!Array.isArray(members) || members.length === 0) continue;
    if (!members.every((m) => isObject(m) && Object.keys(m).every((k) => CONSTRAINT_KEYS.has(k)))) continue;
    delete node[key];
    const lists = (members as Json[]).map((m) => (Array.isArray(m['required']) ? `[${m['required'].map(String).join(', ')}]` : '(a constraint)'));
    const rule = key === 'anyOf' ? 'at least one' : 'exactly one';
    warn(
      `${pointer()}/${key}`,
      `\`${key}\` only constrains which properties are present (${rule} of ${lists.join(', ')}), which TypeScript types cannot express; the constraint is dropped, so the SDK types these properties as optional and does not check it (the server still does).`,
      'Nothing to change if that is acceptable; to have it typed, give each alternative its own `properties` (or use a `discriminator`).',
    );
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

/** Keywords openapi-typescript copies into JSDoc as text. */
const DOC_TEXT = ['title', 'summary', 'description'] as const;

function fixDocText(node: Json, pointer: () => string, warn: (p: string, m: string, f: string) => void): void {
  for (const key of DOC_TEXT) {
    const value = node[key];
    if (value === undefined || typeof value === 'string') continue;
    delete node[key];
    warn(`${pointer()}/${key}`, `\`${key}\` is ${Array.isArray(value) ? 'a list' : value === null ? 'null' : `a ${typeof value}`}, not text; it is left out of the documentation.`, `Write \`${key}\` as a string.`);
  }
}

function fixPropertyRequired(node: Json, pointer: () => string, warn: (p: string, m: string, f: string) => void): void {
  const properties = node['properties'];
  if (!isObject(properties)) return;
  const lifted: string[] = [];
  const flagged: string[] = [];
  for (const [name, property] of Object.entries(properties)) {
    if (!isObject(property) || typeof property['required'] !== 'boolean') continue;
    if (property['required']) lifted.push(name);
    flagged.push(name);
    delete property['required'];
  }
  const own = node['required'];
  let required: unknown[] = Array.isArray(own) ? own : [];
  if (own !== undefined && !Array.isArray(own)) {
    if (typeof own === 'string') required = [own];
    warn(`${pointer()}/required`, `\`required\` is ${typeof own === 'string' ? 'a single name' : `a ${typeof own}`}, not a list of property names; ${typeof own === 'string' ? 'read as a list of that name' : 'it is ignored'}.`, typeof own === 'string' ? `Write \`required: [${own}]\`.` : 'List the required property names: `required: [id, name]`.');
  }
  if (flagged.length > 0) {
    warn(`${pointer()}/properties`, `\`required: true/false\` on propert${flagged.length === 1 ? 'y' : 'ies'} ${flagged.map((n) => JSON.stringify(n)).join(', ')} is not OpenAPI; read as ${lifted.length === 0 ? 'optional' : `the parent's \`required\` list${lifted.length < flagged.length ? ' for the `true` ones' : ''}`}.`, `Remove \`required\` from the properties and list the required ones in the parent schema: \`required: [${lifted.join(', ')}]\`.`);
  }
  if (lifted.length === 0 && (own === undefined || Array.isArray(own))) return;
  const merged = [...required, ...lifted.filter((n) => !required.includes(n))];
  if (merged.length > 0) node['required'] = merged;
  else delete node['required'];
}

/** Values of a non-boolean `required` flag read as `false`; anything else is `true`. */
const FALSE_WORDS = new Set(['false', 'no', '0', '']);

function fixRequiredFlag(node: Json, tokens: readonly string[], pointer: () => string, warn: (p: string, m: string, f: string) => void): void {
  const value = node['required'];
  if (value === undefined || typeof value === 'boolean') return;
  const isParameter = typeof node['in'] === 'string' && typeof node['name'] === 'string';
  const isBody = tokens.at(-1) === 'requestBody' || (tokens.length === 3 && tokens[0] === 'components' && tokens[1] === 'requestBodies');
  if (!isParameter && !isBody) return;
  const flag = !(value === null || value === 0 || FALSE_WORDS.has(String(value).trim().toLowerCase()));
  node['required'] = flag;
  warn(`${pointer()}/required`, `\`required\` is ${JSON.stringify(value)}, not a boolean; read as \`${String(flag)}\`.`, `Write \`required: ${String(flag)}\`.`);
}

/** Keywords an `allOf` member may have and still only constrain the other members. */
const ALLOF_CONSTRAINT_KEYS = new Set(['type', 'required', 'title', 'description', '$comment']);

function mergeConstraintOnlyAllOf(node: Json, pointer: () => string, warn: (p: string, m: string, f: string) => void): void {
  const members = node['allOf'];
  if (!Array.isArray(members) || members.length < 2) return;
  const constraintOnly = (m: unknown): m is Json =>
    isObject(m) && Array.isArray(m['required']) && (m['type'] === undefined || m['type'] === 'object') && Object.keys(m).every((k) => ALLOF_CONSTRAINT_KEYS.has(k));
  const kept = members.filter((m) => !constraintOnly(m));
  // At least one member must remain to carry the properties the names refer to.
  if (kept.length === members.length || kept.length === 0) return;
  const own = Array.isArray(node['required']) ? node['required'] : [];
  const names = members.filter(constraintOnly).flatMap((m) => m['required'] as unknown[]);
  node['required'] = [...own, ...names.filter((n, i) => !own.includes(n) && names.indexOf(n) === i)];
  node['allOf'] = kept;
  // Moving `required` up is the same constraint; a dropped `type: object` is not, unless it still holds.
  const droppedType = members.some((m) => constraintOnly(m) && m['type'] === 'object');
  const stillObject = node['type'] === 'object' || kept.some((m) => isObject(m) && (m['type'] === 'object' || isObject(m['properties']) || typeof m['$ref'] === 'string'));
  if (droppedType && !stillObject) {
    warn(`${pointer()}/allOf`, '`allOf` members that only list `required` names were merged into the schema\'s `required`; their `type: object` is dropped, so the SDK no longer checks that the value is an object.', 'Add `type: object` to the schema itself.');
  }
}

/** Keywords that say what a schema is, beside which `items` without `type` is left alone. */
const SHAPE_KEYS = ['type', 'properties', 'allOf', 'anyOf', 'oneOf', '$ref', 'enum', 'const', 'additionalProperties'];

function fixTypelessArray(node: Json, pointer: () => string, warn: (p: string, m: string, f: string) => void): void {
  // A parameter (`in`) is not a schema; its `items` is a Swagger 2 leftover the loader handles.
  if (!isObject(node['items']) || typeof node['in'] === 'string' || SHAPE_KEYS.some((k) => node[k] !== undefined)) return;
  node['type'] = 'array';
  warn(pointer(), '`items` without `type`; read as `type: array`.', 'Add `type: array`.');
}
