/**
 * The real-world corpus in CI: every spec under test/fixtures/real (and GitHub's) is generated and
 * the SDKs are type-checked together under strict settings (TypeScript 5.9, one `tsc` program).
 * A spec either passes or is rejected with the diagnostic listed in EXPECTED_REJECTIONS; anything
 * else (a crash, a type error, an unexpected rejection) fails its own test with the details.
 */
import { readFileSync, rmSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REAL_DIR, ROOT, corpusSpecs, generateOne, typecheck, writeProject, type CorpusOutcome, type TypecheckResult } from './corpus.js';

/** Specs the generator refuses, with the diagnostic code that says why. */
const EXPECTED_REJECTIONS: Record<string, string> = {};

/** Warnings a spec must produce (the repair or approximation that lets it generate). */
const EXPECTED_WARNINGS: Record<string, string> = {
  'oas-examples__31-webhooks': 'SDKGEN_NO_PATHS',
  'shared__adyen-transfer-webhooks-v4': 'SDKGEN_NO_PATHS',
  'shared__digitalocean': 'SDKGEN_OPERATION_REF',
  'causes__no-paths-30': 'SDKGEN_NO_PATHS',
  'causes__no-responses': 'SDKGEN_OPERATION_SKIPPED',
  'causes__operation-ref': 'SDKGEN_OPERATION_REF',
  'causes__swagger2-unquoted': 'SDKGEN_SWAGGER_VERSION_NUMBER',
};

const OUT = join(ROOT, 'test/.tmp/corpus');
const specs = corpusSpecs();
const outcomes = new Map<string, CorpusOutcome>();
let checked: TypecheckResult | undefined;
let generateMs = 0;

beforeAll(async () => {
  rmSync(OUT, { recursive: true, force: true });
  for (const spec of specs) {
    const outcome = await generateOne(spec, OUT);
    outcomes.set(spec.name, outcome);
    generateMs += outcome.generateMs;
  }
  const generated = [...outcomes.values()].filter((o) => o.status === 'generated').map((o) => o.name);
  checked = await typecheck(writeProject(OUT, generated));
}, 20 * 60_000);

afterAll(() => {
  const passed = [...outcomes.values()].filter((o) => o.status === 'generated' && !checked?.errors.has(o.name)).length;
  console.log(
    `corpus: ${passed}/${specs.length} specs generate an SDK that type-checks (${((100 * passed) / specs.length).toFixed(1)}%); ` +
      `generate ${(generateMs / 1000).toFixed(1)} s, tsc ${((checked?.ms ?? 0) / 1000).toFixed(1)} s`,
  );
});

describe('real-world corpus', () => {
  it('has at least 25 real specs, each with its source and licence in SOURCES.md', () => {
    const sources = readFileSync(join(REAL_DIR, 'SOURCES.md'), 'utf8');
    const files = specs.filter((s) => s.file.startsWith(REAL_DIR)).map((s) => relative(REAL_DIR, s.file));
    expect(files.filter((f) => f.startsWith('apis-guru/')).length).toBeGreaterThanOrEqual(25);
    const missing = files.filter((f) => !sources.includes(`\`${f}\``));
    expect(missing).toEqual([]);
  });

  it('type-checks nothing outside the SDK folders with errors (the runtime declarations)', () => {
    expect(checked?.other).toEqual([]);
  });

  for (const spec of specs) {
    const rejection = EXPECTED_REJECTIONS[spec.name];
    it(rejection === undefined ? `${spec.name}: generates an SDK that type-checks` : `${spec.name}: is rejected with ${rejection}`, () => {
      const outcome = outcomes.get(spec.name);
      expect(outcome?.error).toBeUndefined();
      if (rejection !== undefined) {
        expect(outcome?.status).toBe('rejected');
        expect(outcome?.diagnostics.filter((d) => d.severity === 'error').map((d) => d.code)).toEqual([rejection]);
        return;
      }
      const errors = outcome?.status === 'rejected' ? outcome.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.code} ${d.pointer}: ${d.message}`) : [];
      expect(errors).toEqual([]);
      expect(outcome?.status).toBe('generated');
      expect(checked?.errors.get(spec.name) ?? []).toEqual([]);
      const warning = EXPECTED_WARNINGS[spec.name];
      if (warning !== undefined) expect(outcome?.diagnostics.map((d) => d.code)).toContain(warning);
    });
  }
});
