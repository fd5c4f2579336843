// Reads NOCman's environment (and .env) into a config, with clear errors for bad values. Only entry points call this.
import path from 'node:path';
import type { CoreConfig } from './core/config';

export interface ServeConfig {
  core: CoreConfig;
  port: number;
  host: string;
  corsOrigins: string[];
  /** Seconds between pings of a device (seed's PING_INTERVAL); used by the monitor. */
  pingIntervalSec: number;
  /** Seconds between alert checks (seed's ALERT_CHECK_INTERVAL); used by the alert jobs. */
  alertCheckIntervalSec: number;
  /** HTTPS: none, the certificate the app generates into `<dataDir>/tls`, or the admin's own files. */
  tls: ServeTls;
}

export type ServeTls = null | { kind: 'self-signed' } | { kind: 'files'; certFile: string; keyFile: string };

export interface CliOverrides {
  port?: string;
  host?: string;
  dataDir?: string;
  tls?: boolean;
  tlsCert?: string;
  tlsKey?: string;
}

function positiveInt(name: string, raw: string | undefined, fallback: number, max = Number.MAX_SAFE_INTEGER): number {
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1 || value > max) {
    throw new Error(`${name} must be a whole number between 1 and ${max}, not "${raw}"`);
  }
  return value;
}

function flag(name: string, raw: string | undefined): boolean {
  if (raw === undefined || raw === '' || raw === '0' || raw.toLowerCase() === 'false') return false;
  if (raw === '1' || raw.toLowerCase() === 'true') return true;
  throw new Error(`${name} must be 1 or 0, not "${raw}"`);
}

function readTls(env: NodeJS.ProcessEnv, cli: CliOverrides): ServeTls {
  const certFile = cli.tlsCert ?? (env['NOCMAN_TLS_CERT'] || undefined);
  const keyFile = cli.tlsKey ?? (env['NOCMAN_TLS_KEY'] || undefined);
  if (Boolean(certFile) !== Boolean(keyFile)) {
    throw new Error('--tls-cert and --tls-key (NOCMAN_TLS_CERT and NOCMAN_TLS_KEY) must be given together');
  }
  if (certFile && keyFile) return { kind: 'files', certFile: path.resolve(certFile), keyFile: path.resolve(keyFile) };
  return (cli.tls ?? flag('NOCMAN_TLS', env['NOCMAN_TLS'])) ? { kind: 'self-signed' } : null;
}

/** NOCMAN_DATABASE_URL: unset = the SQLite file in the data dir; postgres:// or postgresql:// = that PostgreSQL database. */
function readDatabaseUrl(value: string | undefined): string | undefined {
  if (!value) return undefined;
  if (!/^postgres(ql)?:\/\//i.test(value)) throw new Error('NOCMAN_DATABASE_URL must be a postgres:// or postgresql:// URL (unset = SQLite in the data dir)');
  return value;
}

export function readServeConfig(env: NodeJS.ProcessEnv, cli: CliOverrides, version: string): ServeConfig {
  const port = positiveInt('--port / PORT', cli.port ?? env['PORT'], 5000, 65535);
  const dataDir = path.resolve(cli.dataDir ?? env['NOCMAN_DATA_DIR'] ?? './data');
  const adminEmail = env['NOCMAN_ADMIN_EMAIL'];
  const adminPassword = env['NOCMAN_ADMIN_PASSWORD'];
  if (Boolean(adminEmail) !== Boolean(adminPassword)) {
    throw new Error('NOCMAN_ADMIN_EMAIL and NOCMAN_ADMIN_PASSWORD must be set together');
  }
  if (adminPassword !== undefined && adminPassword.length < 8) {
    throw new Error('NOCMAN_ADMIN_PASSWORD must have at least 8 characters');
  }
  const host = cli.host ?? env['HOST'] ?? '127.0.0.1';
  return {
    core: {
      dataDir,
      pingIntervalSec: positiveInt('PING_INTERVAL', env['PING_INTERVAL'], 60, 86400),
      // Unset: a third of PING_INTERVAL, between 3 and 20 s (core/site/lease.ts).
      leaseTtlSec: env['NOCMAN_LEASE_TTL'] ? positiveInt('NOCMAN_LEASE_TTL', env['NOCMAN_LEASE_TTL'], 20, 3600) : undefined,
      pollerSilenceSec: env['NOCMAN_POLLER_SILENCE'] ? positiveInt('NOCMAN_POLLER_SILENCE', env['NOCMAN_POLLER_SILENCE'], 10, 86_400) : undefined,
      databaseUrl: readDatabaseUrl(env['NOCMAN_DATABASE_URL']),
      jwtSecret: env['JWT_SECRET'] || undefined,
      jwtExpire: env['JWT_EXPIRE'] || '7d',
      radiusBridgeKey: env['NOCMAN_RADIUS_BRIDGE_KEY'] || undefined,
      radiusSecretKey: env['NOCMAN_RADIUS_SECRET_KEY'] || undefined,
      version,
      bootstrapAdmin:
        adminEmail && adminPassword
          ? { email: adminEmail.trim().toLowerCase(), password: adminPassword, name: env['NOCMAN_ADMIN_NAME'] || 'Administrator' }
          : undefined,
      // The bound host is a name this server serves, with the names the operator lists (first-run setup).
      allowedHosts: [...(env['NOCMAN_ALLOWED_HOSTS'] ?? '').split(','), host].map((name) => name.trim()).filter(Boolean),
    },
    port,
    host,
    corsOrigins: (env['CORS_ORIGIN'] ?? '')
      .split(',')
      .map((origin) => origin.trim())
      .filter(Boolean),
    pingIntervalSec: positiveInt('PING_INTERVAL', env['PING_INTERVAL'], 60, 86400),
    alertCheckIntervalSec: positiveInt('ALERT_CHECK_INTERVAL', env['ALERT_CHECK_INTERVAL'], 60, 86400),
    tls: readTls(env, cli),
  };
}
