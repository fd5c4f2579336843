// The runner lease: of all the processes that open one database file (two `nocman serve`, a desktop app and a
// server), exactly one — the holder — runs the monitor, the SNMP poller, the billing and backup schedules and the
// outbox. The holder renews the lease every few seconds; when it dies (or stalls past the expiry) the first other
// process to try takes it over. Taking and renewing are one atomic statement, so two processes can never both hold it.
import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import type { Clock } from '../clock';
import type { Database } from '../db/database';

export interface LeaseHolder {
  /** The holding process's id (random per process start). */
  id: string;
  /** Where it runs: `host pid 1234`. */
  label: string;
  acquiredAt: string;
  heartbeatAt: string;
  expiresAt: string;
}

export interface LeaseTiming {
  /** How long a lease lasts without a renewal. */
  ttlMs: number;
  /** How often the holder renews and the others try to take it. */
  renewMs: number;
}

const NAME = 'site';

/**
 * The lease lasts a third of the default ping interval, between 3 s and 20 s, and is renewed three times in that
 * time: a dead holder is replaced within 4/3 of the lease (≤ 27 s), well inside one monitor interval, while a holder
 * whose event loop is held up for a few seconds (a big billing chunk, a slow disk) does not lose it.
 */
export function leaseTiming(pingIntervalSec: number, ttlSec?: number): LeaseTiming {
  const ttlMs = Math.round((ttlSec ?? Math.min(20, Math.max(3, pingIntervalSec / 3))) * 1000);
  return { ttlMs, renewMs: Math.max(250, Math.round(ttlMs / 3)) };
}

/** A process id: unique per start, so a restarted process on the same host and pid is a new holder. */
export function newInstanceId(): string {
  return randomBytes(8).toString('hex');
}

export class RunnerLease {
  readonly label = `${hostname()} pid ${process.pid}`;

  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
    readonly instanceId: string,
    readonly timing: LeaseTiming,
  ) {}

  /**
   * Takes the lease if it is free or expired, renews it if this process holds it; answers whether it holds it now.
   * One statement: the WHERE of the upsert decides, and RETURNING says whether it wrote.
   */
  async tryHold(): Promise<boolean> {
    const now = this.clock.now().getTime();
    const rows = (await this.db.run((em) =>
      em.query(
        `insert INTO runner_lease (name, holder, label, acquired_at, heartbeat_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (name) DO UPDATE SET
           acquired_at = CASE WHEN runner_lease.holder = excluded.holder THEN runner_lease.acquired_at ELSE excluded.acquired_at END,
           holder = excluded.holder, label = excluded.label, heartbeat_at = excluded.heartbeat_at, expires_at = excluded.expires_at
         WHERE runner_lease.holder = excluded.holder OR runner_lease.expires_at <= excluded.heartbeat_at
         RETURNING holder`,
        [NAME, this.instanceId, this.label, now, now, now + this.timing.ttlMs],
      ),
    )) as { holder: string }[];
    return rows.length === 1 && rows[0]!.holder === this.instanceId;
  }

  /** Gives the lease up (a clean stop): another process takes it at its next try instead of waiting for the expiry. */
  async release(): Promise<void> {
    await this.db.run((em) => em.query(`DELETE FROM runner_lease WHERE name = ? AND holder = ?`, [NAME, this.instanceId]));
  }

  /** Who holds the lease now, or null when nobody does (never taken, released, or expired). */
  async holder(): Promise<LeaseHolder | null> {
    const rows = (await this.db.dataSource.query(
      `SELECT holder, label, acquired_at AS acquiredAt, heartbeat_at AS heartbeatAt, expires_at AS expiresAt FROM runner_lease WHERE name = ?`,
      [NAME],
    )) as { holder: string; label: string; acquiredAt: number; heartbeatAt: number; expiresAt: number }[];
    const row = rows[0];
    if (!row || row.expiresAt <= this.clock.now().getTime()) return null;
    const iso = (ms: number) => new Date(ms).toISOString();
    return { id: row.holder, label: row.label, acquiredAt: iso(row.acquiredAt), heartbeatAt: iso(row.heartbeatAt), expiresAt: iso(row.expiresAt) };
  }
}
