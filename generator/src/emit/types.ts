/**
 * `types.ts`: schema and operation types, produced by openapi-typescript from the bundled document
 * (an object, never a path, so the generator stays free of IO). Every other emitter indexes into
 * the `paths` type declared here instead of re-deriving schemas.
 * @see https://openapi-ts.dev/node
 */
import openapiTS, { astToString } from 'openapi-typescript';
import ts from 'typescript';
import type { GeneratedFile } from './resource.js';
import { headerComment } from './source-file.js';

/**
 * openapi-typescript maps `format: binary` to `string`; a binary file field (multipart uploads,
 * `application/octet-stream` bodies) is really a `Blob`, which the runtime sends as is.
 */
function binaryAsBlob(schema: { type?: unknown; format?: unknown }): ts.TypeNode | undefined {
  const isString = schema.type === 'string' || (Array.isArray(schema.type) && schema.type.includes('string'));
  if (isString && schema.format === 'binary') return ts.factory.createTypeReferenceNode('Blob');
  return undefined;
}

/**
 * Runs openapi-typescript on the already bundled, validated `document` and returns `types.ts`.
 * The document is not modified.
 */
export async function emitTypes(document: object, title: string, version: string): Promise<GeneratedFile> {
  const ast = await openapiTS(document as Parameters<typeof openapiTS>[0], {
    silent: true,
    transform: (schema) => binaryAsBlob(schema as { type?: unknown; format?: unknown }),
  });
  const contents = `${headerComment(title, version)}\n${astToString(ast)}`;
  return { path: 'types.ts', contents: contents.endsWith('\n') ? contents : `${contents}\n` };
}
