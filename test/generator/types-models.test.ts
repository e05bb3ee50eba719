/**
 * Named models in `types.ts` (openapi-typescript's `rootTypes` idea, done so editors show the
 * names): object schemas are declared at the top level and `components.schemas` refers to them,
 * other schemas get an alias; `index.ts` re-exports every model; names avoid the SDK's other exports.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { emitTypesWithModels } from '../../generator/src/emit/types.js';
import { repoRoot } from '../support/run-node.js';

const doc = {
  openapi: '3.1.0',
  info: { title: 'Models', version: '1.0.0' },
  paths: {},
  components: {
    schemas: {
      'full-repository': { type: 'object', description: 'A repository.', properties: { id: { type: 'integer' }, parent: { $ref: '#/components/schemas/full-repository' } } },
      Kind: { type: 'string', enum: ['a', 'b'] },
      Tags: { type: 'array', items: { $ref: '#/components/schemas/Kind' } },
      paths: { type: 'object', properties: { x: { type: 'string' } } },
      Page: { type: 'object', properties: { n: { type: 'integer' } } },
      record: { type: 'object', additionalProperties: { type: 'string' } },
    },
  },
};

describe('named models', () => {
  const { file, models } = emitTypesWithModels(doc, 'Models', '1.0.0', new Set(['Page']));

  it('declares object schemas at the top level, aliases the rest, and keeps names apart from roots and reserved names', () => {
    expect(models).toEqual(['FullRepository', 'Kind', 'Tags', 'Paths', 'PageSchema', 'RecordSchema']);
    expect(file.contents).toContain('"full-repository": FullRepository;');
    expect(file.contents).toMatch(/\/\*\* @description A repository\. \*\/\nexport type FullRepository = \{/);
    expect(file.contents).toContain('export type Kind = components["schemas"]["Kind"];');
    expect(file.contents).toContain('export type Tags = components["schemas"]["Tags"];');
    expect(file.contents).toContain('export type Paths = {');
    expect(file.contents).toContain('export type PageSchema = {');
  });

  it('compiles (a self-referencing object included) and shows model names where values are typed', { timeout: 120_000 }, () => {
    const dir = join(repoRoot, 'test/.tmp/types-models');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'types.ts'), file.contents);
    writeFileSync(
      join(dir, 'use.ts'),
      [
        "import type { components, FullRepository, Tags } from './types.js';",
        "declare const fromComponents: components['schemas']['full-repository'];",
        'export const repo = fromComponents;',
        'export const parent = fromComponents.parent;',
        'declare const tags: Tags;',
        'export const first = tags[0];',
        'export const same: FullRepository = fromComponents;',
      ].join('\n'),
    );
    const program = ts.createProgram([join(dir, 'use.ts')], {
      strict: true, noEmit: true, module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext, target: ts.ScriptTarget.ES2022,
      lib: ['lib.es2022.d.ts'], types: [],
    });
    expect(ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'))).toEqual([]);
    const checker = program.getTypeChecker();
    const shown: Record<string, string> = {};
    ts.forEachChild(program.getSourceFile(join(dir, 'use.ts'))!, function visit(node) {
      if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name)) shown[node.name.text] = checker.typeToString(checker.getTypeAtLocation(node.name));
      ts.forEachChild(node, visit);
    });
    expect(shown['repo']).toBe('FullRepository');
    expect(shown['parent']).toBe('FullRepository | undefined');
    expect(shown['first']).toBe('"a" | "b"');
  });
});
