import { defineConfig } from 'vitest/config';

// Three projects: `unit` (pure code, no database), `storage` (tests that open a database: PGlite
// by default, the PostgreSQL server named by TEST_DATABASE_URL when set, as .ci/run does) and
// `browser` (Debian's Chromium through playwright-core; `npm run test:browser`, run by .ci/run).
export default defineConfig({
  test: {
    reporters: ['default', './test/support/summary-reporter.ts'],
    // Transformed modules kept on disk (node_modules/.experimental-vitest-cache), keyed by each file's
    // content, id and Vite's configuration: a later run transforms only what changed. No plugin here
    // reads other files, which is what could make that key incomplete. The main process's CPU over a
    // run of the unit and storage projects: 15.1 s -> 6.9 s.
    experimental: { fsModuleCache: true },
    testTimeout: 30_000,
    hookTimeout: 120_000,
    projects: [
      {
        extends: true,
        // Not isolated: pure code with no mocks or globals to leak, so a worker imports the modules
        // once for all its files instead of once a file (less than half the CPU).
        test: { name: 'unit', include: ['src/**/*.test.ts', 'test/**/*.test.ts'], exclude: ['**/*.storage.test.ts', '**/*.browser.test.ts'], isolate: false },
      },
      {
        extends: true,
        test: {
          name: 'storage',
          include: ['src/**/*.storage.test.ts', 'test/**/*.storage.test.ts'],
          globalSetup: ['./test/support/storage-global-setup.ts'],
          // Not isolated either: the files share a worker and import the app's modules once, each
          // file still with its own fresh database; storage-file-setup.ts resets the modules' state
          // (compiled frameworks, outbox folder, clock, mocks) before and after each file.
          setupFiles: ['./test/support/storage-file-setup.ts'],
          isolate: false,
          fileParallelism: false,
        },
      },
      {
        extends: true,
        test: {
          name: 'browser',
          include: ['test/browser/**/*.browser.test.ts'],
          globalSetup: ['./test/support/storage-global-setup.ts'],
          fileParallelism: false,
          testTimeout: 60_000,
        },
      },
    ],
  },
});
