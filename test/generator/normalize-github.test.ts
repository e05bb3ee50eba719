import { readFile } from 'node:fs/promises';
import { beforeAll, describe, expect, it } from 'vitest';
import { Diagnostics } from '../../generator/src/diagnostics.js';
import { loadSpec, type LoadedSpec } from '../../generator/src/load/index.js';
import { getAt, parsePointer } from '../../generator/src/load/pointer.js';
import type { ApiModel } from '../../generator/src/model.js';
import { isIdentifierName, isValidIdentifier } from '../../generator/src/naming.js';
import { normalize } from '../../generator/src/normalize/index.js';
import { validateSpec } from '../../generator/src/validate.js';

const GITHUB = 'node_modules/@octokit/openapi/generated/api.github.com.json';
const fsIO = { read: (uri: string) => readFile(uri, 'utf8') };

describe("GitHub's REST spec", () => {
  let spec: LoadedSpec;
  let model: ApiModel;
  let diags: Diagnostics;
  /** The loaded document as text before validate and normalize ran over it. */
  let loadedText: string;

  beforeAll(async () => {
    const started = performance.now();
    spec = await loadSpec(GITHUB, fsIO);
    loadedText = JSON.stringify(spec.document);
    const loaded = performance.now();
    diags = new Diagnostics();
    validateSpec(spec, diags);
    const validated = performance.now();
    model = normalize(spec, diags);
    const done = performance.now();
    // Reported, not asserted: speed belongs in bench/.
    console.log(`github: load ${Math.round(loaded - started)} ms, validate ${Math.round(validated - loaded)} ms, normalize ${Math.round(done - validated)} ms`);
  });

  it('loads as is but for the repairs of load/repair.ts (no bundling), and validate + normalize leave it unchanged', async () => {
    const file = JSON.parse(await readFile(GITHUB, 'utf8')) as unknown;
    // The only changes: constraint-only unions ("at least one of these fields": every member only
    // `required`) dropped for the types emitter, 11 in this version of the spec.
    const changes = differences(file, spec.document, '#');
    expect(changes).toHaveLength(11);
    for (const change of changes) {
      expect(change.removed, change.pointer).toHaveLength(1);
      expect(['anyOf', 'oneOf'], change.pointer).toContain(change.removed[0]);
      expect(change.added, change.pointer).toEqual([]);
      const union = (getAt(file, parsePointer(change.pointer)) as Record<string, unknown>)[change.removed[0]!] as object[];
      for (const member of union) expect(Object.keys(member), change.pointer).toEqual(['required']);
    }
    // Each of them is warned about, at the place it was made (load/repair.ts: no silent meaning changes).
    const repaired = (spec.warnings ?? []).filter((w) => w.code === 'SDKGEN_SPEC_REPAIRED');
    expect(repaired.map((w) => w.pointer).sort()).toEqual(changes.map((c) => `${c.pointer}/${c.removed[0]}`).sort());
    expect(JSON.stringify(spec.document)).toBe(loadedText);
    expect(spec.unresolvedRefs).toEqual([]);
    expect(spec.origin('#/paths/~1repos~1{owner}~1{repo}/get')).toEqual({ file: GITHUB, pointer: '#/paths/~1repos~1{owner}~1{repo}/get' });
  });

  it('validates without errors', () => {
    expect(diags.items.filter((d) => d.severity === 'error')).toEqual([]);
  });

  it('normalizes to about a thousand operations in tag resources', () => {
    const ops = model.resources.flatMap((r) => r.operations);
    expect(ops.length).toBeGreaterThan(900);
    expect(ops.length).toBeLessThan(2000);
    expect(model.resources.map((r) => r.propertyName)).toEqual(expect.arrayContaining(['repos', 'issues', 'pulls', 'actions', 'users', 'codeScanning']));
    expect(model.servers).toEqual([{ url: 'https://api.github.com' }]);
  });

  it('gives every resource and method a valid, unique name', () => {
    const props = model.resources.map((r) => r.propertyName);
    expect(new Set(props).size).toBe(props.length);
    expect(new Set(model.resources.map((r) => r.fileName.toLowerCase())).size).toBe(props.length);
    const typeNames = new Set<string>();
    const problems: string[] = [];
    for (const r of model.resources) {
      if (!isValidIdentifier(r.propertyName) || !isValidIdentifier(r.className)) problems.push(`resource ${r.propertyName}`);
      const methods = new Set<string>();
      for (const op of r.operations) {
        if (!isIdentifierName(op.methodName) || op.methodName === 'constructor' || op.methodName.startsWith('_')) problems.push(`method ${r.propertyName}.${op.methodName}`);
        if (methods.has(op.methodName)) problems.push(`duplicate ${r.propertyName}.${op.methodName}`);
        methods.add(op.methodName);
        if (typeNames.has(op.typeName) || !isValidIdentifier(op.typeName)) problems.push(`type ${op.typeName}`);
        typeNames.add(op.typeName);
        const args = op.pathParams.map((p) => p.argName);
        if (new Set(args).size !== args.length || !args.every(isValidIdentifier)) problems.push(`args ${op.operationId}: ${args.join(',')}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('names well-known operations as a Stainless-style SDK would', () => {
    const find = (resource: string, method: string) =>
      model.resources.find((r) => r.propertyName === resource)?.operations.find((o) => o.methodName === method);
    const samples = [
      ['repos', 'getContent'],
      ['repos', 'get'],
      ['issues', 'listForRepo'],
      ['issues', 'create'],
      ['pulls', 'list'],
      ['users', 'getAuthenticated'],
    ] as const;
    const seen = samples.map(([r, m]) => {
      const op = find(r, m);
      return op && `${r}.${m} -> ${op.method} ${op.path} (${op.operationId}, ${op.responseKind}, ${op.paramsLayout})`;
    });
    console.log(seen.join('\n'));
    expect(seen.every((s) => s !== undefined)).toBe(true);
    expect(find('repos', 'getContent')).toMatchObject({
      operationId: 'repos/get-content',
      typeName: 'ReposGetContent',
      method: 'GET',
      path: '/repos/{owner}/{repo}/contents/{path}',
      pathParams: [{ argName: 'owner' }, { argName: 'repo' }, { argName: 'path' }],
    });
    expect(find('issues', 'create')).toMatchObject({ method: 'POST', requestBody: { mediaType: 'application/json', isJsonObject: true } });
  });

});

interface Difference {
  pointer: string;
  /** Keys only the first value has. */
  removed: string[];
  /** Keys only the second value has. */
  added: string[];
}

/** Where two JSON values differ: objects whose key sets differ, and values that are not equal. */
function differences(a: unknown, b: unknown, pointer: string): Difference[] {
  if (a === b) return [];
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null || Array.isArray(a) !== Array.isArray(b)) {
    return [{ pointer, removed: [], added: [] }];
  }
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  const removed = Object.keys(x).filter((k) => !Object.hasOwn(y, k));
  const added = Object.keys(y).filter((k) => !Object.hasOwn(x, k));
  const out: Difference[] = removed.length + added.length > 0 ? [{ pointer, removed, added }] : [];
  for (const k of Object.keys(x)) {
    if (Object.hasOwn(y, k)) out.push(...differences(x[k], y[k], `${pointer}/${k.replace(/~/g, '~0').replace(/\//g, '~1')}`));
  }
  return out;
}
