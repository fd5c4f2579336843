// Bandwidth: interface discovery over SNMP, polling of the 64-bit counters (rates from measured time, a reboot
// starts a new series), back-off for silent agents, samples with rollups, and per-customer usage.
import type { DiscoveryResult, NetworkInterface } from '../../../shared/contract';
import { addMonthsIso, startOfDateInZone } from '../../../shared/dates';
import { AppError } from '../../../shared/errors';
import { message, translator } from '../../../shared/i18n/messages';
import type { Clock } from '../clock';
import type { Database } from '../db/database';
import { dropPartitionsBefore, ensurePartitions, ensurePartitionsAround } from '../db/partitions';
import { pool } from '../monitoring/monitor';
import { NO_ACCOUNTING_USAGE, type AccountingUsage } from '../radius/usage';
import { counterRate } from './counters';
import type { DiscoveredInterface, InterfaceCounters, SnmpClient, SnmpTarget } from './snmp';
import type { EntityManager } from 'typeorm';

const COLUMNS = `device_id AS deviceId, if_index AS ifIndex, name, descr, alias, speed_mbps AS speedMbps, oper_up AS operUp, monitored,
  subscription_id AS subscriptionId`;
/** Days the raw bandwidth samples are kept (then the 5-minute rollups hold them). */
export const SAMPLE_RETENTION_DAYS = 7;
/** Back-off for an agent that does not answer: 1, 2, 4 … polls, at most an hour. */
export const MAX_BACKOFF_MS = 3_600_000;

function toInterface(row: Record<string, unknown>): NetworkInterface {
  return { ...(row as unknown as NetworkInterface), operUp: Boolean(row['operUp']), monitored: Boolean(row['monitored']) };
}

interface PollTarget {
  deviceId: number;
  /** The remote poller that watches the device (only it can reach it), or null for the site itself. */
  pollerId: number | null;
  pollerName: string | null;
  host: string;
  port: number;
  community: string;
  timeoutMs: number;
  retries: number;
  failures: number;
}

/** One device's counters as read at `at` (ms), or why they could not be read. */
export interface CounterReading {
  deviceId: number;
  at: number;
  read: { uptime: number; counters: InterfaceCounters[] } | null;
  error: string | null;
}

interface InterfaceState {
  ifIndex: number;
  speedMbps: number | null;
  lastIn: string | null;
  lastOut: string | null;
  lastUptime: number | null;
  lastAt: number | null;
}

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  // Nearest rank, the way transit providers bill the 95th percentile.
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

export class BandwidthService {
  /** How long "Discover" on a poller's device waits for the poller's answer (its next contact: a heartbeat is 20 s). */
  pollerDiscoverWaitMs = 45_000;

  constructor(
    private readonly db: Database,
    private readonly snmp: SnmpClient,
    private readonly clock: Clock,
    readonly intervalMs = 300_000,
    private readonly accounting: AccountingUsage = NO_ACCOUNTING_USAGE,
  ) {}

  private async target(deviceId: number): Promise<PollTarget> {
    const [row] = (await this.db.dataSource.query(
      `SELECT d.id AS deviceId, d.poller_id AS pollerId, p.name AS pollerName, d.host, s.port, s.community, s.timeout_ms AS timeoutMs, s.retries, s.failures
       FROM device d JOIN device_snmp s ON s.device_id = d.id LEFT JOIN poller p ON p.id = d.poller_id WHERE d.id = ?`,
      [deviceId],
    )) as PollTarget[];
    if (!row) throw new AppError('CONFLICT', `Device ${deviceId} has no SNMP settings; set them first`);
    return row;
  }

  async interfaces(deviceId: number): Promise<NetworkInterface[]> {
    const rows = (await this.db.dataSource.query(`SELECT ${COLUMNS} FROM device_interface WHERE device_id = ? ORDER BY if_index`, [deviceId])) as Record<string, unknown>[];
    return rows.map(toInterface);
  }

