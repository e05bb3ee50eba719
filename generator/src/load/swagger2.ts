/**
 * Swagger 2.0 input: converted to OpenAPI 3.0 on the way in, so everything after the loader sees
 * one dialect.
 *
 * The conversion itself is `@scalar/openapi-upgrader` (maintained, MIT, no runtime dependencies of
 * its own). It is pinned to 0.1.x, the last line whose `engines` accepts Node 20; later lines need
 * Node 22. Before handing the document over, {@link prepareSwagger2} rewrites the constructs that
 * line converts wrongly or not at all, so real-world specs survive:
 *
 * - schemas, parameters and responses the loader bundled in from other files (under `components`)
 *   join `definitions`, `parameters` and `responses` (the upgrader drops or ignores `components`);
 * - body and formData parameters used by `$ref` (the upgrader only sees inline ones);
 * - path-level body and formData parameters (the upgrader applies them only to operations that
 *   come after `parameters` in key order);
 * - formData fields keep `items`, `enum`, `default` and bounds (the upgrader keeps type and format only);
 * - an operation's own `produces` wins over the document's (the upgrader has it backwards);
 * - `x-nullable` becomes `nullable`; a string `discriminator` becomes `{ propertyName }`.
 *
 * @see https://swagger.io/specification/v2/
 * @see https://spec.openapis.org/oas/v3.0.4.html
 */
import { upgradeFromTwoToThree } from '@scalar/openapi-upgrader/2.0-to-3.0';
import type { Diagnostic } from '../diagnostics.js';
import { forEachRef } from './bundle.js';
import { childPointer, isObject } from './pointer.js';
import { SWAGGER2_METHODS } from '../openapi-keywords.js';

type Json = Record<string, unknown>;

/** The converted document and what the conversion had to approximate or drop. */
export interface Swagger2Upgrade {
  /** An OpenAPI 3.0 document; `undefined` when the input could not be converted (see diagnostics). */
  document: Json | undefined;
  diagnostics: Diagnostic[];
}


/** Schema keywords a Swagger 2.0 non-body parameter (or items object) may carry. */
const PARAM_SCHEMA_KEYS = [
  'type', 'format', 'items', 'default', 'maximum', 'exclusiveMaximum', 'minimum', 'exclusiveMinimum', 'maxLength',
  'minLength', 'pattern', 'maxItems', 'minItems', 'uniqueItems', 'enum', 'multipleOf', 'x-nullable',
] as const;

/** Keys whose values are data (examples, defaults, enum members), never schemas: not walked. */
const DATA_KEYS = new Set(['example', 'examples', 'x-example', 'x-examples', 'default', 'enum', 'const']);

const FORM_MEDIA_TYPES = ['multipart/form-data', 'application/x-www-form-urlencoded'];

/** True for a document that declares `swagger: "2.0"` (or any other Swagger version). */
export function isSwagger(doc: unknown): doc is Json {
  return isObject(doc) && doc['swagger'] !== undefined && doc['openapi'] === undefined;
}

/**
 * Converts a Swagger 2.0 document to OpenAPI 3.0. The input is not mutated.
 * @param file the document's address, named in diagnostics.
 * @default file 'openapi.json'
 */
export function upgradeSwagger2(doc: Json, file = 'openapi.json'): Swagger2Upgrade {
  const diagnostics: Diagnostic[] = [];
  const warn = (pointer: string, message: string, fix: string): void => {
    diagnostics.push({ code: 'SDKGEN_SWAGGER2_LOSSY', severity: 'warning', file, pointer, message, fix });
  };
  // YAML reads an unquoted `swagger: 2.0` as the number 2: the version meant, written as YAML allows.
  const unquoted = doc['swagger'] === 2;
  if (unquoted) {
    diagnostics.push({
      code: 'SDKGEN_SWAGGER_VERSION_NUMBER', severity: 'warning', file, pointer: '#/swagger',
      message: '`swagger` is the number 2 (YAML reads an unquoted `swagger: 2.0` as a number); read as "2.0".',
      fix: 'Quote the version: `swagger: "2.0"`.',
    });
  } else if (typeof doc['swagger'] !== 'string' || !doc['swagger'].startsWith('2.')) {
    diagnostics.push({
      code: 'SDKGEN_SWAGGER_VERSION', severity: 'error', file, pointer: '#/swagger',
      message: `Swagger ${JSON.stringify(doc['swagger'])} is not supported; only Swagger 2.0 is converted.`,
      fix: 'Convert the document to OpenAPI 3 (or Swagger 2.0) first.',
    });
    return { document: undefined, diagnostics };
  }
  const copy = structuredClone(doc);
  if (unquoted) copy['swagger'] = '2.0';
  mergeBundledComponents(copy);
  prepareSwagger2(copy, warn);
  try {
    const upgraded = upgradeFromTwoToThree(copy);
    if (!isObject(upgraded) || typeof upgraded['openapi'] !== 'string') throw new Error('the upgrader returned no OpenAPI document');
    return { document: upgraded, diagnostics };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    diagnostics.push({
      code: 'SDKGEN_SWAGGER2_CONVERSION', severity: 'error', file, pointer: '#',
      message: `Converting Swagger 2.0 to OpenAPI 3 failed: ${reason}`,
      fix: 'Check the document against the Swagger 2.0 schema (e.g. with `npx @apidevtools/swagger-cli validate`), or convert it to OpenAPI 3 yourself.',
    });
    return { document: undefined, diagnostics };
  }
}

