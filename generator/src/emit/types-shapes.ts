/**
 * The shapes openapi-typescript's transform relies on. `openapiTS()` used to run Redocly's lint
 * first, whose `struct` rule rejected malformed documents; the types emitter now calls the
 * transform directly (types.ts), which reads the document without checking it and throws on
 * wrong shapes (`Cannot use 'in' operator to search for '$ref' in null`, `items is not
 * iterable`), with no location. `validate.ts` runs this check so that every such node is reported
 * where it is, with a fix, before anything is emitted.
 *
 * Reported: what the transform cannot read, and schemas that are no schema at all (`null`, a
 * string); not everything a linter would. Values that are only odd (`properties: []`) stay the
 * transform's business, so specs that generate working SDKs keep doing so.
 * @see https://spec.openapis.org/oas/v3.1.0#schema-object
 */
import { childPointer, isObject } from '../load/pointer.js';
import { ONE_SCHEMA_KEYWORDS, OPERATION_METHODS, SCHEMA_LIST_KEYWORDS, SCHEMA_MAP_KEYWORDS } from '../openapi-keywords.js';

type Json = Record<string, unknown>;

/** Reports one problem at a bundled-document pointer (validate.ts maps it back to its file). */
export type ShapeReport = (code: string, pointer: string, message: string, fix: string) => void;


/** Nesting deeper than this is not followed (a bundled document is a tree, but bounded anyway). */
const MAX_DEPTH = 256;

