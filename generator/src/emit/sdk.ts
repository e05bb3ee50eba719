/**
 * The emit stage as one pure function: model (plus the bundled document for openapi-typescript) in,
 * every SDK file out, sorted by path.
 */
import type { ApiModel } from '../model.js';
import { emitClient, emitCore } from './client.js';
import { emitFuncs } from './funcs.js';
import { declaredTypeRoots, emitIndex } from './index-file.js';
import { emitMocks } from './mocks.js';
import { emitReadme } from './readme.js';
import { emitResource, functionNames, type EmitOptions, type GeneratedFile, type ResourceExports } from './resource.js';
import { SourcePrinter } from './source-file.js';
import { emitTypes } from './types.js';
import { emitWebhooks } from './webhooks.js';

export type { EmitOptions, GeneratedFile } from './resource.js';

/**
 * Emits `types.ts`, `core.ts`, `client.ts`, `funcs.ts`, `index.ts`, `README.md`, `resources/*.ts`,
 * `mocks.ts` and `mocks-runtime.ts`.
 */
export async function emitSdk(model: ApiModel, document: object, name: string, options: EmitOptions): Promise<GeneratedFile[]> {
  const types = emitTypes(document, model.title, model.version);
  const printer = new SourcePrinter();
  const files: GeneratedFile[] = [types];
  const exports: ResourceExports[] = [];
  const functions = functionNames(model);
  for (const resource of model.resources) {
    const emitted = emitResource(model, resource, options, printer, functions);
    files.push(emitted.file);
    exports.push(emitted.exports);
  }
  files.push(emitCore(model, name, options, printer));
  files.push(emitClient(model, name, options, printer));
  files.push(emitFuncs(model, exports, printer));
  files.push(emitIndex(model, name, exports, declaredTypeRoots(types.contents), options, printer));
  files.push(emitReadme(model, name, options, document));
  files.push(...emitMocks(model, document, options));
  files.push(...emitWebhooks(model, options));
  return files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}
