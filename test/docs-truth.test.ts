/**
 * The docs say only what the code does, and stand on their own: no pointer to a file outside the
 * repository, every relative link resolves, the retried statuses the README lists are the runtime's,
 * and the README does not promise idempotency keys the runtime only sends when configured.
 */
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RETRYABLE_STATUSES } from '../runtime/src/retry/policy.js';
import { repoRoot } from './support/run-node.js';

async function filesUnder(dir: string, ext: RegExp): Promise<string[]> {
  const entries = await readdir(join(repoRoot, dir), { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile() && ext.test(e.name)).map((e) => join(e.parentPath, e.name));
}

describe('docs', () => {
  it('never point at a design file outside the repository', async () => {
    const files = [
      join(repoRoot, 'README.md'),
      ...(await filesUnder('docs', /\.md$/)),
      ...(await filesUnder('generator/src', /\.ts$/)),
      ...(await filesUnder('runtime/src', /\.ts$/)),
      ...(await filesUnder('templates', /\.ts$/)),
    ];
    const offenders: string[] = [];
    for (const file of files) {
      const text = await readFile(file, 'utf8');
      if (/DESIGN\.md|\/work\/shared|\.\.\/shared\//.test(text)) offenders.push(file.slice(repoRoot.length));
    }
    expect(offenders).toEqual([]);
  });

  it('link only to files that exist', async () => {
    const broken: string[] = [];
    for (const file of [join(repoRoot, 'README.md'), ...(await filesUnder('docs', /\.md$/))]) {
      const text = await readFile(file, 'utf8');
      for (const m of text.matchAll(/\]\(([^)#\s]+)(#[^)]*)?\)/g)) {
        const target = m[1]!;
        if (/^[a-z]+:/i.test(target)) continue;
        if (!existsSync(resolve(dirname(file), target))) broken.push(`${file.slice(repoRoot.length)} -> ${target}`);
      }
    }
    expect(broken).toEqual([]);
  });

  it('README lists exactly the statuses the runtime retries', async () => {
    const readme = await readFile(join(repoRoot, 'README.md'), 'utf8');
    const line = /\*\*Honest retries\*\*:([\s\S]*?)\n- \*\*/.exec(readme)?.[1] ?? '';
    expect(line).not.toMatch(/5xx/);
    const listed = [...line.matchAll(/\b([1-5]\d\d)\b/g)].map((m) => Number(m[1]));
    expect(listed.sort()).toEqual([...RETRYABLE_STATUSES].sort());
  });

  it('README ties automatic idempotency keys to a declared header or `idempotencyHeader`', async () => {
    const readme = await readFile(join(repoRoot, 'README.md'), 'utf8');
    const bullet = /\*\*Never double-charges\*\*:([\s\S]*?)\n- \*\*/.exec(readme)?.[1] ?? '';
    expect(bullet).toContain('when the spec declares an idempotency header');
    expect(bullet).toContain('`idempotencyHeader`');
    expect(readme).not.toMatch(/automatic `Idempotency-Key` on POST\/PATCH/);
  });
});