  /**
   * Walks IF-MIB on the device and updates its interfaces (their monitoring and mapping stay). A device of a remote
   * poller is walked by that poller: the request goes out with its assignment and this waits for its answer.
   */
  async discover(deviceId: number): Promise<NetworkInterface[]> {
    const target = await this.target(deviceId);
    if (target.pollerId !== null) return this.discoverThroughPoller(target);
    let found;
    try {
      found = await this.snmp.interfaces(this.snmpTarget(target));
    } catch (error) {
      throw new AppError('CONFLICT', `The SNMP agent of device ${deviceId} did not answer: ${error instanceof Error ? error.message : String(error)}`);
    }
    await this.db.write((em) => this.saveInterfaces(em, deviceId, found));
    return this.interfaces(deviceId);
  }

  /** Stores what a walk found: new interfaces are added, known ones renamed in place. */
  async saveInterfaces(em: EntityManager, deviceId: number, found: DiscoveredInterface[]): Promise<void> {
    for (const i of found) {
      await em.query(
        `INSERT INTO device_interface (device_id, if_index, name, descr, alias, speed_mbps, oper_up) VALUES (?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (device_id, if_index) DO UPDATE SET name = excluded.name, descr = excluded.descr, alias = excluded.alias,
           speed_mbps = excluded.speed_mbps, oper_up = excluded.oper_up`,
        [deviceId, i.ifIndex, i.name, i.descr, i.alias, i.speedMbps, i.operUp ? 1 : 0],
      );
    }
  }

