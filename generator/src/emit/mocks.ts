/**
 * `mocks.ts` and `mocks-runtime.ts`: typed MSW handlers for every operation (docs/mocks.md).
 * `mocks.ts` is thin: per operation a types interface indexed into `paths` (like the resources),
 * a plain-data `MockOperation` with the default response, and a `mock<TypeName>()` function; the
 * behaviour lives in the static `templates/mocks-runtime.ts`, copied next to it.
 * @see ../../../docs/mocks.md
 */
import { readFileSync } from 'node:fs';
import type { ApiModel, OperationModel } from '../model.js';
import { dataExpression } from '../mocks/data-literal.js';
import { mockOperation, type MockOperationData } from '../mocks/mock-operation.js';
import { literal, type LiteralValue } from './descriptor.js';
import { docLines, EmitError, identifier, stringLiteral } from './escape.js';
import { responseType, statusKey } from './operation-types.js';
import { bodyUnion } from './long-running.js';
import type { EmitOptions, GeneratedFile } from './resource.js';
import { hasWebhooks } from './webhooks.js';
import { headerComment } from './source-file.js';
import { operationTypeKey } from './types-bridge.js';

/** Path of the template, the same from `generator/src/emit` and `dist/generator/emit`. */
const TEMPLATE_URL = new URL('../../../templates/mocks-runtime.ts', import.meta.url);

let template: string | undefined;

/** The static helpers module, read once per process (it is part of sdkgen, not of the spec). */
function mocksRuntime(): string {
  template ??= readFileSync(TEMPLATE_URL, 'utf8');
  return `// Copied by sdkgen from templates/mocks-runtime.ts. Do not edit.\n${template}`;
}

/** Base URL the mocks match until `handlers({ baseUrl })` says otherwise: the client's default. */
export function defaultMockBaseUrl(model: ApiModel): string {
  const url = model.servers[0]?.url ?? '';
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(url)) return url;
  // A relative server URL (`/api/v3`) has no origin; tests pass `baseUrl` anyway.
  return `http://localhost${url.startsWith('/') || url === '' ? url : `/${url}`}`;
}

function lowerFirst(name: string): string {
  return `${name.charAt(0).toLowerCase()}${name.slice(1)}`;
}

/** Names one operation declares in `mocks.ts`. */
interface MockNames {
  opAlias: string;
  typesName: string;
  dataName: string;
  functionName: string;
}

function mockNames(op: OperationModel): MockNames {
  const typeName = identifier(op.typeName, 'operation type name', 'type');
  return {
    opAlias: `${typeName}Op`,
    typesName: `${typeName}Mock`,
    dataName: `${lowerFirst(typeName)}MockOperation`,
    functionName: `mock${typeName}`,
  };
}

/** The TypeScript type of the decoded request body a resolver sees. */
function requestBodyType(op: OperationModel, opAlias: string): string {
  const body = op.requestBody;
  if (body === undefined) return 'undefined';
  const optional = body.required ? '' : ' | undefined';
  switch (body.encoding) {
    case 'json':
      return `NonNullable<${opAlias}['requestBody']>['content'][${stringLiteral(body.mediaType)}]${optional}`;
    case 'form':
      return `Record<string, string>${optional}`;
    case 'multipart':
      return `FormData${optional}`;
    case 'binary':
      return 'ArrayBuffer';
    case 'text':
      return `string${optional}`;
  }
}

/**
 * The success body a resolver may return: the JSON type, or what can be sent for text and binary;
 * for a stream, an array or async iterable of its items (or raw events, `sseEvent(...)`).
 */
function resolverResponseType(op: OperationModel, opAlias: string): string {
  let type = responseType(op, opAlias, op.stream === undefined ? undefined : { itemName: '', select: 'param' });
  if (type === 'void') type = 'undefined';
  type = type.replace(/\bBlob\b/, 'Blob | ArrayBuffer | Uint8Array | string');
  if (op.stream === undefined) return type;
  const item = op.stream.textData === true ? 'string' : `${opAlias}['responses'][${statusKey(op.stream.status)}]['content'][${stringLiteral(op.stream.mediaType)}]`;
  const stream = `MockStreamItems<${item}>`;
  return op.stream.select === undefined ? stream : `${type} | ${stream}`;
}

