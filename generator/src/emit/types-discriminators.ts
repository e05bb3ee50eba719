/**
 * Discriminator values openapi-typescript would get wrong for inheriting children. A component
 * that inherits a discriminator through `allOf` (`Dog: { allOf: [$ref: Pet] }` with
 * `Pet.discriminator.propertyName: kind`) but that no mapping names (explicitly, or through a
 * `oneOf` beside the discriminator) gets a required `kind: "Dog"` added by openapi-typescript, its
 * value inferred from the component name. Two cases go wrong:
 *
 * - The component declares `properties.kind` itself: both properties land in one type literal
 *   (TS2300 "Duplicate identifier", Apple's SiriKit spec).
 * - The component is a write view (`DogWrite`, see write-view.ts): the inferred value is
 *   `"DogWrite"`, a value no server accepts.
 *
 * Such a component is pinned instead: it gets its own copy of the discriminator (which stops
 * openapi-typescript from adding the inferred property) and declares the property as required,
 * with the values its own `enum`/`const` lists, else the values of the component it is a write
 * view of, else its name (the value the specification infers).
 * @see https://spec.openapis.org/oas/v3.1.0#discriminator-object
 */

import { isObject } from '../load/pointer.js';

type Json = Record<string, unknown>;

const PREFIX = '#/components/schemas/';
/** Inheritance deeper than this is not followed (and cycles end). */
const MAX_DEPTH = 16;

const refOf = (name: string): string => `${PREFIX}${name.replace(/~/g, '~0').replace(/\//g, '~1')}`;

function nameOf(ref: unknown): string | undefined {
  if (typeof ref !== 'string' || !ref.startsWith(PREFIX)) return undefined;
  const token = ref.slice(PREFIX.length);
  return token.includes('/') ? undefined : token.replace(/~1/g, '/').replace(/~0/g, '~');
}

/** The discriminator `name` inherits through `allOf` refs (not its own), if any. */
function inheritedDiscriminator(schemas: Json, name: string, depth = 0): Json | undefined {
  const schema = schemas[name];
  if (!isObject(schema) || !Array.isArray(schema['allOf']) || depth > MAX_DEPTH) return undefined;
  for (const item of schema['allOf']) {
    const parentName = isObject(item) ? nameOf(item['$ref']) : undefined;
    const parent = parentName === undefined ? undefined : schemas[parentName];
    if (parentName === undefined || !isObject(parent)) continue;
    const own = parent['discriminator'];
    if (isObject(own) && typeof own['propertyName'] === 'string') return own;
    const found = inheritedDiscriminator(schemas, parentName, depth + 1);
    if (found !== undefined) return found;
  }
  return undefined;
}

/** The values a schema's own discriminator property lists (a string `const` or string `enum`). */
function ownValues(schema: unknown, propertyName: string): string[] | undefined {
  const properties = isObject(schema) ? schema['properties'] : undefined;
  const property = isObject(properties) ? properties[propertyName] : undefined;
  if (!isObject(property)) return undefined;
  if (typeof property['const'] === 'string') return [property['const']];
  const values = property['enum'];
  if (Array.isArray(values) && values.length > 0 && values.every((v): v is string => typeof v === 'string')) return values;
  return undefined;
}

/** Mapping keys naming `name` (mappings may name a schema bare or by ref). */
function mappedValues(discriminator: Json, name: string): string[] {
  const mapping = discriminator['mapping'];
  if (!isObject(mapping)) return [];
  const ref = refOf(name);
  return Object.keys(mapping).filter((key) => mapping[key] === ref || mapping[key] === name);
}

/** True when a `oneOf` beside `discriminator` lists `name` (an implicit mapping). */
function inOneOf(schemas: Json, discriminator: Json, name: string): boolean {
  const ref = refOf(name);
  return Object.values(schemas).some((s) =>
    isObject(s) && s['discriminator'] === discriminator && Array.isArray(s['oneOf']) && s['oneOf'].some((m) => isObject(m) && m['$ref'] === ref));
}

/**
 * Pins, in place, the discriminator of every component schema of `document` that inherits one,
 * is not mapped, and declares the discriminator property itself or is a write view (`origins`:
 * write view name -> the component it is a view of). Returns the schemas it pinned.
 */
export function pinInheritedDiscriminators(document: Json, origins: ReadonlyMap<string, string> = new Map()): Json[] {
  const schemas = isObject(document['components']) ? document['components']['schemas'] : undefined;
  if (!isObject(schemas)) return [];
  // Planned on the document as given, then applied: a pinned copy must not hide its original from later lookups.
  const plan: { schema: Json; discriminator: Json; propertyName: string; values: string[] }[] = [];
  for (const [name, schema] of Object.entries(schemas)) {
    if (!isObject(schema) || isObject(schema['discriminator'])) continue;
    const discriminator = inheritedDiscriminator(schemas, name);
    const propertyName = discriminator?.['propertyName'];
    if (discriminator === undefined || typeof propertyName !== 'string') continue;
    if (mappedValues(discriminator, name).length > 0 || inOneOf(schemas, discriminator, name)) continue;
    const origin = origins.get(name);
    const declares = isObject(schema['properties']) && Object.hasOwn(schema['properties'], propertyName);
    if (origin === undefined && !declares) continue;
    const originValues = origin === undefined ? [] : mappedValues(discriminator, origin);
    const values = ownValues(schema, propertyName)
      ?? (originValues.length > 0 ? originValues : undefined)
      ?? (origin === undefined ? undefined : ownValues(schemas[origin], propertyName))
      ?? [origin ?? name];
    plan.push({ schema, discriminator, propertyName, values });
  }
  for (const { schema, discriminator, propertyName, values } of plan) {
    schema['discriminator'] = { ...discriminator };
    const properties = isObject(schema['properties']) ? schema['properties'] : {};
    const own = properties[propertyName];
    properties[propertyName] = { ...(isObject(own) ? own : {}), type: 'string', enum: values };
    schema['properties'] = properties;
    const required = Array.isArray(schema['required']) ? schema['required'] : [];
    schema['required'] = required.includes(propertyName) ? required : [...required, propertyName];
  }
  const pinned = plan.map((p) => p.schema);
  return pinned;
}
