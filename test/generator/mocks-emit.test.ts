/**
 * Generated mocks end to end: for the example spec and every fixture spec, `mocks.ts` is written
 * to disk, imported, served with MSW, and every operation's default handler is called. Its
 * response must have the declared status and a body that validates against the response schema;
 * paginated operations must serve several pages that end.
 */
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { HttpHandler } from 'msw';
import { setupServer } from 'msw/node';
import { BaseClient, type OperationDescriptor } from '@sdkgen/runtime';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Diagnostics } from '../../generator/src/diagnostics.js';
import { emitMocks } from '../../generator/src/emit/mocks.js';
import { generate } from '../../generator/src/generate.js';
import { loadSpec, type LoadedSpec } from '../../generator/src/load/index.js';
import { mockOperation, type MockParamData } from '../../generator/src/mocks/mock-operation.js';
import type { OperationModel } from '../../generator/src/model.js';
import { normalize } from '../../generator/src/normalize/index.js';
import { MOCK_PAGES } from '../../templates/mocks-runtime.js';
import { validateSchema } from '../../generator/src/mocks/validate.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const outRoot = join(root, 'test/.tmp/mocks-emit');
const BASE = 'http://mocks.test/api';

/** The example spec and every fixture spec that generates (test/fixtures/specs/broken is meant to fail). */
const SPECS = [
  { name: 'example-petstore', file: 'examples/petstore/openapi.yaml' },
  { name: 'fixture-petstore', file: 'test/fixtures/specs/petstore.yaml' },
  { name: 'fixture-multi', file: 'test/fixtures/specs/multi/openapi.yaml' },
  { name: 'fixture-adversarial', file: 'test/fixtures/adversarial/openapi.json' },
  ...readdirSync(join(root, 'test/fixtures/snapshots'), { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .flatMap((d) => ['openapi.yaml', 'openapi.json'].map((f) => `test/fixtures/snapshots/${d.name}/${f}`))
    .filter((f) => existsSync(join(root, f)))
    .map((file) => ({ name: `snapshot-${file.split('/')[3]!}`, file })),
  ...readdirSync(join(root, 'test/fixtures/pagination'))
    // ours.yaml holds invalid `x-pagination` values on purpose (it tests the diagnostics).
    .filter((f) => f.endsWith('.yaml') && f !== 'ours.yaml')
    .map((f) => ({ name: `pagination-${f.replace('.yaml', '')}`, file: `test/fixtures/pagination/${f}` })),
];

interface Generated {
  spec: LoadedSpec;
  operations: OperationModel[];
  handlers: (options: { baseUrl: string }) => HttpHandler[];
  mocksSource: string;
}

async function generateMocks(name: string, file: string): Promise<Generated> {
  const spec = await loadSpec(join(root, file), { read: (uri) => readFile(uri.startsWith('file:') ? fileURLToPath(uri) : uri, 'utf8') });
  const result = await generate(spec, {});
  const model = normalize(spec, new Diagnostics());
  // generate() emits mocks.ts once the emitter is wired in; until then emit it here.
  const files = result.files.some((f) => f.path === 'mocks.ts') ? result.files : [...result.files, ...emitMocks(model, spec.document)];
  const dir = join(outRoot, name);
  rmSync(dir, { recursive: true, force: true });
  for (const f of files) {
    mkdirSync(dirname(join(dir, f.path)), { recursive: true });
    writeFileSync(join(dir, f.path), f.contents);
  }
  const module = (await import(pathToFileURL(join(dir, 'mocks.ts')).href)) as { handlers: Generated['handlers'] };
  return {
    spec,
    operations: model.resources.flatMap((r) => r.operations),
    handlers: module.handlers,
    mocksSource: files.find((f) => f.path === 'mocks.ts')!.contents,
  };
}

/** A request URL for `op`, with a plausible value for every path parameter. */
function requestUrl(op: OperationModel, params: MockParamData[] = []): string {
  const path = op.path.replace(/\{([^}]*)\}/g, (_, name: string) => {
    const type = params.find((p) => p.name === name)?.type;
    return type === 'integer' || type === 'number' ? '1' : type === 'boolean' ? 'true' : 'sample-1';
  });
  return `${BASE}${path}`;
}

/** Whether a decoded JSON value holds a string or number anywhere. */
function hasScalar(value: unknown): boolean {
  if (typeof value === 'string' || typeof value === 'number') return true;
  return typeof value === 'object' && value !== null && Object.values(value).some(hasScalar);
}

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => server.close());

