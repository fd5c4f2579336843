// The core and HTTP test files that pass on PostgreSQL, run against a throwaway cluster (scripts/pg-cluster.mjs):
// each test file's cores get a fresh database (tests/helpers.ts, NOCMAN_TEST_PG). Grow the list as files pass.
//   node scripts/test-pg.mjs            all of PG_TEST_FILES
//   node scripts/test-pg.mjs FILE…      only these
import { spawnSync } from 'node:child_process';
import { postgresBinDir, startCluster } from './pg-cluster.mjs';

// Left out on purpose (SQLite only, by design): tests/http/database-health.test.ts (the SQLite file's health).
// Not here: tests/messaging, tests/radius/freeradiusConfig.test.ts and tests/shared (no database), tests/e2e, tests/net.
// tests/http/cli.test.ts, cli-backup.test.ts and runner.test.ts need `npm run build` first (they run the built CLI).
export const PG_TEST_FILES = [
  'tests/core/alert-text.test.ts',
  'tests/core/alerts.test.ts',
  'tests/core/availability.test.ts',
  'tests/core/backups.test.ts',
  'tests/core/billing-crash.test.ts',
  'tests/core/billing-i18n.test.ts',
  'tests/core/billing-math.test.ts',
  'tests/core/billing-ops.test.ts',
  'tests/core/billing.test.ts',
  'tests/core/csv.test.ts',
  'tests/core/customer-messages.test.ts',
  'tests/core/dispatcher.test.ts',
  'tests/core/domain-rules.test.ts',
  'tests/core/foundation.test.ts',
  'tests/core/history-text.test.ts',
  'tests/core/hosts.test.ts',
  'tests/core/monitoring.test.ts',
  'tests/core/outbox.test.ts',
  'tests/core/pollers.test.ts',
  'tests/core/postgres.test.ts',
  'tests/core/radius.test.ts',
  'tests/core/settings-shared.test.ts',
  'tests/core/site.test.ts',
  'tests/core/snmp.test.ts',
  'tests/http/alerts.test.ts',
  'tests/http/api.test.ts',
  'tests/http/availability.test.ts',
  'tests/http/backups.test.ts',
  'tests/http/bandwidth.test.ts',
  'tests/http/billing-ops.test.ts',
  'tests/http/billing.test.ts',
  'tests/http/cli-backup.test.ts',
  'tests/http/cli.test.ts',
  'tests/http/customers.test.ts',
  'tests/http/devices.test.ts',
  'tests/http/events.test.ts',
  'tests/http/fuzz.test.ts',
  'tests/http/hardening.test.ts',
  'tests/http/messaging.test.ts',
  'tests/http/permissions.test.ts',
  'tests/http/poller.test.ts',
  'tests/http/poller-process.test.ts',
  'tests/http/radius.test.ts',
  'tests/http/runner.test.ts',
  'tests/http/security.test.ts',
  'tests/http/sessions.test.ts',
  'tests/http/static.test.ts',
  'tests/http/tls.test.ts',
  'tests/http/validation.test.ts',
  'tests/radius/cli-radius.test.ts',
  'tests/radius/freeradius.test.ts',
];

const files = process.argv.slice(2);
// Part of `npm test`: without PostgreSQL installed a developer's run says so and skips these; CI (.ci/run installs it)
// never skips.
try {
  postgresBinDir();
} catch (problem) {
  if (process.env.CI) throw problem;
  process.stdout.write(`test-pg: skipped, ${problem.message}. CI runs them; install it to run them here.\n`);
  process.exit(0);
}
const started = performance.now();
const cluster = await startCluster();
let status = 1;
try {
  // Both projects of vitest.config.ts: the files run two at a time, runner.test.ts alone after them.
  const run = spawnSync('npx', ['vitest', 'run', ...(files.length > 0 ? files : PG_TEST_FILES)], {
    stdio: 'inherit',
    env: { ...process.env, NOCMAN_TEST_PG: cluster.url },
  });
  status = run.status ?? 1;
} finally {
  cluster.stop();
}
process.stdout.write(`PostgreSQL test run: ${((performance.now() - started) / 1000).toFixed(1)} s (cluster start and stop included)\n`);
process.exit(status);
