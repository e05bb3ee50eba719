/**
 * Structural checks on the bundled document that need the whole spec. Every problem is collected in
 * one pass and reported together; locations are mapped back to the original file with `origin()`.
 */
import type { Diagnostics } from './diagnostics.js';
import { checkTypeShapes } from './emit/types-shapes.js';
import type { LoadedSpec } from './load/index.js';
import { forEachRef } from './load/bundle.js';
import { childPointer, formatPointer, getAt, isObject, parsePointer } from './load/pointer.js';
import { closestNames } from './naming.js';
import { LocalProblems } from './skip-operations.js';
import { additionalOperations, OPERATION_METHODS } from './openapi-keywords.js';


/** Reports everything wrong with `spec` into `diags`; errors there abort generation. */
export function validateSpec(spec: LoadedSpec, diags: Diagnostics): void {
  const doc = spec.document;
  const at = (ptr: string) => spec.origin(ptr);
  // Problems inside one operation leave that operation out instead of failing the run (skip-operations.ts).
  const local = new LocalProblems(diags, at);
  const error = (code: string, ptr: string, message: string, fix: string) => {
    const o = at(ptr);
    if (!local.hold(ptr, { code, severity: 'error', file: o.file, pointer: o.pointer, message, fix })) diags.error(code, o.file, o.pointer, message, fix);
  };
  const warn = (code: string, ptr: string, message: string, fix: string) => {
    const o = at(ptr);
    diags.warn(code, o.file, o.pointer, message, fix);
  };

  for (const w of spec.warnings ?? []) diags.add(w);
  checkVersion(doc, error);
  if (doc.paths === undefined) {
    // Legal in 3.1 (components or webhooks only: libraries of shared schemas); 2.0 and 3.0 require
    // `paths`, but the types are still worth having. Either way: the types and an empty client.
    const v31 = typeof doc.openapi === 'string' && !doc.openapi.startsWith('3.0');
    warn(
      'SDKGEN_NO_PATHS', '#',
      v31 ? 'The document has no `paths`: the SDK has its types and webhook types and a client without operations.'
        : `The document has no \`paths\`, which OpenAPI ${typeof doc.openapi === 'string' ? doc.openapi : '2.0'} requires; the SDK has its types and a client without operations.`,
      v31 ? 'Nothing to fix if the document only shares schemas or describes webhooks; add `paths` for operations to call.' : 'Add `paths: {}` (or the operations), or declare `openapi: 3.1.0` where `paths` is optional.',
    );
  } else if (!isObject(doc.paths)) {
    error('SDKGEN_MISSING_PATHS', '#/paths', '`paths` is not an object.', 'Make `paths` a map from path templates to path items.');
  }
  checkRefs(spec, error);
  // Nodes of a shape the types emitter cannot read (openapi-typescript would throw, unlocated).
  checkTypeShapes(doc, error);
  if (isObject(doc.paths)) checkOperations(doc, error, warn);
  if (diags.hasErrors) local.reportAsErrors();
  else local.apply(doc);
}

type Report = (code: string, ptr: string, message: string, fix: string) => void;

function checkVersion(doc: Record<string, unknown>, error: Report): void {
  const { openapi, swagger } = doc;
  if (typeof openapi === 'string' && /^3\.\d+(\.\d+)?/.test(openapi)) return;
  if (openapi !== undefined) {
    error('SDKGEN_UNSUPPORTED_OPENAPI_VERSION', '#/openapi', `\`openapi\` is ${JSON.stringify(openapi)}; sdkgen reads OpenAPI 3.0 and 3.1.`, 'Set `openapi: 3.0.3` or `openapi: 3.1.0` (and make the document match that version).');
    return;
  }
  if (swagger !== undefined) {
    // The loader converts Swagger 2.0; only a document that bypassed it (or another version) gets here.
    error('SDKGEN_SWAGGER2_UNSUPPORTED', '#/swagger', `This is a Swagger ${JSON.stringify(swagger)} document that was not converted to OpenAPI 3.`, 'Load it with `loadSpec` or `loadSpecFromObject` (they convert Swagger 2.0), or convert it to OpenAPI 3 first.');
    return;
  }
  const keys = Object.keys(doc).slice(0, 8);
  const found = keys.length === 0 ? 'an empty object' : `an object with keys ${keys.map((k) => JSON.stringify(k)).join(', ')}`;
  error('SDKGEN_NOT_OPENAPI', '#', `Not an OpenAPI document: no \`openapi\` field (found ${found}).`, 'Add `openapi: 3.1.0` (or 3.0.x) at the top level, or pass the right file.');
}

