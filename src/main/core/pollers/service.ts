// Remote pollers, the site's side: keys (kept as SHA-256, shown once, revocable), the assignment a poller fetches,
// its batches applied through the monitor's state machine exactly once (batch ids), and silence: a poller that has
// not been heard from for `silenceSec` is down — its devices are shown `unknown (poller down)` and ONE alert is
// raised for the poller, none per device. When it reports again the alert resolves and its buffered sweeps, replayed
// in order, fill in what happened meanwhile.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { POLLER_KEY, type Poller, type PollerAssignment, type PollerBatch, type PollerState } from '../../../shared/contract';
import { AppError } from '../../../shared/errors';
import { message, translator, type MessageRef } from '../../../shared/i18n/messages';
import type { Actor } from '../actor';
import type { AlertsService } from '../alerts/service';
import type { AuditService } from '../audit/service';
import type { BandwidthService, CounterReading } from '../bandwidth/service';
import { insertMany } from '../billing/sql';
import type { Clock } from '../clock';
import type { Database } from '../db/database';
import type { EventBus } from '../events';
import { DuplicateBatch, type Monitor } from '../monitoring/monitor';
import type { SettingsService } from '../settings/service';

/** The least silence that makes a poller down, and the default when its devices are checked every minute. */
export const MIN_SILENCE_SEC = 60;
/** A poller sends at least one batch (an empty one when nothing is due) this often. */
export const HEARTBEAT_SEC = 20;
/** Batch ids are kept this long: far longer than any poller's disk buffer is replayed late. */
const BATCH_ID_DAYS = 30;

interface PollerRow {
  id: number;
  name: string;
  keyHint: string;
  createdAt: string;
  revokedAt: string | null;
  version: string | null;
  hostname: string | null;
  lastContactAt: string | null;
  backlog: number;
  lastSweepAt: string | null;
  sweepMs: number | null;
  lagMs: number | null;
  downSince: string | null;
  devices: number;
}

const COLUMNS = `p.id, p.name, p.key_hint AS keyHint, p.created_at AS createdAt, p.revoked_at AS revokedAt, p.version, p.hostname,
  p.last_contact_at AS lastContactAt, p.backlog, p.last_sweep_at AS lastSweepAt, p.sweep_ms AS sweepMs, p.lag_ms AS lagMs,
  p.down_since AS downSince, (SELECT COUNT(*) FROM device d WHERE d.poller_id = p.id) AS devices`;

export function hashKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

function stateOf(row: PollerRow): PollerState {
  if (row.revokedAt) return 'revoked';
  if (row.downSince) return 'down';
  return row.lastContactAt ? 'up' : 'new';
}

function toPoller(row: PollerRow): Poller {
  return {
    id: row.id, name: row.name, keyHint: row.keyHint, state: stateOf(row), version: row.version, hostname: row.hostname,
    lastContactAt: row.lastContactAt, backlog: row.backlog, devices: Number(row.devices), lastSweepAt: row.lastSweepAt,
    sweepMs: row.sweepMs, lagMs: row.lagMs, downSince: row.downSince, createdAt: row.createdAt, revokedAt: row.revokedAt,
  };
}

/** SNMP readings of a batch as the bandwidth service records them. */
function readingsOf(batch: PollerBatch): CounterReading[] {
  return batch.readings.map((r) => ({
    deviceId: r.deviceId,
    at: Date.parse(r.at),
    read: r.uptime === null || r.error ? null : { uptime: r.uptime, counters: r.counters.map((c) => ({ ifIndex: c.ifIndex, inOctets: BigInt(c.inOctets), outOctets: BigInt(c.outOctets) })) },
    error: r.error ?? (r.uptime === null ? 'no answer' : null),
  }));
}

export interface PollerIdentity {
  id: number;
  name: string;
}

/** How long a batch answer may name the assignment revision built for an earlier answer. */
const REVISION_TTL_MS = 10_000;

export class PollersService {
  private readonly revisions = new Map<number, { revision: string; at: number }>();

  constructor(
    private readonly db: Database,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly events: EventBus,
    private readonly alerts: AlertsService,
    private readonly settings: SettingsService,
    private readonly monitor: Monitor,
    private readonly bandwidth: BandwidthService,
    /** Seconds of silence before a poller is down; null: three of its shortest device interval, at least a minute. */
    private readonly silenceOverrideSec: number | null = null,
  ) {}

  private async row(id: number, em: EntityManager = this.db.dataSource.manager): Promise<PollerRow> {
    const [row] = (await em.query(`SELECT ${COLUMNS} FROM poller p WHERE p.id = ?`, [id])) as PollerRow[];
    if (!row) throw new AppError('NOT_FOUND', `Poller ${id} not found`);
    return row;
  }

