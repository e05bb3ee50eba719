/**
 * Request bodies without `readOnly` properties. openapi-typescript types a `readOnly` property as a
 * TypeScript `readonly` one, so a request body would still demand the server-assigned `id` it
 * declares as required. Its own alternative (`readWriteMarkers`) wraps such properties in `$Read<T>`
 * everywhere and needs `Readable<>`/`Writable<>` around every use, which costs type-check time on
 * every response of every spec. Instead, the document handed to openapi-typescript gets a write
 * view of each component that (transitively) has `readOnly` properties, `<Name>Write`, without
 * them, and request bodies point at those. Responses keep the full schemas.
 * @see https://spec.openapis.org/oas/v3.1.0#fixed-fields-19 (readOnly: "SHOULD NOT be sent as part of the request")
 */

import { isObject } from '../load/pointer.js';

type Json = Record<string, unknown>;

const SCHEMA_REF = /^#\/components\/schemas\/([^/]+)$/;

/** Component names a `$ref` inside `node` points to (direct refs of the schema tree, not data). */
function refsIn(node: unknown, out: Set<string>): void {
  if (Array.isArray(node)) {
    for (const item of node) refsIn(item, out);
    return;
  }
  if (!isObject(node)) return;
  const ref = node['$ref'];
  if (typeof ref === 'string') {
    const m = SCHEMA_REF.exec(ref);
    if (m?.[1] !== undefined) out.add(decodeName(m[1]));
  }
  for (const [key, value] of Object.entries(node)) {
    if (key !== 'example' && key !== 'examples' && key !== 'default' && key !== 'enum' && key !== 'const') refsIn(value, out);
  }
}

function decodeName(token: string): string {
  let t = token;
  try {
    t = decodeURIComponent(token);
  } catch {
    // not percent-encoded
  }
  return t.replace(/~1/g, '/').replace(/~0/g, '~');
}

function encodeName(name: string): string {
  return name.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** True when `node` declares a `readOnly: true` property anywhere in its own tree. */
function hasOwnReadOnly(node: unknown): boolean {
  if (Array.isArray(node)) return node.some(hasOwnReadOnly);
  if (!isObject(node)) return false;
  if (isObject(node['properties']) && Object.values(node['properties']).some((p) => isObject(p) && p['readOnly'] === true)) return true;
  return Object.entries(node).some(([k, v]) => k !== 'example' && k !== 'examples' && k !== 'default' && k !== 'enum' && k !== 'const' && hasOwnReadOnly(v));
}

/** Removes readOnly properties (and their `required` entries) and points refs at write views, in place. */
function toWriteView(node: unknown, writeName: ReadonlyMap<string, string>): void {
  if (Array.isArray(node)) {
    for (const item of node) toWriteView(item, writeName);
    return;
  }
  if (!isObject(node)) return;
  const ref = node['$ref'];
  if (typeof ref === 'string') {
    const m = SCHEMA_REF.exec(ref);
    const target = m?.[1] === undefined ? undefined : writeName.get(decodeName(m[1]));
    if (target !== undefined) node['$ref'] = `#/components/schemas/${encodeName(target)}`;
  }
  // Mapping targets are refs too: a write view's union maps its values to the write views of its
  // members, else openapi-typescript infers each member's value from its name (`"DogWrite"`).
  const discriminator = node['discriminator'];
  if (isObject(discriminator) && isObject(discriminator['mapping'])) {
    const mapping = discriminator['mapping'];
    for (const [value, target] of Object.entries(mapping)) {
      const m = typeof target === 'string' ? SCHEMA_REF.exec(target) : null;
      const write = m?.[1] === undefined ? undefined : writeName.get(decodeName(m[1]));
      if (write !== undefined) mapping[value] = `#/components/schemas/${encodeName(write)}`;
    }
  }
  const properties = node['properties'];
  if (isObject(properties)) {
    const dropped = Object.keys(properties).filter((k) => isObject(properties[k]) && properties[k]['readOnly'] === true);
    for (const k of dropped) delete properties[k];
    if (dropped.length > 0 && Array.isArray(node['required'])) node['required'] = node['required'].filter((r) => !dropped.includes(String(r)));
  }
  for (const [key, value] of Object.entries(node)) {
    if (key !== 'example' && key !== 'examples' && key !== 'default' && key !== 'enum' && key !== 'const') toWriteView(value, writeName);
  }
}

/**
 * A copy of `document` whose request bodies leave out `readOnly` properties (see the module
 * comment), or `document` itself when no schema has any.
 */
export function withWriteViews(document: object): object {
  return writeViews(document).document;
}

/** {@link withWriteViews}'s document, and the name of each write view's original component (`PetWrite` -> `Pet`). */
export function writeViews(document: object): { document: object; origins: Map<string, string> } {
  const components = (document as Json)['components'];
  const schemas = isObject(components) && isObject(components['schemas']) ? components['schemas'] : {};
  // Components with readOnly properties, then everything that refers to them, to a fixed point.
  const affected = new Set(Object.keys(schemas).filter((name) => hasOwnReadOnly(schemas[name])));
  const refs = new Map(Object.keys(schemas).map((name) => {
    const out = new Set<string>();
    refsIn(schemas[name], out);
    return [name, out] as const;
  }));
  for (let changed = true; changed; ) {
    changed = false;
    for (const [name, targets] of refs) {
      if (!affected.has(name) && [...targets].some((t) => affected.has(t))) {
        affected.add(name);
        changed = true;
      }
    }
  }
  const inlineBodies = bodySchemas(document as Json);
  if (affected.size === 0 && !inlineBodies.some(hasOwnReadOnly)) return { document, origins: new Map() };

  const copy = structuredClone(document) as Json;
  const copySchemas = ((copy['components'] ??= {}) as Json)['schemas'] ??= {};
  const all = copySchemas as Json;
  const writeName = new Map<string, string>();
  const taken = new Set(Object.keys(all));
  for (const name of [...affected].sort()) {
    let candidate = `${name}Write`;
    for (let i = 2; taken.has(candidate); i++) candidate = `${name}Write${i}`;
    taken.add(candidate);
    writeName.set(name, candidate);
  }
  for (const [name, write] of writeName) {
    const view = structuredClone(all[name]);
    toWriteView(view, writeName);
    Object.defineProperty(all, write, { value: view, enumerable: true, writable: true, configurable: true });
  }
  for (const body of bodySchemas(copy)) toWriteView(body, writeName);
  return { document: copy, origins: new Map([...writeName].map(([name, write]) => [write, name])) };
}

/** The `content` objects of every request body (inline in operations and under components). */
function bodySchemas(doc: Json): Json[] {
  const out: Json[] = [];
  const addBody = (body: unknown): void => {
    if (isObject(body) && isObject(body['content'])) {
      for (const media of Object.values(body['content'])) if (isObject(media) && media['schema'] !== undefined) out.push(media);
    }
  };
  const components = doc['components'];
  if (isObject(components) && isObject(components['requestBodies'])) for (const body of Object.values(components['requestBodies'])) addBody(body);
  const paths = doc['paths'];
  if (isObject(paths)) {
    for (const item of Object.values(paths)) {
      if (!isObject(item)) continue;
      for (const op of Object.values(item)) if (isObject(op)) addBody(op['requestBody']);
    }
  }
  return out;
}