function checkRefs(spec: LoadedSpec, error: Report): void {
  const reported = new Set<string>();
  for (const u of spec.unresolvedRefs ?? []) {
    reported.add(u.site);
    error(u.code, u.site, u.message, u.fix);
  }
  forEachRef(spec.document, (ref, _holder, tokens) => {
    const site = formatPointer(tokens);
    if (reported.has(site) || !ref.startsWith('#')) return;
    let target: string[];
    try {
      target = parsePointer(ref);
    } catch {
      error('SDKGEN_REF_INVALID', site, `$ref "${ref}" is not a valid JSON pointer.`, 'Write it as "#/components/schemas/Name".');
      return;
    }
    if (getAt(spec.document, target) !== undefined) return;
    // Name the target as the author wrote it, in the file it lives in.
    const where = spec.origin(formatPointer(target.slice(0, -1)));
    const parent = getAt(spec.document, target.slice(0, -1));
    const hints = isObject(parent) ? closestNames(target.at(-1) ?? '', Object.keys(parent)) : [];
    const didYouMean = hints.length > 0 ? ` Did you mean ${hints.map((h) => `"${childPointer(where.pointer, h)}"`).join(' or ')}?` : '';
    const missing = childPointer(where.pointer, target.at(-1) ?? '');
    // Name the ref as written too: a converted Swagger 2.0 `#/definitions/X` reads `#/components/schemas/X` here.
    const written = where.pointer.startsWith('#/components') || where.file !== spec.rootFile ? ref : missing;
    error('SDKGEN_REF_NOT_FOUND', site, `$ref "${written}" points to ${missing} in ${where.file}, which does not exist.`, `Add ${missing} or correct the $ref.${didYouMean}`);
  });
}

function resolveLocal(doc: Record<string, unknown>, node: unknown): unknown {
  let current = node;
  for (let hops = 0; hops < 32 && isObject(current) && typeof current.$ref === 'string'; hops++) {
    if (!current.$ref.startsWith('#')) return undefined;
    try {
      current = getAt(doc, parsePointer(current.$ref));
    } catch {
      return undefined;
    }
  }
  return current;
}

function checkOperations(doc: Record<string, unknown>, error: Report, warn: Report): void {
  const paths = doc.paths as Record<string, unknown>;
  const operationIds = new Map<string, string>();
  for (const [path, rawItem] of Object.entries(paths)) {
    const itemPtr = formatPointer(['paths', path]);
    const item = resolveLocal(doc, rawItem);
    if (!isObject(item)) continue;
    const templateNames = [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1] ?? '');
    // The fixed methods, then OpenAPI 3.2's `query` and `additionalOperations`.
    const operations: [string, unknown, string][] = [
      ...OPERATION_METHODS.map((m): [string, unknown, string] => [m, item[m], childPointer(itemPtr, m)]),
      ...additionalOperations(item).map(([m, op]): [string, unknown, string] => [m, op, m === 'QUERY' && isObject(item.query) ? childPointer(itemPtr, 'query') : childPointer(itemPtr, 'additionalOperations', m)]),
    ];
    for (const [method, op, opPtr] of operations) {
      if (!isObject(op)) continue;
      // OpenAPI 3.1 made `responses` optional (absent or empty alike; 3.2 too): such an operation returns `unknown`.
      const responsesOptional = /^3\.[1-9]/.test(String(doc.openapi)) && (op.responses === undefined || (isObject(op.responses) && Object.keys(op.responses).length === 0));
      if (responsesOptional) {
        // nothing to report
      } else if (op.responses === undefined) {
        error('SDKGEN_NO_RESPONSES', opPtr, `${method.toUpperCase()} ${path} has no \`responses\`.`, 'Add `responses:` with at least one status, e.g. `"200": { description: OK }`.');
      } else if (!isObject(op.responses) || Object.keys(op.responses).length === 0) {
        error('SDKGEN_NO_RESPONSES', childPointer(opPtr, 'responses'), `${method.toUpperCase()} ${path} has an empty \`responses\`.`, 'Add at least one status, e.g. `"200": { description: OK }`.');
      }
      const declared = new Set<string>();
      for (const list of [item.parameters, op.parameters]) {
        if (!Array.isArray(list)) continue;
        for (const raw of list) {
          const p = resolveLocal(doc, raw);
          if (isObject(p) && p.in === 'path' && typeof p.name === 'string') declared.add(p.name);
        }
      }
      for (const name of templateNames) {
        if (declared.has(name)) continue;
        warn('SDKGEN_PATH_PARAM_UNDECLARED', opPtr, `Path parameter {${name}} of ${path} is not declared on ${method.toUpperCase()}.`, `Add \`{ name: ${name}, in: path, required: true, schema: { type: string } }\` to \`parameters\`; sdkgen assumes a required string.`);
      }
      if (typeof op.operationId === 'string') {
        const first = operationIds.get(op.operationId);
        if (first === undefined) operationIds.set(op.operationId, opPtr);
        else warn('SDKGEN_DUPLICATE_OPERATION_ID', childPointer(opPtr, 'operationId'), `operationId "${op.operationId}" is also used at ${first}.`, 'Give every operation a unique operationId; sdkgen adds a numeric suffix meanwhile.');
      }
    }
  }
}