  /**
   * Asks the device's poller for a walk and waits for its answer. An answer that comes later is still applied (the
   * request stays open until the poller answers it); the caller is told the poller has not answered yet.
   */
  private async discoverThroughPoller(target: PollTarget): Promise<NetworkInterface[]> {
    const requestedAt = this.clock.now().toISOString();
    await this.db.run((em) => em.query('UPDATE device_snmp SET discover_requested_at = ? WHERE device_id = ?', [requestedAt, target.deviceId]));
    const deadline = performance.now() + this.pollerDiscoverWaitMs;
    for (;;) {
      const [row] = (await this.db.dataSource.query('SELECT discover_requested_at AS requestedAt, discover_done_at AS doneAt, discover_error AS error FROM device_snmp WHERE device_id = ?', [
        target.deviceId,
      ])) as { requestedAt: string | null; doneAt: string | null; error: string | null }[];
      if (!row) throw new AppError('CONFLICT', `Device ${target.deviceId} has no SNMP settings; set them first`);
      if (row.requestedAt !== requestedAt) {
        // Answered (or asked again by someone else, whose answer this one shares).
        if (row.requestedAt === null && row.error) throw new AppError('CONFLICT', `The SNMP agent of device ${target.deviceId} did not answer: ${row.error}`, { poller: target.pollerName });
        return this.interfaces(target.deviceId);
      }
      if (performance.now() >= deadline) {
        throw new AppError('CONFLICT', `Poller ${target.pollerName ?? target.pollerId} has not answered yet; the interfaces appear when it does`, { reason: 'pollerPending', poller: target.pollerName });
      }
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }

  /** Applies a poller's answers to discovery requests (in the batch's transaction); an answer to an older request is dropped. */
  async applyDiscoveries(em: EntityManager, pollerId: number, results: DiscoveryResult[]): Promise<number[]> {
    const applied: number[] = [];
    for (const r of results) {
      const [row] = (await em.query(
        'SELECT s.discover_requested_at AS requestedAt FROM device_snmp s JOIN device d ON d.id = s.device_id WHERE s.device_id = ? AND d.poller_id = ?',
        [r.deviceId, pollerId],
      )) as { requestedAt: string | null }[];
      if (!row || row.requestedAt !== r.requestedAt) continue;
      if (r.error === null) await this.saveInterfaces(em, r.deviceId, r.interfaces);
      await em.query('UPDATE device_snmp SET discover_requested_at = NULL, discover_done_at = ?, discover_error = ? WHERE device_id = ?', [this.clock.now().toISOString(), r.error, r.deviceId]);
      applied.push(r.deviceId);
    }
    return applied;
  }

  async updateInterface(deviceId: number, ifIndex: number, patch: { monitored?: boolean; subscriptionId?: number | null }): Promise<NetworkInterface> {
    await this.db.write(async (em) => {
      const [exists] = (await em.query('SELECT 1 AS x FROM device_interface WHERE device_id = ? AND if_index = ?', [deviceId, ifIndex])) as unknown[];
      if (!exists) throw new AppError('NOT_FOUND', `Interface ${ifIndex} of device ${deviceId} not found; discover first`);
      if (patch.subscriptionId) {
        const [sub] = (await em.query('SELECT 1 AS x FROM subscription WHERE id = ? AND deleted_at IS NULL', [patch.subscriptionId])) as unknown[];
        if (!sub) throw AppError.validation('subscriptionId', `Subscription ${patch.subscriptionId} does not exist`);
      }
      if (patch.monitored !== undefined) await em.query('UPDATE device_interface SET monitored = ? WHERE device_id = ? AND if_index = ?', [patch.monitored ? 1 : 0, deviceId, ifIndex]);
      if (patch.subscriptionId !== undefined) await em.query('UPDATE device_interface SET subscription_id = ? WHERE device_id = ? AND if_index = ?', [patch.subscriptionId, deviceId, ifIndex]);
    });
    return (await this.interfaces(deviceId)).find((i) => i.ifIndex === ifIndex)!;
  }

  private snmpTarget(t: PollTarget): SnmpTarget {
    return { host: t.host, port: t.port, community: t.community, timeoutMs: t.timeoutMs, retries: t.retries };
  }

  /** Polls every device of the site (not of a remote poller) with monitored interfaces whose back-off has passed (all when `force`). */
  async poll(force = false): Promise<{ devices: number; interfaces: number; failed: number; durationMs: number }> {
    const started = performance.now();
    const nowMs = this.clock.now().getTime();
    const targets = (await this.db.dataSource.query(
      `SELECT d.id AS deviceId, d.host, s.port, s.community, s.timeout_ms AS timeoutMs, s.retries, s.failures
       FROM device d JOIN device_snmp s ON s.device_id = d.id
       WHERE s.enabled = 1 AND d.poller_id IS NULL AND (? OR s.next_try_at <= ?) AND EXISTS (SELECT 1 FROM device_interface i WHERE i.device_id = d.id AND i.monitored = 1)`,
      [force ? 1 : 0, nowMs],
    )) as PollTarget[];
    const readings = await pool(targets, 32, async (t): Promise<CounterReading> => {
      const ifIndexes = ((await this.db.dataSource.query('SELECT if_index AS ifIndex FROM device_interface WHERE device_id = ? AND monitored = 1', [t.deviceId])) as { ifIndex: number }[]).map((r) => r.ifIndex);
      try {
        const read = await this.snmp.counters(this.snmpTarget(t), ifIndexes);
        return { deviceId: t.deviceId, at: this.clock.now().getTime(), read, error: null };
      } catch (error) {
        return { deviceId: t.deviceId, at: this.clock.now().getTime(), read: null, error: error instanceof Error ? error.message : String(error) };
      }
    });
    const { interfaces, failed } = await this.record(readings);
    return { devices: targets.length, interfaces, failed, durationMs: Math.round(performance.now() - started) };
  }

  /**
   * Turns counter readings into rates and samples (a restart starts a new series), or a failure into back-off and a
   * log line. The site's own polls and the readings remote pollers send (`backoff` false: the poller keeps its own
   * schedule) take this one path. Readings of interfaces no longer monitored are skipped.
   */
  async record(readings: readonly CounterReading[], options: { backoff?: boolean; em?: EntityManager } = {}): Promise<{ interfaces: number; failed: number }> {
    let interfaces = 0;
    let failed = 0;
    const work = async (em: EntityManager) => {
      const samples: unknown[][] = [];
      for (const o of readings) {
        if (!o.read) {
          failed++;
          const [snmp] = (await em.query('SELECT failures FROM device_snmp WHERE device_id = ?', [o.deviceId])) as { failures: number }[];
          if (!snmp) continue;
          const failures = snmp.failures + 1;
          const backoff = options.backoff === false ? this.intervalMs : Math.min(this.intervalMs * 2 ** (failures - 1), MAX_BACKOFF_MS);
          await em.query('UPDATE device_snmp SET failures = ?, next_try_at = ?, last_error = ? WHERE device_id = ?', [failures, o.at + backoff, o.error, o.deviceId]);
          const text = message('deviceLog.snmpFailed', { error: o.error, minutes: Math.round(backoff / 60000) });
          // `message` keeps an English sentence for readers of the database; the API renders `text` per reader.
          await em.query(`INSERT INTO device_log (device_id, at, event, message, text) VALUES (?, ?, 'snmp', ?, ?)`, [
            o.deviceId, new Date(o.at).toISOString(), translator('en', 'UTC').render(text), JSON.stringify(text),
          ]);
          continue;
        }
        const states = (await em.query(
          `SELECT if_index AS ifIndex, speed_mbps AS speedMbps, last_in AS lastIn, last_out AS lastOut, last_uptime AS lastUptime, last_at AS lastAt
           FROM device_interface WHERE device_id = ? AND monitored = 1`,
          [o.deviceId],
        )) as InterfaceState[];
        await em.query('UPDATE device_snmp SET failures = 0, next_try_at = ?, last_error = NULL, last_poll_at = ? WHERE device_id = ?', [o.at + this.intervalMs, new Date(o.at).toISOString(), o.deviceId]);
        for (const c of o.read.counters) {
          const state = states.find((s) => s.ifIndex === c.ifIndex);
          if (!state) continue;
          interfaces++;
          const previous = (octets: string | null) => (octets === null || state.lastUptime === null || state.lastAt === null ? null : { octets: BigInt(octets), uptime: state.lastUptime, at: state.lastAt });
          const speed = state.speedMbps ? state.speedMbps * 1e6 : null;
          const inRate = counterRate(previous(state.lastIn), { octets: c.inOctets, uptime: o.read.uptime, at: o.at }, speed);
          const outRate = counterRate(previous(state.lastOut), { octets: c.outOctets, uptime: o.read.uptime, at: o.at }, speed);
          await em.query('UPDATE device_interface SET last_in = ?, last_out = ?, last_uptime = ?, last_at = ? WHERE device_id = ? AND if_index = ?', [
            c.inOctets.toString(), c.outOctets.toString(), o.read.uptime, o.at, o.deviceId, c.ifIndex,
          ]);
          // A restart (first reading, reboot, cleared counter) starts a new series: no sample, never a spike.
          if (inRate.kind !== 'rate' || outRate.kind !== 'rate') continue;
          samples.push([o.deviceId, c.ifIndex, Math.floor(o.at / 1000), Math.round(inRate.bps), Math.round(outRate.bps), Number(inRate.bytes), Number(outRate.bytes), Math.round(inRate.bps), Math.round(outRate.bps)]);
        }
      }
      // PostgreSQL: the samples go into the daily partitions of their time (made here when a day has none yet).
      await ensurePartitions(em, 'bw_sample', samples.map((sample) => sample[2] as number));
      for (let i = 0; i < samples.length; i += 100) {
        const chunk = samples.slice(i, i + 100);
        await em.query(
          `INSERT OR REPLACE INTO bw_sample (device_id, if_index, at, in_bps, out_bps, in_bytes, out_bytes, peak_in_bps, peak_out_bps) VALUES ${chunk.map(() => '(?,?,?,?,?,?,?,?,?)').join(',')}`,
          chunk.flat(),
        );
      }
    };
    if (options.em) await work(options.em);
    else await this.db.write(work);
    return { interfaces, failed };
  }

  /** Rolls samples into 5-minute, hourly and daily buckets (sums of bytes, averages and peaks of rates). */
  async rollup(): Promise<void> {
    const now = Math.floor(this.clock.now().getTime() / 1000);
    await this.db.write(async (em) => {
      const steps: [string, string, number, number][] = [
        ['bw_sample', 'bw_5m', 300, 8 * 86400],
        ['bw_5m', 'bw_1h', 3600, 32 * 86400],
        ['bw_1h', 'bw_1d', 86400, 400 * 86400],
      ];
      for (const [from, to, size, lookback] of steps) {
        await em.query(
          `INSERT OR REPLACE INTO ${to} (device_id, if_index, at, in_bps, out_bps, in_bytes, out_bytes, peak_in_bps, peak_out_bps)
           SELECT device_id, if_index, (at / ${size}) * ${size} AS bucket, CAST(AVG(in_bps) AS INTEGER), CAST(AVG(out_bps) AS INTEGER),
             SUM(in_bytes), SUM(out_bytes), MAX(peak_in_bps), MAX(peak_out_bps)
           FROM ${from} WHERE at >= ? AND at < ? GROUP BY device_id, if_index, bucket`,
          [now - lookback, Math.floor(now / size) * size],
        );
      }
      for (const [table, keep] of [['bw_sample', SAMPLE_RETENTION_DAYS], ['bw_5m', 31], ['bw_1h', 366], ['bw_1d', 5 * 366]] as const) {
        // PostgreSQL: raw samples are daily partitions; the days that end before the cut are dropped whole, and the
        // DELETE only trims the day the cut falls in (the next days' partitions are made ahead). SQLite: the DELETE.
        if (table === 'bw_sample' && this.db.dialect === 'postgres') {
          await ensurePartitionsAround(em, now);
          await dropPartitionsBefore(em, table, now - keep * 86400);
        }
        await em.query(`DELETE FROM ${table} WHERE at < ?`, [now - keep * 86400]);
      }
    });
  }

  async samples(query: { deviceId?: number; ifIndex?: number; customerId?: number; from: Date; to: Date }) {
    const days = (query.to.getTime() - query.from.getTime()) / 86_400_000;
    const resolution: 'raw' | '1h' | '1d' = days <= 7 ? 'raw' : days <= 62 ? '1h' : '1d';
    const table = resolution === 'raw' ? 'bw_sample' : resolution === '1h' ? 'bw_1h' : 'bw_1d';
    const where = ['s.at >= ?', 's.at <= ?'];
    const params: unknown[] = [Math.floor(query.from.getTime() / 1000), Math.floor(query.to.getTime() / 1000)];
    if (query.deviceId) {
      where.push('s.device_id = ?');
      params.push(query.deviceId);
    }
    if (query.ifIndex) {
      where.push('s.if_index = ?');
      params.push(query.ifIndex);
    }
    if (query.customerId) {
      where.push('i.subscription_id IN (SELECT id FROM subscription WHERE customer_id = ?)');
      params.push(query.customerId);
    }
    const rows = (await this.db.dataSource.query(
      `SELECT s.at, s.device_id AS deviceId, s.if_index AS ifIndex, i.name AS ifName, s.in_bps AS inBps, s.out_bps AS outBps, s.in_bytes AS inBytes, s.out_bytes AS outBytes
       FROM ${table} s JOIN device_interface i ON i.device_id = s.device_id AND i.if_index = s.if_index
       WHERE ${where.join(' AND ')} ORDER BY s.at, s.device_id, s.if_index LIMIT 20000`,
      params,
    )) as { at: number; deviceId: number; ifIndex: number; ifName: string; inBps: number; outBps: number; inBytes: number; outBytes: number }[];
    return { resolution, items: rows.map((r) => ({ ...r, at: new Date(r.at * 1000).toISOString() })) };
  }

  async top(from: Date, to: Date, limit: number) {
    const q = this.db.dataSource;
    const items = (await q.query(
      `SELECT s.device_id AS deviceId, d.name AS deviceName, s.if_index AS ifIndex, i.name AS ifName, i.subscription_id AS subscriptionId,
         c.name AS customerName, SUM(s.in_bytes) AS inBytes, SUM(s.out_bytes) AS outBytes,
         (SELECT in_bps FROM bw_sample x WHERE x.device_id = s.device_id AND x.if_index = s.if_index ORDER BY at DESC LIMIT 1) AS inBps,
         (SELECT out_bps FROM bw_sample x WHERE x.device_id = s.device_id AND x.if_index = s.if_index ORDER BY at DESC LIMIT 1) AS outBps
       FROM bw_sample s JOIN device d ON d.id = s.device_id JOIN device_interface i ON i.device_id = s.device_id AND i.if_index = s.if_index
       LEFT JOIN subscription sub ON sub.id = i.subscription_id LEFT JOIN customer c ON c.id = sub.customer_id
       WHERE s.at >= ? AND s.at <= ? GROUP BY s.device_id, s.if_index, d.name, i.name, i.subscription_id, c.name ORDER BY SUM(s.in_bytes + s.out_bytes) DESC LIMIT ?`,
      [Math.floor(from.getTime() / 1000), Math.floor(to.getTime() / 1000), limit],
    )) as { deviceId: number; deviceName: string; ifIndex: number; ifName: string; subscriptionId: number | null; customerName: string | null; inBytes: number; outBytes: number; inBps: number | null; outBps: number | null }[];
    // Throughput now: the latest sample of every monitored interface, within two poll intervals.
    const [now] = (await q.query(
      `SELECT COALESCE(SUM(in_bps), 0) AS inBps, COALESCE(SUM(out_bps), 0) AS outBps FROM bw_sample x
       WHERE x.at = (SELECT MAX(at) FROM bw_sample y WHERE y.device_id = x.device_id AND y.if_index = x.if_index) AND x.at >= ?`,
      [Math.floor(to.getTime() / 1000) - Math.round((2 * this.intervalMs) / 1000)],
    )) as [{ inBps: number; outBps: number }];
    return { totalInBps: now.inBps, totalOutBps: now.outBps, items: items.map((i) => ({ ...i, inBps: i.inBps ?? 0, outBps: i.outBps ?? 0 })) };
  }

  /** Usage per customer with mapped interfaces for one month. */
  async report(month: string, timeZone: string) {
    const from = new Date(startOfDateInZone(`${month}-01`, timeZone));
    const to = new Date(startOfDateInZone(addMonthsIso(`${month}-01`, 1), timeZone));
    const mapped = (await this.db.dataSource.query(
      `SELECT DISTINCT c.id, c.code, c.name FROM device_interface i JOIN subscription s ON s.id = i.subscription_id JOIN customer c ON c.id = s.customer_id ORDER BY c.code`,
    )) as { id: number; code: string; name: string }[];
    // Customers counted by RADIUS accounting that month are in the report too.
    const byId = new Map([...mapped, ...(await this.accounting.customers(from, to))].map((c) => [c.id, c]));
    const customers = [...byId.values()].sort((a, b) => a.code.localeCompare(b.code));
    const rows = [];
    for (const c of customers) {
      const summary = await this.customerSummary(c.id, from, to);
      rows.push({ customerId: c.id, code: c.code, name: c.name, planDownloadMbps: summary.planDownloadMbps, totalInGB: summary.totalInGB, totalOutGB: summary.totalOutGB, peakOutMbps: summary.peakOutMbps, p95OutMbps: summary.p95OutMbps, daysOverPlan: summary.daysOverPlan });
    }
    return rows;
  }

  /** Usage of a customer's interfaces from 5-minute data: totals, average, peak, 95th percentile, days over plan. */
  async customerSummary(customerId: number, from: Date, to: Date) {
    const [customer] = (await this.db.dataSource.query('SELECT id FROM customer WHERE id = ?', [customerId])) as unknown[];
    if (!customer) throw new AppError('NOT_FOUND', `Customer ${customerId} not found`);
    const fromS = Math.floor(from.getTime() / 1000);
    const toS = Math.floor(to.getTime() / 1000);
    const interfaces = (await this.db.dataSource.query(
      `SELECT i.device_id AS deviceId, i.if_index AS ifIndex, p.download_mbps AS planMbps FROM device_interface i
       JOIN subscription s ON s.id = i.subscription_id JOIN plan p ON p.id = s.plan_id WHERE s.customer_id = ?`,
      [customerId],
    )) as { deviceId: number; ifIndex: number; planMbps: number }[];
    const buckets = new Map<number, { inBps: number; outBps: number }>();
    let inBytes = 0;
    let outBytes = 0;
    for (const i of interfaces) {
      // Rolled-up 5-minute buckets, then the raw samples newer than the last rollup (bucketed the same way),
      // so traffic of the last minutes counts before the rollup job has run.
      const rows = (await this.db.dataSource.query(
        `WITH rolled AS (SELECT COALESCE(MAX(at), -1) AS last FROM bw_5m WHERE device_id = ?1 AND if_index = ?2)
         SELECT at, in_bps AS inBps, out_bps AS outBps, in_bytes AS inBytes, out_bytes AS outBytes FROM bw_5m
           WHERE device_id = ?1 AND if_index = ?2 AND at >= ?3 AND at < ?4
         UNION ALL
         SELECT (at / 300) * 300 AS bucket, CAST(AVG(in_bps) AS INTEGER), CAST(AVG(out_bps) AS INTEGER), SUM(in_bytes), SUM(out_bytes) FROM bw_sample
           WHERE device_id = ?1 AND if_index = ?2 AND at >= ?3 AND at <= ?4 AND at >= (SELECT last FROM rolled) + 300
           GROUP BY bucket`,
        [i.deviceId, i.ifIndex, fromS, toS],
      )) as { at: number; inBps: number; outBps: number; inBytes: number; outBytes: number }[];
      for (const r of rows) {
        const b = buckets.get(r.at) ?? { inBps: 0, outBps: 0 };
        b.inBps += r.inBps;
        b.outBps += r.outBps;
        buckets.set(r.at, b);
        inBytes += r.inBytes;
        outBytes += r.outBytes;
      }
    }
    // RADIUS accounting counts the customer's own bytes (Acct-Input = from the customer, like interface "in"): when there
    // are any in the period, they are the totals; peaks and percentiles stay those of the interfaces.
    const accounted = await this.accounting.ofCustomer(customerId, from, to);
    if (accounted) {
      inBytes = accounted.inputBytes;
      outBytes = accounted.outputBytes;
    }
    const ins = [...buckets.values()].map((b) => b.inBps);
    const outs = [...buckets.values()].map((b) => b.outBps);
    const planMbps = interfaces.length > 0 ? Math.max(...interfaces.map((i) => i.planMbps)) : null;
    // Interface "out" is traffic towards the customer: the download the plan sells.
    const overDays = new Set<number>();
    if (planMbps !== null) for (const [at, b] of buckets) if (b.outBps > planMbps * 1e6) overDays.add(Math.floor(at / 86400));
    const seconds = Math.max(1, toS - fromS);
    const mbps = (bps: number) => Math.round((bps / 1e6) * 1000) / 1000;
    const gb = (bytes: number) => Math.round(bytes / 1e3) / 1e6; // kB precision
    return {
      customerId,
      from: from.toISOString(),
      to: to.toISOString(),
      interfaces: interfaces.length,
      totalInGB: gb(inBytes),
      totalOutGB: gb(outBytes),
      avgInMbps: mbps((inBytes * 8) / seconds),
      avgOutMbps: mbps((outBytes * 8) / seconds),
      peakInMbps: mbps(Math.max(0, ...ins)),
      peakOutMbps: mbps(Math.max(0, ...outs)),
      p95InMbps: mbps(percentile(ins, 95)),
      p95OutMbps: mbps(percentile(outs, 95)),
      planDownloadMbps: planMbps,
      daysOverPlan: overDays.size,
    };
  }
}
