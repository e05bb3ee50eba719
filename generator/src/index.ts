/**
 * `sdkgen`'s programmatic API: load a spec, generate the SDK files in memory, write them yourself.
 *
 * ```ts
 * import { generate, loadSpec } from 'sdkgen';
 * const spec = await loadSpec('openapi.yaml', { read: (path) => readFile(path, 'utf8') });
 * const { files, summary } = await generate(spec, { name: 'PetStore' });
 * ```
 * @see ../../docs/ARCHITECTURE.md
 */
export { generate, clientName } from './generate.js';
export type { GenerateResult, GenerateSummary, GeneratedFile } from './generate.js';
export { checkGenerateOptions, DEFAULT_RUNTIME_IMPORT, UsageError } from './options.js';
export type { GenerateOptions } from './options.js';
export { loadSpec, loadSpecFromObject } from './load/index.js';
export type { LoadedSpec, SpecIO, SourceLocation } from './load/index.js';
export { validateSpec } from './validate.js';
export { normalize } from './normalize/index.js';
export { Diagnostics, SpecError, formatDiagnostic } from './diagnostics.js';
export type { Diagnostic, Severity } from './diagnostics.js';
export { EmitError } from './emit/escape.js';
export type { ApiModel } from './model.js';
