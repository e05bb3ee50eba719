/**
 * Pointers back into a Swagger 2.0 document. The loader converts Swagger 2.0 to OpenAPI 3
 * (swagger2.ts), and everything after it speaks of the converted document
 * (`#/components/schemas/Pet`, `#/paths/~1pets/post/requestBody/content/application~1json/schema`),
 * which is not the file the user wrote. {@link swaggerPointerMap} turns such a pointer into the
 * place it came from (`#/definitions/Pet`, `#/paths/~1pets/post/parameters/1/schema`), following
 * what the conversion moved:
 *
 * - `components.schemas|parameters|responses|securitySchemes` <- `definitions|parameters|responses|securityDefinitions`
 *   (names the bundler imported from other files stay under `components`);
 * - `components.requestBodies.X` <- the shared body or formData parameter `parameters.X`;
 * - an operation's `requestBody` <- its body parameter, or its formData parameters field by field,
 *   wherever they are declared (the operation, the path item, or `#/parameters` by `$ref`);
 * - an operation's or path item's `parameters[i]` <- the same parameter (matched by `in` and `name`
 *   or by `$ref`, so removed body and formData parameters do not shift indices);
 * - a parameter's or header's `schema/...` <- the keywords on the parameter itself;
 * - a response's `content/<media>/schema` <- its `schema`, `content/<media>/example` <- `examples/<media>`;
 * - `servers` <- `host` (or `basePath`), `openapi` <- `swagger`, oauth2 `flows/<flow>/...` <- the scheme's own fields.
 *
 * Whatever has no exact counterpart maps to its nearest ancestor that exists in the original.
 * @see ./swagger2.ts
 */
import { forEachRef, type UnresolvedRef } from './bundle.js';
import { existingTokens, formatPointer, getAt, isObject, parsePointer } from './pointer.js';
import { SWAGGER2_METHODS } from '../openapi-keywords.js';

type Json = Record<string, unknown>;
type Tokens = string[];

const METHODS: ReadonlySet<string> = new Set(SWAGGER2_METHODS);

/** Converted component section -> the Swagger 2.0 section it came from (`requestBodies` from body and formData parameters). */
const SECTIONS: Readonly<Record<string, string>> = {
  schemas: 'definitions',
  parameters: 'parameters',
  requestBodies: 'parameters',
  responses: 'responses',
  securitySchemes: 'securityDefinitions',
};

/** A formData field or body parameter: where it is listed, and where its fields are (`parameters.X` for a `$ref`). */
interface Declared {
  site: Tokens;
  at: Tokens;
  param: Json;
}

type BodySource = { kind: 'body'; body: Declared } | { kind: 'form'; fields: Declared[] };

/**
 * Builds the map from pointers in `converted` (the OpenAPI 3 document `upgradeSwagger2` made of
 * `original`) to pointers in `original`. Both documents are read once, here: mutating `converted`
 * afterwards (repairs, skipped operations) does not change the answers.
 * @returns a function that never throws and always returns a pointer that exists in `original`.
 */
