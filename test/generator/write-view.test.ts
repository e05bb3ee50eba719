import { execFile } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { withWriteViews } from '../../generator/src/emit/write-view.js';
import { generate } from '../../generator/src/generate.js';
import { loadSpecFromObject } from '../../generator/src/load/index.js';

type Json = Record<string, unknown>;
const ROOT = fileURLToPath(new URL('../../', import.meta.url));

const pet = {
  type: 'object',
  required: ['id', 'name'],
  properties: { id: { type: 'string', readOnly: true }, name: { type: 'string' }, owner: { $ref: '#/components/schemas/Owner' } },
};
const owner = { type: 'object', required: ['id'], properties: { id: { type: 'integer', readOnly: true }, email: { type: 'string' } } };
const plain = { type: 'object', properties: { note: { type: 'string' } } };

function doc(): Json {
  return {
    openapi: '3.0.3',
    info: { title: 'Pets', version: '1' },
    paths: {
      '/pets': {
        post: {
          operationId: 'createPet',
          requestBody: { required: true, content: { 'application/json': { schema: { $ref: '#/components/schemas/Pet' } } } },
          responses: { '201': { description: 'ok', content: { 'application/json': { schema: { $ref: '#/components/schemas/Pet' } } } } },
        },
      },
    },
    components: { schemas: { Pet: pet, Owner: owner, Plain: plain } },
  };
}

describe('withWriteViews', () => {
  it('adds write views without readOnly properties, transitively, and points request bodies at them', () => {
    const given = doc();
    const before = structuredClone(given);
    const view = withWriteViews(given) as Json;
    expect(given).toEqual(before);
    const schemas = (view['components'] as Json)['schemas'] as Json;
    expect(Object.keys(schemas)).toEqual(['Pet', 'Owner', 'Plain', 'OwnerWrite', 'PetWrite']);
    expect(schemas['PetWrite']).toEqual({ type: 'object', required: ['name'], properties: { name: { type: 'string' }, owner: { $ref: '#/components/schemas/OwnerWrite' } } });
    expect(schemas['OwnerWrite']).toEqual({ type: 'object', required: [], properties: { email: { type: 'string' } } });
    const post = ((view['paths'] as Json)['/pets'] as Json)['post'] as Json;
    expect(JSON.stringify(post['requestBody'])).toContain('#/components/schemas/PetWrite');
    expect(JSON.stringify(post['responses'])).toContain('"#/components/schemas/Pet"');
  });

  it('returns the document itself when nothing is readOnly', () => {
    const given = { openapi: '3.0.3', paths: {}, components: { schemas: { Plain: plain } } };
    expect(withWriteViews(given)).toBe(given);
  });

  it('lets a generated SDK create a pet without its server-assigned id, and still returns it', { timeout: 240_000 }, async () => {
    const { files } = await generate(loadSpecFromObject(doc(), 'pets.json'));
    const dir = join(ROOT, 'test/.tmp/write-view');
    rmSync(dir, { recursive: true, force: true });
    for (const file of files) {
      mkdirSync(dirname(join(dir, 'sdk', file.path)), { recursive: true });
      writeFileSync(join(dir, 'sdk', file.path), file.contents);
    }
    writeFileSync(
      join(dir, 'use.ts'),
      [
        "import type { CreatePetParams, CreatePetResponse } from './sdk/index.js';",
        "export const ok: CreatePetParams = { name: 'Rex', owner: { email: 'a@b.c' } };",
        "// @ts-expect-error readOnly: the server assigns it",
        "export const withId: CreatePetParams = { id: 'p1', name: 'Rex' };",
        'export const id = (pet: CreatePetResponse): string => pet.id;',
        '',
      ].join('\n'),
    );
    writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({ extends: '../../generated/tsconfig.nodenext.json', include: ['use.ts', 'sdk/**/*.ts'], exclude: ['sdk/mocks*.ts'] }));
    const output = await new Promise<string>((done) => {
      execFile(process.execPath, [join(ROOT, 'node_modules/typescript7/bin/tsc'), '-p', join(dir, 'tsconfig.json'), '--pretty', 'false'], (_e, stdout, stderr) => done(`${stdout}${stderr}`));
    });
    expect(output).toBe('');
  });
});
