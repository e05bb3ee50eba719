import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SpecError } from '../../generator/src/diagnostics.js';
import { loadSpec, loadSpecFromObject, type SpecIO } from '../../generator/src/load/index.js';
import { forEachRef } from '../../generator/src/load/bundle.js';

/** Reads from an in-memory map of file path -> text; missing files reject like fs does. */
function mapIO(files: Record<string, string>): SpecIO & { reads: string[] } {
  const reads: string[] = [];
  return {
    reads,
    read: async (uri) => {
      reads.push(uri);
      const text = files[uri];
      if (text === undefined) throw new Error(`ENOENT: no such file '${uri}'`);
      return text;
    },
  };
}

const fsIO: SpecIO = { read: (uri) => readFile(uri, 'utf8') };

function refsOf(doc: unknown): string[] {
  const refs: string[] = [];
  forEachRef(doc, (ref) => refs.push(ref));
  return refs;
}

async function specError(p: Promise<unknown>): Promise<SpecError> {
  const error = await p.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(SpecError);
  return error as SpecError;
}

describe('loadSpec: formats', () => {
  it('reads YAML and JSON by content, whatever the extension', async () => {
    const io = mapIO({
      'a.json': 'openapi: 3.1.0\ninfo: { title: A, version: "1" }\npaths: {}\n',
      'b.yaml': '{"openapi": "3.0.3", "info": {"title": "B", "version": "1"}, "paths": {}}',
    });
    expect((await loadSpec('a.json', io)).document).toEqual({ openapi: '3.1.0', info: { title: 'A', version: '1' }, paths: {} });
    expect((await loadSpec('b.yaml', io)).document).toEqual({ openapi: '3.0.3', info: { title: 'B', version: '1' }, paths: {} });
  });

  it('keeps YAML status codes as string keys and dates as strings', async () => {
    const io = mapIO({ 's.yaml': 'openapi: 3.1.0\npaths:\n  /a:\n    get:\n      responses:\n        200: { description: ok }\nx-date: 2024-01-01\n' });
    const { document } = await loadSpec('s.yaml', io);
    expect(Object.keys((document.paths as any)['/a'].get.responses)).toEqual(['200']);
    expect(document['x-date']).toBe('2024-01-01');
  });
});

describe('loadSpec: errors', () => {
  it('names the unreadable file', async () => {
    const e = await specError(loadSpec('specs/missing.yaml', mapIO({})));
    expect(e.diagnostics).toEqual([expect.objectContaining({ code: 'SDKGEN_SPEC_UNREADABLE', severity: 'error', file: 'specs/missing.yaml', pointer: '#' })]);
    expect(e.message).toContain('specs/missing.yaml');
  });

  it('reports YAML syntax errors with line and column', async () => {
    const e = await specError(loadSpec('bad.yaml', mapIO({ 'bad.yaml': 'openapi: 3.1.0\npaths:\n  /a: [1, 2\ninfo: x\n' })));
    expect(e.diagnostics[0]).toMatchObject({ code: 'SDKGEN_SPEC_PARSE_ERROR', file: 'bad.yaml' });
    expect(e.diagnostics[0]?.message).toMatch(/invalid YAML: .*\(line \d+, column \d+\)/);
  });

  it('reports JSON syntax errors with line and column', async () => {
    const e = await specError(loadSpec('bad.json', mapIO({ 'bad.json': '{\n  "openapi": "3.1.0",\n  "paths": {,}\n}' })));
    expect(e.diagnostics[0]).toMatchObject({ code: 'SDKGEN_SPEC_PARSE_ERROR', file: 'bad.json' });
    expect(e.diagnostics[0]?.message).toContain('(line 3, column 13)');
  });

  it('rejects a document that is not an object', async () => {
    const e = await specError(loadSpec('list.yaml', mapIO({ 'list.yaml': '- a\n- b\n' })));
    expect(e.diagnostics[0]).toMatchObject({ code: 'SDKGEN_SPEC_NOT_OBJECT', file: 'list.yaml', message: 'the document is an array, not an object' });
  });

  it('leaves refs to unreadable files for the validator, naming the referring file', async () => {
    const io = mapIO({ 'root.yaml': 'openapi: 3.1.0\npaths: {}\ncomponents:\n  schemas:\n    A: { $ref: "./nope.yaml" }\n' });
    const spec = await loadSpec('root.yaml', io);
    expect(spec.unresolvedRefs).toEqual([
      expect.objectContaining({ site: '#/components/schemas/A', ref: './nope.yaml', targetFile: 'nope.yaml', code: 'SDKGEN_SPEC_UNREADABLE' }),
    ]);
    expect(spec.origin('#/components/schemas/A')).toEqual({ file: 'root.yaml', pointer: '#/components/schemas/A' });
  });
});

