/**
 * The generator core: a loaded spec in, SDK files out. Pure: no file system, no network (the CLI
 * does the IO; the only read is sdkgen's own mocks template, once; tests and `--check` call this directly). Deterministic: the same spec and options
 * give byte-identical files.
 * @see ../../docs/ARCHITECTURE.md
 */
import { Diagnostics, SpecError, type Diagnostic } from './diagnostics.js';
import { paginationOf } from './emit/operation-types.js';
import { EmitError, isBindingIdentifier } from './emit/escape.js';
import { emitPackage, type PackageInput } from './emit/package.js';
import { emitSdk, type EmitOptions, type GeneratedFile } from './emit/sdk.js';
import type { LoadedSpec } from './load/index.js';
import type { ApiModel } from './model.js';
import { pascalCase } from './naming.js';
import { existingPointer } from './load/pointer.js';
import { normalize } from './normalize/index.js';
import { checkName, checkPackageOptions, runtimeImport, UsageError, type GenerateOptions } from './options.js';
import { validateSpec } from './validate.js';

export { checkGenerateOptions, DEFAULT_RUNTIME_IMPORT, UsageError, type GenerateOptions } from './options.js';

export type { GeneratedFile } from './emit/sdk.js';

/** What one run produced. */
export interface GenerateResult {
  /** Every file of the SDK, sorted by path (POSIX, relative to the output directory). */
  files: GeneratedFile[];
  /** Warnings collected on the way (errors abort with `SpecError` instead). */
  diagnostics: Diagnostic[];
  summary: GenerateSummary;
}

export interface GenerateSummary {
  operations: number;
  resources: number;
  /** Operations the runtime pages through (`for await`). */
  paginated: number;
  /** Which operations page and how, in resource order: `pets.list` and `cursor ?cursor <- /next_cursor, items /data (shape)`. */
  paginatedOperations: { method: string; description: string }[];
  /**
   * Long-running operations and why, in resource order: `reports.create` and
   * `202 + Location; status: 202 body + GET /operations/{operationId}; result: links.report -> getReport`.
   */
  longRunningOperations: { method: string; description: string }[];
  /** Wall time of the run in milliseconds (the only clock the core reads). */
  durationMs: number;
}

/** Names generated files already use at the top level of `index.ts`. */
function reservedClientNames(model: ApiModel): Set<string> {
  const names = new Set(['paths', 'components', 'operations', 'webhooks', 'BaseClient', 'ClientOptions', 'APIPromise']);
  for (const r of model.resources) names.add(r.className);
  return names;
}

/**
 * The client class name: `options.name` if given (must be a valid, unused identifier), else
 * `info.title` in PascalCase; a derived name that would collide gets a `Client` suffix.
 */
export function clientName(model: ApiModel, requested: string | undefined): string {
  const reserved = reservedClientNames(model);
  if (requested !== undefined) {
    checkName(requested);
    if (reserved.has(requested) || reserved.has(`${requested}Core`)) {
      throw new UsageError(`--name ${requested} collides with a generated resource or type name; pick another name`);
    }
    return requested;
  }
  let name = pascalCase(model.title);
  if (!/^[A-Za-z]/.test(name)) name = `Api${name}`;
  if (!isBindingIdentifier(name)) name = 'ApiClient';
  while (reserved.has(name) || reserved.has(`${name}Core`)) name = `${name}Client`;
  return name;
}

/**
 * Validates, normalizes and emits the SDK for `spec`.
 * @throws SpecError when the spec has error-severity problems (all of them, collected together).
 * @throws UsageError when the options are unusable (e.g. an invalid `name`).
 */
