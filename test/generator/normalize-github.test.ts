import { readFile } from 'node:fs/promises';
import { beforeAll, describe, expect, it } from 'vitest';
import { Diagnostics } from '../../generator/src/diagnostics.js';
import { loadSpec, type LoadedSpec } from '../../generator/src/load/index.js';
import { repairSpec } from '../../generator/src/load/repair.js';
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

  beforeAll(async () => {
    const started = performance.now();
    spec = await loadSpec(GITHUB, fsIO);
    const loaded = performance.now();
    diags = new Diagnostics();
    validateSpec(spec, diags);
    const validated = performance.now();
    model = normalize(spec, diags);
    const done = performance.now();
    // Reported, not asserted: speed belongs in bench/.
    console.log(`github: load ${Math.round(loaded - started)} ms, validate ${Math.round(validated - loaded)} ms, normalize ${Math.round(done - validated)} ms`);
  });

  it('loads as is (a single-file spec needs no bundling, only the repairs of load/repair.ts) and normalize leaves it unchanged', async () => {
    const raw = JSON.parse(await readFile(GITHUB, 'utf8')) as Record<string, unknown>;
    // GitHub has 11 "at least one of these fields" anyOfs/oneOfs, which repairSpec drops for the types emitter, each with a warning.
    expect(repairSpec(raw, GITHUB).map((d) => d.code)).toEqual(Array<string>(11).fill('SDKGEN_SPEC_REPAIRED'));
    expect(JSON.stringify(spec.document)).toBe(JSON.stringify(raw));
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