export function swaggerPointerMap(original: Json, converted: Json): (pointer: string) => string {
  const indexMaps = paramIndexMaps(original, converted);
  const bodies = new Map<string, BodySource | undefined>();
  const bodyOf = (path: string, method: string): BodySource | undefined => {
    const key = `${method} ${path}`;
    if (!bodies.has(key)) bodies.set(key, bodySource(original, path, method));
    return bodies.get(key);
  };
  const translate = (tokens: Tokens): Tokens => {
    const [first, ...rest] = tokens;
    switch (first) {
      case undefined:
        return [];
      case 'openapi':
        return ['swagger'];
      case 'servers':
        return original['host'] !== undefined ? ['host'] : original['basePath'] !== undefined ? ['basePath'] : [];
      case 'components':
        return component(original, rest);
      case 'paths':
        return rest.length < 2 ? tokens : pathItem(rest[0]!, rest.slice(1));
      default:
        return tokens;
    }
  };
  const pathItem = (path: string, rest: Tokens): Tokens => {
    const base = ['paths', path];
    const [key, ...more] = rest;
    if (key === 'parameters' && more.length > 0) return [...base, ...listedParam(base, indexMaps.get(path), more)];
    if (key === undefined || !METHODS.has(key)) return [...base, ...rest];
    const op = [...base, key];
    const [section, ...inner] = more;
    if (section === 'parameters' && inner.length > 0) return [...op, ...listedParam(op, indexMaps.get(`${key} ${path}`), inner)];
    if (section === 'requestBody') return requestBody(op, bodyOf(path, key), inner);
    if (section === 'responses' && inner.length > 0) {
      const [status, ...x] = inner;
      return [...op, 'responses', status!, ...responseRest(getAt(original, [...op, 'responses', status!]), x)];
    }
    return [...op, ...more];
  };
  /** `parameters/<converted index>/...` under `owner`, with the index of the same parameter in the original. */
  const listedParam = (owner: Tokens, indexMap: readonly number[] | undefined, more: Tokens): Tokens => {
    const [index, ...x] = more;
    const j = indexMap?.[Number(index)];
    if (j === undefined || !/^\d+$/.test(index!)) return ['parameters'];
    return ['parameters', String(j), ...paramRest(getAt(original, [...owner, 'parameters', String(j)]), x)];
  };
  return (pointer: string): string => {
    let tokens: Tokens;
    try {
      tokens = parsePointer(pointer);
    } catch {
      return '#';
    }
    return formatPointer(existingPrefix(original, translate(tokens)));
  };
}

/**
 * For every operation (`<method> <path>`) and path item (`<path>`) of `converted`: the original
 * index of each converted parameter. Parameters are matched by `in` and `name` (or by `$ref`
 * target name), in order, so the body and formData parameters the conversion removed do not shift
 * the indices of the rest.
 */
function paramIndexMaps(original: Json, converted: Json): Map<string, number[]> {
  const maps = new Map<string, number[]>();
  const originalPaths = isObject(original['paths']) ? original['paths'] : {};
  const convertedPaths = isObject(converted['paths']) ? converted['paths'] : {};
  for (const [path, item] of Object.entries(convertedPaths)) {
    const source = originalPaths[path];
    if (!isObject(item) || !isObject(source)) continue;
    maps.set(path, matchParams(item['parameters'], source['parameters']));
    for (const method of METHODS) {
      const op = item[method];
      const sourceOp = source[method];
      if (isObject(op) && isObject(sourceOp)) maps.set(`${method} ${path}`, matchParams(op['parameters'], sourceOp['parameters']));
    }
  }
  return maps;
}

function matchParams(convertedList: unknown, originalList: unknown): number[] {
  if (!Array.isArray(convertedList) || !Array.isArray(originalList)) return [];
  const originalKeys = originalList.map(paramKey);
  const used = new Set<number>();
  const out: number[] = [];
  for (const p of convertedList) {
    const key = paramKey(p);
    const j = originalKeys.findIndex((k, i) => k === key && !used.has(i));
    if (j === -1) break; // Not the same list any more: later indices would only guess.
    used.add(j);
    out.push(j);
  }
  return out;
}

/** `in:name` for an inline parameter, `ref:<name>` for `#/parameters/<name>` and `#/components/parameters/<name>` alike. */
function paramKey(p: unknown): string {
  if (!isObject(p)) return '';
  if (typeof p['$ref'] === 'string') {
    const match = /^#\/(?:components\/)?parameters\/([^/]+)$/.exec(p['$ref']);
    return `ref:${match === null ? p['$ref'] : unescape(match[1]!)}`;
  }
  return `${String(p['in'])}:${String(p['name'])}`;
}

function unescape(token: string): string {
  return token.replace(/~1/g, '/').replace(/~0/g, '~');
}

/**
 * `components/<section>/<name>/...` of the converted document: the Swagger section of that name,
 * or what the bundler imported from another file under `components` (which the converter merged).
 */