export async function generate(spec: LoadedSpec, options: GenerateOptions = {}): Promise<GenerateResult> {
  const started = performance.now();
  const diags = new Diagnostics();
  validateSpec(spec, diags);
  diags.throwIfErrors();
  const model = normalize(spec, diags);
  diags.throwIfErrors();
  const name = clientName(model, options.name);
  const runtime = runtimeImport(options.runtimeImport);
  if (options.package !== undefined) checkPackageOptions(options.package, runtime);
  const emitOptions: EmitOptions = { runtimeImport: runtime, ...(options.package !== undefined ? { packageName: options.package } : {}) };
  const sources = await emitSdk(model, spec.document, name, emitOptions).catch((error: unknown) => {
    throw schemaFailure(error, spec) ?? error;
  });
  const files =
    options.package === undefined
      ? options.checkSources === true
        ? sources
        : sources.map(skipConsumerCheck)
      : emitPackage(sources, {
          name: options.package,
          version: model.version,
          title: model.title,
          description: model.description,
          license: specLicense(spec.document),
          runtimeImport: runtime,
        });
  const operations = model.resources.flatMap((r) => r.operations);
  return {
    files,
    diagnostics: diags.items,
    summary: {
      operations: operations.length,
      resources: model.resources.length,
      paginated: operations.filter((op) => paginationOf(op) !== undefined).length,
      paginatedOperations: model.resources.flatMap((r) =>
        r.operations.flatMap((op) => {
          const pagination = paginationOf(op);
          return pagination === undefined ? [] : [{ method: `${r.propertyName}.${op.methodName}`, description: pagination.description }];
        }),
      ),
      longRunningOperations: model.resources.flatMap((r) =>
        r.operations.flatMap((op) => {
          const lro = op.longRunning;
          if (lro === undefined) return [];
          return [{ method: `${r.propertyName}.${op.methodName}`, description: `${lro.reason}; status: ${lro.statusFrom}; result: ${lro.resultFrom ?? 'unknown (no link, no GET below the path)'}` }];
        }),
      ),
      durationMs: Math.round(performance.now() - started),
    },
  };
}

/**
 * A source-mode `.ts` file with `// @ts-nocheck` after its header line: an app's compiler then reads
 * the generated declarations where the app uses them, as it would a package's `.d.ts`, instead of
 * checking every generated function body on every build (GitHub's SDK: 2.2x -> 0.93-0.97x the type-check
 * time of openapi-fetch on openapi-typescript's types; README "Type-check cost"). Errors in the app's
 * own use of the SDK are reported as before. `checkSources: true` leaves the files as they are.
 */
function skipConsumerCheck(file: GeneratedFile): GeneratedFile {
  if (!file.path.endsWith('.ts') || file.path.endsWith('.d.ts')) return file;
  const newline = file.contents.indexOf('\n');
  if (newline < 0 || !file.contents.startsWith('// ')) return { ...file, contents: `${NOCHECK}\n${file.contents}` };
  return { ...file, contents: `${file.contents.slice(0, newline + 1)}${NOCHECK}\n${file.contents.slice(newline + 1)}` };
}

const NOCHECK = '// @ts-nocheck generated code, type-checked by sdkgen; your compiler still checks how you use it (checkSources)';

/** `info.license` when it names a licence (`name` is required by OpenAPI; `identifier` is 3.1's SPDX id). */
function specLicense(document: object): PackageInput['license'] {
  const info = (document as { info?: { license?: unknown } }).info;
  const license = info?.license as { name?: unknown; identifier?: unknown; url?: unknown } | undefined;
  if (typeof license !== 'object' || license === null || typeof license.name !== 'string' || license.name.trim() === '') return undefined;
  return {
    name: license.name.trim(),
    ...(typeof license.identifier === 'string' ? { identifier: license.identifier } : {}),
    ...(typeof license.url === 'string' ? { url: license.url } : {}),
  };
}

/**
 * openapi-typescript throws on schemas it cannot read (`Expected SchemaObject, received string at
 * #/components/schemas/X/oneOf/0`). That is a problem in the spec, not a crash: it becomes a
 * diagnostic naming the file and pointer.
 */
export function schemaFailure(error: unknown, spec: LoadedSpec): SpecError | undefined {
  if (!(error instanceof Error) || error instanceof EmitError) return undefined;
  // Two shapes: `... at #/ptr` and `#/ptr: invalid property b. ...`.
  const at = /\bat (#\/\S*)/.exec(error.message) ?? /^(#\/[^\s:]*):/.exec(error.message);
  if (at?.[1] === undefined) return undefined;
  // openapi-typescript names some nodes by paths of its own (`#/paths/~1a/get/parameters/query/id`).
  const origin = spec.origin(existingPointer(spec.document, at[1]));
  const reason = error.message.replace(/\s*\bat #\/\S*/, '').replace(/^#\/[^\s:]*:\s*/, '').replace(/\.$/, '');
  return new SpecError([{
    code: 'SDKGEN_SCHEMA_UNREADABLE', severity: 'error', file: origin.file, pointer: origin.pointer,
    message: `The types cannot be generated from this schema: ${reason}.`,
    fix: 'Make it a valid Schema Object (an object with `type`, `properties`, `$ref`, ...).',
  }]);
}

