/**
 * `funcs.ts`: every operation as a standalone function (`petsGet(client, petId)`), re-exported
 * from the resource files that declare them. Apps that import from here and create a
 * `<Name>Core` bundle only the operations they call (README "Use").
 */
import type { ApiModel } from '../model.js';
import { exportStatement } from './index-file.js';
import { resourceModule, type GeneratedFile, type ResourceExports } from './resource.js';
import { headerComment, type SourcePrinter, type Statements } from './source-file.js';

/** Emits `funcs.ts`. */
export function emitFuncs(model: ApiModel, resources: readonly ResourceExports[], printer: SourcePrinter): GeneratedFile {
  const statements: Statements = [headerComment(model.title, model.version)];
  for (const r of resources) {
    if (r.functionNames.length > 0) statements.push(exportStatement('export', r.functionNames, resourceModule(r.fileName)));
  }
  // An API without operations still gets a module (the package's `./funcs` entry must resolve).
  if (resources.every((r) => r.functionNames.length === 0)) statements.push('export {};');
  return { path: 'funcs.ts', contents: printer.print('funcs.ts', statements) };
}
