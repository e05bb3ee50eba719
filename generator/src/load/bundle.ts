/**
 * Bundling: turns a spec spread over files and URLs into one document with only local `$ref`s, so
 * openapi-typescript and the normalizer see a single tree. An external target becomes a component
 * (`#/components/schemas/<Name>`), named after its own component name or file, made unique; a path
 * item is inlined (OpenAPI 3.0 has no component section for it). Every imported subtree remembers the
 * file and pointer it came from, so diagnostics can name the original location.
 */
import { closestNames, pascalCase, uniqueName } from '../naming.js';
import { OPERATION_METHODS } from '../openapi-keywords.js';
import { childPointer, formatPointer, getAt, isObject, parsePointer } from './pointer.js';
import { baseName, refusedRef, resolveUri, splitRef } from './uri.js';

/** A loaded document, or why it could not be loaded. */
export type Source =
  | { uri: string; root: unknown; error?: undefined }
  | { uri: string; root?: undefined; error: { code: string; message: string; fix: string } };

/** Where a node of the bundled document came from. */
export interface SourceLocation {
  file: string;
  pointer: string;
}

/** A `$ref` the loader could not follow; the validator reports it with the ref site's origin. */
export interface UnresolvedRef {
  /** Pointer, in the bundled document, of the object holding the `$ref`. */
  site: string;
  /** The `$ref` text as written. */
  ref: string;
  /** Resolved address and pointer of the target. */
  targetFile: string;
  targetPointer: string;
  code: string;
  message: string;
  fix: string;
}

/** Result of {@link bundle}. */
export interface BundleResult {
  unresolved: UnresolvedRef[];
  /**
   * Operations written as a `$ref` (`get: { $ref: op.yaml }`), which OpenAPI does not allow but
   * Redocly and openapi-typescript accept: inlined, and listed here so the loader can warn.
   */
  operationRefs: { site: string; ref: string }[];
  /** Bundled pointer prefix -> origin of that subtree. */
  origins: Map<string, SourceLocation>;
}

const SECTIONS = new Set([
  'schemas', 'parameters', 'responses', 'requestBodies', 'headers', 'examples', 'links', 'callbacks',
  'securitySchemes', 'pathItems',
]);

/**
 * Swagger 2.0 keeps these component sections at the top level (`definitions`, `parameters`,
 * `responses`); the converter merges what the bundler imported into them (swagger2.ts), so
 * imported names must not clash with them, and `definitions.Pet: {$ref: pet.yaml}` is a slot.
 */
const SWAGGER_SECTIONS: Readonly<Record<string, string>> = { schemas: 'definitions', parameters: 'parameters', responses: 'responses' };

/** Keys whose children are all named entries (so a child called `example` is not example data). */
const MAP_KEYS = new Set([
  ...SECTIONS, 'properties', 'patternProperties', 'definitions', '$defs', 'paths', 'content', 'encoding',
  'variables', 'mapping', 'webhooks', 'dependentSchemas',
]);
/** Keys holding literal data, where a `$ref` key is not a reference. */
const DATA_KEYS = new Set(['example', 'default', 'enum', 'const']);

/**
 * Whether `node[key]` is literal data: the keys above, a JSON Schema `examples` list, and the
 * value of an Example Object (an entry of an `examples` map). Examples are data: a SCIM payload's
 * `"$ref": "https://..."` is a member, not a reference to follow.
 * @see https://spec.openapis.org/oas/v3.1.0#example-object
 */
function isData(node: Record<string, unknown>, key: string, parentKey: string | undefined, inMap: boolean): boolean {
  if (inMap) return false;
  if (DATA_KEYS.has(key)) return true;
  if (key === 'examples' && Array.isArray(node[key])) return true;
  return parentKey === EXAMPLE_ENTRY && (key === 'value' || key === 'dataValue');
}

/** The parent key an entry of an `examples` map is walked with. */
const EXAMPLE_ENTRY = 'examples/*';

const EXAMPLE_KEYS = new Set(['summary', 'description', 'value', 'externalValue', 'dataValue', 'serializedValue']);

/** A file that is one Example Object (`examples: { a: { $ref: a.json } }`): its `value` is data too. */
function isExampleObject(node: unknown): boolean {
  return isObject(node) && ('value' in node || 'dataValue' in node) && Object.keys(node).every((k) => EXAMPLE_KEYS.has(k) || k.startsWith('x-'));
}

/** The key a child of `node[key]` is walked with: entries of an `examples` map are Example Objects. */
function childKey(key: string, parentKey: string | undefined, inMap: boolean): string | undefined {
  return inMap ? (parentKey === 'examples' ? EXAMPLE_ENTRY : undefined) : key;
}

