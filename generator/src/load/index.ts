/**
 * Loading a spec: read the root document (file or URL, JSON or YAML), read every document its
 * `$ref`s reach, and bundle them into one OpenAPI document with only local refs.
 * @see ../../../docs/ARCHITECTURE.md
 */
import { SpecError, type Diagnostic } from '../diagnostics.js';
import { bundle, forEachRef, makeOrigin, type Source, type SourceLocation, type UnresolvedRef } from './bundle.js';
import { looksLikeHtml, ParseFailure, parseText } from './parse.js';
import { formatPointer, isObject, parsePointer } from './pointer.js';
import { oas32Notes } from './oas32.js';
import { repairSpec } from './repair.js';
import { convertedUnresolved, existingPrefix, swaggerPointerMap } from './swagger-pointers.js';
import { isSwagger, upgradeSwagger2 } from './swagger2.js';
import { normalizeLocation, refusedRef, resolveUri, splitRef } from './uri.js';

export type { SourceLocation, UnresolvedRef } from './bundle.js';

/** How the loader reads documents; the CLI passes fs and fetch readers, tests a Map. */
export interface SpecIO {
  /** Returns the text at `uri` (a file path or an http(s) URL); rejects when it cannot. */
  read(uri: string): Promise<string>;
}

/** One bundled OpenAPI document and the way back to the files it came from. */
export interface LoadedSpec {
  /** The bundled document: plain JSON, only local `$ref`s (except unresolved ones, see below). */
  document: Record<string, unknown>;
  /** Address of the root document, as normalized by the loader. */
  rootFile: string;
  /**
   * Where a node of the bundled document (by pointer, e.g. `#/components/schemas/Pet`) came from.
   * For Swagger 2.0 input, the place in the file as written (`#/definitions/Pet`; see swagger-pointers.ts).
   */
  origin(pointer: string): SourceLocation;
  /**
   * `$ref`s that could not be followed (missing file, parse error, missing pointer); their `$ref` is
   * left as written. `validateSpec` reports each one as an error.
   */
  unresolvedRefs?: readonly UnresolvedRef[];
  /** Warnings from loading (e.g. what converting Swagger 2.0 had to approximate); `validateSpec` reports them. */
  warnings?: readonly Diagnostic[];
}

/**
 * Upper bound on documents one spec may pull in, so a ref loop through generated URLs ends. Real
 * multi-file specs are large (DigitalOcean's has ~2,900 files); past the bound every document not
 * read is reported as such, never silently missing.
 */
export const MAX_DOCUMENTS = 20_000;

function diagnostic(code: string, file: string, message: string, fix: string): Diagnostic {
  return { code, severity: 'error', file, pointer: '#', message, fix };
}

/** Reads and parses one document; never throws (failures become the Source's error). */
async function readSource(uri: string, io: SpecIO): Promise<Source> {
  let text: string;
  try {
    text = await io.read(uri);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { uri, error: { code: 'SDKGEN_SPEC_UNREADABLE', message: `cannot read ${uri}: ${reason}`, fix: 'Check that the file exists and is readable, or that the URL answers.' } };
  }
  if (looksLikeHtml(text)) {
    return { uri, error: { code: 'SDKGEN_SPEC_PARSE_ERROR', message: `${uri} is an HTML page, not an OpenAPI document (JSON or YAML)`, fix: 'Pass the address of the spec itself (often .../openapi.json or .../openapi.yaml), not of a page that shows it.' } };
  }
  let root: unknown;
  try {
    root = parseText(text);
  } catch (error) {
    const message = error instanceof ParseFailure ? error.message : String(error);
    return { uri, error: { code: 'SDKGEN_SPEC_PARSE_ERROR', message: `${uri} is not valid JSON or YAML: ${message}`, fix: 'Fix the syntax at the given line and column.' } };
  }
  return { uri, root };
}

/**
 * Loads the spec at `location` (file path or http(s) URL) and every document its `$ref`s reach,
 * and bundles them into one document.
 * @throws SpecError when the root document cannot be read, parsed, or is not a JSON object.
 */
export async function loadSpec(location: string, io: SpecIO): Promise<LoadedSpec> {
  const rootUri = normalizeLocation(location);
  const rootSource = await readSource(rootUri, io);
  if (rootSource.error !== undefined) {
    throw new SpecError([diagnostic(rootSource.error.code, rootUri, rootSource.error.message, rootSource.error.fix)]);
  }
  const sources = new Map<string, Source>([[rootUri, rootSource]]);
  // Breadth-first over documents; every level is read in parallel.
  let frontier: Source[] = [rootSource];
  while (frontier.length > 0 && sources.size < MAX_DOCUMENTS) {
    const wanted = new Set<string>();
    for (const source of frontier) {
      if (source.error !== undefined) continue;
      forEachRef(source.root, (ref) => {
        const [docPart] = splitRef(ref);
        if (docPart === '') return;
        const uri = resolveUri(source.uri, docPart);
        // Refused targets are never read; the bundler reports each refused ref.
        if (refusedRef(source.uri, uri) === undefined && !sources.has(uri) && !wanted.has(uri)) wanted.add(uri);
      });
    }
    const next = [...wanted];
    const room = MAX_DOCUMENTS - sources.size;
    frontier = await Promise.all(next.slice(0, room).map((uri) => readSource(uri, io)));
    for (const source of frontier) sources.set(source.uri, source);
    for (const uri of next.slice(room)) {
      sources.set(uri, { uri, error: { code: 'SDKGEN_TOO_MANY_DOCUMENTS', message: `${uri} was not read: the spec reaches more than ${MAX_DOCUMENTS} documents`, fix: 'Check for $refs that generate new URLs without end, or bundle the spec into fewer files.' } });
    }
  }
  return assemble(rootUri, rootSource.root, sources);
}