describe('loadSpec: multi-file bundling', () => {
  const root = 'test/fixtures/specs/multi/openapi.yaml';

  it('bundles refs across files and a nested dir into local refs, cycle included', async () => {
    const spec = await loadSpec(root, fsIO);
    const doc = spec.document as any;
    expect(refsOf(doc).every((r) => r.startsWith('#/components/'))).toBe(true);
    // The root's own slot claims the file, so every ref to schemas/pet.yaml shares that name.
    expect(Object.keys(doc.components.schemas)).toEqual(['Pet', 'Error', 'Owner', 'Id']);
    expect(doc.components.schemas.Pet.properties.owner).toEqual({ $ref: '#/components/schemas/Owner' });
    expect(doc.components.schemas.Owner.properties.pets.items).toEqual({ $ref: '#/components/schemas/Pet' });
    expect(doc.paths['/pets'].get.responses['200'].content['application/json'].schema.items).toEqual({ $ref: '#/components/schemas/Pet' });
    expect(doc.paths['/pets'].get.parameters).toEqual([{ $ref: '#/components/parameters/Limit' }]);
    expect(doc.components.parameters.OwnerId.schema).toEqual({ $ref: '#/components/schemas/Id' });
    expect(spec.unresolvedRefs).toEqual([]);
  });

  it('maps bundled pointers back to the file and pointer they came from', async () => {
    const spec = await loadSpec(root, fsIO);
    expect(spec.rootFile).toBe(root);
    expect(spec.origin('#/paths/~1pets/get/responses/200')).toEqual({ file: 'test/fixtures/specs/multi/paths/pets.yaml', pointer: '#/get/responses/200' });
    expect(spec.origin('#/components/schemas/Owner/properties/pets')).toEqual({ file: 'test/fixtures/specs/multi/schemas/owner.yaml', pointer: '#/properties/pets' });
    expect(spec.origin('#/components/parameters/Limit')).toEqual({ file: 'test/fixtures/specs/multi/common.yaml', pointer: '#/components/parameters/Limit' });
    expect(spec.origin('#/paths/~1owners~1{ownerId}/get')).toEqual({ file: root, pointer: '#/paths/~1owners~1{ownerId}/get' });
  });

  it('names clashing imports uniquely and deterministically', async () => {
    const io = mapIO({
      'api/root.yaml': [
        'openapi: 3.1.0',
        'paths:',
        '  /a:',
        '    get:',
        '      responses:',
        '        "200":',
        '          description: ok',
        '          content:',
        '            application/json:',
        '              schema: { $ref: "../shared/a.yaml#/components/schemas/Pet" }',
        '        "201":',
        '          $ref: "../shared/a.yaml#/components/responses/Created"',
        'components:',
        '  schemas:',
        '    Pet: { type: object }',
      ].join('\n'),
      'shared/a.yaml': 'components:\n  schemas:\n    Pet: { type: string }\n  responses:\n    Created: { description: made }\n',
    });
    const first = await loadSpec('api/root.yaml', io);
    const second = await loadSpec('api/root.yaml', io);
    expect(first.document).toEqual(second.document);
    const doc = first.document as any;
    expect(doc.components.schemas).toEqual({ Pet: { type: 'object' }, Pet2: { type: 'string' } });
    expect(doc.components.responses).toEqual({ Created: { description: 'made' } });
    expect(doc.paths['/a'].get.responses['201']).toEqual({ $ref: '#/components/responses/Created' });
    expect(first.origin('#/components/schemas/Pet2')).toEqual({ file: 'shared/a.yaml', pointer: '#/components/schemas/Pet' });
  });
});

