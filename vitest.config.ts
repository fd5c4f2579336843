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
    // One file at a time (Vitest's default on 2 cores). Two at a time took the suite from ~716 s to ~420 s, but three
    // clean-clone runs each met a different timing race in the e2e files (bandwidth, billing-i18n timeline); until
    // those are found, the slower, steadier run (~13 min of CI in all).
    maxWorkers: 1,
  },
});
