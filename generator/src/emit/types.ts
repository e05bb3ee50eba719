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
  const ast = await openapiTS(withEscapedDocText(document) as Parameters<typeof openapiTS>[0], {
    silent: true,
    transform: (schema) => binaryAsBlob(schema as { type?: unknown; format?: unknown }),
  });
  const contents = escapeSourceText(`${headerComment(title, version)}\n${astToString(ast)}`);
  return { path: 'types.ts', contents: contents.endsWith('\n') ? contents : `${contents}\n` };
}

/** Keys whose string values openapi-typescript copies into JSDoc (directly, or as JSON for the data keys). */
const DOC_TEXT_KEYS = new Set(['description', 'summary', 'title']);
const DOC_DATA_KEYS = new Set(['example', 'examples', 'default']);
/** An `@` at the start of a line or after whitespace starts a JSDoc tag for TypeScript, even mid-line. */
const TAG_START = /(^|\s)@/g;

/**
 * openapi-typescript escapes `*\/` in the JSDoc it writes but not `@`, so a description such as
 * "see @deprecated" or a line "@type {X}" would add tags. Returns a copy of `document` with those
 * `@`s written as TSDoc's `\@` in descriptions, summaries, titles, examples and defaults (text
 * that only lands in comments; enum values, names and patterns are left alone), or `document`
 * itself when nothing needs it.
 */
export function withEscapedDocText(document: object): object {
  let copy: object | undefined;
  // Arrays are walked like objects (their entries are index keys), so strings in them are found too.
  const visit = (node: unknown, inData: boolean, path: string[]): void => {
    if (typeof node !== 'object' || node === null) return;
    for (const [key, value] of Object.entries(node)) {
      const data = inData || DOC_DATA_KEYS.has(key);
      if (typeof value === 'string' && (data || DOC_TEXT_KEYS.has(key)) && TAG_START.test(value)) {
        TAG_START.lastIndex = 0;
        copy ??= structuredClone(document);
        let target: unknown = copy;
        for (const step of path) target = (target as Record<string, unknown>)[step];
        (target as Record<string, unknown>)[key] = value.replace(TAG_START, '$1\\@');
      } else if (typeof value === 'object' && value !== null && key !== 'enum' && key !== 'const') {
        visit(value, data, [...path, key]);
      }
    }
  };
  visit(document, false, []);
  return copy ?? document;
}

/**
 * Writes U+2028/U+2029 as escapes and `</script` as `<\/script` in openapi-typescript's output.
 * Both are valid in TypeScript as they are; escaped, the file is also safe for pre-ES2019 tools
 * and for inlining into HTML. Inside string literals the escapes mean the same characters;
 * inside comments they are just text.
 */
export function escapeSourceText(text: string): string {
  return text.replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029').replace(/<\/(script)/gi, '<\\/$1');
}