describe('loadSpecFromObject', () => {
  it('does not mutate its input and reports external refs as unresolved', () => {
    const input = { openapi: '3.1.0', paths: {}, components: { schemas: { A: { $ref: 'other.yaml#/B' }, C: { $ref: '#/components/schemas/A' } } } };
    const before = structuredClone(input);
    const spec = loadSpecFromObject(input);
    expect(input).toEqual(before);
    expect(spec.document).toEqual(before);
    expect(spec.unresolvedRefs?.map((u) => [u.site, u.code])).toEqual([['#/components/schemas/A', 'SDKGEN_REF_FILE_UNREADABLE']]);
  });
});

describe('loadSpec: URL refs', () => {
  let server: Server;
  let base: string;
  const served: Record<string, string> = {
    '/schemas/tag.yaml': 'type: object\nproperties:\n  id:\n    $ref: ./common.json#/Id\n',
    '/schemas/common.json': '{"Id": {"type": "integer"}}',
    '/api/openapi.yaml': 'openapi: 3.1.0\npaths: {}\ncomponents:\n  schemas:\n    Tag: { $ref: "../schemas/tag.yaml" }\n',
  };
  const requested: string[] = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      requested.push(req.url ?? '');
      const body = served[req.url ?? ''];
      res.writeHead(body === undefined ? 404 : 200, { 'content-type': 'text/plain' }).end(body ?? 'not found');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  /** Real fetch for http URLs, the map for everything else (as the CLI does with fs). */
  function httpIO(files: Record<string, string>): SpecIO {
    const local = mapIO(files);
    return {
      read: async (uri) => {
        if (!uri.startsWith('http')) return local.read(uri);
        const res = await fetch(uri);
        if (!res.ok) throw new Error(`HTTP ${res.status}`);
        return res.text();
      },
    };
  }

  it('follows a URL ref from a local file, and relative refs inside the fetched document', async () => {
    const io = httpIO({ 'root.yaml': `openapi: 3.1.0\npaths: {}\ncomponents:\n  schemas:\n    Tag: { $ref: "${base}/schemas/tag.yaml" }\n` });
    const spec = await loadSpec('root.yaml', io);
    expect((spec.document as any).components.schemas).toEqual({
      Tag: { type: 'object', properties: { id: { $ref: '#/components/schemas/Id' } } },
      Id: { type: 'integer' },
    });
    expect(spec.origin('#/components/schemas/Id')).toEqual({ file: `${base}/schemas/common.json`, pointer: '#/Id' });
  });

  it('loads a root document by URL and resolves its refs against it', async () => {
    const spec = await loadSpec(`${base}/api/openapi.yaml`, httpIO({}));
    expect(spec.rootFile).toBe(`${base}/api/openapi.yaml`);
    expect(Object.keys((spec.document as any).components.schemas)).toEqual(['Tag', 'Id']);
    expect(spec.origin('#/components/schemas/Tag/properties')).toEqual({ file: `${base}/schemas/tag.yaml`, pointer: '#/properties' });
  });

  it('reports a URL that answers 404 as an unresolved ref', async () => {
    const spec = await loadSpec('root.yaml', httpIO({ 'root.yaml': `openapi: 3.1.0\npaths: {}\ncomponents:\n  schemas:\n    X: { $ref: "${base}/nope.yaml" }\n` }));
    expect(spec.unresolvedRefs).toEqual([expect.objectContaining({ code: 'SDKGEN_SPEC_UNREADABLE', targetFile: `${base}/nope.yaml` })]);
    expect(spec.unresolvedRefs?.[0]?.message).toContain('HTTP 404');
  });
});

describe('loadSpec: hostile keys', () => {
  it('keeps a schema property or component named __proto__ as plain data', async () => {
    const io = mapIO({
      // Raw JSON text: an object literal's `__proto__:` would set the prototype instead of a key.
      'root.json': '{"openapi": "3.1.0", "paths": {}, "components": {"schemas": {"A": {"type": "object", "properties": {"__proto__": {"$ref": "b.json#/components/schemas/__proto__"}}}}}}',
      'b.json': '{"components": {"schemas": {"__proto__": {"type": "string"}}}}',
    });
    const doc = (await loadSpec('root.json', io)).document as any;
    const props = doc.components.schemas.A.properties;
    expect(Object.getPrototypeOf(props)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(props, '__proto__')?.value).toEqual({ $ref: '#/components/schemas/__proto__' });
    expect(Object.getOwnPropertyDescriptor(doc.components.schemas, '__proto__')?.value).toEqual({ type: 'string' });
  });
});
