/**
 * `types.ts`: schema and operation types, produced by openapi-typescript's transform from the
 * bundled document (an object, never a path, so the generator stays free of IO). Every other
 * emitter indexes into the `paths` type declared here instead of re-deriving schemas.
 * @see https://openapi-ts.dev/node
 */
import openapiTS, { astToString, resolveRef, scanDiscriminators, transformSchema } from 'openapi-typescript';
import type { GlobalContext, OpenAPI3, OpenAPITSOptions } from 'openapi-typescript';
import ts from 'typescript';
import type { GeneratedFile } from './resource.js';
import { headerComment } from './source-file.js';
import { bridgeForTypes } from './types-bridge.js';
import { repairTypeCycles } from './types-cycles.js';
import { pinInheritedDiscriminators } from './types-discriminators.js';
import { withNamedModels } from './types-models.js';
import { dropUnusableOperationIds } from './types-operation-ids.js';
import { typeStreamItems } from './types-stream-items.js';
import { writeViews } from './write-view.js';

/** What a binary file field accepts: `Blob` (and `File`), bytes, and streams. */
const UPLOAD_TYPES = ['Blob', 'Uint8Array', 'ReadableStream<Uint8Array>', 'AsyncIterable<Uint8Array>'];

/**
 * openapi-typescript maps `format: binary` to `string`; a binary file field (multipart uploads,
 * `application/octet-stream` bodies) is really a `Blob` (or bytes, or a stream), which the runtime
 * sends as is.
 */
function binaryAsBlob(schema: { type?: unknown; format?: unknown }): ts.TypeNode | undefined {
  const isString = schema.type === 'string' || (Array.isArray(schema.type) && schema.type.includes('string'));
  // A file field may also be sent from bytes or a stream (the runtime's request/upload.ts).
  if (isString && schema.format === 'binary') return ts.factory.createUnionTypeNode(UPLOAD_TYPES.map((name) => ts.factory.createTypeReferenceNode(name)));
  return undefined;
}

/** The options sdkgen runs openapi-typescript with; everything else is openapi-typescript's default. */
export const TYPES_OPTIONS = {
  silent: true,
  transform: (schema) => binaryAsBlob(schema as { type?: unknown; format?: unknown }),
} satisfies OpenAPITSOptions;

/**
 * openapi-typescript's transform of a document, without the validate-and-bundle pass `openapiTS()`
 * runs first: a Redocly lint and bundle of the whole document, about 60% of its time on a large
 * spec (1.6 of 2.7 s on GitHub's), and work sdkgen has already done (the loader bundles every
 * `$ref` into one document; `validate.ts` reports what the lint would). The context is the one
 * `openapiTS()` builds from `TYPES_OPTIONS`; a test checks that both give byte-identical output.
 */
export function transformDocument(document: OpenAPI3): ts.Node[] {
  const ctx: GlobalContext = {
    additionalProperties: false,
    alphabetize: false,
    arrayLength: false,
    defaultNonNullable: true,
    discriminators: scanDiscriminators(document, TYPES_OPTIONS),
    emptyObjectsUnknown: false,
    enum: false,
    enumValues: false,
    conditionalEnums: false,
    dedupeEnums: false,
    excludeDeprecated: false,
    exportType: false,
    immutable: false,
    rootTypes: false,
    rootTypesNoSchemaPrefix: false,
    rootTypesKeepCasing: false,
    injectFooter: [],
    pathParamsAsTypes: false,
    postTransform: undefined,
    propertiesRequiredByDefault: false,
    // Only the validate-and-bundle pass reads the Redocly config; the transform never does.
    redoc: undefined as unknown as GlobalContext['redoc'],
    silent: TYPES_OPTIONS.silent,
    transform: TYPES_OPTIONS.transform,
    transformProperty: undefined,
    makePathsEnum: false,
    generatePathParams: false,
    readWriteMarkers: false,
    resolve: ($ref) => resolveRef(document, $ref, { silent: true }),
  };
  return transformSchema(document, ctx);
}

/** `openapiTS()` itself, validate-and-bundle pass included: what `transformDocument` must equal. */
export async function transformWithOpenapiTS(document: OpenAPI3): Promise<ts.Node[]> {
  return openapiTS(document, TYPES_OPTIONS);
}

/**
 * The document openapi-typescript sees: `@` tags escaped in doc text, readOnly-free write views
 * added, `components` present (Redocly's bundle pass adds it, so `openapiTS()` always sees it),
 * no duplicate or non-string `operationId` (see `types-operation-ids.ts`), and the discriminator
 * value pinned on inheriting children openapi-typescript would type wrong (see `types-discriminators.ts`).
 * A deep copy: openapi-typescript's discriminator pass writes the discriminator property into the
 * schemas a mapping points at, and the loaded document must stay as loaded for the mocks emitter.
 */
export function typesDocument(document: object): OpenAPI3 {
  const views = writeViews(withEscapedDocText(document));
  const copy = structuredClone(views.document) as OpenAPI3;
  copy.components ??= {};
  // OpenAPI 3.0 specs declare webhooks under `x-webhooks`; openapi-typescript types only `webhooks`.
  const extension = (copy as unknown as Record<string, unknown>)['x-webhooks'];
  if (copy.webhooks === undefined && typeof extension === 'object' && extension !== null) copy.webhooks = extension as OpenAPI3['webhooks'];
  bridgeForTypes(copy as unknown as Record<string, unknown>);
  dropUnusableOperationIds(copy as unknown as Record<string, unknown>);
  typeStreamItems(copy as unknown as Record<string, unknown>);
  pinInheritedDiscriminators(copy as unknown as Record<string, unknown>, views.origins);
  repairTypeCycles(copy as unknown as Record<string, unknown>);
  return copy;
}

/**
 * Runs openapi-typescript on the already bundled, validated `document` and returns `types.ts`.
 * The document is not modified.
 */
export function emitTypes(document: object, title: string, version: string): GeneratedFile {
  return emitTypesWithModels(document, title, version).file;
}

/**
 * {@link emitTypes} plus a top-level name for every schema (`types-models.ts`), kept apart from
 * `reserved` (what `index.ts` exports beside the models); returns the model names.
 */
export function emitTypesWithModels(document: object, title: string, version: string, reserved: ReadonlySet<string> = new Set()): { file: GeneratedFile; models: string[] } {
  const models = withNamedModels(transformDocument(typesDocument(document)).map(withNullableRequired), reserved);
  const contents = escapeSourceText(`${headerComment(title, version)}\n${astToString(models.nodes)}`);
  return { file: { path: 'types.ts', contents: contents.endsWith('\n') ? contents : `${contents}\n` }, models: models.names };
}

/**
 * openapi-typescript's helper for `required` beside `allOf` (`WithRequired<Parent, "id">`),
 * constrained by `keyof NonNullable<T>` instead of `keyof T`: when the parent is nullable
 * (`Parent | null`, Plaid's `PlaidError`), `keyof T` is `never` and every use fails (TS2344).
 * For a non-null `T` it is the same type; for a nullable one, `null` drops out (`null & {...}` is
 * `never`), which is what requiring properties of it means.
 */
const WITH_REQUIRED = ts.createSourceFile('with-required.ts', 'type WithRequired<T, K extends keyof NonNullable<T>> = T & { [P in K]-?: NonNullable<T>[P] };', ts.ScriptTarget.Latest)
  .statements[0]!;

function withNullableRequired(node: ts.Node): ts.Node {
  return ts.isTypeAliasDeclaration(node) && node.name.text === 'WithRequired' ? WITH_REQUIRED : node;
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