/** Calls `visit` for every `$ref` string in `root` (skipping literal data such as examples). */
export function forEachRef(root: unknown, visit: (ref: string, holder: Record<string, unknown>, tokens: string[]) => void): void {
  const tokens: string[] = [];
  const walk = (node: unknown, parentKey: string | undefined): void => {
    if (Array.isArray(node)) {
      for (let i = 0; i < node.length; i++) {
        tokens.push(String(i));
        walk(node[i], parentKey);
        tokens.pop();
      }
      return;
    }
    if (!isObject(node)) return;
    const ref = node.$ref;
    if (typeof ref === 'string') visit(ref, node, tokens);
    const inMap = parentKey !== undefined && MAP_KEYS.has(parentKey);
    for (const key of Object.keys(node)) {
      if (key === '$ref' || isData(node, key, parentKey, inMap)) continue;
      tokens.push(key);
      walk(node[key], childKey(key, parentKey, inMap));
      tokens.pop();
    }
  };
  walk(root, isExampleObject(root) ? EXAMPLE_ENTRY : undefined);
}

/** Which components section an external target belongs in, from its own pointer or the ref site. */
function sectionFor(target: readonly string[], site: readonly string[]): string {
  if (target.length === 3 && target[0] === 'components' && SECTIONS.has(target[1] ?? '')) {
    return target[1] === 'pathItems' && site[0] === 'paths' && site.length === 2 ? 'pathItem' : (target[1] ?? 'schemas');
  }
  if (site[0] === 'paths' && site.length === 2) return 'pathItem';
  if (target[0] === 'definitions' || target[0] === '$defs') return 'schemas';
  if ((site[0] === 'components' && site[1] === 'schemas') || site.indexOf('schema') > 0) return 'schemas';
  const parent = site.at(-2);
  const last = site.at(-1);
  if (last === 'requestBody') return 'requestBodies';
  if (parent !== undefined && SECTIONS.has(parent) && parent !== 'schemas') return parent;
  if (site[0] === 'components' && site.length === 3 && SECTIONS.has(site[1] ?? '')) return site[1] ?? 'schemas';
  return 'schemas';
}

/** A component name: the target's own name when already valid, else PascalCase of it or of the file. */
function componentStem(target: readonly string[], uri: string): string {
  const last = target.at(-1);
  if (last !== undefined && /^[A-Za-z0-9._-]+$/.test(last) && target.length === 3 && target[0] === 'components') return last;
  return pascalCase(last ?? baseName(uri)) || pascalCase(baseName(uri)) || 'Component';
}

/**
 * Rewrites every `$ref` of the root document (in place) and of everything it reaches, so that only
 * local refs remain. `sources` must already hold every document the refs reach (see the loader).
 */
