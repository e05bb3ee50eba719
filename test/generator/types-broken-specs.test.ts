/**
 * Malformed specs the types emitter used to be shielded from: `openapiTS()` ran Redocly's lint
 * first, which rejected them; the emitter now calls openapi-typescript's transform directly, which
 * crashes on them without a location or writes types that do not compile. Each must end in a
 * diagnostic at the node (code, file, pointer, fix), a repair with a warning, or an SDK that
 * compiles; never a crash.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SpecError, type Diagnostic } from '../../generator/src/diagnostics.js';
import { checkTypeShapes } from '../../generator/src/emit/types-shapes.js';
import { pinInheritedDiscriminators } from '../../generator/src/emit/types-discriminators.js';
import { dropUnusableOperationIds } from '../../generator/src/emit/types-operation-ids.js';
import { generate, type GeneratedFile } from '../../generator/src/generate.js';
import { loadSpecFromObject } from '../../generator/src/load/index.js';
import { ROOT, typecheck, writeProject } from '../corpus/corpus.js';

type Json = Record<string, unknown>;

const json = (schema: unknown) => ({ '200': { description: 'ok', content: { 'application/json': { schema } } } });
const good = { get: { operationId: 'getGood', responses: json({ type: 'string' }) } };

/** A document with a good operation at /good and whatever `bad` adds (an operation at /bad, components). */
function doc(bad: { op?: Json; item?: Json; schemas?: Json; openapi?: string }): Json {
  return {
    openapi: bad.openapi ?? '3.0.3',
    info: { title: 'Broken', version: '1' },
    paths: { '/good': good, '/bad': { ...bad.item, get: { operationId: 'getBad', responses: json({ type: 'string' }), ...bad.op } } },
    components: { schemas: bad.schemas ?? {} },
  };
}

const codes = (ds: readonly Diagnostic[]) => ds.map((d) => `${d.severity} ${d.code} ${d.pointer}`);

describe('checkTypeShapes', () => {
  const cases: { name: string; given: Json; want: string[] }[] = [
    { name: 'a property that is a string', given: { components: { schemas: { A: { type: 'object', properties: { a: 'string' } } } } }, want: ['SDKGEN_SCHEMA_UNREADABLE #/components/schemas/A/properties/a'] },
    { name: 'a null component', given: { components: { schemas: { A: null } } }, want: ['SDKGEN_SCHEMA_UNREADABLE #/components/schemas/A'] },
    { name: 'allOf that is an object', given: { components: { schemas: { A: { allOf: { type: 'string' } } } } }, want: ['SDKGEN_SCHEMA_UNREADABLE #/components/schemas/A/allOf'] },
    { name: 'a oneOf member that is a string', given: { components: { schemas: { A: { oneOf: [{ type: 'string' }, 'x'] } } } }, want: ['SDKGEN_SCHEMA_UNREADABLE #/components/schemas/A/oneOf/1'] },
    { name: 'prefixItems that is an object', given: { components: { schemas: { A: { prefixItems: {} } } } }, want: ['SDKGEN_SCHEMA_UNREADABLE #/components/schemas/A/prefixItems'] },
    { name: 'items that is a string, deep', given: { components: { schemas: { A: { properties: { b: { type: 'array', items: 'x' } } } } } }, want: ['SDKGEN_SCHEMA_UNREADABLE #/components/schemas/A/properties/b/items'] },
    { name: 'boolean schemas and 3.0 tuples are schemas', given: { components: { schemas: { A: { properties: { b: true, c: { items: [{ type: 'string' }] } } } } } }, want: [] },
    { name: 'a $ref is not walked into', given: { components: { schemas: { A: { $ref: '#/x', properties: { a: 1 } } } } }, want: [] },
    {
      name: 'operation parts',
      given: {
        paths: {
          '/a': {
            parameters: { name: 'x' },
            get: { parameters: [null, { in: 'query', name: 'q', schema: 'string' }], requestBody: 'x', responses: { '200': null, '201': { description: 'ok', headers: { 'X-A': 'string' }, content: { 'application/json': null } } } },
            post: 'x',
          },
        },
      },
      want: [
        'SDKGEN_INVALID_STRUCTURE #/paths/~1a/parameters',
        'SDKGEN_INVALID_STRUCTURE #/paths/~1a/get/parameters/0',
        'SDKGEN_SCHEMA_UNREADABLE #/paths/~1a/get/parameters/1/schema',
        'SDKGEN_INVALID_STRUCTURE #/paths/~1a/get/requestBody',
        'SDKGEN_INVALID_STRUCTURE #/paths/~1a/get/responses/200',
        'SDKGEN_INVALID_STRUCTURE #/paths/~1a/get/responses/201/headers/X-A',
        'SDKGEN_INVALID_STRUCTURE #/paths/~1a/get/responses/201/content/application~1json',
        'SDKGEN_INVALID_STRUCTURE #/paths/~1a/post',
      ],
    },
    { name: 'webhooks and component path items', given: { openapi: '3.1.0', webhooks: { w: { post: { requestBody: 1 } } }, components: { pathItems: { p: { get: { parameters: {} } } } } }, want: ['SDKGEN_INVALID_STRUCTURE #/webhooks/w/post/requestBody', 'SDKGEN_INVALID_STRUCTURE #/components/pathItems/p/get/parameters'] },
  ];
  it.each(cases)('$name', ({ given, want }) => {
    const found: string[] = [];
    const count = checkTypeShapes(given, (code, pointer, message, fix) => {
      expect(message).not.toBe('');
      expect(fix).not.toBe('');
      found.push(`${code} ${pointer}`);
    });
    expect(found).toEqual(want);
    expect(count).toBe(want.length);
  });
});