function typesInterface(op: OperationModel, names: MockNames): string {
  const part = (location: string): string => `MockPart<${names.opAlias}['parameters'][${stringLiteral(location)}]>`;
  const headers =
    op.headerParams.length === 0
      ? 'Record<string, never>'
      : `Pick<${part('header')}, ${op.headerParams.map((p) => stringLiteral(p.name)).join(' | ')}>`;
  return [
    `/** Request and response types of {@link ${names.functionName}}. */`,
    `export interface ${names.typesName} {`,
    `  params: ${op.pathParams.length === 0 ? 'Record<string, never>' : part('path')};`,
    `  query: ${op.queryParams.length === 0 ? 'Record<string, never>' : part('query')};`,
    `  headers: ${headers};`,
    `  body: ${requestBodyType(op, names.opAlias)};`,
    `  response: ${resolverResponseType(op, names.opAlias)};`,
    ...(op.longRunning === undefined ? [] : [`  status: ${bodyUnion(op.longRunning.status)};`]),
    `}`,
  ].join('\n');
}

function responseLiteral(data: MockOperationData): string {
  const r = data.response;
  const members = [`status: ${r.status}`];
  if (r.contentType !== undefined) members.push(`contentType: ${stringLiteral(r.contentType)}`);
  members.push(`kind: ${stringLiteral(r.kind)}`);
  if (r.kind !== 'empty' && r.body !== undefined) members.push(`body: () => (${dataExpression(r.body, '    ')})`);
  return `{\n    ${members.join(',\n    ')},\n  }`;
}

function operationConst(data: MockOperationData, names: MockNames): string {
  const members: string[] = [`method: ${stringLiteral(data.method)}`, `path: ${stringLiteral(data.path)}`];
  const plain = (key: string, value: unknown): void => {
    if (value !== undefined) members.push(`${key}: ${literal(value as LiteralValue)}`);
  };
  plain('pathParams', data.pathParams);
  plain('query', data.query);
  plain('headers', data.headers);
  plain('body', data.body);
  members.push(`response: ${responseLiteral(data)}`);
  plain('pagination', data.pagination);
  plain('longRunning', data.longRunning);
  if (data.stream !== undefined) {
    const { items, ...rest } = data.stream;
    const fields = Object.entries(rest).map(([k, v]) => `${k}: ${literal(v as LiteralValue)}`);
    fields.push(`items: () => ${dataExpression(items, '    ')} as unknown[]`);
    members.push(`stream: {\n    ${fields.join(',\n    ')},\n  }`);
  }
  return `const ${names.dataName}: MockOperation = {\n  ${members.join(',\n  ')},\n};`;
}

function mockFunction(op: OperationModel, data: MockOperationData, names: MockNames): string {
  const title = docLines(op.summary ?? '').join(' ');
  const route = `\`${op.method} ${op.path}\``;
  const docs = [
    `${docLines(route).join(' ')}${title === '' ? '' : `: ${title}`}`,
    '',
    data.longRunning !== undefined
      ? 'Answers 202 with a Location; the status URL then serves `options.statuses` one per poll (default: running, then succeeded).'
      : data.pagination === undefined
        ? 'Without a resolver, answers with example data from the spec (or synthesized from its schema).'
        : 'Without a resolver, answers with example data over several pages.',
  ];
  if (op.deprecated) docs.push('@deprecated');
  return [
    '/**',
    ...docs.map((line) => (line === '' ? ' *' : ` * ${line}`)),
    ' */',
    `export function ${names.functionName}(resolver?: MockResolver<${names.typesName}>, options?: ${data.longRunning === undefined ? 'MockOptions' : `LongRunningMockOptions<${names.typesName}>`}): HttpHandler {`,
    `  return registry.handler(${names.dataName}, resolver, options);`,
    '}',
  ].join('\n');
}

/**
 * MSW uses the first matching handler, so literal segments must come before templated ones
 * (`/pets/mine` before `/pets/{petId}`). Stable otherwise.
 */
function bySpecificity(a: OperationModel, b: OperationModel): number {
  const shape = (path: string): number[] => path.split('/').map((s) => (s.includes('{') ? 1 : 0));
  const [x, y] = [shape(a.path), shape(b.path)];
  for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return x[i]! - y[i]!;
  return 0;
}

/**
 * `signWebhook(event, { secret })`: the runtime's signer, typed with the spec's webhook payloads when
 * it has any, so tests can feed their webhook handlers deliveries signed like the API's.
 */
