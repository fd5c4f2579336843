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
}

export interface CliOverrides {
  port?: string;
  host?: string;
  dataDir?: string;
}

function positiveInt(name: string, raw: string | undefined, fallback: number, max = Number.MAX_SAFE_INTEGER): number {
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1 || value > max) {
    throw new Error(`${name} must be a whole number between 1 and ${max}, not "${raw}"`);
  }
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
  };
}