describe('dropUnusableOperationIds', () => {
  it('keeps the first of a duplicated id (also with # read as /), drops the rest and non-strings', () => {
    const given: Json = {
      paths: {
        '/a': { get: { operationId: 'x' }, post: { operationId: 'a/b' } },
        '/b': { get: { operationId: 'x' }, put: { operationId: 'a#b' }, post: { operationId: 5 }, patch: { operationId: '' } },
      },
    };
    expect(dropUnusableOperationIds(given)).toBe(3);
    expect(given).toEqual({
      paths: {
        '/a': { get: { operationId: 'x' }, post: { operationId: 'a/b' } },
        '/b': { get: {}, put: {}, post: {}, patch: { operationId: '' } },
      },
    });
  });
});

describe('pinInheritedDiscriminators', () => {
  const pet = { type: 'object', required: ['kind'], properties: { kind: { type: 'string' } }, discriminator: { propertyName: 'kind', mapping: { cat: '#/components/schemas/Cat' } } };
  const cases: { name: string; schemas: Json; origins?: [string, string][]; want: Record<string, string[]> }[] = [
    { name: 'a child typing the property itself: its own enum', schemas: { Pet: pet, Dog: { allOf: [{ $ref: '#/components/schemas/Pet' }], properties: { kind: { type: 'string', enum: ['dog'] } } } }, want: { Dog: ['dog'] } },
    { name: 'a child typing it without values: its name', schemas: { Pet: pet, Dog: { allOf: [{ $ref: '#/components/schemas/Pet' }], properties: { kind: { type: 'string' } } } }, want: { Dog: ['Dog'] } },
    { name: 'a mapped child is left to openapi-typescript', schemas: { Pet: pet, Cat: { allOf: [{ $ref: '#/components/schemas/Pet' }], properties: { kind: { type: 'string' } } } }, want: {} },
    { name: 'a child without the property is left alone', schemas: { Pet: pet, Dog: { allOf: [{ $ref: '#/components/schemas/Pet' }] } }, want: {} },
    { name: 'a write view takes its original mapped value', schemas: { Pet: pet, Cat: { allOf: [{ $ref: '#/components/schemas/Pet' }] }, CatWrite: { allOf: [{ $ref: '#/components/schemas/Pet' }] } }, origins: [['CatWrite', 'Cat']], want: { CatWrite: ['cat'] } },
    { name: 'a write view of an unmapped child takes its name', schemas: { Pet: pet, Dog: { allOf: [{ $ref: '#/components/schemas/Pet' }] }, DogWrite: { allOf: [{ $ref: '#/components/schemas/Pet' }] } }, origins: [['DogWrite', 'Dog']], want: { DogWrite: ['Dog'] } },
    { name: 'inherited through two levels', schemas: { Pet: pet, Mid: { allOf: [{ $ref: '#/components/schemas/Pet' }] }, Pug: { allOf: [{ $ref: '#/components/schemas/Mid' }], properties: { kind: { const: 'pug' } } } }, want: { Pug: ['pug'] } },
  ];
  it.each(cases)('$name', ({ schemas, origins, want }) => {
    const document: Json = { components: { schemas: structuredClone(schemas) } };
    const pinned = pinInheritedDiscriminators(document, new Map(origins ?? []));
    const after = (document['components'] as Json)['schemas'] as Record<string, Json>;
    const got: Record<string, string[]> = {};
    for (const [name, schema] of Object.entries(after)) {
      if (!pinned.includes(schema)) continue;
      expect(schema['required']).toContain('kind');
      expect((schema['discriminator'] as Json)['propertyName']).toBe('kind');
      got[name] = ((schema['properties'] as Record<string, Json>)['kind']!['enum'] as string[]);
    }
    expect(got).toEqual(want);
  });
});

