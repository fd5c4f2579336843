// Test runner: Node tests on real SQLite files and real HTTP; the e2e tests drive Chromium against `nocman serve`.
import { defineConfig } from 'vitest/config';

// Files that drive Chromium or whole server processes against the clock (an e2e page waiting 15 s for a screen, a
// lease taken over within one interval): one at a time, after the rest. With two at a time three clean-clone runs
// each met a different timing race in them (bandwidth, billing-i18n timeline). Everything else runs two files at a
// time, which it has done in every run without a failure.
const SERIAL = ['tests/e2e/**/*.test.ts', 'tests/http/runner.test.ts'];

export default defineConfig({
  test: {
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    projects: [
      {
        extends: true,
        test: {
          name: 'node',
          include: ['tests/**/*.test.ts'],
          // tests/net needs a private network namespace: scripts/test-net.mjs runs it (part of npm test).
          exclude: [...SERIAL, 'tests/net/**', 'node_modules/**'],
          maxWorkers: 2,
          sequence: { groupOrder: 0 },
        },
      },
      {
        extends: true,
        test: {
          name: 'serial',
          include: SERIAL,
          maxWorkers: 1,
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