  async list(): Promise<Poller[]> {
    const rows = (await this.db.dataSource.query(`SELECT ${COLUMNS} FROM poller p ORDER BY p.revoked_at IS NOT NULL, lower(p.name), p.id`)) as PollerRow[];
    return rows.map(toPoller);
  }

  async get(id: number): Promise<Poller> {
    return toPoller(await this.row(id));
  }

  /** A new poller and its key: 32 random bytes, shown in this answer only (the site keeps its SHA-256). */
  async create(actor: Actor, name: string): Promise<{ poller: Poller; key: string }> {
    const key = `npk_${randomBytes(32).toString('base64url')}`;
    const id = await this.db.write(async (em) => {
      const [taken] = (await em.query('SELECT id FROM poller WHERE lower(name) = lower(?)', [name])) as { id: number }[];
      if (taken) throw AppError.validation('name', 'A poller with this name exists');
      const [{ id: newId }] = (await em.query('insert into poller (name, key_hash, key_hint, created_at) VALUES (?, ?, ?, ?) RETURNING id', [
        name, hashKey(key), key.slice(-4), this.clock.now().toISOString(),
      ])) as [{ id: number }];
      // The key is never written to the audit log, only that one was made.
      await this.audit.record(em, { actor, operation: 'pollers.create', entity: 'poller', entityId: newId, changes: { name: { from: null, to: name }, key: { from: null, to: '[set]' } } });
      return newId;
    });
    this.events.emit('pollers.changed', { id, state: 'new' });
    return { poller: await this.get(id), key };
  }

  /** The key is refused from now on; the alert of a silent poller resolves (a revoked poller is not expected back). */
  async revoke(actor: Actor, id: number): Promise<Poller> {
    await this.db.write(async (em) => {
      const before = await this.row(id, em);
      if (before.revokedAt) return;
      const now = this.clock.now().toISOString();
      await em.query('UPDATE poller SET revoked_at = ? WHERE id = ?', [now, id]);
      await this.audit.record(em, { actor, operation: 'pollers.revoke', entity: 'poller', entityId: id, changes: { revokedAt: { from: null, to: now } } });
    });
    await this.alerts.clear(`poller:${id}:down`);
    this.events.emit('pollers.changed', { id, state: 'revoked' });
    return this.get(id);
  }

  /** The poller a key belongs to; a missing, malformed, unknown or revoked key is refused alike (UNAUTHENTICATED). */
  async authenticate(key: string | undefined): Promise<PollerIdentity> {
    const refused = new AppError('UNAUTHENTICATED', 'A poller key (X-NOCman-Poller-Key) that is valid and not revoked is required');
    if (!key || !POLLER_KEY.test(key)) throw refused;
    const hash = hashKey(key);
    const [row] = (await this.db.dataSource.query('SELECT id, name, key_hash AS keyHash, revoked_at AS revokedAt FROM poller WHERE key_hash = ?', [hash])) as {
      id: number; name: string; keyHash: string; revokedAt: string | null;
    }[];
    if (!row || row.revokedAt || !timingSafeEqual(Buffer.from(row.keyHash), Buffer.from(hash))) throw refused;
    return { id: row.id, name: row.name };
  }

  private async silenceSec(pollerId: number): Promise<number> {
    if (this.silenceOverrideSec !== null) return this.silenceOverrideSec;
    const [{ shortest }] = (await this.db.dataSource.query('SELECT MIN(interval_sec) AS shortest FROM device WHERE poller_id = ? AND monitored = 1', [pollerId])) as [{ shortest: number | null }];
    return Math.max(MIN_SILENCE_SEC, 3 * HEARTBEAT_SEC, 3 * (shortest ?? 0));
  }

  /** The devices a poller watches, with SNMP where enabled (the community goes to the poller only). */
  async assignment(poller: PollerIdentity): Promise<PollerAssignment> {
    await this.touch(poller.id);
    const assignment = await this.build(poller);
    this.revisions.set(poller.id, { revision: assignment.revision, at: this.clock.now().getTime() });
    return assignment;
  }

  /**
   * The revision a batch answer names: built at most every REVISION_TTL_MS per poller (building the assignment of
   * 10,000 devices costs ~0.2 s, and every heartbeat asks). A change reaches the poller that much later at most.
   */
  private async revisionOf(poller: PollerIdentity): Promise<string> {
    const now = this.clock.now().getTime();
    const cached = this.revisions.get(poller.id);
    if (cached && now - cached.at >= 0 && now - cached.at < REVISION_TTL_MS) return cached.revision;
    const { revision } = await this.build(poller);
    this.revisions.set(poller.id, { revision, at: now });
    return revision;
  }