/**
 * Wraps an in-memory document (cloned, not mutated). Refs to other documents cannot be followed and
 * are reported by `validateSpec`.
 * @default file 'openapi.json'
 */
export function loadSpecFromObject(doc: object, file = 'openapi.json'): LoadedSpec {
  const rootUri = normalizeLocation(file);
  const root: unknown = structuredClone(doc);
  return assemble(rootUri, root, new Map([[rootUri, { uri: rootUri, root }]]));
}

function assemble(rootUri: string, root: unknown, sources: Map<string, Source>): LoadedSpec {
  if (!isObject(root)) {
    const found = Array.isArray(root) ? 'an array' : root === null ? 'null' : `a ${typeof root}`;
    throw new SpecError([diagnostic('SDKGEN_SPEC_NOT_OBJECT', rootUri, `the document is ${found}, not an object`, 'An OpenAPI document is a JSON or YAML object with `openapi`, `info` and `paths`.')]);
  }
  // Bundling rewrites the root in place; Swagger origins are checked against the file as written.
  const written = isSwagger(root) ? structuredClone(root) : undefined;
  const { unresolved, origins, operationRefs } = bundle(rootUri, root, sources);
  const bundleOrigin = makeOrigin(origins, rootUri);
  let origin = bundleOrigin;
  let document = root;
  let unresolvedRefs = unresolved;
  const warnings: Diagnostic[] = [];
  const firstOperationRef = operationRefs[0];
  if (firstOperationRef !== undefined) {
    // One warning, not one per operation: a spec written this way is written this way throughout.
    const others = operationRefs.length - 1;
    warnings.push({
      code: 'SDKGEN_OPERATION_REF', severity: 'warning', ...bundleOrigin(firstOperationRef.site),
      message: `The operation at ${firstOperationRef.site} is a $ref ("${firstOperationRef.ref}")${others > 0 ? `, and so ${others === 1 ? 'is 1 other' : `are ${others} others`}` : ''}; OpenAPI does not allow that, and sdkgen reads the operations they point to.`,
      fix: 'Write each Operation Object in place, or $ref whole path items (`/path: { $ref: ... }`).',
    });
  }
  if (written !== undefined) {
    // Swagger 2.0 is converted after bundling, so the converter sees every file's definitions at once.
    const upgraded = upgradeSwagger2(root, rootUri);
    const inWritten = writtenOrigin(bundleOrigin, rootUri, written, sources);
    // The converter's own diagnostics point into the (bundled) Swagger document already.
    const located = upgraded.diagnostics.map((d) => ({ ...d, ...inWritten(d.pointer) }));
    if (upgraded.document === undefined) throw new SpecError(located);
    document = upgraded.document;
    warnings.push(...located);
    const toSwagger = swaggerPointerMap(root, upgraded.document);
    origin = (pointer) => inWritten(toSwagger(pointer));
    unresolvedRefs = convertedUnresolved(upgraded.document, unresolved, toSwagger);
  }
  // Repairs speak of the document they repaired; their warnings name the place the user wrote.
  warnings.push(...repairSpec(document, rootUri).map((d) => ({ ...d, ...origin(d.pointer) })));
  if (typeof document.openapi === 'string' && document.openapi.startsWith('3.2')) warnings.push(...oas32Notes(document, rootUri).map((d) => ({ ...d, ...origin(d.pointer) })));
  return { document, rootFile: rootUri, origin, unresolvedRefs, warnings };
}

/**
 * `bundleOrigin`, then cut back to the nearest node that exists in the file as written: a pointer
 * into a section the bundler added to the root (`#/components/schemas`) names no place the user
 * can find.
 */
function writtenOrigin(bundleOrigin: (pointer: string) => SourceLocation, rootUri: string, written: unknown, sources: ReadonlyMap<string, Source>): (pointer: string) => SourceLocation {
  return (pointer) => {
    const at = bundleOrigin(pointer);
    const doc = at.file === rootUri ? written : sources.get(at.file)?.root;
    if (doc === undefined) return at;
    try {
      return { file: at.file, pointer: formatPointer(existingPrefix(doc, parsePointer(at.pointer))) };
    } catch {
      return { file: at.file, pointer: '#' };
    }
  };
}