/**
 * Rewrites, in place, the Swagger 2.0 constructs the upgrader mishandles (see the module comment).
 * Exported for its table tests.
 */
export function prepareSwagger2(doc: Json, warn: (pointer: string, message: string, fix: string) => void): void {
  fixSchemas(doc);
  const docConsumes = mediaList(doc['consumes']);
  const docProduces = mediaList(doc['produces']);
  const sharedParams = isObject(doc['parameters']) ? doc['parameters'] : {};
  const paths = isObject(doc['paths']) ? doc['paths'] : {};
  for (const [path, item] of Object.entries(paths)) {
    if (!isObject(item)) continue;
    const itemPointer = childPointer('#/paths', path);
    const inherited = Array.isArray(item['parameters']) ? item['parameters'] : [];
    const isPayload = (p: unknown): boolean => {
      const resolved = resolveParam(p, sharedParams);
      return resolved !== undefined && (resolved['in'] === 'body' || resolved['in'] === 'formData');
    };
    // Path-level payload parameters move into each operation (which may override them by name).
    const inheritedPayload = inherited.filter(isPayload);
    if (inheritedPayload.length > 0) item['parameters'] = inherited.filter((p) => !isPayload(p));
    for (const method of SWAGGER2_METHODS) {
      const op = item[method];
      if (!isObject(op)) continue;
      const opPointer = childPointer(itemPointer, method);
      const own = Array.isArray(op['parameters']) ? op['parameters'] : [];
      const ownKeys = new Set(own.map((p) => paramKey(resolveParam(p, sharedParams))));
      const merged = [...own, ...inheritedPayload.filter((p) => !ownKeys.has(paramKey(resolveParam(p, sharedParams))))];
      // Payload parameters by $ref are inlined so the upgrader sees their `in`.
      const params = merged.map((p) => (isPayload(p) ? structuredClone(resolveParam(p, sharedParams)) : p));
      const form = params.filter((p): p is Json => isObject(p) && p['in'] === 'formData');
      if (form.length > 0) {
        const consumes = mediaList(op['consumes']) ?? docConsumes;
        op['requestBody'] = formRequestBody(form, consumes, childPointer(opPointer, 'parameters'), warn);
        if (params.some((p) => isObject(p) && p['in'] === 'body')) {
          warn(childPointer(opPointer, 'parameters'), 'The operation has both a body and formData parameters; the body parameter is dropped.', 'Use either one body parameter or formData parameters.');
        }
      }
      const rest = params.filter((p) => !(isObject(p) && p['in'] === 'formData') && !(form.length > 0 && isObject(p) && p['in'] === 'body'));
      if (merged.length > 0 || own.length > 0) op['parameters'] = rest;
      const produces = mediaList(op['produces']) ?? docProduces ?? ['application/json'];
      if (isObject(op['responses'])) convertResponses(op['responses'], produces);
      delete op['produces'];
    }
  }
}

/**
 * The loader bundles schemas, parameters and responses from other files into `components`
 * (under names the document's own sections do not use); the upgrader only converts the Swagger
 * sections (`definitions`, `parameters`, `responses`) and replaces or ignores `components`, so the
 * imports join those sections first. Refs to schemas end up at `#/components/schemas/<name>`
 * either way; refs to parameters and responses are pointed at the Swagger sections, which the
 * upgrader (and {@link prepareSwagger2}) follow.
 */
function mergeBundledComponents(doc: Json): void {
  const components = doc['components'];
  if (!isObject(components)) return;
  const moved: string[] = [];
  for (const [section, target] of [['schemas', 'definitions'], ['parameters', 'parameters'], ['responses', 'responses']] as const) {
    const imported = components[section];
    if (!isObject(imported)) continue;
    doc[target] = { ...imported, ...(isObject(doc[target]) ? doc[target] : {}) };
    delete components[section];
    if (section !== 'schemas') moved.push(section);
  }
  if (Object.keys(components).length === 0) delete doc['components'];
  if (moved.length === 0) return;
  const pattern = new RegExp(`^#/components/(${moved.join('|')})/`);
  forEachRef(doc, (ref, holder) => {
    if (pattern.test(ref)) holder['$ref'] = ref.replace(pattern, '#/$1/');
  });
}