function signWebhookLines(model: ApiModel, options: EmitOptions): string[] {
  const runtime = stringLiteral(options.runtimeImport);
  if (!hasWebhooks(model)) return ['', `export { signWebhook } from ${runtime};`, `export type { SignedWebhook, SignWebhookOptions } from ${runtime};`];
  return [
    `import { signWebhook as signDelivery, type SignedWebhook, type SignWebhookOptions } from ${runtime};`,
    "import type { WebhookEvent } from './webhooks.js';",
    '',
    `export type { SignedWebhook, SignWebhookOptions } from ${runtime};`,
    '',
    '/** Signs a webhook payload as the API would deliver it (a string is sent as is), for testing webhook handlers. */',
    'export function signWebhook(event: WebhookEvent | string, options: SignWebhookOptions): Promise<SignedWebhook> {',
    '  return signDelivery(event, options);',
    '}',
  ];
}

/** Emits `mocks.ts` and `mocks-runtime.ts`. */
export function emitMocks(model: ApiModel, document: unknown, options: EmitOptions = { runtimeImport: '@sdkgen/runtime' }): GeneratedFile[] {
  const taken = new Set([
    'HttpHandler', 'MockRegistry', 'MockOperation', 'MockOptions', 'MockPart', 'MockResolver', 'paths', 'registry', 'handlers', 'problem',
    'MockStreamItems', 'sseEvent', 'LongRunningMockOptions', 'signWebhook', 'signDelivery', 'SignedWebhook', 'SignWebhookOptions', 'WebhookEvent',
  ]);
  const declare = (name: string): void => {
    if (taken.has(name)) throw new EmitError(`Name ${name} is declared twice in mocks.ts`);
    taken.add(name);
  };
  const operations = model.resources.flatMap((r) => r.operations);
  const blocks: string[] = [];
  for (const op of operations) {
    const names = mockNames(op);
    Object.values(names).forEach(declare);
    const data = mockOperation(op, document);
    blocks.push(
      `type ${names.opAlias} = paths[${stringLiteral(operationTypeKey(op).path)}][${stringLiteral(operationTypeKey(op).method)}];`,
      typesInterface(op, names),
      operationConst(data, names),
      mockFunction(op, data, names),
    );
  }
  const ordered = [...operations].sort(bySpecificity);
  const handlerList = ordered.map((op) => `    ${mockNames(op).functionName}(undefined, options),`);
  const longRunning = operations.some((op) => op.longRunning !== undefined);
  // Status URLs of operations whose spec names no status resource (the others are answered by the
  // status resource's own handler).
  if (operations.some((op) => op.longRunning !== undefined && op.longRunning.statusPath === undefined)) {
    handlerList.push('    registry.operations.handler(),');
  }
  const head = [
    headerComment(model.title, model.version),
    "import type { HttpHandler } from 'msw';",
    `import { MockRegistry, ${longRunning ? 'type LongRunningMockOptions, ' : ''}type MockOperation, type MockOptions, type MockPart, type MockResolver${operations.some((op) => op.stream !== undefined) ? ', type MockStreamItems' : ''} } from './mocks-runtime.js';`,
    "import type { paths } from './types.js';",
    ...signWebhookLines(model, options),
    '',
    "export { problem, sseEvent } from './mocks-runtime.js';",
    `export type { ${longRunning ? 'LongRunningMockOptions, ' : ''}MockContext, MockOptions, MockResolver, ProblemFields } from './mocks-runtime.js';`,
    '',
    `const registry = new MockRegistry(${stringLiteral(defaultMockBaseUrl(model))});`,
  ].join('\n');
  const handlersFunction = [
    '/**',
    ' * A default handler for every operation, answering with example data. `options.baseUrl` also',
    ' * becomes the base URL of later `mock<Operation>()` calls.',
    ' */',
    'export function handlers(options: MockOptions = {}): HttpHandler[] {',
    '  registry.configure(options);',
    operations.length === 0 ? '  return [];' : ['  return [', ...handlerList, '  ];'].join('\n'),
    '}',
  ].join('\n');
  const contents = `${[head, ...blocks, handlersFunction].join('\n\n')}\n`;
  return [
    { path: 'mocks.ts', contents },
    { path: 'mocks-runtime.ts', contents: mocksRuntime() },
  ];
}
