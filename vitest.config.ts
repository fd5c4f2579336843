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
  },
});
