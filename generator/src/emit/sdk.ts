/**
 * The emit stage as one pure function: model (plus the bundled document for openapi-typescript) in,
 * every SDK file out, sorted by path.
 */
import type { ApiModel } from '../model.js';
import { emitClient, emitCore } from './client.js';
import { emitFuncs } from './funcs.js';
import { declaredTypeRoots, emitIndex, RUNTIME_TYPE_EXPORTS, RUNTIME_VALUE_EXPORTS } from './index-file.js';
import { emitMocks } from './mocks.js';
import { emitReadme } from './readme.js';
import { emitResource, functionNames, type EmitOptions, type GeneratedFile, type ResourceExports } from './resource.js';
import { SourcePrinter } from './source-file.js';
import { emitTypesWithModels } from './types.js';
import { emitWebhooks, WEBHOOK_TYPE_EXPORTS, WEBHOOK_VALUE_EXPORTS } from './webhooks.js';

export type { EmitOptions, GeneratedFile } from './resource.js';

/**
 * Emits `types.ts`, `core.ts`, `client.ts`, `funcs.ts`, `index.ts`, `README.md`, `resources/*.ts`,
 * `mocks.ts` and `mocks-runtime.ts`.
 */
export async function emitSdk(model: ApiModel, document: object, name: string, options: EmitOptions): Promise<GeneratedFile[]> {
  const printer = new SourcePrinter();
  const files: GeneratedFile[] = [];
  const exports: ResourceExports[] = [];
  const functions = functionNames(model);
  for (const resource of model.resources) {
    const emitted = emitResource(model, resource, options, printer, functions);
    files.push(emitted.file);
    exports.push(emitted.exports);
  }
  // Model names stay clear of everything else index.ts exports, so it can re-export them all.
  const reserved = new Set<string>([name, `${name}Core`, `${name}Options`, ...RUNTIME_VALUE_EXPORTS, ...RUNTIME_TYPE_EXPORTS, ...WEBHOOK_VALUE_EXPORTS, ...WEBHOOK_TYPE_EXPORTS]);
  for (const r of exports) for (const n of [r.className, ...r.typeNames]) reserved.add(n);
  const { file: types, models } = emitTypesWithModels(document, model.title, model.version, reserved);
  files.push(types);
  files.push(emitCore(model, name, options, printer));
  files.push(emitClient(model, name, options, printer));
  files.push(emitFuncs(model, exports, printer));
  files.push(emitIndex(model, name, exports, [...declaredTypeRoots(types.contents), ...models], options, printer));
  files.push(emitReadme(model, name, options, document));
  files.push(...emitMocks(model, document, options));
  files.push(...emitWebhooks(model, options));
  return files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}
