// The network tests: real ping of loopback addresses, run by scripts/test-net.mjs inside a private network
// namespace where 127.0.9.0/24 drops ICMP (dead hosts) and the rest of 127/8 answers.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/net/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