export function bundle(rootUri: string, root: Record<string, unknown>, sources: ReadonlyMap<string, Source>): BundleResult {
  const unresolved: UnresolvedRef[] = [];
  const operationRefs: { site: string; ref: string }[] = [];
  const origins = new Map<string, SourceLocation>([['#', { file: rootUri, pointer: '#' }]]);
  const imported = new Map<string, string>();
  const taken = new Map<string, Set<string>>();
  const inlining = new Set<string>();
  // A ref object is resolved once even when its subtree is walked again (see the two passes below).
  const done = new WeakSet<object>();
  const swagger = root.swagger !== undefined && root.openapi === undefined;
  const swaggerSection = (section: string): Record<string, unknown> | undefined => {
    const key = SWAGGER_SECTIONS[section];
    const map = swagger && key !== undefined ? root[key] : undefined;
    return isObject(map) ? map : undefined;
  };

  const components = (): Record<string, unknown> => {
    if (!isObject(root.components)) root.components = {};
    return root.components as Record<string, unknown>;
  };
  const sectionMap = (section: string): Record<string, unknown> => {
    const c = components();
    if (!isObject(c[section])) c[section] = {};
    return c[section] as Record<string, unknown>;
  };
  const takenIn = (section: string): Set<string> => {
    let set = taken.get(section);
    if (set === undefined) {
      const existing = isObject(root.components) ? root.components[section] : undefined;
      set = new Set([...(isObject(existing) ? Object.keys(existing) : []), ...Object.keys(swaggerSection(section) ?? {})]);
      taken.set(section, set);
    }
    return set;
  };

  /** Returns the node to put in place of `node` (only different when a `$ref` object is inlined). */
  const rewrite = (node: unknown, uri: string, site: string[], parentKey: string | undefined, inArray = false): unknown => {
    if (Array.isArray(node)) {
      for (let i = 0; i < node.length; i++) {
        site.push(String(i));
        const next = rewrite(node[i], uri, site, parentKey, true);
        if (next !== node[i]) node[i] = next;
        site.pop();
      }
      return node;
    }
    if (!isObject(node)) return node;
    if (typeof node.$ref === 'string' && !done.has(node)) {
      done.add(node);
      // A map (`properties: { $ref: attrs.yml }`) cannot hold a reference: its target is the map.
      const mapSlot = !inArray && parentKey !== undefined && MAP_KEYS.has(parentKey) && parentKey !== 'examples';
      const replaced = resolveRef(node, node.$ref, uri, site, mapSlot);
      if (replaced !== node) return replaced;
    }
    const inMap = parentKey !== undefined && MAP_KEYS.has(parentKey);
    for (const key of Object.keys(node)) {
      if (key === '$ref' || isData(node, key, parentKey, inMap)) continue;
      site.push(key);
      const next = rewrite(node[key], uri, site, childKey(key, parentKey, inMap));
      if (next !== node[key]) setOwn(node, key, next);
      site.pop();
    }
    return node;
  };

  const fail = (site: string[], ref: string, targetFile: string, targetPointer: string, code: string, message: string, fix: string): void => {
    unresolved.push({ site: formatPointer(site), ref, targetFile, targetPointer, code, message, fix });
  };

  const resolveRef = (holder: Record<string, unknown>, ref: string, uri: string, site: string[], mapSlot = false): unknown => {
    const [docPart, fragment] = splitRef(ref);
    const targetUri = docPart === '' ? uri : resolveUri(uri, docPart);
    if (isOperationSlot(site)) return inlineOperation(holder, ref, targetUri, fragment, site);
    if (targetUri === rootUri) {
      holder.$ref = fragment;
      return holder;
    }
    const refused = refusedRef(uri, targetUri);
    if (refused !== undefined) {
      fail(site, ref, targetUri, fragment, 'SDKGEN_REF_LOCAL_FROM_REMOTE', `$ref "${ref}" is refused: ${refused}.`, 'Serve the referenced document over http(s) beside the spec and reference it by a relative path or URL, or generate from a local copy of the spec.');
      return holder;
    }
    const source = sources.get(targetUri);
    if (source === undefined || source.error !== undefined) {
      const why = source?.error ?? {
        code: 'SDKGEN_REF_FILE_UNREADABLE',
        message: `${targetUri} was not loaded`,
        fix: 'Load the spec from its file or URL so referenced documents can be read.',
      };
      fail(site, ref, targetUri, fragment, why.code, `$ref "${ref}" cannot be followed: ${why.message}`, why.fix);
      return holder;
    }
    let tokens: string[];
    try {
      tokens = parsePointer(fragment);
    } catch {
      fail(site, ref, targetUri, fragment, 'SDKGEN_REF_INVALID', `$ref "${ref}" has an invalid JSON pointer "${fragment}"`, 'Write the fragment as a JSON pointer such as "#/components/schemas/Pet".');
      return holder;
    }
    const target = getAt(source.root, tokens);
    if (target === undefined) {
      const parent = getAt(source.root, tokens.slice(0, -1));
      const hints = isObject(parent) ? closestNames(tokens.at(-1) ?? '', Object.keys(parent)) : [];
      const didYouMean = hints.length > 0 ? ` Did you mean ${hints.map((h) => `"${childPointer(formatPointer(tokens.slice(0, -1)), h)}"`).join(' or ')}?` : '';
      fail(site, ref, targetUri, fragment, 'SDKGEN_REF_NOT_FOUND', `$ref "${ref}" points to ${fragment} in ${targetUri}, which does not exist.`, `Add ${fragment} to ${targetUri} or correct the $ref.${didYouMean}`);
      return holder;
    }
    const key = `${targetUri}${fragment}`;
    const section = sectionFor(tokens, site);
    // Text (`description: { $ref: intro.yml#/introduction }`) and lists have no component section.
    if (!isObject(target)) return structuredClone(target);
    if (section === 'pathItem' || mapSlot) {
      // Inline: a cycle through path items cannot be expressed, so stop at the first repeat.
      if (inlining.has(key)) return holder;
      inlining.add(key);
      const { $ref: _ignored, ...siblings } = holder;
      const copy = { ...structuredClone(target), ...siblings };
      origins.set(formatPointer(site), { file: targetUri, pointer: fragment });
      const out = rewrite(copy, targetUri, site, undefined);
      inlining.delete(key);
      return out;
    }
    const existing = imported.get(key);
    if (existing !== undefined) {
      holder.$ref = existing;
      return holder;
    }
    const siteIsSlot = Object.keys(holder).length === 1 &&
      ((site.length === 3 && site[0] === 'components' && site[1] === section) || (site.length === 2 && swagger && site[0] === SWAGGER_SECTIONS[section]));
    if (siteIsSlot) {
      // `components.schemas.Pet: {$ref: pet.yaml}`: the slot itself becomes the component.
      const local = formatPointer(site);
      imported.set(key, local);
      origins.set(local, { file: targetUri, pointer: fragment });
      return rewrite(structuredClone(target), targetUri, site, section === 'examples' ? EXAMPLE_ENTRY : undefined);
    }
    const name = uniqueName(componentStem(tokens, targetUri), takenIn(section));
    const local = formatPointer(['components', section, name]);
    imported.set(key, local);
    origins.set(local, { file: targetUri, pointer: fragment });
    const slot = sectionMap(section);
    setOwn(slot, name, null); // reserve the key position before recursing, for deterministic order
    setOwn(slot, name, rewrite(structuredClone(target), targetUri, ['components', section, name], section === 'examples' ? EXAMPLE_ENTRY : undefined));
    holder.$ref = local;
    return holder;
  };

  /** Replaces an operation `$ref` with a copy of its target (in its own file's context). */
  const inlineOperation = (holder: Record<string, unknown>, ref: string, targetUri: string, fragment: string, site: string[]): unknown => {
    const source = targetUri === rootUri ? { uri: rootUri, root } : sources.get(targetUri);
    let target: unknown;
    try {
      target = source?.root === undefined ? undefined : getAt(source.root, parsePointer(fragment));
    } catch {
      target = undefined;
    }
    const key = `${targetUri}${fragment}`;
    if (!isObject(target) || inlining.has(key)) {
      // Left as written: the validator names the dangling ref or the operation without responses.
      if (targetUri !== rootUri) fail(site, ref, targetUri, fragment, 'SDKGEN_REF_NOT_FOUND', `$ref "${ref}" (an operation) cannot be followed.`, `Check that ${targetUri} exists and has ${fragment}.`);
      return holder;
    }
    inlining.add(key);
    operationRefs.push({ site: formatPointer(site), ref });
    const { $ref: _ignored, ...siblings } = holder;
    const copy = { ...structuredClone(target), ...siblings };
    if (targetUri !== rootUri) origins.set(formatPointer(site), { file: targetUri, pointer: fragment });
    const out = rewrite(copy, targetUri, site, undefined);
    inlining.delete(key);
    return out;
  };

  // Components first, so `components.schemas.Pet: {$ref: pet.yaml}` claims pet.yaml as `Pet` before
  // any operation's ref to the same file would import it under another name.
  if (isObject(root.components)) rewrite(root.components, rootUri, ['components'], 'components');
  for (const key of swagger ? Object.values(SWAGGER_SECTIONS) : []) {
    if (isObject(root[key])) rewrite(root[key], rootUri, [key], key);
  }
  rewrite(root, rootUri, [], undefined);
  return { unresolved, operationRefs, origins };
}

