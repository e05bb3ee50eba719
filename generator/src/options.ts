/**
 * The generator's options and their checks. Kept apart from `generate.ts` so the CLI can check its
 * flags (and print `--help`) without loading the emitters (ts-morph, openapi-typescript).
 */
import { isBindingIdentifier } from './emit/escape.js';

/** Options of {@link generate}; the CLI flags and config file use the same names. */
export interface GenerateOptions {
  /** Client class name. @default info.title in PascalCase (`Pet Store` -> `PetStore`) */
  name?: string | undefined;
  /** Module specifier generated code imports the runtime from. @default '@sdkgen/runtime' */
  runtimeImport?: string | undefined;
}

/** The default runtime import of generated code. */
export const DEFAULT_RUNTIME_IMPORT = '@sdkgen/runtime';

/** A usage problem with the options (not the spec): the CLI exits with 2 for these. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** Throws {@link UsageError} unless `name` can name the client class. */
export function checkName(name: string): void {
  if (!isBindingIdentifier(name) || !/^[A-Za-z_$]/.test(name)) {
    throw new UsageError(`--name ${JSON.stringify(name)} is not a valid class name; use letters and digits, e.g. PetStore`);
  }
}

/** Validates the runtime import specifier: a bare or relative module specifier on one line. */
export function runtimeImport(requested: string | undefined): string {
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

