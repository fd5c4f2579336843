// Devices: inventory, tree (no parent loops), the subscriptions they serve, maintenance windows, the
// network log, latency history at the right resolution, and the customers behind a device.
import type { EntityManager } from 'typeorm';
import type { Device, DeviceStatus, DeviceType, MaintenanceWindow } from '../../../shared/contract';
import { AppError } from '../../../shared/errors';
import type { Actor } from '../actor';
import { diffFields, type AuditService } from '../audit/service';
import type { Clock } from '../clock';
import type { Database } from '../db/database';
import { recordState } from './availability';

export const DEVICE_COLUMNS = `d.id, d.name, d.type, d.host, d.location, d.latitude, d.longitude, d.parent_id AS parentId, d.monitored, d.interval_sec AS intervalSec,
  d.echo_count AS echoCount, d.timeout_ms AS timeoutMs, d.fail_threshold AS failThreshold, d.latency_warn_ms AS latencyWarnMs,
  d.loss_warn_pct AS lossWarnPct, d.status, d.status_since AS statusSince, d.last_check_at AS lastCheckAt, d.last_min_ms AS lastMin,
  d.last_avg_ms AS lastAvg, d.last_max_ms AS lastMax, d.last_loss_pct AS lastLossPct, d.notes, d.created_at AS createdAt,
  d.updated_at AS updatedAt, d.consecutive_failures AS consecutiveFailures,
  (SELECT group_concat(ds.subscription_id) FROM device_subscription ds WHERE ds.device_id = d.id) AS subscriptionList,
  sn.device_id AS snmpDevice, sn.enabled AS snmpEnabled, sn.port AS snmpPort, sn.timeout_ms AS snmpTimeoutMs, sn.retries AS snmpRetries,
  sn.community AS snmpCommunity, sn.last_poll_at AS snmpLastPollAt, sn.last_error AS snmpLastError,
  d.poller_id AS pollerId, p.name AS pollerName, p.down_since AS pollerDownSince`;

/**
 * The status people see: `unknown` while the device's poller is silent. The stored status stays the last one the
 * poller reported, so the state machine goes on from it when the poller's buffered sweeps arrive.
 */
export const SHOWN_STATUS = `(CASE WHEN d.poller_id IS NOT NULL AND EXISTS (SELECT 1 FROM poller sp WHERE sp.id = d.poller_id AND sp.down_since IS NOT NULL) THEN 'unknown' ELSE d.status END)`;

export interface DeviceRow {
  id: number;
  name: string;
  type: DeviceType;
  host: string;
  location: string;
  latitude: number | null;
  longitude: number | null;
  parentId: number | null;
  monitored: number | boolean;
  intervalSec: number;
  echoCount: number;
  timeoutMs: number;
  failThreshold: number;
  latencyWarnMs: number | null;
  lossWarnPct: number | null;
  status: DeviceStatus;
  statusSince: string | null;
  lastCheckAt: string | null;
  lastMin: number | null;
  lastAvg: number | null;
  lastMax: number | null;
  lastLossPct: number | null;
  notes: string;
  createdAt: string;
  updatedAt: string;
  consecutiveFailures: number;
  subscriptionList: string | null;
  snmpDevice: number | null;
  snmpEnabled: number | null;
  snmpPort: number | null;
  snmpTimeoutMs: number | null;
  snmpRetries: number | null;
  snmpCommunity: string | null;
  snmpLastPollAt: string | null;
  snmpLastError: string | null;
  pollerId: number | null;
  pollerName: string | null;
  pollerDownSince: string | null;
}