/** Renames `x-nullable` and string discriminators in every schema-bearing position. */
function fixSchemas(node: unknown): void {
  if (Array.isArray(node)) {
    for (const item of node) fixSchemas(item);
    return;
  }
  if (!isObject(node)) return;
  if (typeof node['x-nullable'] === 'boolean') {
    if (node['x-nullable']) node['nullable'] = true;
    delete node['x-nullable'];
  }
  if (typeof node['discriminator'] === 'string') node['discriminator'] = { propertyName: node['discriminator'] };
  for (const [key, value] of Object.entries(node)) {
    if (!DATA_KEYS.has(key)) fixSchemas(value);
  }
}

function mediaList(value: unknown): string[] | undefined {
  if (!Array.isArray(value)) return undefined;
  const list = value.filter((v): v is string => typeof v === 'string' && v.length > 0);
  return list.length > 0 ? list : undefined;
}

function resolveParam(p: unknown, shared: Json): Json | undefined {
  if (!isObject(p)) return undefined;
  const ref = p['$ref'];
  if (typeof ref !== 'string') return p;
  const match = /^#\/parameters\/(.+)$/.exec(ref);
  const name = match?.[1]?.replace(/~1/g, '/').replace(/~0/g, '~');
  const target = name === undefined ? undefined : shared[name];
  return isObject(target) ? target : undefined;
}

function paramKey(p: Json | undefined): string {
  return p === undefined ? '' : `${String(p['in'])}:${String(p['name'])}`;
}

/** One schema from a formData parameter, keeping every schema keyword it has. */
function formFieldSchema(param: Json): Json {
  const schema: Json = {};
  for (const key of PARAM_SCHEMA_KEYS) if (param[key] !== undefined) schema[key] = param[key];
  if (typeof param['description'] === 'string') schema['description'] = param['description'];
  if (schema['type'] === 'file') {
    schema['type'] = 'string';
    schema['format'] = 'binary';
  }
  return schema;
}

function formRequestBody(form: Json[], consumes: string[] | undefined, pointer: string, warn: (pointer: string, message: string, fix: string) => void): Json {
  const hasFile = form.some((p) => p['type'] === 'file');
  let mediaTypes = (consumes ?? []).filter((m) => FORM_MEDIA_TYPES.includes(m.split(';')[0]!.trim().toLowerCase()));
  if (hasFile) mediaTypes = mediaTypes.filter((m) => m.toLowerCase().startsWith('multipart/'));
  if (mediaTypes.length === 0) mediaTypes = [hasFile ? 'multipart/form-data' : (consumes?.[0] === 'application/x-www-form-urlencoded' ? consumes[0] : 'multipart/form-data')];
  const properties: Json = {};
  const required: string[] = [];
  for (const param of form) {
    if (typeof param['name'] !== 'string') continue;
    properties[param['name']] = formFieldSchema(param);
    if (param['required'] === true) required.push(param['name']);
    if (param['collectionFormat'] === 'tsv') {
      warn(pointer, `formData field ${JSON.stringify(param['name'])} uses collectionFormat "tsv", which OpenAPI 3 cannot express; it is sent comma-separated.`, 'Use collectionFormat "csv" or "multi".');
    }
  }
  const schema: Json = { type: 'object', properties };
  if (required.length > 0) schema['required'] = required;
  const content: Json = {};
  for (const mediaType of mediaTypes) content[mediaType] = { schema: structuredClone(schema) };
  return { content, ...(required.length > 0 ? { required: true } : {}) };
}

/** Moves response `schema` and media-type `examples` under `content` for the operation's own media types. */
function convertResponses(responses: Json, produces: string[]): void {
  for (const response of Object.values(responses)) {
    if (!isObject(response) || typeof response['$ref'] === 'string') continue;
    const content: Json = isObject(response['content']) ? response['content'] : {};
    if (response['schema'] !== undefined) {
      for (const mediaType of produces) content[mediaType] = { schema: structuredClone(response['schema']) };
      delete response['schema'];
    }
    if (isObject(response['examples'])) {
      for (const [mediaType, example] of Object.entries(response['examples'])) {
        const entry = content[mediaType];
        content[mediaType] = { ...(isObject(entry) ? entry : {}), example };
      }
      delete response['examples'];
    }
    if (Object.keys(content).length > 0) response['content'] = content;
  }
}
