// Test runner: Node tests on real SQLite files and real HTTP; the e2e test drives Chromium against `nocman serve`.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // tests/net needs a private network namespace: scripts/test-net.mjs runs it (part of npm test).
    exclude: ['tests/net/**', 'node_modules/**'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Two files at a time. Vitest's default on a 2-core machine is cores − 1 = one file at a time; most files wait on
    // I/O (Chromium, child servers, SQLite fsync), so two at a time took the suite from 716 s to 508 s here, keeping
    // the CI run well under 15 minutes. Tests must therefore not depend on timing another file can disturb.
    maxWorkers: 2,
  },
});
