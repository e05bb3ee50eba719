/**
 * Detection of long-running operations and webhooks, end to end through generate(): which
 * operations are detected and why, where status and result types come from, the summary and the
 * warning for an untyped result, and the webhook union from `webhooks` and `x-webhooks`.
 */
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { generate } from '../../generator/src/generate.js';
import { loadSpec, loadSpecFromObject } from '../../generator/src/load/index.js';

const reader = { read: (uri: string) => readFile(uri, 'utf8') };
const json = (schema: unknown) => ({ 'application/json': { schema } });
const operation = { $ref: '#/components/schemas/Operation' };

function spec(paths: Record<string, unknown>, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    openapi: '3.1.0',
    info: { title: 'Lro', version: '1.0.0' },
    servers: [{ url: 'https://api.test/v2' }],
    paths,
    components: {
      schemas: {
        Operation: { type: 'object', required: ['id', 'status'], properties: { id: { type: 'string' }, status: { type: 'string', enum: ['queued', 'running', 'succeeded', 'failed'] }, progress: { type: 'integer' } } },
        Report: { type: 'object', properties: { id: { type: 'string' } } },
      },
    },
    ...extra,
  };
}

const accepted = (headers: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
  responses: { '202': { description: 'accepted', headers, content: json(operation), ...extra } },
});
const get = (schema: unknown, id = 'id') => ({
  get: { parameters: [{ name: id, in: 'path', required: true, schema: { type: 'string' } }], responses: { '200': { description: 'ok', content: json(schema) } } },
});

async function run(document: Record<string, unknown>) {
  const result = await generate(loadSpecFromObject(document));
  const file = (path: string) => result.files.find((f) => f.path === path)?.contents ?? '';
  return { result, file };
}

describe('long-running operation detection', () => {
  it('202 + Location: status from the Location example, result from the links', async () => {
    const { result, file } = await run(
      spec({
        '/reports': {
          post: {
            operationId: 'createReport',
            ...accepted(
              { Location: { schema: { type: 'string' }, example: 'https://api.test/v2/tasks/t_1' } },
              { links: { report: { operationId: 'fetchReport', parameters: { id: '$response.body#/id' } } } },
            ),
          },
        },
        '/tasks/{id}': get(operation),
        '/archive/{id}': { get: { ...get({ $ref: '#/components/schemas/Report' }).get, operationId: 'fetchReport' } },
      }),
    );
    expect(result.summary.longRunningOperations).toEqual([
      { method: 'reports.create', description: '202 + Location; status: 202 body + GET /tasks/{id}; result: links.report -> fetchReport' },
    ]);
    expect(result.diagnostics).toEqual([]);
    const reports = file('resources/reports.ts');
    expect(reports).toContain("export type CreateReportResult = paths['/archive/{id}']['get']['responses'][200]['content']['application/json'];");
    expect(reports).toContain('APIPromise<Poller<CreateReportStatus, CreateReportResult>>');
    expect(reports).toContain('return requestOperation<CreateReportStatus, CreateReportResult>(client, createReportOp, [], undefined, options);');
    expect(reports).toContain("import { requestOperation } from '@sdkgen/runtime';");
    expect(reports).toContain('  longRunning: {},');
    expect(file('index.ts')).toContain("export type { CreateReportResponse, CreateReportStatus, CreateReportResult } from './resources/reports.js';");
  });

  it('status by the 202 schema, result by the GET below the path, cancel by DELETE', async () => {
    const { result } = await run(
      spec({
        '/reports': { post: { operationId: 'createReport', ...accepted({ 'Operation-Location': { schema: { type: 'string' } } }) } },
        '/reports/{reportId}': get({ $ref: '#/components/schemas/Report' }, 'reportId'),
        '/ops/{opId}': { ...get(operation, 'opId'), delete: { responses: { '204': { description: 'gone' } } } },
      }),
    );
    expect(result.summary.longRunningOperations[0]?.description).toBe('202 + Operation-Location; status: 202 body + GET /ops/{opId}; result: GET /reports/{reportId}');
  });

  it('not long-running: a 202 without a Location, a 201 with one', async () => {
    const { result } = await run(
      spec({
        '/a': { post: { responses: { '202': { description: 'queued' } } } },
        '/b': { post: { responses: { '201': { description: 'made', headers: { Location: { schema: { type: 'string' } } } } } } },
      }),
    );
    expect(result.summary.longRunningOperations).toEqual([]);
  });

  it('an untyped result warns, with file and pointer, and types result() unknown', async () => {
    const { result, file } = await run(spec({ '/purges': { post: { operationId: 'purge', ...accepted({ Location: { schema: { type: 'string' } } }) } } }));
    expect(result.diagnostics).toEqual([
      expect.objectContaining({ code: 'SDKGEN_LRO_RESULT_UNTYPED', severity: 'warning', pointer: '#/paths/~1purges/post/responses/202' }),
    ]);
    expect(file('resources/purges.ts')).toContain('export type PurgeResult = unknown;');
    expect(result.summary.longRunningOperations[0]?.description).toContain('result: unknown');
    // No status resource in the spec: the mocks serve one of their own.
    expect(file('mocks.ts')).toContain('registry.operations.handler(),');
  });

  it('the example pet store: reports.create, status and result typed, and the mocks script it', async () => {
    const result = await generate(await loadSpec('examples/petstore/openapi.yaml', reader), { name: 'PetStore' });
    expect(result.summary.longRunningOperations).toEqual([
      { method: 'reports.create', description: '202 + Location; status: 202 body + GET /operations/{operationId}; result: links.report -> getReport' },
    ]);
    const mocks = result.files.find((f) => f.path === 'mocks.ts')!.contents;
    expect(mocks).toContain(
      "longRunning: { statusPath: '/operations/{operationId}', resultPath: '/reports/{reportId}', statusField: 'status', running: 'PENDING', succeeded: 'COMPLETED', progressField: 'progress', resultLinkField: 'result_url' },",
    );
    // The spec has the status resource, whose own handler answers the status URL.
    expect(mocks).not.toContain('registry.operations.handler(),');
  });
});

