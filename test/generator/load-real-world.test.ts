/**
 * Loader behaviour that real specs needed (issue 16, section 3): each case failed on the loader
 * before it (DigitalOcean's ~2,900 files and $ref'd operations, SCIM examples carrying "$ref"
 * members, unquoted `swagger: 2.0`, $refs to text and to whole maps).
 */
import { describe, expect, it } from 'vitest';
import { Diagnostics } from '../../generator/src/diagnostics.js';
import { generate } from '../../generator/src/generate.js';
import { loadSpec, MAX_DOCUMENTS, type SpecIO } from '../../generator/src/load/index.js';
import { validateSpec } from '../../generator/src/validate.js';

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

const ok = { '200': { description: 'OK', content: { 'application/json': { schema: { type: 'string' } } } } };

describe('loadSpec on real-world layouts', () => {
  it('reads every document of a spec spread over 1,500 files (the old bound was 1,000, silently)', async () => {
    const files: Record<string, string> = {};
    const paths: Record<string, unknown> = {};
    for (let i = 0; i < 1500; i++) {
      paths[`/r${i}`] = { get: { operationId: `get${i}`, responses: { '200': { description: 'OK', content: { 'application/json': { schema: { $ref: `schemas/s${i}.json` } } } } } } };
      files[`schemas/s${i}.json`] = JSON.stringify({ type: 'object', properties: { id: { type: 'integer' } } });
    }
    files['root.json'] = JSON.stringify({ openapi: '3.0.3', info: { title: 'Many', version: '1' }, paths });
    const spec = await loadSpec('root.json', mapIO(files));
    expect(spec.unresolvedRefs).toEqual([]);
    expect(Object.keys((spec.document.components as { schemas: object }).schemas)).toHaveLength(1500);
    expect(MAX_DOCUMENTS).toBeGreaterThanOrEqual(10_000);
  });

  it('inlines operations written as $refs (local and to files), with one warning for them all', async () => {
    const io = mapIO({
      'root.yaml': [
        'openapi: 3.0.3',
        'info: { title: Ops, version: "1" }',
        'x-ops: { ping: { operationId: ping, responses: { "204": { description: Done } } } }',
        'paths:',
        '  /droplets: { get: { $ref: "ops/list.yaml" } }',
        '  /ping: { get: { $ref: "#/x-ops/ping" } }',
      ].join('\n'),
      'ops/list.yaml': 'operationId: droplets_list\nresponses: { "200": { $ref: "../shared.yaml#/responses/ok" } }\n',
      'shared.yaml': `responses: { ok: ${JSON.stringify(ok['200'])} }\n`,
    });
    const spec = await loadSpec('root.yaml', io);
    expect(spec.unresolvedRefs).toEqual([]);
    expect(spec.warnings?.map((w) => [w.code, w.file, w.pointer])).toEqual([['SDKGEN_OPERATION_REF', 'ops/list.yaml', '#']]);
    expect(spec.warnings?.[0]?.message).toContain('and so is 1 other');
    const result = await generate(spec);
    expect(result.summary.operations).toBe(2);
    expect(result.diagnostics.map((d) => d.code)).toEqual(['SDKGEN_OPERATION_REF']);
  });

  it('never follows $refs inside example values (SCIM payloads carry "$ref" members)', async () => {
    const scim = { id: 'g1', members: [{ value: 'u1', $ref: 'https://example.com/v2/Users/u1' }, { value: 'u2', $ref: 'users/u2.json' }] };
    const doc = {
      openapi: '3.1.0',
      info: { title: 'SCIM', version: '1' },
      paths: {
        '/Groups': {
          get: {
            responses: {
              '200': {
                description: 'OK',
                content: { 'application/scim+json': { schema: { type: 'object', examples: [scim] }, example: scim, examples: { one: { summary: 'x', value: scim }, shared: { $ref: 'examples/group.json' } } } },
              },
            },
          },
        },
      },
    };
    const io = mapIO({ 'root.json': JSON.stringify(doc), 'examples/group.json': JSON.stringify({ value: scim }) });
    const spec = await loadSpec('root.json', io);
    // The Example Object itself is a reference and is followed; the data inside values never is.
    expect(io.reads.sort()).toEqual(['examples/group.json', 'root.json']);
    expect(spec.unresolvedRefs).toEqual([]);
    const media = (spec.document.paths as any)['/Groups'].get.responses['200'].content['application/scim+json'];
    expect(media.examples.one.value).toEqual(scim);
    expect(media.example).toEqual(scim);
    const diags = new Diagnostics();
    validateSpec(spec, diags);
    expect(diags.items).toEqual([]);
  });

  it('inlines $refs to text and to whole maps (properties: { $ref: attrs.yaml })', async () => {
    const io = mapIO({
      'root.yaml': [
        'openapi: 3.0.3',
        'info: { title: Maps, version: "1", description: { $ref: "texts.yaml#/intro" } }',
        'paths:',
        '  /lb:',
        '    post:',
        '      requestBody: { content: { application/json: { schema: { properties: { $ref: "attrs.yaml#/ids" }, required: [ids] } } } }',
        '      responses: { "204": { description: Done } }',
      ].join('\n'),
      'texts.yaml': 'intro: The API.\n',
      'attrs.yaml': 'ids: { ids: { type: array, items: { type: integer } } }\n',
    });
    const spec = await loadSpec('root.yaml', io);
    expect(spec.unresolvedRefs).toEqual([]);
    expect((spec.document.info as { description: unknown }).description).toBe('The API.');
    const schema = (spec.document.paths as any)['/lb'].post.requestBody.content['application/json'].schema;
    expect(schema.properties).toEqual({ ids: { type: 'array', items: { type: 'integer' } } });
  });

  it('reads an unquoted `swagger: 2.0` (the YAML number 2) with a warning', async () => {
    const io = mapIO({ 's.yaml': 'swagger: 2.0\ninfo: { title: S, version: "1" }\npaths: { /a: { get: { responses: { "200": { description: OK } } } } }\n' });
    const spec = await loadSpec('s.yaml', io);
    expect(spec.document.openapi).toMatch(/^3\.0/);
    expect(spec.warnings?.map((w) => [w.code, w.pointer])).toEqual([['SDKGEN_SWAGGER_VERSION_NUMBER', '#/swagger']]);
  });

  it('generates types and an empty client for a document without paths', async () => {
    const io = mapIO({ 'lib.yaml': 'openapi: 3.1.0\ninfo: { title: Lib, version: "1" }\ncomponents: { schemas: { Money: { type: integer } } }\n' });
    const result = await generate(await loadSpec('lib.yaml', io));
    expect(result.summary.operations).toBe(0);
    expect(result.diagnostics.map((d) => `${d.severity} ${d.code}`)).toEqual(['warning SDKGEN_NO_PATHS']);
    expect(result.files.find((f) => f.path === 'types.ts')?.contents).toContain('Money: number;');
    expect(result.files.find((f) => f.path === 'client.ts')?.contents).toMatch(/export class Lib extends LibCore \{\n  constructor/);
  });
});