  /** The assignment as it stands (a batch answer names its revision; the batch already noted the contact). */
  private async build(poller: PollerIdentity): Promise<PollerAssignment> {
    const { bandwidthIntervalSec } = await this.settings.get();
    const rows = (await this.db.dataSource.query(
      `SELECT d.id, d.host, d.monitored, d.interval_sec AS intervalSec, d.echo_count AS echoCount, d.timeout_ms AS timeoutMs,
         s.enabled AS snmpEnabled, s.port AS snmpPort, s.community AS snmpCommunity, s.timeout_ms AS snmpTimeoutMs, s.retries AS snmpRetries,
         s.discover_requested_at AS discoverRequestedAt,
         (SELECT group_concat(i.if_index) FROM device_interface i WHERE i.device_id = d.id AND i.monitored = 1) AS ifIndexes
       FROM device d LEFT JOIN device_snmp s ON s.device_id = d.id WHERE d.poller_id = ? ORDER BY d.id`,
      [poller.id],
    )) as {
      id: number; host: string; monitored: number; intervalSec: number; echoCount: number; timeoutMs: number;
      snmpEnabled: number | null; snmpPort: number | null; snmpCommunity: string | null; snmpTimeoutMs: number | null; snmpRetries: number | null; ifIndexes: string | null;
      discoverRequestedAt: string | null;
    }[];
    const devices = rows.map((r) => ({
      id: r.id, host: r.host, monitored: Boolean(r.monitored), intervalSec: r.intervalSec, echoCount: r.echoCount, timeoutMs: r.timeoutMs,
      // SNMP goes out when it has interfaces to read or a discovery to do (a walk the site itself cannot make).
      snmp: r.snmpEnabled && r.snmpCommunity && (r.ifIndexes || r.discoverRequestedAt)
        ? {
            port: r.snmpPort!, community: r.snmpCommunity, timeoutMs: r.snmpTimeoutMs!, retries: r.snmpRetries!,
            ifIndexes: r.ifIndexes ? r.ifIndexes.split(',').map(Number).sort((a, b) => a - b) : [], intervalSec: bandwidthIntervalSec,
            discoverRequestedAt: r.discoverRequestedAt,
          }
        : null,
    }));
    const silenceSec = await this.silenceSec(poller.id);
    const revision = createHash('sha256').update(JSON.stringify([devices, silenceSec])).digest('hex').slice(0, 16);
    return { poller: { id: poller.id, name: poller.name }, revision, silenceSec, devices };
  }

  private async touch(pollerId: number): Promise<void> {
    await this.db.run((em) => em.query('UPDATE poller SET last_contact_at = ? WHERE id = ?', [this.clock.now().toISOString(), pollerId]));
  }

  /**
   * One batch (a sweep): applied once. A batch id the site already holds is acknowledged with `duplicate` and changes
   * nothing; a poller that was down is back first (its alert resolves), then the sweep runs through the monitor.
   */
  async report(poller: PollerIdentity, batch: PollerBatch): Promise<{ batchId: string; duplicate: boolean; revision: string }> {
    const now = this.clock.now();
    await this.markContact(poller, batch, now);
    const [seen] = (await this.db.dataSource.query('SELECT 1 AS one FROM poller_batch WHERE poller_id = ? AND batch_id = ?', [poller.id, batch.batchId])) as unknown[];
    let duplicate = Boolean(seen);
    const at = new Date(batch.at);
    if (!duplicate) {
      const guard = async (em: EntityManager) => {
        const inserted = (await em.query('insert into poller_batch (poller_id, batch_id, at, received_at, results) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING RETURNING batch_id', [
          poller.id, batch.batchId, at.toISOString(), now.toISOString(), batch.results.length,
        ])) as unknown[];
        if (inserted.length === 0) throw new DuplicateBatch(batch.batchId);
        // A heartbeat (nothing swept) is contact, not a sweep: the last sweep's time and lag stay what they were.
        if (batch.results.length > 0 || batch.readings.length > 0 || batch.discovered.length > 0) {
          await em.query('UPDATE poller SET last_sweep_at = CASE WHEN last_sweep_at IS NULL OR last_sweep_at < ? THEN ? ELSE last_sweep_at END, sweep_ms = ?, lag_ms = ? WHERE id = ?', [
            at.toISOString(), at.toISOString(), batch.sweepMs, Math.max(0, now.getTime() - at.getTime()), poller.id,
          ]);
        }
        if (batch.readings.length > 0) await this.bandwidth.record(readingsOf(batch), { backoff: false, em });
        if (batch.discovered.length > 0) await this.bandwidth.applyDiscoveries(em, poller.id, batch.discovered);
      };
      const results = batch.results.map((r) => ({
        deviceId: r.deviceId,
        result: { alive: r.alive, min: r.minMs, avg: r.avgMs, max: r.maxMs, lossPct: r.lossPct },
      }));
      try {
        await this.monitor.ingest(poller.id, at, results, guard);
      } catch (error) {
        if (!(error instanceof DuplicateBatch)) throw error;
        duplicate = true;
      }
    }
    return { batchId: batch.batchId, duplicate, revision: await this.revisionOf(poller) };
  }

