/**
 * The committed example SDK must be what the generator makes of the example spec today: fails on
 * drift (run `npm run example` to refresh it).
 */
import { readdir, readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { generate } from '../../generator/src/generate.js';
import { loadSpec } from '../../generator/src/load/index.js';

const reader = { read: (uri: string) => readFile(uri, 'utf8') };

describe('examples/petstore', () => {
  it('sdk/ matches the spec (no drift)', async () => {
    // Same options as the root package.json "example" script.
    const pkg = JSON.parse(await readFile('package.json', 'utf8')) as { scripts: Record<string, string> };
    expect(pkg.scripts.example).toContain('--out examples/petstore/sdk --name PetStore --runtime-import @sdkgen/runtime --check-sources');
    const { files } = await generate(await loadSpec('examples/petstore/openapi.yaml', reader), { name: 'PetStore', runtimeImport: '@sdkgen/runtime', checkSources: true });
    const onDisk = (await readdir('examples/petstore/sdk', { recursive: true, withFileTypes: true }))
      .filter((e) => e.isFile())
      .map((e) => `${e.parentPath}/${e.name}`.replace(/^examples\/petstore\/sdk\//, ''))
      .sort();
    // Plus the CLI's manifest of the files it wrote (cli/manifest.ts), which lists exactly these.
    expect(onDisk).toEqual([...files.map((f) => f.path), '.sdkgen'].sort());
    const manifest = JSON.parse(await readFile('examples/petstore/sdk/.sdkgen', 'utf8')) as { files: string[] };
    expect(manifest.files).toEqual(files.map((f) => f.path));
    for (const file of files) {
      expect(file.contents, `examples/petstore/sdk/${file.path} drifted: run npm run example`).toBe(
        await readFile(`examples/petstore/sdk/${file.path}`, 'utf8'),
      );
    }
  });
});