describe.each(SPECS)('default mock handlers of $name', ({ name, file }) => {
  let generated: Generated;
  beforeAll(async () => {
    generated = await generateMocks(name, file);
    server.resetHandlers(...generated.handlers({ baseUrl: BASE }));
  });

  it('exports one mock function per operation, named after its type name', () => {
    expect(generated.operations.length).toBeGreaterThan(0);
    for (const op of generated.operations) {
      expect(generated.mocksSource).toContain(`export function mock${op.typeName}(`);
    }
  });

  it('answers every operation with its declared status and a body valid against the schema', async () => {
    server.resetHandlers(...generated.handlers({ baseUrl: BASE }));
    const checked: string[] = [];
    for (const op of generated.operations) {
      const data = mockOperation(op, generated.spec.document);
      const res = await fetch(requestUrl(op, data.pathParams), { method: op.method });
      expect(res.status, `${op.method} ${op.path}`).toBe(data.response.status);
      if (data.response.kind === 'json' && op.method !== 'HEAD') {
        expect(res.headers.get('content-type')).toBe(data.response.contentType);
        const body: unknown = await res.json();
        expect(validateSchema(body, data.response.schema ?? {}, generated.spec.document), `${op.method} ${op.path}`).toEqual([]);
        checked.push(op.operationId);
      } else {
        await res.arrayBuffer();
      }
    }
    expect(checked.length).toBeGreaterThan(0);
  });

  it('paginate under the real runtime: for await reads several pages and stops', async () => {
    server.resetHandlers(...generated.handlers({ baseUrl: BASE }));
    const client = new BaseClient({ baseUrl: BASE, maxRetries: 0 }, {});
    let walked = 0;
    for (const op of generated.operations) {
      const data = mockOperation(op, generated.spec.document);
      if (data.pagination === undefined || data.response.kind !== 'json' || op.method !== 'GET') continue;
      const descriptor: OperationDescriptor = {
        id: op.operationId,
        method: op.method,
        path: op.path,
        pathParams: op.pathParams.map((p) => ({ name: p.name })),
        query: op.queryParams.map((p) => ({ name: p.name })),
        pagination: data.pagination,
      };
      const pathArgs = op.pathParams.map(() => 'sample-1');
      const sizes: number[] = [];
      let first: unknown[] | undefined;
      for await (const page of client.requestPage(descriptor, pathArgs, {}, { maxPages: 10 }).pages()) {
        first ??= page.data;
        sizes.push(page.data.length);
      }
      // Without a total, `has_more` or next cursor, an empty page is the only way to say "the end".
      const ended = sizes.length === MOCK_PAGES ? sizes : sizes.slice(0, -1);
      expect(sizes.length - ended.length === 0 || sizes.at(-1) === 0, `${op.method} ${op.path}: ${sizes.join(',')}`).toBe(true);
      // Page and offset numbers with nothing else to end on: the runtime ends at a page repeating the
      // previous one (a server clamping the number), so the mock varies pages; items without a single
      // value to vary (`{}` from a schema-less `items: {}`) cannot differ, and the walk ends at page 2.
      const counted = !['total', 'hasMore', 'nextOffset'].some((k) => k in data.pagination!) && ['page', 'offset'].includes(data.pagination.style);
      const pages = counted && !hasScalar(first) ? 1 : MOCK_PAGES;
      expect(ended.filter((n) => n > 0), `${op.method} ${op.path}: ${sizes.join(',')}`).toHaveLength(pages);
      walked++;
    }
    if (name.startsWith('pagination-') || name === 'example-petstore') expect(walked).toBeGreaterThan(0);
  });

  it('runs no code from the spec when loaded and called (adversarial texts stay data)', () => {
    expect((globalThis as { pwned?: unknown }).pwned).toBeUndefined();
  });
});
