/**
 * Vitest configuration. Mirrors the tsconfig `paths` aliases so tests can
 * import modules that use `@utils/*`, `@config`, `@storage` and `@metrics/*`.
 */
import { defineConfig } from 'vitest/config';
import { resolve } from 'node:path';

export default defineConfig({
  resolve: {
    alias: [
      { find: /^@utils\/(.*)$/, replacement: resolve(__dirname, 'src/utils/$1') },
      { find: /^@metrics\/(.*)$/, replacement: resolve(__dirname, 'src/metrics/$1') },
      { find: /^@config$/, replacement: resolve(__dirname, 'src/config/index.ts') },
      { find: /^@storage$/, replacement: resolve(__dirname, 'src/storage/index.ts') },
    ],
  },
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
  },
});
