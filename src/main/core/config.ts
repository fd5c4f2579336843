// What the composition root needs to build the core; read from the environment only by the entry points.
import type { Clock } from './clock';
import type { Pinger } from './monitoring/pinger';
import type { Channel } from '../../shared/contract';
import type { ChannelSender } from './messaging/port';
import type { SnmpClient } from './bandwidth/snmp';
import type { CoaSender } from './radius/coa';

export interface CoreConfig {
  /** Folder holding the database file, the JWT secret and logs. Created if missing. */
  dataDir: string;
  /**
   * PostgreSQL database of the site (NOCMAN_DATABASE_URL, postgres://…); unset = the SQLite file in `dataDir`.
   * The data dir still holds the secrets, TLS files, backups and pid file either way.
   */
  databaseUrl?: string;
  /** HS256 secret; when absent one is generated once and kept in `<dataDir>/jwt-secret` (mode 0600). */
  jwtSecret?: string;
  /** Session lifetime: `7d`, `12h`, `30m`, `3600s` or seconds. */
  jwtExpire?: string;
  /** bcrypt cost; 12 in production. Tests may lower it to keep the suite fast. */
  bcryptCost?: number;
  clock?: Clock;
  /** The first admin, created at start when no user exists (NOCMAN_ADMIN_*). */
  bootstrapAdmin?: { name: string; email: string; password: string };
  version?: string;
  /** Default seconds between pings of a device (PING_INTERVAL). */
  pingIntervalSec?: number;
  /** Seconds the runner lease lasts without renewal (NOCMAN_LEASE_TTL); a third of PING_INTERVAL, 3–20 s, by default. */
  leaseTtlSec?: number;
  /** Seconds without a word from a remote poller before it is down (NOCMAN_POLLER_SILENCE); by default three of its shortest device interval, at least 60. */
  pollerSilenceSec?: number;
  /** The pinger; the `ping` package by default (the jobs layer swaps in fping when installed). */
  pinger?: Pinger;
  /** The message channel adapters (WhatsApp gateway, SMTP, Telegram); the real ones by default. */
  senders?: Record<Channel, ChannelSender>;
  /**
   * Host names (besides IP literals and localhost) by which browsers reach this server: first-run setup answers
   * only on these over HTTP, against DNS rebinding (NOCMAN_ALLOWED_HOSTS plus the bound host).
   */
  allowedHosts?: string[];
  /** The SNMP client; net-snmp by default. */
  snmp?: SnmpClient;
  /** RADIUS bridge key (NOCMAN_RADIUS_BRIDGE_KEY); when absent one is generated once into `<dataDir>/radius-bridge-key` (0600). */
  radiusBridgeKey?: string;
  /** Key of access passwords and NAS secrets (NOCMAN_RADIUS_SECRET_KEY, 32 bytes base64/hex); else `<dataDir>/radius-secret-key`. */
  radiusSecretKey?: string;
  /** The CoA/Disconnect sender; UDP (RFC 5176) by default. */
  coa?: CoaSender;
}