describe('webhooks', () => {
  const hook = (kind: string) => ({
    post: { requestBody: { content: json({ type: 'object', properties: { kind: { type: 'string', const: kind } } }) }, responses: { '200': { description: 'ok' } } },
  });

  it('3.1 `webhooks`: webhooks.ts exports the union and a typed unwrapWebhook; index re-exports them', async () => {
    const { file } = await run(spec({}, { webhooks: { "it's done": hook('done'), started: hook('started') } }));
    const webhooks = file('webhooks.ts');
    expect(webhooks).toContain("  'it\\'s done': NonNullable<webhooks['it\\'s done']['post']['requestBody']>['content']['application/json'];");
    expect(webhooks).toContain('export type WebhookEvent = WebhookEvents[keyof WebhookEvents];');
    expect(webhooks).toContain('return unwrapSignedWebhook<WebhookEvent>(body, headers, options);');
    const index = file('index.ts');
    expect(index).toContain("export { unwrapWebhook } from './webhooks.js';");
    expect(index).toContain("export type { WebhookEvent, WebhookEvents } from './webhooks.js';");
    // The runtime's untyped one is not exported beside it.
    expect(index.match(/\bunwrapWebhook\b/g)).toHaveLength(1);
    expect(file('mocks.ts')).toContain('export function signWebhook(event: WebhookEvent | string, options: SignWebhookOptions): Promise<SignedWebhook> {');
    // The README names them (spec text escaped) and shows the verification (its snippet is type-checked in readme-snippets.test.ts).
    const readme = file('README.md');
    expect(readme).toContain("## Webhooks\n\nThe API sends these webhooks: `it's done`, `started`.");
    expect(readme).toContain('    return await unwrapWebhook(rawBody, headers, { secret });');
  });

  it('3.0 `x-webhooks` are typed the same way (types.ts declares them under webhooks)', async () => {
    const { file } = await run({ ...spec({}), openapi: '3.0.3', 'x-webhooks': { started: hook('started') } });
    expect(file('types.ts')).toMatch(/export interface webhooks \{\n\s+started:/);
    expect(file('webhooks.ts')).toContain("started: NonNullable<webhooks['started']['post']['requestBody']>['content']['application/json'];");
  });

  it('no webhooks: no webhooks.ts; the runtime unwrapWebhook and signWebhook are re-exported', async () => {
    const { result, file } = await run(spec({ '/x': { get: { responses: { '200': { description: 'ok' } } } } }));
    expect(result.files.map((f) => f.path)).not.toContain('webhooks.ts');
    expect(file('index.ts')).toMatch(/\n {2}unwrapWebhook,\n\} from '@sdkgen\/runtime';/);
    expect(file('mocks.ts')).toContain("export { signWebhook } from '@sdkgen/runtime';");
    expect(file('README.md')).not.toContain('## Webhooks');
  });
});