/** `paths./x.get` (or a webhook's): where an Operation Object, not a reference, belongs. */
function isOperationSlot(site: readonly string[]): boolean {
  return site.length === 3 && (site[0] === 'paths' || site[0] === 'webhooks') && (OPERATION_METHODS as readonly string[]).includes(site[2] ?? '');
}

/** Assignment that also works for a key named `__proto__` (which `obj[key] = v` would treat as the prototype). */
function setOwn(obj: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(obj, key, { value, writable: true, enumerable: true, configurable: true });
}

/** Maps a bundled pointer back to its original file and pointer (longest recorded prefix wins). */
export function makeOrigin(origins: ReadonlyMap<string, SourceLocation>, rootUri: string): (pointer: string) => SourceLocation {
  return (ptr: string) => {
    let tokens: string[];
    try {
      tokens = parsePointer(ptr);
    } catch {
      return { file: rootUri, pointer: ptr };
    }
    for (let n = tokens.length; n >= 0; n--) {
      const hit = origins.get(formatPointer(tokens.slice(0, n)));
      if (hit !== undefined) {
        const rest = tokens.slice(n);
        return { file: hit.file, pointer: rest.length === 0 ? hit.pointer : childPointer(hit.pointer, ...rest) };
      }
    }
    return { file: rootUri, pointer: ptr };
  };
}