  /** Notes the contact (version, host, backlog); a poller that was down is back: log lines, alert resolved. */
  private async markContact(poller: PollerIdentity, batch: PollerBatch, now: Date): Promise<void> {
    const at = now.toISOString();
    const wasDown = await this.db.write(async (em) => {
      const [row] = (await em.query('SELECT down_since AS downSince FROM poller WHERE id = ?', [poller.id])) as { downSince: string | null }[];
      await em.query('UPDATE poller SET last_contact_at = ?, version = ?, hostname = ?, backlog = ?, down_since = NULL WHERE id = ?', [
        at, batch.version, batch.hostname, batch.backlog, poller.id,
      ]);
      if (!row?.downSince) return false;
      await this.logDevices(em, poller.id, at, message('deviceLog.pollerBack', { poller: poller.name }));
      return true;
    });
    // The list's figures (last contact, backlog, sweep time) changed: open Pollers pages refetch.
    if (!wasDown) {
      this.events.emit('pollers.changed', { id: poller.id, state: 'up' });
      return;
    }
    await this.alerts.clear(`poller:${poller.id}:down`);
    this.events.emit('pollers.changed', { id: poller.id, state: 'up' });
    await this.announceDevices(poller.id, at);
  }

  private async logDevices(em: EntityManager, pollerId: number, at: string, text: MessageRef): Promise<void> {
    const ids = ((await em.query('SELECT id FROM device WHERE poller_id = ? AND monitored = 1', [pollerId])) as { id: number }[]).map((r) => r.id);
    const { language, timeZone } = await this.settings.get();
    const sentence = translator(language, timeZone).render(text);
    await insertMany(em, 'device_log', ['device_id', 'at', 'event', 'message', 'text'], ids.map((id) => [id, at, 'poller', sentence, JSON.stringify(text)]));
  }

  /** Device pages and lists refetch: the shown status of the poller's devices changed. */
  private async announceDevices(pollerId: number, at: string): Promise<void> {
    const ids = ((await this.db.dataSource.query('SELECT id FROM device WHERE poller_id = ? AND monitored = 1', [pollerId])) as { id: number }[]).map((r) => r.id);
    if (ids.length > 0) this.events.emit('device.logged', { deviceIds: ids, at });
  }

  /**
   * The runner's check: every poller not revoked whose last contact is older than its silence is down (once): its
   * devices are shown unknown, one alert is raised, each device's log says why. Returns the pollers it called down.
   */
  async checkSilence(): Promise<number[]> {
    const now = this.clock.now();
    const rows = (await this.db.dataSource.query(
      `SELECT id, name, created_at AS createdAt, last_contact_at AS lastContactAt FROM poller WHERE revoked_at IS NULL AND down_since IS NULL`,
    )) as { id: number; name: string; createdAt: string; lastContactAt: string | null }[];
    const down: number[] = [];
    for (const p of rows) {
      // A poller that never reported is `new`, not down: nobody has installed it yet.
      if (!p.lastContactAt) continue;
      const silenceSec = await this.silenceSec(p.id);
      if (now.getTime() - Date.parse(p.lastContactAt) < silenceSec * 1000) continue;
      const at = now.toISOString();
      const count = await this.db.write(async (em) => {
        const updated = (await em.query('update poller SET down_since = ? WHERE id = ? AND down_since IS NULL AND revoked_at IS NULL RETURNING id', [at, p.id])) as unknown[];
        if (updated.length === 0) return null;
        await this.logDevices(em, p.id, at, message('deviceLog.pollerDown', { poller: p.name }));
        const [{ n }] = (await em.query('SELECT COUNT(*) AS n FROM device WHERE poller_id = ? AND monitored = 1', [p.id])) as [{ n: number }];
        return Number(n);
      });
      if (count === null) continue;
      down.push(p.id);
      await this.alerts.raise(`poller:${p.id}:down`, {
        type: 'poller_down',
        severity: 'critical',
        text: message('alert.pollerDown', { poller: p.name, since: p.lastContactAt, count }),
      });
      this.events.emit('pollers.changed', { id: p.id, state: 'down' });
      await this.announceDevices(p.id, at);
    }
    await this.db.run((em) => em.query('DELETE FROM poller_batch WHERE received_at < ?', [new Date(now.getTime() - BATCH_ID_DAYS * 86_400_000).toISOString()]));
    return down;
  }
}
