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
import { withWriteViews } from './write-view.js';

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
  const ast = await openapiTS(withWriteViews(withEscapedDocText(document)) as Parameters<typeof openapiTS>[0], {
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
  return escapeDocNode(document, false);
}

const escapeTags = (text: string): string => text.replace(TAG_START, '$1\\@');

/**
 * Copy-on-write: a node is copied only when something under it changes, so unchanged subtrees
 * (most of a large spec) are shared, not cloned.
 */
function escapeDocNode<T extends object>(node: T, inData: boolean): T {
  let copy: Record<string, unknown> | undefined;
  for (const key of Object.keys(node)) {
    const value = (node as Record<string, unknown>)[key];
    const data = inData || DOC_DATA_KEYS.has(key);
    let next = value;
    if (typeof value === 'string') {
      // `search` (not `test`) so the global regex keeps no state between calls.
      if ((data || DOC_TEXT_KEYS.has(key)) && value.search(TAG_START) !== -1) next = escapeTags(value);
    } else if (typeof value === 'object' && value !== null && key !== 'enum' && key !== 'const') {
      next = escapeDocNode(value, data);
    }
    if (next !== value) {
      // Spread and slice define own properties, so a `__proto__` key stays a key.
      copy ??= (Array.isArray(node) ? node.slice() : { ...node }) as Record<string, unknown>;
      copy[key] = next;
    }
  }
  return (copy as T | undefined) ?? node;
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