export function toDevice(row: DeviceRow): Device {
  return {
    id: row.id,
    name: row.name,
    type: row.type,
    host: row.host,
    location: row.location,
    latitude: row.latitude,
    longitude: row.longitude,
    parentId: row.parentId,
    monitored: Boolean(row.monitored),
    intervalSec: row.intervalSec,
    echoCount: row.echoCount,
    timeoutMs: row.timeoutMs,
    failThreshold: row.failThreshold,
    latencyWarnMs: row.latencyWarnMs,
    lossWarnPct: row.lossWarnPct,
    status: row.pollerDownSince ? 'unknown' : row.status,
    statusReason: row.pollerDownSince ? 'pollerDown' : null,
    statusSince: row.pollerDownSince ?? row.statusSince,
    pollerId: row.pollerId,
    pollerName: row.pollerName,
    lastCheckAt: row.lastCheckAt,
    lastLatencyMs: row.lastAvg === null ? null : { min: row.lastMin ?? row.lastAvg, avg: row.lastAvg, max: row.lastMax ?? row.lastAvg },
    lastLossPct: row.lastLossPct,
    subscriptionIds: row.subscriptionList ? row.subscriptionList.split(',').map(Number).sort((a, b) => a - b) : [],
    snmp:
      row.snmpDevice === null
        ? null
        : {
            enabled: Boolean(row.snmpEnabled),
            version: '2c',
            port: row.snmpPort!,
            timeoutMs: row.snmpTimeoutMs!,
            retries: row.snmpRetries!,
            communitySet: Boolean(row.snmpCommunity),
            lastPollAt: row.snmpLastPollAt,
            lastError: row.snmpLastError,
          },
    notes: row.notes,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

export interface DeviceInput {
  name: string;
  type: DeviceType;
  host: string;
  location: string;
  latitude?: number | null;
  longitude?: number | null;
  parentId: number | null;
  pollerId?: number | null;
  subscriptionIds: number[];
  monitored: boolean;
  intervalSec?: number;
  echoCount: number;
  timeoutMs: number;
  failThreshold: number;
  latencyWarnMs: number | null;
  lossWarnPct: number | null;
  notes: string;
  snmp?: SnmpInput;
}

export interface SnmpInput {
  enabled: boolean;
  port: number;
  community?: string;
  timeoutMs: number;
  retries: number;
}

/** Stores SNMP settings; a community not given keeps the stored one (it is never read back). */
async function saveSnmp(em: EntityManager, deviceId: number, snmp: SnmpInput): Promise<void> {
  await em.query(
    `INSERT INTO device_snmp (device_id, enabled, port, community, timeout_ms, retries) VALUES (?, ?, ?, COALESCE(?, ''), ?, ?)
     ON CONFLICT (device_id) DO UPDATE SET enabled = excluded.enabled, port = excluded.port, timeout_ms = excluded.timeout_ms,
       retries = excluded.retries, community = COALESCE(?, device_snmp.community), failures = 0, next_try_at = 0`,
    [deviceId, snmp.enabled ? 1 : 0, snmp.port, snmp.community ?? null, snmp.timeoutMs, snmp.retries, snmp.community ?? null],
  );
}

const COLUMN: Record<string, string> = {
  name: 'name', type: 'type', host: 'host', location: 'location', latitude: 'latitude', longitude: 'longitude', parentId: 'parent_id', pollerId: 'poller_id', monitored: 'monitored', intervalSec: 'interval_sec',
  echoCount: 'echo_count', timeoutMs: 'timeout_ms', failThreshold: 'fail_threshold', latencyWarnMs: 'latency_warn_ms', lossWarnPct: 'loss_warn_pct', notes: 'notes',
};

/** A point on the map needs both coordinates; one alone is refused rather than guessed. */
function checkCoordinates(latitude: number | null, longitude: number | null): void {
  if (latitude !== null && longitude === null) throw AppError.validation('longitude', 'Give the longitude too, or clear the latitude');
  if (latitude === null && longitude !== null) throw AppError.validation('latitude', 'Give the latitude too, or clear the longitude');
}

/** Raw samples up to 2 days, 5-minute rollups up to 31 days (kept a month), hourly beyond (kept a year). */
export function resolutionFor(from: Date, to: Date): 'raw' | '5m' | '1h' {
  const days = (to.getTime() - from.getTime()) / 86_400_000;
  return days <= 2 ? 'raw' : days <= 31 ? '5m' : '1h';
}

export class DevicesService {
  constructor(
    private readonly db: Database,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    readonly defaultIntervalSec: number,
  ) {}

  async rows(where = '', params: unknown[] = [], manager: EntityManager = this.db.dataSource.manager): Promise<DeviceRow[]> {
    return (await manager.query(`SELECT ${DEVICE_COLUMNS} FROM device d LEFT JOIN device_snmp sn ON sn.device_id = d.id LEFT JOIN poller p ON p.id = d.poller_id ${where}`, params)) as DeviceRow[];
  }

  async row(id: number, manager?: EntityManager): Promise<DeviceRow> {
    const [row] = await this.rows('WHERE d.id = ?', [id], manager);
    if (!row) throw new AppError('NOT_FOUND', `Device ${id} not found`);
    return row;
  }

  async get(id: number): Promise<Device> {
    return toDevice(await this.row(id));
  }

  async list(query: { search?: string; type?: DeviceType; status?: DeviceStatus; location?: string; parentId?: number; monitoredBy?: 'site' | number; monitored?: boolean; page: number; pageSize: number }) {
    const where: string[] = [];
    const params: unknown[] = [];
    if (query.search) {
      where.push('(d.name LIKE ? OR d.host LIKE ? OR d.location LIKE ?)');
      params.push(...Array(3).fill(`%${query.search}%`));
    }
    for (const [key, column] of [['type', 'd.type'], ['status', SHOWN_STATUS], ['location', 'd.location'], ['parentId', 'd.parent_id']] as const) {
      if (query[key] !== undefined) {
        where.push(`${column} = ?`);
        params.push(query[key]);
      }
    }
    if (query.monitoredBy === 'site') where.push('d.poller_id IS NULL');
    else if (query.monitoredBy !== undefined) {
      where.push('d.poller_id = ?');
      params.push(query.monitoredBy);
    }
    if (query.monitored !== undefined) {
      where.push('d.monitored = ?');
      params.push(query.monitored ? 1 : 0);
    }
    const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const [{ total }] = (await this.db.dataSource.query(`SELECT COUNT(*) AS total FROM device d ${clause}`, params)) as [{ total: number }];
    const rows = await this.rows(`${clause} ORDER BY d.name COLLATE NOCASE, d.id LIMIT ? OFFSET ?`, [...params, query.pageSize, (query.page - 1) * query.pageSize]);
    return { items: rows.map(toDevice), total, page: query.page, pageSize: query.pageSize };
  }

  /** Refuses a parent that does not exist or that is the device itself or one of its descendants. */
  private async checkParent(em: EntityManager, id: number | null, parentId: number | null): Promise<void> {
    if (parentId === null) return;
    if (id !== null && parentId === id) throw AppError.validation('parentId', 'A device cannot be its own parent');
    const rows = (await em.query(
      `WITH RECURSIVE up(id, parent_id, depth) AS (SELECT id, parent_id, 0 FROM device WHERE id = ?
         UNION ALL SELECT d.id, d.parent_id, up.depth + 1 FROM device d JOIN up ON d.id = up.parent_id WHERE up.depth < 100)
       SELECT id FROM up`,
      [parentId],
    )) as { id: number }[];
    if (rows.length === 0) throw AppError.validation('parentId', `Device ${parentId} does not exist`);
    if (id !== null && rows.some((r) => r.id === id)) throw AppError.validation('parentId', 'That parent is below this device: it would make a loop');
  }

  /** A device goes to a poller that exists and whose key is not revoked. */
  private async checkPoller(em: EntityManager, pollerId: number | null | undefined): Promise<void> {
    if (pollerId === null || pollerId === undefined) return;
    const [poller] = (await em.query('SELECT revoked_at AS revokedAt FROM poller WHERE id = ?', [pollerId])) as { revokedAt: string | null }[];
    if (!poller) throw AppError.validation('pollerId', `Poller ${pollerId} does not exist`);
    if (poller.revokedAt) throw AppError.validation('pollerId', 'That poller\'s key is revoked');
  }

  private async checkSubscriptions(em: EntityManager, ids: number[]): Promise<void> {
    if (ids.length === 0) return;
    const unique = [...new Set(ids)];
    const [{ n }] = (await em.query(`SELECT COUNT(*) AS n FROM subscription WHERE deleted_at IS NULL AND id IN (${unique.map(() => '?').join(',')})`, unique)) as [{ n: number }];
    if (n !== unique.length) throw AppError.validation('subscriptionIds', 'Some of these subscriptions do not exist');
  }

  private async linkSubscriptions(em: EntityManager, deviceId: number, ids: number[]): Promise<void> {
    await em.query('DELETE FROM device_subscription WHERE device_id = ?', [deviceId]);
    for (const sub of new Set(ids)) await em.query('INSERT INTO device_subscription (device_id, subscription_id) VALUES (?, ?)', [deviceId, sub]);
  }

  async create(actor: Actor, input: DeviceInput): Promise<Device> {
    checkCoordinates(input.latitude ?? null, input.longitude ?? null);
    const id = await this.db.write(async (em) => {
      await this.checkParent(em, null, input.parentId);
      await this.checkPoller(em, input.pollerId);
      await this.checkSubscriptions(em, input.subscriptionIds);
      const now = this.clock.now().toISOString();
      const [{ id: newId }] = (await em.query(
        `insert into device (name, type, host, location, latitude, longitude, parent_id, poller_id, monitored, interval_sec, echo_count, timeout_ms, fail_threshold,
           latency_warn_ms, loss_warn_pct, notes, status, status_since, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'unknown', ?, ?, ?) RETURNING id`,
        [input.name, input.type, input.host, input.location, input.latitude ?? null, input.longitude ?? null, input.parentId, input.pollerId ?? null, input.monitored ? 1 : 0, input.intervalSec ?? this.defaultIntervalSec, input.echoCount,
          input.timeoutMs, input.failThreshold, input.latencyWarnMs, input.lossWarnPct, input.notes, now, now, now],
      )) as [{ id: number }];
      await this.linkSubscriptions(em, newId, input.subscriptionIds);
      await recordState(em, newId, new Date(now), 'unknown');
      if (input.snmp) await saveSnmp(em, newId, input.snmp);
      const { snmp, ...audited } = input;
      await this.audit.record(em, { actor, operation: 'devices.create', entity: 'device', entityId: newId, changes: diffFields(null, { ...audited, snmp: snmp ? { ...snmp, community: snmp.community ? '[set]' : undefined } : null }) });
      return newId;
    });
    return this.get(id);
  }

  async update(actor: Actor, id: number, patch: Partial<DeviceInput>): Promise<Device> {
    await this.db.write(async (em) => {
      const before = toDevice(await this.row(id, em));
      checkCoordinates(patch.latitude === undefined ? before.latitude : patch.latitude, patch.longitude === undefined ? before.longitude : patch.longitude);
      if (patch.parentId !== undefined) await this.checkParent(em, id, patch.parentId);
      if (patch.pollerId !== undefined) await this.checkPoller(em, patch.pollerId);
      if (patch.subscriptionIds) await this.checkSubscriptions(em, patch.subscriptionIds);
      const { snmp, ...fields } = patch;
      const changes = diffFields(before, fields);
      if (snmp) {
        await saveSnmp(em, id, snmp);
        changes['snmp'] = { from: before.snmp, to: { ...snmp, community: snmp.community ? '[set]' : undefined } };
      }
      if (patch.subscriptionIds && JSON.stringify([...new Set(patch.subscriptionIds)].sort((a, b) => a - b)) === JSON.stringify(before.subscriptionIds)) {
        delete changes['subscriptionIds'];
      }
      if (Object.keys(changes).length === 0) return;
      if (Object.keys(changes).length === 1 && changes['snmp']) {
        await this.audit.record(em, { actor, operation: 'devices.update', entity: 'device', entityId: id, changes });
        return;
      }
      const sets: string[] = [];
      const params: unknown[] = [];
      for (const [key, value] of Object.entries(fields)) {
        const column = COLUMN[key];
        if (!column || value === undefined) continue;
        sets.push(`${column} = ?`);
        params.push(typeof value === 'boolean' ? (value ? 1 : 0) : value);
      }
      // Monitoring switched off: the device's state is no longer known.
      if (patch.monitored === false) {
        sets.push(`status = 'unknown', consecutive_failures = 0`);
        if (before.status !== 'unknown') await recordState(em, id, this.clock.now(), 'unknown');
      }
      sets.push('updated_at = ?');
      params.push(this.clock.now().toISOString(), id);
      await em.query(`UPDATE device SET ${sets.join(', ')} WHERE id = ?`, params);
      if (patch.subscriptionIds) await this.linkSubscriptions(em, id, patch.subscriptionIds);
      await this.audit.record(em, { actor, operation: 'devices.update', entity: 'device', entityId: id, changes });
    });
    return this.get(id);
  }

  async delete(actor: Actor, id: number): Promise<void> {
    await this.db.write(async (em) => {
      const before = await this.row(id, em);
      // Children move up to the deleted device's parent, so the tree stays whole.
      await em.query('UPDATE device SET parent_id = ? WHERE parent_id = ?', [before.parentId, id]);
      for (const table of ['sample', 'sample_5m', 'sample_1h']) await em.query(`DELETE FROM ${table} WHERE device_id = ?`, [id]);
      await em.query('DELETE FROM device WHERE id = ?', [id]);
      await this.audit.record(em, { actor, operation: 'devices.delete', entity: 'device', entityId: id, changes: { name: { from: before.name, to: null }, host: { from: before.host, to: null } } });
    });
  }

  async latency(id: number, from: Date, to: Date) {
    await this.row(id);
    const resolution = resolutionFor(from, to);
    const table = resolution === 'raw' ? 'sample' : resolution === '5m' ? 'sample_5m' : 'sample_1h';
    const rows = (await this.db.dataSource.query(
      `SELECT at, min_us AS minUs, avg_us AS avgUs, max_us AS maxUs, loss FROM ${table} WHERE device_id = ? AND at >= ? AND at <= ? ORDER BY at`,
      [id, Math.floor(from.getTime() / 1000), Math.floor(to.getTime() / 1000)],
    )) as { at: number; minUs: number | null; avgUs: number | null; maxUs: number | null; loss: number }[];
    const ms = (us: number | null) => (us === null ? null : us / 1000);
    return { resolution, points: rows.map((r) => ({ at: new Date(r.at * 1000).toISOString(), min: ms(r.minUs), avg: ms(r.avgUs), max: ms(r.maxUs), lossPct: r.loss })) };
  }

  /** Customers served by the device or any device below it (through open subscriptions). */
  async customers(id: number, manager: EntityManager = this.db.dataSource.manager) {
    return (await manager.query(
      `WITH RECURSIVE tree(id, depth) AS (SELECT id, 0 FROM device WHERE id = ?
         UNION ALL SELECT d.id, tree.depth + 1 FROM device d JOIN tree ON d.parent_id = tree.id WHERE tree.depth < 100)
       SELECT DISTINCT c.id AS customerId, c.code, c.name, c.phone, s.id AS subscriptionId, ds.device_id AS viaDeviceId
       FROM tree JOIN device_subscription ds ON ds.device_id = tree.id JOIN subscription s ON s.id = ds.subscription_id
       JOIN customer c ON c.id = s.customer_id
       WHERE s.deleted_at IS NULL AND s.status IN ('active', 'suspended') AND c.deleted_at IS NULL
       ORDER BY c.code`,
      [id],
    )) as { customerId: number; code: string; name: string; phone: string; subscriptionId: number; viaDeviceId: number }[];
  }

  async maintenance(id: number): Promise<MaintenanceWindow[]> {
    await this.row(id);
    return (await this.db.dataSource.query(
      `SELECT id, device_id AS deviceId, starts_at AS startsAt, ends_at AS endsAt, reason, created_by AS createdBy FROM maintenance_window WHERE device_id = ? ORDER BY starts_at DESC`,
      [id],
    )) as MaintenanceWindow[];
  }

  async addMaintenance(actor: Actor, id: number, startsAt: string, endsAt: string, reason: string): Promise<MaintenanceWindow> {
    const windowId = await this.db.write(async (em) => {
      await this.row(id, em);
      const [{ id: newId }] = (await em.query(
        `insert into maintenance_window (device_id, starts_at, ends_at, reason, created_by) VALUES (?, ?, ?, ?, ?) RETURNING id`,
        [id, new Date(startsAt).toISOString(), new Date(endsAt).toISOString(), reason, actor.name],
      )) as [{ id: number }];
      await this.audit.record(em, { actor, operation: 'devices.addMaintenance', entity: 'device', entityId: id, changes: { maintenance: { from: null, to: { startsAt, endsAt, reason } } } });
      return newId;
    });
    return (await this.maintenance(id)).find((w) => w.id === windowId)!;
  }

  async removeMaintenance(actor: Actor, windowId: number): Promise<void> {
    await this.db.write(async (em) => {
      const [window] = (await em.query('SELECT device_id AS deviceId FROM maintenance_window WHERE id = ?', [windowId])) as { deviceId: number }[];
      if (!window) throw new AppError('NOT_FOUND', `Maintenance window ${windowId} not found`);
      await em.query('DELETE FROM maintenance_window WHERE id = ?', [windowId]);
      await this.audit.record(em, { actor, operation: 'devices.removeMaintenance', entity: 'device', entityId: window.deviceId, changes: { maintenance: { from: windowId, to: null } } });
    });
  }

  /** Devices (ids) in an active maintenance window at `now`. */
  async inMaintenance(now: Date): Promise<Set<number>> {
    const at = now.toISOString();
    const rows = (await this.db.dataSource.query('SELECT DISTINCT device_id AS id FROM maintenance_window WHERE starts_at <= ? AND ends_at > ?', [at, at])) as { id: number }[];
    return new Set(rows.map((r) => r.id));
  }

  async stats() {
    const q = this.db.dataSource;
    const byStatus: Record<DeviceStatus, number> = { online: 0, offline: 0, unreachable: 0, maintenance: 0, unknown: 0 };
    const byType: Record<string, number> = {};
    let total = 0;
    for (const r of (await q.query(`SELECT ${SHOWN_STATUS} AS status, d.type, COUNT(*) AS n FROM device d GROUP BY 1, 2`)) as { status: DeviceStatus; type: string; n: number }[]) {
      byStatus[r.status] += r.n;
      byType[r.type] = (byType[r.type] ?? 0) + r.n;
      total += r.n;
    }
    const outages = (await q.query(
      `SELECT o.device_id AS deviceId, d.name, o.started_at AS since, o.affected_customers AS affectedCustomers FROM outage o JOIN device d ON d.id = o.device_id
       WHERE o.ended_at IS NULL ORDER BY o.affected_customers DESC, o.started_at LIMIT 20`,
    )) as { deviceId: number; name: string; since: string; affectedCustomers: number }[];
    const worstLatency = (await q.query(
      `SELECT d.id AS deviceId, d.name, d.last_avg_ms AS avgMs FROM device d WHERE ${SHOWN_STATUS} = 'online' AND d.last_avg_ms IS NOT NULL ORDER BY d.last_avg_ms DESC LIMIT 5`,
    )) as { deviceId: number; name: string; avgMs: number }[];
    return { total, byStatus, byType, outages, worstLatency };
  }
}