function component(original: Json, rest: Tokens): Tokens {
  const [section, name, ...more] = rest;
  const swaggerKey = section === undefined ? undefined : SECTIONS[section];
  if (section === undefined || name === undefined || swaggerKey === undefined) {
    if (swaggerKey !== undefined && original[swaggerKey] !== undefined) return [swaggerKey];
    return section === undefined && original['components'] === undefined ? ['definitions'] : ['components', ...rest];
  }
  // The document's own entries win over same-named imports (see mergeBundledComponents).
  const own = isObject(original[swaggerKey]) && Object.hasOwn(original[swaggerKey], name);
  // Shared body and formData parameters the bundler imported sit in `components.parameters`.
  const importedSection = section === 'requestBodies' ? 'parameters' : section;
  const components = original['components'];
  const imported = isObject(components) && isObject(components[importedSection]) && Object.hasOwn(components[importedSection] as Json, name);
  if (!own && !imported) return [swaggerKey];
  const base = own ? [swaggerKey, name] : ['components', importedSection, name];
  const entry = getAt(original, base);
  switch (section) {
    case 'parameters':
      return [...base, ...paramRest(entry, more)];
    case 'requestBodies': {
      const param = isObject(entry) ? entry : {};
      const source: BodySource = param['in'] === 'formData' ? { kind: 'form', fields: [{ site: base, at: base, param }] } : { kind: 'body', body: { site: base, at: base, param } };
      return requestBody(base, source, more);
    }
    case 'responses':
      return [...base, ...responseRest(entry, more)];
    case 'securitySchemes':
      return [...base, ...securityRest(more)];
    default:
      return [...base, ...more];
  }
}

/** Inside a non-body parameter (or response header): OpenAPI 3 moved its type keywords under `schema`. */
function paramRest(param: unknown, more: Tokens): Tokens {
  const [key, ...x] = more;
  if (!isObject(param) || typeof param['$ref'] === 'string') return more;
  switch (key) {
    case 'schema':
      return x;
    case 'style':
    case 'explode':
      return ['collectionFormat'];
    case 'examples':
      return param['x-example'] !== undefined ? ['x-example', ...x.slice(0, 1)] : ['x-examples', ...x.slice(0, 1)];
    default:
      return more;
  }
}

/** Inside a response: `content/<media>/schema` was the response's `schema`, media examples were `examples/<media>`. */
function responseRest(response: unknown, more: Tokens): Tokens {
  const [key, media, part, ...x] = more;
  if (key === 'headers' && media !== undefined) {
    const header = isObject(response) && isObject(response['headers']) ? response['headers'][media] : undefined;
    return ['headers', media, ...paramRest(header, more.slice(2))];
  }
  if (key !== 'content') return more;
  const hasSchema = isObject(response) && response['schema'] !== undefined;
  if (part === 'schema') return ['schema', ...x];
  if (part === 'example') return ['examples', media!];
  if (part === 'examples' && x.length > 0) return ['examples', x[0]!];
  if (media !== undefined && !hasSchema) return ['examples', media];
  return ['schema'];
}

/** Inside a security scheme: oauth2 `flows/<flow>/<field>` were the scheme's own fields; `scheme: basic` was `type`. */
function securityRest(more: Tokens): Tokens {
  const [key, , ...x] = more;
  if (key === 'flows') return x.length > 0 ? x : ['flow'];
  if (key === 'scheme') return ['type'];
  return more;
}

/** Where the converted operation's request body came from (mirrors prepareSwagger2's merge of own and path-level parameters). */
function bodySource(original: Json, path: string, method: string): BodySource | undefined {
  const declared = (list: unknown, owner: Tokens): Declared[] =>
    (Array.isArray(list) ? list : []).flatMap((p, i): Declared[] => {
      const site = [...owner, 'parameters', String(i)];
      if (!isObject(p)) return [];
      if (typeof p['$ref'] !== 'string') return [{ site, at: site, param: p }];
      // A shared parameter, or one the bundler imported from another file under `components`.
      const match = /^#\/(components\/)?parameters\/([^/]+)$/.exec(p['$ref']);
      if (match === null) return [];
      const at = [...(match[1] === undefined ? [] : ['components']), 'parameters', unescape(match[2]!)];
      const target = getAt(original, at);
      return isObject(target) ? [{ site, at, param: target }] : [];
    });
  const item = getAt(original, ['paths', path]);
  if (!isObject(item)) return undefined;
  const own = declared(isObject(item[method]) ? (item[method] as Json)['parameters'] : undefined, ['paths', path, method]);
  const key = (d: Declared): string => `${String(d.param['in'])}:${String(d.param['name'])}`;
  const ownKeys = new Set(own.map(key));
  const payload = (d: Declared): boolean => d.param['in'] === 'body' || d.param['in'] === 'formData';
  const inherited = declared(item['parameters'], ['paths', path]).filter((d) => payload(d) && !ownKeys.has(key(d)));
  const merged = [...own, ...inherited];
  const fields = merged.filter((d) => d.param['in'] === 'formData');
  if (fields.length > 0) return { kind: 'form', fields };
  const body = merged.find((d) => d.param['in'] === 'body');
  return body === undefined ? undefined : { kind: 'body', body };
}

