// `nocman serve`: runs the core headless behind the REST API and serves the renderer to a browser.
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import dotenv from 'dotenv';
import { createCore } from './core';
import { readServeConfig, type ServeTls } from './env';
import { systemClock } from './core/clock';
import { serverTls, type TlsMaterial } from './core/site/tls';
import { startHttpServer } from './http/server';
import { backupCommand, restoreCommand } from './cliBackup';
import { radiusConfigCommand } from './cliRadius';
import { pollerCommand } from './cliPoller';
import { migrateCommand } from './cliMigrate';
import { claimPidFile } from './pidFile';
import { startSiteRunner } from './jobs/runner';
import { APP_VERSION } from './version';

const USAGE = `Usage: nocman serve [--port 5000] [--host 127.0.0.1] [--data-dir DIR] [--tls | --tls-cert FILE --tls-key FILE]
       nocman backup [--to FILE] [--data-dir DIR]
       nocman restore FILE [--data-dir DIR] [--yes]
       nocman migrate --from SQLITE_FILE [--to postgres://…]   (moves a stopped site to PostgreSQL; --to defaults to NOCMAN_DATABASE_URL)
       nocman poller --site URL --key KEY [--data-dir DIR] [--fingerprint SHA256]
       nocman radius-config --out DIR [--data-dir DIR] [--url URL] [--auth-port 1812] [--acct-port 1813] [--listen ADDRESS] [--payment-page ADDRESS]

Environment (also read from ./.env): PORT, HOST, NOCMAN_DATA_DIR, JWT_SECRET, JWT_EXPIRE, CORS_ORIGIN,
PING_INTERVAL, ALERT_CHECK_INTERVAL, NOCMAN_ADMIN_EMAIL, NOCMAN_ADMIN_PASSWORD, NOCMAN_ADMIN_NAME,
NOCMAN_ALLOWED_HOSTS, NOCMAN_TLS (1 = --tls), NOCMAN_TLS_CERT, NOCMAN_TLS_KEY, NOCMAN_LEASE_TTL, NOCMAN_POLLER_SILENCE,
NOCMAN_DATABASE_URL (postgres://…; unset = SQLite in the data dir);
for the poller: NOCMAN_POLLER_SITE, NOCMAN_POLLER_KEY, NOCMAN_POLLER_DIR, NOCMAN_POLLER_FINGERPRINT.

--tls serves HTTPS with a certificate NOCman makes once in DIR/tls (kept and reused; its SHA-256 fingerprint is
printed at start); --tls-cert/--tls-key serve HTTPS with your own PEM certificate and key instead.`;

async function serveTls(choice: ServeTls, dataDir: string, host: string): Promise<TlsMaterial | undefined> {
  if (choice === null) return undefined;
  const tls = await serverTls(choice, { dataDir, bindHost: host, clock: systemClock });
  if (tls.generatedFile) console.log(`NOCman made a TLS certificate: ${tls.generatedFile}`);
  return tls;
}

async function serve(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      'data-dir': { type: 'string' },
      tls: { type: 'boolean' },
      'tls-cert': { type: 'string' },
      'tls-key': { type: 'string' },
      help: { type: 'boolean' },
    },
    strict: true,
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const config = readServeConfig(
    process.env,
    { port: values.port, host: values.host, dataDir: values['data-dir'], tls: values.tls, tlsCert: values['tls-cert'], tlsKey: values['tls-key'] },
    APP_VERSION,
  );
  // Read (or made) before the database opens: a bad certificate file stops the start with nothing else begun.
  const tls = await serveTls(config.tls, config.core.dataDir, config.host);
  const core = await createCore(config.core);
  const rendererDir = fileURLToPath(new URL('../renderer', import.meta.url));
  const server = await startHttpServer({ core, rendererDir, corsOrigins: config.corsOrigins, port: config.port, host: config.host, tls });
  console.log(`NOCman listening on ${server.url}`);
  if (tls) console.log(`TLS certificate SHA-256 fingerprint: ${tls.fingerprint}`);
  const releasePid = claimPidFile(config.core.dataDir);
  // The monitor, poller, schedules and outbox run here only while this process holds the runner lease; another
  // process on the same data directory serves and reads, and takes over within one interval if this one dies.
  const runner = startSiteRunner(core);
  await runner.ready;
  if (!runner.holding) console.log('NOCman serves and reads; another process on this database runs the monitor and the schedules');

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`NOCman stopping (${signal})`);
    await runner.stop();
    await server.close();
    await core.close();
    releasePid();
    process.exit(0);
  };
  // No failure of a background job may stop the site: an unhandled rejection is logged, never fatal.
  process.on('unhandledRejection', (reason: unknown) => console.error('NOCman: unhandled rejection (kept running)', reason));
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

async function main(): Promise<void> {
  dotenv.config({ quiet: true });
  const [command, ...rest] = process.argv.slice(2);
  if (command === 'serve') return serve(rest);
  if (command === 'backup') {
    process.exitCode = await backupCommand(rest);
    return;
  }
  if (command === 'restore') {
    process.exitCode = await restoreCommand(rest);
    return;
  }
  if (command === 'migrate') {
    process.exitCode = await migrateCommand(rest);
    return;
  }
  if (command === 'poller') {
    process.exitCode = await pollerCommand(rest);
    return;
  }
  if (command === 'radius-config') {
    process.exitCode = await radiusConfigCommand(rest);
    return;
  }
  console.log(USAGE);
  process.exitCode = command === undefined || command === '--help' ? 0 : 2;
}

main().catch((error: unknown) => {
  console.error(`nocman: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
