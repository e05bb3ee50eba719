/**
 * The generator core: a loaded spec in, SDK files out. Pure: no file system, no network (the CLI
 * does the IO; tests and `--check` call this directly). Deterministic: the same spec and options
 * give byte-identical files.
 * @see ../../docs/ARCHITECTURE.md
 */
import { Diagnostics, type Diagnostic } from './diagnostics.js';
import { isBindingIdentifier } from './emit/escape.js';
import { paginationOf } from './emit/operation-types.js';
import { emitSdk, type GeneratedFile } from './emit/sdk.js';
import type { LoadedSpec } from './load/index.js';
import type { ApiModel } from './model.js';
import { pascalCase } from './naming.js';
import { normalize } from './normalize/index.js';
import { validateSpec } from './validate.js';

export type { GeneratedFile } from './emit/sdk.js';

/** Options of {@link generate}; the CLI flags and config file use the same names. */
export interface GenerateOptions {
  /** Client class name. @default info.title in PascalCase (`Pet Store` -> `PetStore`) */
  name?: string | undefined;
  /** Module specifier generated code imports the runtime from. @default '@sdkgen/runtime' */
  runtimeImport?: string | undefined;
}

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
  /** Wall time of the run in milliseconds (the only clock the core reads). */
  durationMs: number;
}

/** The default runtime import of generated code. */
export const DEFAULT_RUNTIME_IMPORT = '@sdkgen/runtime';

/** A usage problem with the options (not the spec): the CLI exits with 2 for these. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
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
    if (reserved.has(requested)) {
      throw new UsageError(`--name ${requested} collides with a generated resource or type name; pick another name`);
    }
    return requested;
  }
  let name = pascalCase(model.title);
  if (!/^[A-Za-z]/.test(name)) name = `Api${name}`;
  if (!isBindingIdentifier(name)) name = 'ApiClient';
  while (reserved.has(name)) name = `${name}Client`;
  return name;
}

function checkName(name: string): void {
  if (!isBindingIdentifier(name) || !/^[A-Za-z_$]/.test(name)) {
    throw new UsageError(`--name ${JSON.stringify(name)} is not a valid class name; use letters and digits, e.g. PetStore`);
  }
}

/** Validates the runtime import specifier: a bare or relative module specifier on one line. */
function runtimeImport(requested: string | undefined): string {
  const value = requested ?? DEFAULT_RUNTIME_IMPORT;
  if (value === '' || /[\s'"`\\]/.test(value)) {
    throw new UsageError(`--runtime-import ${JSON.stringify(value)} is not a module specifier`);
  }
  return value;
}

/**
 * Checks the options that can be checked without a spec, so a bad flag fails before any IO.
 * @throws UsageError
 */
export function checkGenerateOptions(options: GenerateOptions): void {
  if (options.name !== undefined) checkName(options.name);
  runtimeImport(options.runtimeImport);
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
  const files = await emitSdk(model, spec.document, name, { runtimeImport: runtimeImport(options.runtimeImport) });
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
      durationMs: Math.round(performance.now() - started),
    },
  };
}