/** `requestBody/...` of an operation whose pointer is `op` (or `components/requestBodies/X`, then `op` is `parameters/X`). */
function requestBody(op: Tokens, source: BodySource | undefined, more: Tokens): Tokens {
  const [key, , part, ...x] = more;
  if (source === undefined) return [...op, 'parameters'];
  if (source.kind === 'body') {
    const { site, at } = source.body;
    if (more.length === 0) return site;
    if (key !== 'content') return [...at, ...more];
    if (part === 'schema') return [...at, 'schema', ...x];
    if (part === 'example' || part === 'examples') return [...at, part === 'example' ? 'x-example' : 'x-examples', more[1]!];
    // A media type object is its schema (openapi-typescript names it when the schema is unreadable).
    return more.length === 2 ? [...at, 'schema'] : at;
  }
  const first = source.fields[0]!;
  // openapi-typescript names an unreadable form field `content/<media>/<field>`.
  const named = key === 'content' && x.length === 0 ? source.fields.find((f) => f.param['name'] === part) : undefined;
  if (named !== undefined) return named.at;
  if (key === 'content' && part === 'schema') {
    const [sub, name, ...rest] = x;
    if (sub === 'properties' && name !== undefined) {
      const field = source.fields.find((f) => f.param['name'] === name);
      if (field !== undefined) return [...field.at, ...rest];
    }
    if (sub === 'required' && name !== undefined) {
      const field = source.fields.filter((f) => f.param['required'] === true)[Number(name)];
      if (field !== undefined) return [...field.at, 'required'];
    }
  }
  if (key === 'required') {
    const field = source.fields.find((f) => f.param['required'] === true);
    if (field !== undefined) return [...field.at, 'required'];
  }
  return first.site;
}

/**
 * The longest prefix of `tokens` that exists in `root`. A schema's `nullable` was `x-nullable`
 * in Swagger 2.0, so that token is looked up under both names.
 */
export function existingPrefix(root: unknown, tokens: readonly string[]): Tokens {
  return existingTokens(root, tokens, (token) => (token === 'nullable' ? [token, 'x-nullable'] : [token]));
}

/**
 * The bundler reports `$ref`s it could not follow by their site in the Swagger document; the
 * validator expects sites in the converted one. Each is moved to every place in `converted` that
 * holds the same `$ref` and maps back to that site (a body parameter's schema is copied once per
 * media type); one that cannot be found keeps its Swagger site, which maps to itself.
 */
export function convertedUnresolved(converted: Json, unresolved: readonly UnresolvedRef[], toOriginal: (pointer: string) => string): UnresolvedRef[] {
  if (unresolved.length === 0) return [];
  const wanted = new Set(unresolved.map((u) => u.ref));
  const holders = new Map<string, string[]>();
  forEachRef(converted, (ref, _holder, tokens) => {
    if (!wanted.has(ref)) return;
    const pointer = formatPointer(tokens);
    const list = holders.get(ref) ?? [];
    list.push(pointer);
    holders.set(ref, list);
  });
  return unresolved.flatMap((u) => {
    const sites = (holders.get(u.ref) ?? []).filter((pointer) => toOriginal(pointer) === u.site);
    return sites.length === 0 ? [u] : sites.map((site) => ({ ...u, site }));
  });
}
