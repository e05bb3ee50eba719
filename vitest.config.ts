import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: {
    // Behaviour tests run against the runtime's sources; type-check tests of generated SDKs use the
    // built package, as an app would.
    alias: [
      { find: /^@sdkgen\/runtime\/redis$/, replacement: fileURLToPath(new URL('./runtime/src/redis/index.ts', import.meta.url)) },
      { find: /^@sdkgen\/runtime$/, replacement: fileURLToPath(new URL('./runtime/src/index.ts', import.meta.url)) },
    ],
  },
  test: {
    include: ['test/**/*.test.ts', 'examples/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
