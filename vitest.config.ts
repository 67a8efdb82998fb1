import { defineConfig } from 'vitest/config';

// Two projects: `unit` (pure code, no database) and `storage` (tests that open a database: PGlite
// by default, the PostgreSQL server named by TEST_DATABASE_URL when set, as .ci/run does).
export default defineConfig({
  test: {
    reporters: ['default', './test/support/summary-reporter.ts'],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: ['src/**/*.test.ts', 'test/**/*.test.ts'], exclude: ['**/*.storage.test.ts', '**/*.browser.test.ts'] },
      },
      {
        extends: true,
        test: {
          name: 'storage',
          include: ['src/**/*.storage.test.ts', 'test/**/*.storage.test.ts'],
          globalSetup: ['./test/support/storage-global-setup.ts'],
          fileParallelism: false,
        },
      },
    ],
  },
});
