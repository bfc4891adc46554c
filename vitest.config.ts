import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // A throwaway PostgreSQL server for the shared-journal tests, started once per run.
    globalSetup: ['test/support/postgres-global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // Sandboxes run in worker threads and tests open real sockets: keep files apart so one
    // file's pool of QuickJS instances never competes with another's for the two cores.
    fileParallelism: false,
    // Memory tests read figures right after a full collection (SandboxHost.stats({ collectGarbage })).
    execArgv: ['--expose-gc'],
    // CI also keeps a machine-readable summary, from which .ci/run prints its closing line.
    reporters: process.env.CI ? ['default', 'json'] : ['default'],
    outputFile: { json: 'test-results.json' },
  },
});
