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
  /**
   * Emit a publishable npm package of this name instead of a source folder: `package.json`,
   * `README.md`, `src/` and the compiled `dist/` (README "Use").
   */
  package?: string | undefined;
  /**
   * Source mode only: leave the generated `.ts` files to the consumer's type-checker. By default each
   * carries `// @ts-nocheck` on its second line, so the compiler of an app resolves only the types the
   * app uses instead of re-checking every generated function body on every build (sdkgen's own tests
   * type-check the generated code in full on TypeScript 5.x and 7). Package mode ships `.d.ts` and
   * never needs it. @default false
   */
  checkSources?: boolean | undefined;
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
  const runtime = runtimeImport(options.runtimeImport);
  if (options.package !== undefined) checkPackageOptions(options.package, runtime);
}

/** npm's rules for new package names (validate-npm-package-name): lowercase, URL-safe, <= 214 characters. */
const NPM_NAME = /^(?:@[a-z0-9-~][a-z0-9-._~]*\/)?[a-z0-9-~][a-z0-9-._~]*$/;

/**
 * Throws {@link UsageError} unless `name` can be published to npm and the runtime import names a
 * package the generated package can depend on.
 */
export function checkPackageOptions(name: string, runtime: string): void {
  if (name.length === 0 || name.length > 214 || !NPM_NAME.test(name)) {
    throw new UsageError(
      `--package ${JSON.stringify(name)} is not a valid npm package name; use lowercase letters, digits, - . _ ~, optionally @scope/, e.g. @acme/petstore`,
    );
  }
  packageOfSpecifier(runtime);
}

/** The package a bare module specifier names: `@sdkgen/runtime/x` -> `@sdkgen/runtime`. */
export function packageOfSpecifier(specifier: string): string {
  if (specifier.startsWith('.') || specifier.startsWith('/') || /^[a-z][a-z0-9+.-]*:/i.test(specifier)) {
    throw new UsageError(`--package needs --runtime-import to name a package (a bare specifier), not ${JSON.stringify(specifier)}`);
  }
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!;
}