describe('generate on malformed specs', () => {
  const skipped: { name: string; bad: Parameters<typeof doc>[0]; problem: string }[] = [
    { name: 'a property that is null', bad: { op: { responses: json({ type: 'object', properties: { a: null } }) } }, problem: 'SDKGEN_SCHEMA_UNREADABLE #/paths/~1bad/get/responses/200/content/application~1json/schema/properties/a' },
    { name: 'allOf that is an object', bad: { op: { responses: json({ allOf: { type: 'string' } }) } }, problem: 'SDKGEN_SCHEMA_UNREADABLE #/paths/~1bad/get/responses/200/content/application~1json/schema/allOf' },
    { name: 'a response that is a string', bad: { op: { responses: { '200': 'ok' } } }, problem: 'SDKGEN_INVALID_STRUCTURE #/paths/~1bad/get/responses/200' },
    { name: 'a media type that is null', bad: { op: { responses: { '200': { description: 'ok', content: { 'application/json': null } } } } }, problem: 'SDKGEN_INVALID_STRUCTURE #/paths/~1bad/get/responses/200/content/application~1json' },
    { name: 'a header that is a string', bad: { op: { responses: { '200': { description: 'ok', headers: { 'X-A': 'string' } } } } }, problem: 'SDKGEN_INVALID_STRUCTURE #/paths/~1bad/get/responses/200/headers/X-A' },
    { name: 'parameters that are an object', bad: { op: { parameters: { name: 'a', in: 'query' } } }, problem: 'SDKGEN_INVALID_STRUCTURE #/paths/~1bad/get/parameters' },
    { name: 'a parameter that is null', bad: { op: { parameters: [null] } }, problem: 'SDKGEN_INVALID_STRUCTURE #/paths/~1bad/get/parameters/0' },
    { name: 'a request body that is a string', bad: { op: { requestBody: 'x' } }, problem: 'SDKGEN_INVALID_STRUCTURE #/paths/~1bad/get/requestBody' },
    { name: 'path-level parameters that are an object', bad: { item: { parameters: { a: 1 } } }, problem: 'SDKGEN_INVALID_STRUCTURE #/paths/~1bad/parameters' },
  ];
  it.each(skipped)('$name: leaves the operation out with a warning at the node', async ({ bad, problem }) => {
    const result = await generate(loadSpecFromObject(doc(bad), 'broken.json'));
    expect(codes(result.diagnostics)).toEqual(expect.arrayContaining([`warning ${problem}`, expect.stringMatching(/^warning SDKGEN_OPERATION_SKIPPED #\/paths\/~1bad/)]));
    expect(result.diagnostics.every((d) => d.file === 'broken.json' && d.fix !== '')).toBe(true);
    expect(result.summary.operations).toBe(1);
  });

  const rejected: { name: string; bad: Parameters<typeof doc>[0]; problem: string }[] = [
    { name: 'a component schema that is null', bad: { schemas: { A: null } }, problem: 'SDKGEN_SCHEMA_UNREADABLE #/components/schemas/A' },
    { name: 'an allOf member that is a string', bad: { schemas: { A: { type: 'object', discriminator: { propertyName: 'k' }, properties: { k: { type: 'string' } } }, B: { allOf: [{ $ref: '#/components/schemas/A' }, 'x'] } } }, problem: 'SDKGEN_SCHEMA_UNREADABLE #/components/schemas/B/allOf/1' },
    { name: 'prefixItems that is an object', bad: { openapi: '3.1.0', schemas: { A: { type: 'array', prefixItems: { type: 'string' } } } }, problem: 'SDKGEN_SCHEMA_UNREADABLE #/components/schemas/A/prefixItems' },
  ];
  it.each(rejected)('$name: is rejected with an error at the node', async ({ bad, problem }) => {
    const error = await generate(loadSpecFromObject(doc(bad), 'broken.json')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SpecError);
    expect(codes((error as SpecError).diagnostics)).toEqual([`error ${problem}`]);
  });
});

describe('malformed specs that are repaired or generated, and compile', () => {
  const out = join(ROOT, 'test/.tmp/types-broken-specs');
  const sdks = new Map<string, { files: GeneratedFile[]; diagnostics: Diagnostic[] }>();
  const specs: Record<string, Json> = {
    // `required: true` on a property (Swagger 1 style): openapi-typescript called `.includes` on it.
    requiredOnProperty: doc({ op: { responses: json({ type: 'object', properties: { a: { type: 'string', required: true }, b: { type: 'string', required: false } } }) } }),
    // `required: "yes"` on a parameter: openapi-typescript read it as true, the SDK's method as false (TS2741).
    requiredFlagNotBoolean: doc({ op: { parameters: [{ name: 'q', in: 'query', required: 'yes', schema: { type: 'string' } }, { name: 'r', in: 'query', required: 'false', schema: { type: 'string' } }] } }),
    // `summary` that is not text: openapi-typescript called `.trim()` on it.
    summaryNotText: doc({ op: { summary: ['x'], responses: json({ type: 'string', title: 3, description: { a: 1 } }) } }),
    // Two operations share an id (Redocly rejected it); openapi-typescript declared `operations.x` twice.
    duplicateOperationId: {
      openapi: '3.0.3', info: { title: 'Dup', version: '1' },
      paths: { '/a': { get: { operationId: 'x', responses: json({ type: 'string' }) } }, '/b': { get: { operationId: 'x', responses: json({ type: 'number' }) } }, '/c': { get: { operationId: 7, responses: json({ type: 'boolean' }) } } },
    },
    // A discriminated child declaring the discriminator itself without being mapped (Apple's SiriKit
    // spec), and one with readOnly properties, whose write view openapi-typescript would type `kind: "DogWrite"`.
    discriminatorChildren: {
      openapi: '3.0.3', info: { title: 'Pets', version: '1' },
      paths: {
        '/pets': {
          get: { operationId: 'listPets', responses: json({ type: 'array', items: { $ref: '#/components/schemas/Pet' } }) },
          post: { operationId: 'createDog', requestBody: { content: { 'application/json': { schema: { $ref: '#/components/schemas/Dog' } } } }, responses: json({ $ref: '#/components/schemas/Dog' }) },
        },
      },
      components: {
        schemas: {
          Pet: { type: 'object', required: ['kind'], properties: { kind: { type: 'string' } }, discriminator: { propertyName: 'kind', mapping: { dog: '#/components/schemas/Dog' } } },
          Dog: { allOf: [{ $ref: '#/components/schemas/Pet' }], type: 'object', properties: { id: { type: 'string', readOnly: true }, bark: { type: 'boolean' } } },
          Cat: { allOf: [{ $ref: '#/components/schemas/Pet' }], type: 'object', properties: { kind: { type: 'string', enum: ['cat'] }, meow: { type: 'boolean' } } },
        },
      },
    },
    // A discriminated union sent as a request body, one member with readOnly properties (IX-API):
    // its write view's mapping must name the members' write views, else openapi-typescript typed
    // them `kind: "DogWrite"` and the body `never`. Also an `allOf` member that only lists
    // `required` names (`Record<string, never>` for openapi-typescript) and `items` without `type` (Asana).
    writeViewUnion: {
      openapi: '3.0.3', info: { title: 'Union', version: '1' },
      paths: {
        '/pets': {
          get: { operationId: 'listPets', responses: json({ type: 'object', properties: { data: { items: { $ref: '#/components/schemas/Pet' } } } }) },
          post: { operationId: 'createPet', requestBody: { required: true, content: { 'application/json': { schema: { $ref: '#/components/schemas/Pet' } } } }, responses: json({ $ref: '#/components/schemas/Pet' }) },
        },
      },
      components: {
        schemas: {
          Pet: { oneOf: [{ $ref: '#/components/schemas/Dog' }, { $ref: '#/components/schemas/Cat' }], discriminator: { propertyName: 'kind', mapping: { dog: '#/components/schemas/Dog', cat: '#/components/schemas/Cat' } } },
          DogBase: { type: 'object', properties: { id: { type: 'string', readOnly: true }, kind: { type: 'string' }, bark: { type: 'boolean' } } },
          Dog: { allOf: [{ $ref: '#/components/schemas/DogBase' }, { type: 'object', required: ['kind', 'bark'] }] },
          Cat: { type: 'object', required: ['kind'], properties: { kind: { type: 'string' }, meow: { type: 'boolean' } } },
        },
      },
    },
    // `required` beside an `allOf` of a nullable component (Plaid): openapi-typescript's
    // `WithRequired<Parent | null, "code">` failed its `keyof T` constraint (TS2344).
    nullableParent: doc({
      op: { responses: json({ $ref: '#/components/schemas/Child' }) },
      schemas: {
        Parent: { type: 'object', nullable: true, properties: { code: { type: 'string' }, message: { type: 'string' } } },
        Child: { allOf: [{ $ref: '#/components/schemas/Parent' }, { type: 'object' }], required: ['code'] },
      },
    }),
    // Schemas kept in a Swagger-style `definitions` section (or any other root openapi-typescript
    // does not type) of an OpenAPI 3 document: their refs are copied into components.schemas.
    refsOutsideTypedRoots: {
      openapi: '3.0.3', info: { title: 'Stray', version: '1' },
      definitions: { Pet: { type: 'object', properties: { name: { type: 'string' }, tag: { $ref: '#/definitions/Tag' } } }, Tag: { type: 'string' } },
      'x-shared': { Money: { type: 'object', properties: { cents: { type: 'integer' } } } },
      paths: {
        '/pets': {
          get: { operationId: 'listPets', responses: json({ type: 'array', items: { $ref: '#/definitions/Pet' } }) },
          post: { operationId: 'pay', requestBody: { content: { 'application/json': { schema: { $ref: '#/x-shared/Money' } } } }, responses: json({ $ref: '#/definitions/Pet' }) },
        },
      },
      components: { schemas: { Pet: { type: 'string' } } },
    },
    // A paginated response in two JSON media types of different shapes (VA Facilities): items are
    // typed from `application/json`, the one pagination detection read, not the first listed.
    pageInTwoMediaTypes: {
      openapi: '3.0.3', info: { title: 'Geo', version: '1' },
      paths: {
        '/places': {
          get: {
            operationId: 'listPlaces',
            'x-pagination': { style: 'offset', param: 'offset', items: '/data' },
            parameters: [{ name: 'offset', in: 'query', schema: { type: 'integer' } }],
            responses: {
              '200': {
                description: 'ok',
                content: {
                  'application/geo+json': { schema: { type: 'object', properties: { features: { type: 'array', items: { type: 'object' } } } } },
                  'application/json': { schema: { type: 'object', properties: { data: { type: 'array', items: { type: 'object', properties: { id: { type: 'string' } } } } } } },
                },
              },
            },
          },
        },
      },
    },
  };

  beforeAll(async () => {
    rmSync(out, { recursive: true, force: true });
    for (const [name, spec] of Object.entries(specs)) {
      const result = await generate(loadSpecFromObject(spec, `${name}.json`), { checkSources: true });
      sdks.set(name, { files: result.files, diagnostics: result.diagnostics });
      for (const file of result.files) {
        if (!file.path.endsWith('.ts')) continue;
        mkdirSync(dirname(join(out, name, file.path)), { recursive: true });
        writeFileSync(join(out, name, file.path), file.contents);
      }
    }
  });
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  const types = (name: string) => sdks.get(name)!.files.find((f) => f.path === 'types.ts')!.contents;

  it('every one compiles under strict settings', { timeout: 240_000 }, async () => {
    const result = await typecheck(writeProject(out, [...sdks.keys()]));
    expect([...result.errors.values()].flat()).toEqual([]);
    expect(result.other).toEqual([]);
  });

  it('copies schemas referenced outside the typed roots into components.schemas, keeping names unique', () => {
    const t = types('refsOutsideTypedRoots');
    expect(t).not.toMatch(/definitions\[|x-shared/);
    // Declared at the top level under its model name (types-models.ts), referenced from components.
    expect(t).toContain('Pet_2: Pet2;');
    expect(t).toMatch(/export type Pet2 = \{[^}]*name\?: string;[^}]*tag\?: components\["schemas"\]\["Tag"\];/s);
    expect(t).toMatch(/export type Money = \{\s*cents\?: number;/);
  });

  it('reads `required: true` on a property as the parent listing it, with a warning', () => {
    expect(types('requiredOnProperty')).toMatch(/\ba: string;/);
    expect(types('requiredOnProperty')).toMatch(/\bb\?: string;/);
    expect(codes(sdks.get('requiredOnProperty')!.diagnostics)).toEqual(['warning SDKGEN_SPEC_REPAIRED #/paths/~1bad/get/responses/200/content/application~1json/schema/properties']);
  });

  it('reads a non-boolean `required` of a parameter as a boolean, with a warning', () => {
    expect(types('requiredFlagNotBoolean')).toMatch(/query: \{\s*q: string;\s*r\?: string;/);
    expect(codes(sdks.get('requiredFlagNotBoolean')!.diagnostics)).toEqual([
      'warning SDKGEN_SPEC_REPAIRED #/paths/~1bad/get/parameters/0/required',
      'warning SDKGEN_SPEC_REPAIRED #/paths/~1bad/get/parameters/1/required',
    ]);
  });

  it('leaves non-text documentation out, with a warning each', () => {
    expect(codes(sdks.get('summaryNotText')!.diagnostics)).toEqual([
      'warning SDKGEN_SPEC_REPAIRED #/paths/~1bad/get/summary',
      'warning SDKGEN_SPEC_REPAIRED #/paths/~1bad/get/responses/200/content/application~1json/schema/title',
      'warning SDKGEN_SPEC_REPAIRED #/paths/~1bad/get/responses/200/content/application~1json/schema/description',
    ]);
  });

  it('types operations sharing an id, or with a non-string id, inline under paths', () => {
    const text = types('duplicateOperationId');
    expect(text.match(/^ {4}x: \{/gm)).toHaveLength(1);
    expect(codes(sdks.get('duplicateOperationId')!.diagnostics)).toContain('warning SDKGEN_DUPLICATE_OPERATION_ID #/paths/~1b/get/operationId');
  });

  it('types a discriminated child and its write view with the value the discriminator really has', () => {
    const text = types('discriminatorChildren');
    expect(text).not.toMatch(/kind: "(DogWrite|Cat)"/);
    expect(text).toMatch(/kind: "cat"/);
    const dogWrite = /^ {8}DogWrite: [^]*?^ {8}\}/m.exec(text)?.[0] ?? '';
    expect(dogWrite).toMatch(/kind: "dog"/);
  });

  it('requires properties of a nullable parent without a constraint error', () => {
    expect(types('nullableParent')).toContain('WithRequired<components["schemas"]["Parent"], "code">');
    expect(types('nullableParent')).toContain('type WithRequired<T, K extends keyof NonNullable<T>> = T & {');
  });

  it('types the items of a page from application/json', () => {
    const resource = sdks.get('pageInTwoMediaTypes')!.files.find((f) => f.path === 'resources/places.ts')!.contents;
    expect(resource).toMatch(/ListPlacesItem = .*\['content'\]\['application\/json'\]/);
  });

  it('sends a discriminated union with readOnly members as its write views, with the mapped values', () => {
    const text = types('writeViewUnion');
    expect(text).not.toMatch(/kind: "\w+Write"/);
    expect(text).toMatch(/PetWrite: components\["schemas"\]\["DogWrite"\] \| components\["schemas"\]\["Cat"\]/);
    // Not `DogBase & Record<string, never>`, which makes every property `never`.
    expect(text).toMatch(/Dog: WithRequired<components\["schemas"\]\["DogBase"\], "kind" \| "bark"> & \{/);
    expect(text).toMatch(/data\?: components\["schemas"\]\["Pet"\]\[\]/);
  });
});
