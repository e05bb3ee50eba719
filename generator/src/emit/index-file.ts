/**
 * `index.ts`: the SDK's entry point. Re-exports the client and its options, every resource class
 * and operation type, the openapi-typescript roots, and the runtime's error classes and helper
 * types, so users import everything from one place.
 */
import type { ApiModel } from '../model.js';
import { EmitError, identifier, stringLiteral } from './escape.js';
import { resourceModule, type EmitOptions, type GeneratedFile, type ResourceExports } from './resource.js';
import { headerComment, type SourcePrinter, type Statements } from './source-file.js';
import { hasWebhooks, WEBHOOK_TYPE_EXPORTS, WEBHOOK_VALUE_EXPORTS } from './webhooks.js';

/** Runtime classes users catch or check with `instanceof`, and `isProblem` (docs/reliability.md). */
export const RUNTIME_VALUE_EXPORTS = [
  'APIPromise',
  'AbortError',
  'ApiError',
  'AuthenticationError',
  'BadRequestError',
  'ConflictError',
  'ConnectionError',
  'InternalServerError',
  'InvalidRequestError',
  'InvalidResponseError',
  'NotFoundError',
  'OperationFailedError',
  'PaginationError',
  'PermissionDeniedError',
  'Poller',
  'PreconditionFailedError',
  'ProblemError',
  'RateLimitError',
  'SdkError',
  'Stream',
  'StreamedFile',
  'TimeoutError',
  'UnprocessableEntityError',
  'WebhookVerificationError',
  'isProblem',
  'toFile',
  'unwrapWebhook',
] as const;

/** Runtime types that appear in the generated API's signatures. */
export const RUNTIME_TYPE_EXPORTS = [
  'ClientOptions',
  'Credential',
  'Page',
  'PagePromise',
  'PageRequestOptions',
  'PollerState',
  'ProblemDetails',
  'RequestOptions',
  'ResponseInfo',
  'StreamEvent',
  'UnwrapWebhookOptions',
  'WaitOptions',
  'WebhookScheme',
] as const;

/** The roots openapi-typescript may declare in `types.ts`. */
const TYPE_ROOTS = ['paths', 'webhooks', 'components', '$defs', 'operations'] as const;

/** Which of {@link TYPE_ROOTS} `types.ts` really exports (and declares with content). */
export function declaredTypeRoots(typesSource: string): string[] {
  return TYPE_ROOTS.filter((name) => {
    const escaped = name.replace(/\$/g, '\\$');
    const declared = new RegExp(`^export (?:interface|type) ${escaped}\\b`, 'm').test(typesSource);
    // `export type webhooks = Record<string, never>;` carries nothing worth re-exporting.
    const empty = new RegExp(`^export type ${escaped} = Record<string, never>;`, 'm').test(typesSource);
    return declared && !empty;
  });
}

/**
 * `export { A } from './a.js';` on one line for up to three names, else one name per line (large
 * APIs re-export thousands of operation types; one per line keeps diffs readable).
 */
export function exportStatement(keyword: 'export' | 'export type', names: readonly string[], from: string): string {
  const module = stringLiteral(from);
  if (names.length <= 3) return `${keyword} { ${names.join(', ')} } from ${module};`;
  return `${keyword} {\n${names.map((n) => `  ${n},`).join('\n')}\n} from ${module};`;
}

/** Emits `index.ts`. */
export function emitIndex(
  model: ApiModel,
  name: string,
  resources: ResourceExports[],
  typeRoots: string[],
  options: EmitOptions,
  printer: SourcePrinter,
): GeneratedFile {
  const exported = new Map<string, string>();
  const claim = (names: readonly string[], from: string): void => {
    for (const n of names) {
      identifier(n, 'exported name', 'type');
      const previous = exported.get(n);
      if (previous !== undefined) throw new EmitError(`index.ts would export ${n} twice (from ${previous} and ${from})`);
      exported.set(n, from);
    }
  };
  const declarations: string[] = [];
  const add = (values: readonly string[], types: readonly string[], from: string): void => {
    claim([...values, ...types], from);
    if (values.length > 0) declarations.push(exportStatement('export', values, from));
    if (types.length > 0) declarations.push(exportStatement('export type', types, from));
  };
  add([name], [], './client.js');
  add([`${name}Core`], [`${name}Options`], './core.js');
  for (const r of resources) add([r.className], r.typeNames, resourceModule(r.fileName));
  add([], typeRoots, './types.js');
  // With webhooks in the spec, `unwrapWebhook` is the one typed by them (webhooks.ts).
  const typedWebhooks = hasWebhooks(model);
  if (typedWebhooks) add(WEBHOOK_VALUE_EXPORTS, WEBHOOK_TYPE_EXPORTS, './webhooks.js');
  add(
    RUNTIME_VALUE_EXPORTS.filter((n) => !typedWebhooks || !(WEBHOOK_VALUE_EXPORTS as readonly string[]).includes(n)),
    RUNTIME_TYPE_EXPORTS,
    options.runtimeImport,
  );
  const statements: Statements = [headerComment(model.title, model.version), ...declarations];
  return { path: 'index.ts', contents: printer.print('index.ts', statements) };
}