function kind(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

/** Checks `document` and reports every node of the wrong shape; returns how many it reported. */
export function checkTypeShapes(document: Json, report: ShapeReport): number {
  let count = 0;
  const problem: ShapeReport = (...args) => {
    count++;
    report(...args);
  };
  const seen = new WeakSet<object>();

  const notObject = (ptr: string, value: unknown, what: string, fix: string): void =>
    problem('SDKGEN_INVALID_STRUCTURE', ptr, `${what} is ${kind(value)}, not an object.`, fix);

  /** True when `node` is a reference; reports a `$ref` that is not a string (the transform splits it). */
  const isRef = (node: Json, ptr: string): boolean => {
    if (!('$ref' in node)) return false;
    if (typeof node['$ref'] === 'string') return true;
    problem('SDKGEN_REF_INVALID', childPointer(ptr, '$ref'), `\`$ref\` is ${kind(node['$ref'])}, not a string.`, 'Write it as a string, e.g. `$ref: "#/components/schemas/Name"`.');
    return true;
  };

  function schema(node: unknown, ptr: string, depth: number): void {
    if (typeof node === 'boolean') return;
    if (!isObject(node)) {
      problem('SDKGEN_SCHEMA_UNREADABLE', ptr, `This schema is ${kind(node)}, not a Schema Object.`, 'Write a Schema Object, e.g. `{ type: string }` or `{ $ref: "#/components/schemas/Name" }`.');
      return;
    }
    if (seen.has(node) || depth > MAX_DEPTH) return;
    seen.add(node);
    if (isRef(node, ptr)) return;
    for (const key of ONE_SCHEMA_KEYWORDS) {
      const sub = node[key];
      // A boolean is a schema; `items: [..]` is a 3.0-era tuple, read member by member.
      if (isObject(sub)) schema(sub, childPointer(ptr, key), depth + 1);
      else if (key === 'items' && Array.isArray(sub)) sub.forEach((m, i) => schema(m, childPointer(childPointer(ptr, key), String(i)), depth + 1));
      else if (key === 'items' && sub !== undefined && typeof sub !== 'boolean') schema(sub, childPointer(ptr, key), depth + 1);
    }
    for (const key of SCHEMA_LIST_KEYWORDS) {
      const list = node[key];
      if (list === undefined) continue;
      if (!Array.isArray(list)) {
        problem('SDKGEN_SCHEMA_UNREADABLE', childPointer(ptr, key), `\`${key}\` is ${kind(list)}, not a list of schemas.`, `Make \`${key}\` a list, e.g. \`${key}: [{ $ref: "#/components/schemas/A" }, { type: object }]\`.`);
        continue;
      }
      list.forEach((m, i) => schema(m, childPointer(childPointer(ptr, key), String(i)), depth + 1));
    }
    for (const key of SCHEMA_MAP_KEYWORDS) {
      const map = node[key];
      if (isObject(map)) for (const [name, sub] of Object.entries(map)) schema(sub, childPointer(childPointer(ptr, key), name), depth + 1);
      else if (key === 'patternProperties' && map !== undefined) {
        problem('SDKGEN_SCHEMA_UNREADABLE', childPointer(ptr, key), `\`${key}\` is ${kind(map)}, not a map of schemas.`, `Make \`${key}\` a map from regular expressions to schemas.`);
      }
    }
  }

  function content(node: unknown, ptr: string): void {
    if (!isObject(node)) return;
    for (const [type, media] of Object.entries(node)) {
      const at = childPointer(ptr, type);
      if (!isObject(media)) {
        notObject(at, media, `The media type object for ${JSON.stringify(type)}`, `Write \`${type}: { schema: { ... } }\`.`);
        continue;
      }
      if (media['schema'] !== undefined) schema(media['schema'], childPointer(at, 'schema'), 0);
    }
  }

  function parameter(p: unknown, at: string): void {
    if (!isObject(p)) notObject(at, p, 'This parameter', 'Write a Parameter Object, e.g. `{ name: id, in: query, schema: { type: string } }`.');
    else if (!isRef(p, at)) {
      for (const key of ['name', 'in'] as const) {
        if (p[key] !== undefined && typeof p[key] !== 'string') problem('SDKGEN_INVALID_STRUCTURE', childPointer(at, key), `The parameter's \`${key}\` is ${kind(p[key])}, not a string.`, `Write \`${key}\` as a string, e.g. \`${key === 'name' ? 'name: id' : 'in: query'}\`.`);
      }
      if (p['schema'] !== undefined) schema(p['schema'], childPointer(at, 'schema'), 0);
      content(p['content'], childPointer(at, 'content'));
    }
  }

  function parameters(list: unknown, ptr: string): void {
    if (list === undefined) return;
    if (!Array.isArray(list)) problem('SDKGEN_INVALID_STRUCTURE', ptr, `\`parameters\` is ${kind(list)}, not a list.`, 'Make `parameters` a list of Parameter Objects, e.g. `[{ name: id, in: query, schema: { type: string } }]`.');
    else list.forEach((p, i) => parameter(p, childPointer(ptr, String(i))));
  }

  function header(node: unknown, at: string, name: string): void {
    if (!isObject(node)) notObject(at, node, `Header ${JSON.stringify(name)}`, 'Write a Header Object, e.g. `{ schema: { type: string } }`.');
    else if (!isRef(node, at) && node['schema'] !== undefined) schema(node['schema'], childPointer(at, 'schema'), 0);
  }

  function headers(map: unknown, ptr: string): void {
    if (isObject(map)) for (const [name, node] of Object.entries(map)) header(node, childPointer(ptr, name), name);
  }

  function response(node: unknown, ptr: string, what: string): void {
    if (!isObject(node)) {
      notObject(ptr, node, what, 'Write a Response Object, e.g. `{ description: OK, content: { application/json: { schema: { ... } } } }`.');
      return;
    }
    if (isRef(node, ptr)) return;
    headers(node['headers'], childPointer(ptr, 'headers'));
    content(node['content'], childPointer(ptr, 'content'));
  }

  function requestBody(node: unknown, ptr: string): void {
    if (!isObject(node)) {
      notObject(ptr, node, '`requestBody`', 'Write a Request Body Object, e.g. `{ content: { application/json: { schema: { ... } } } }`.');
      return;
    }
    if (!isRef(node, ptr)) content(node['content'], childPointer(ptr, 'content'));
  }

  function pathItem(item: unknown, ptr: string): void {
    if (!isObject(item) || isRef(item, ptr)) return;
    parameters(item['parameters'], childPointer(ptr, 'parameters'));
    for (const method of OPERATION_METHODS) {
      const op = item[method];
      const at = childPointer(ptr, method);
      if (op === undefined || op === null) continue;
      if (!isObject(op)) {
        notObject(at, op, `The ${method.toUpperCase()} operation`, 'Write an Operation Object, e.g. `{ operationId: listPets, responses: { ... } }`.');
        continue;
      }
      parameters(op['parameters'], childPointer(at, 'parameters'));
      if (op['requestBody'] !== undefined) requestBody(op['requestBody'], childPointer(at, 'requestBody'));
      const responses = op['responses'];
      if (isObject(responses)) {
        for (const [status, r] of Object.entries(responses)) response(r, childPointer(childPointer(at, 'responses'), status), `Response ${JSON.stringify(status)}`);
      }
    }
  }

  for (const section of ['paths', 'webhooks'] as const) {
    const items = document[section];
    if (isObject(items)) for (const [key, item] of Object.entries(items)) pathItem(item, childPointer(`#/${section}`, key));
  }
  const components = document['components'];
  if (isObject(components)) {
    const each = (section: string, check: (node: unknown, ptr: string, name: string) => void): void => {
      const map = components[section];
      if (isObject(map)) for (const [name, node] of Object.entries(map)) check(node, childPointer(childPointer('#/components', section), name), name);
    };
    each('schemas', (node, ptr) => schema(node, ptr, 0));
    // Non-object entries of the other sections are skipped by openapi-typescript, not read.
    each('responses', (node, ptr) => isObject(node) && response(node, ptr, 'This response'));
    each('requestBodies', (node, ptr) => isObject(node) && requestBody(node, ptr));
    each('parameters', (node, ptr) => isObject(node) && parameter(node, ptr));
    each('headers', (node, ptr, name) => isObject(node) && header(node, ptr, name));
    each('pathItems', pathItem);
  }
  return count;
}
