// The ping monitor: sweeps the monitored devices through the Pinger in a bounded pool (never overlapping),
// applies the state machine parents first, checks its own network before declaring anything down, and turns
// transitions into the network log, samples, outages on customers' timelines, alerts and live events.
import { CRITICAL_DEVICE_TYPES, type DeviceStatus } from '../../../shared/contract';
import { message, translator, type MessageRef } from '../../../shared/i18n/messages';
import type { AlertsService, RaiseInput } from '../alerts/service';
import { AUDIT_COLUMNS, HISTORY_COLUMNS, insertMany, updateMany } from '../billing/sql';
import type { Clock } from '../clock';
import type { EntityManager } from 'typeorm';
import { AppError } from '../../../shared/errors';
import type { Database } from '../db/database';
import type { MessageComposer } from '../messaging/compose';
import type { EventBus } from '../events';
import type { SettingsService } from '../settings/service';
import type { DevicesService, DeviceRow } from './devices';
import { recordState } from './availability';
import type { Pinger, ProbeResult } from './pinger';
import { evaluate, flapState, mayGoOffline, type DeviceState } from './state';

export interface SweepResult {
  checked: number;
  online: number;
  offline: number;
  unreachable: number;
  durationMs: number;
}

export const SELF_CHECK_KEY = 'monitor:self:network';
const DOWN: readonly DeviceStatus[] = ['offline', 'unreachable'];

/** Parent ids of `rows` not loaded yet (at most 500 per round). */
function parentsMissing(rows: readonly DeviceRow[], byId: ReadonlyMap<number, DeviceRow>): number[] {
  const missing = new Set<number>();
  for (const d of rows) if (d.parentId !== null && !byId.has(d.parentId)) missing.add(d.parentId);
  return [...missing].slice(0, 500);
}

function duration(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  if (minutes < 1) return `${Math.round(ms / 1000)} s`;
  if (minutes < 60) return `${minutes} min`;
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

/** The degraded alert's sentence: latency, loss, or both over the device's limits. */
function degradedText(d: DeviceRow, r: ProbeResult, slow: boolean, lossy: boolean): MessageRef {
  const who = { device: d.name, host: d.host };
  const latency = Math.round((r.avg ?? 0) * 10) / 10;
  if (slow && lossy) return message('alert.degradedBoth', { ...who, latency, latencyLimit: d.latencyWarnMs, loss: r.lossPct, lossLimit: d.lossWarnPct });
  if (slow) return message('alert.degradedLatency', { ...who, latency, limit: d.latencyWarnMs });
  return message('alert.degradedLoss', { ...who, loss: r.lossPct, limit: d.lossWarnPct });
}

/** Runs `work` over `items` with at most `limit` at a time; a slow item never holds up the others. */
export async function pool<T, R>(items: T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const runners = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index]!);
    }
  });
  await Promise.all(runners);
  return results;
}

/** Thrown inside a sweep's transaction to undo it: the batch it carries was applied before. */
export class DuplicateBatch extends Error {}

/** One device's result as a remote poller reports it. */
export interface RemoteResult {
  deviceId: number;
  result: ProbeResult;
}

export class Monitor {
  private running: Promise<SweepResult> | null = null;
  /** Sweeps of the site and batches of the pollers are applied one at a time: each reads the states the last wrote. */
  private serial: Promise<unknown> = Promise.resolve();
  private readonly changes = new Map<number, number[]>();
  private readonly flapping = new Set<number>();
  private degraded: Set<number> | null = null;

  constructor(
    private readonly db: Database,
    private readonly devices: DevicesService,
    private readonly alerts: AlertsService,
    private readonly events: EventBus,
    private readonly settings: SettingsService,
    private readonly clock: Clock,
    private pinger: Pinger,
    private readonly concurrency = 100,
    /** Outage notices to the customers behind the device, queued in the sweep's transaction. */
    private readonly messages: MessageComposer | null = null,
  ) {}

  usePinger(pinger: Pinger): void {
    this.pinger = pinger;
  }

  get pingerName(): string {
    return this.pinger.name;
  }

  /** Devices whose interval has passed. A sweep already running is joined, never doubled. */
  sweepDue(): Promise<SweepResult> {
    return this.exclusive(true);
  }

  /** Every monitored device now (the "check all" button). */
  sweepAll(): Promise<SweepResult> {
    return this.exclusive(false);
  }

  private exclusive(dueOnly: boolean): Promise<SweepResult> {
    if (this.running) return this.running;
    this.running = this.serially(() => this.sweep(dueOnly)).finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private serially<T>(work: () => Promise<T>): Promise<T> {
    const run = this.serial.then(work);
    this.serial = run.catch(() => undefined);
    return run;
  }

  /**
   * A remote poller's sweep: the results of its monitored devices, taken at `at`, through the same state machine,
   * log, outages and alerts as the site's own sweeps. `guard` runs first in the sweep's transaction (the batch id):
   * it throws DuplicateBatch to undo it. Results of devices no longer assigned to `pollerId` are ignored. The poller's
   * own network is not checked (it has no reference hosts): a POP that lost its uplink reaches no device and, until
   * the site calls the poller silent, its devices go down with it.
   */
  ingest(pollerId: number, at: Date, results: readonly RemoteResult[], guard: (em: EntityManager) => Promise<void>): Promise<{ applied: number }> {
    return this.serially(async () => {
      // The poller's devices and their ancestors (the parent rule), not the whole inventory: five pollers of 10,000.
      // A heartbeat (no results) loads none: it only runs the guard in a transaction.
      const all = results.length === 0 ? [] : await this.devices.rows('WHERE d.poller_id = ?', [pollerId]);
      const byId = new Map(all.map((d) => [d.id, d]));
      for (let missing = parentsMissing(all, byId); missing.length > 0; missing = parentsMissing(all, byId)) {
        const found = await this.devices.rows(`WHERE d.id IN (${missing.map(() => '?').join(',')})`, missing);
        for (const d of found) byId.set(d.id, d);
        all.push(...found);
        if (found.length < missing.length) break; // a parent that no longer exists: no row to follow
      }
      const observed = new Map<number, ProbeResult>();
      for (const r of results) {
        const d = byId.get(r.deviceId);
        if (d && d.pollerId === pollerId && d.monitored) observed.set(d.id, r.result);
      }
      const due = all.filter((d) => observed.has(d.id));
      const states = await this.evaluateAll(byId, observed, at, false);
      await this.apply(due, observed, states, at, null, guard);
      return { applied: due.length };
    });
  }

  private async probeAll(rows: DeviceRow[]): Promise<ProbeResult[]> {
    const targets = rows.map((d) => ({ host: d.host, options: { count: d.echoCount, timeoutMs: d.timeoutMs } }));
    if (this.pinger.probeMany) return this.pinger.probeMany(targets);
    return pool(targets, this.concurrency, (t) => this.pinger.probe(t.host, t.options));
  }

  private async sweep(dueOnly: boolean): Promise<SweepResult> {
    const started = performance.now();
    const now = this.clock.now();
    const all = await this.devices.rows();
    const byId = new Map(all.map((d) => [d.id, d]));
    // Devices of a remote poller are swept there; their results arrive as batches (ingest).
    const due = all.filter((d) => d.monitored && d.pollerId === null && (!dueOnly || !d.lastCheckAt || Date.parse(d.lastCheckAt) + d.intervalSec * 1000 <= now.getTime()));
    if (due.length === 0) return { checked: 0, online: 0, offline: 0, unreachable: 0, durationMs: 0 };
    const results = await this.probeAll(due);
    const observed = new Map(due.map((d, i) => [d.id, results[i]!]));
    const states = await this.evaluateAll(byId, observed, now);
    const summary = { checked: due.length, online: 0, offline: 0, unreachable: 0, durationMs: 0 };
    for (const d of due) {
      const status = states.get(d.id)!.status;
      if (status === 'online') summary.online++;
      else if (status === 'offline') summary.offline++;
      else if (status === 'unreachable') summary.unreachable++;
    }
    await this.apply(due, observed, states, now, null);
    summary.durationMs = Math.round(performance.now() - started);
    this.events.emit('monitor.sweep', summary);
    return summary;
  }

  /** The new state of every observed device, parents first; children of a changed parent follow it. */
  private async evaluateAll(byId: Map<number, DeviceRow>, observed: Map<number, ProbeResult>, now: Date, selfCheck = true) {
    const maintenance = await this.devices.inMaintenance(now);
    // Depth of each device in the parent tree, computed once per device (a batch of 10,000 sorts by it).
    const depths = new Map<number, number>();
    const depth = (d: DeviceRow): number => {
      const known = depths.get(d.id);
      if (known !== undefined) return known;
      let n = 0;
      for (let p = d.parentId; p !== null && n < 100; p = byId.get(p)?.parentId ?? null) n++;
      depths.set(d.id, n);
      return n;
    };
    const inMaintenance = (d: DeviceRow): boolean => {
      if (maintenance.size === 0) return false;
      for (let cur: DeviceRow | undefined = d, n = 0; cur && n < 100; cur = cur.parentId === null ? undefined : byId.get(cur.parentId), n++) {
        if (maintenance.has(cur.id)) return true;
      }
      return false;
    };
    const previous = (d: DeviceRow): DeviceState => ({ status: d.status, failures: d.consecutiveFailures });
    const threatened = [...observed.entries()].some(([id, r]) => !r.alive && mayGoOffline(previous(byId.get(id)!), byId.get(id)!.failThreshold) && !inMaintenance(byId.get(id)!));
    const networkLost = threatened && selfCheck ? await this.selfCheckFails() : false;

    // The observed devices, parents first; a parent not observed in this sweep keeps its last state.
    const states = new Map<number, DeviceState>();
    const order = [...observed.keys()].map((id) => byId.get(id)!).filter(Boolean);
    for (const d of order) depth(d);
    order.sort((a, b) => depths.get(a.id)! - depths.get(b.id)!);
    for (const d of order) {
      const result = observed.get(d.id)!;
      const parent = d.parentId === null ? undefined : byId.get(d.parentId);
      const parentState = parent === undefined ? null : states.get(parent.id) ?? previous(parent);
      states.set(
        d.id,
        evaluate(previous(d), {
          alive: result.alive,
          failThreshold: d.failThreshold,
          parentDown: DOWN.includes(parentState?.status ?? 'online'),
          inMaintenance: inMaintenance(d),
          networkLost,
        }),
      );
    }
    return states;
  }

  /** True when every reference host fails too: this console, not the network, is down. Off with no hosts. */
  private async selfCheckFails(): Promise<boolean> {
    const { pingReferenceHosts } = await this.settings.get();
    if (pingReferenceHosts.length === 0) return false;
    const results = await Promise.all(pingReferenceHosts.map((host) => this.pinger.probe(host, { count: 2, timeoutMs: 1000 })));
    const lost = results.every((r) => !r.alive);
    if (lost) {
      await this.alerts.raise(SELF_CHECK_KEY, {
        type: 'system',
        severity: 'critical',
        text: message('alert.selfCheck', { hosts: pingReferenceHosts.join(', ') }),
      });
    } else {
      await this.alerts.clear(SELF_CHECK_KEY);
    }
    return lost;
  }

  /** Writes the sweep in one transaction, then raises and clears alerts and announces changes. */
  private async apply(
    due: DeviceRow[],
    observed: Map<number, ProbeResult>,
    states: Map<number, DeviceState>,
    now: Date,
    manualBy: string | null,
    guard?: (em: EntityManager) => Promise<void>,
  ) {
    const at = now.toISOString();
    const epoch = Math.floor(now.getTime() / 1000);
    const us = (ms: number | null) => (ms === null ? null : Math.round(ms * 1000));
    const transitions: { device: DeviceRow; from: DeviceStatus; to: DeviceStatus }[] = [];
    const settings = await this.settings.get();
    const site = translator(settings.language, settings.timeZone);
    // The line as a key for readers, and in the site language in `message` for REST clients and the database.
    const line = (text: MessageRef) => [site.render(text), JSON.stringify(text)];
    /** Seconds of each outage this sweep ends: the `up` alert says the same duration as the timeline. */
    const outageSeconds = new Map<number, number>();
    const logged = new Set<number>();
    await this.db.write(async (em) => {
      if (guard) await guard(em);
      const logs: unknown[][] = [];
      const samples: unknown[][] = [];
      const updates: unknown[][] = [];
      const stateRows: unknown[][] = [];
      for (const d of due) {
        const r = observed.get(d.id)!;
        const state = states.get(d.id)!;
        const changed = state.status !== d.status;
        updates.push([d.id, state.status, changed ? at : d.statusSince, at, r.min, r.avg, r.max, r.lossPct, state.failures]);
        samples.push([d.id, epoch, us(r.min), us(r.avg), us(r.max), Math.round(r.lossPct)]);
        if (changed) {
          stateRows.push([d.id, epoch, state.status]);
          transitions.push({ device: d, from: d.status, to: state.status });
          logs.push([d.id, at, 'status', ...line(message('deviceLog.status', { from: d.status, to: state.status })), r.avg, r.lossPct]);
        }
        if (manualBy) {
          const text = r.alive
            ? message('deviceLog.checkReply', { by: manualBy, latency: Math.round((r.avg ?? 0) * 100) / 100, loss: r.lossPct })
            : message('deviceLog.checkNoReply', { by: manualBy });
          logs.push([d.id, at, 'check', ...line(text), r.avg, r.lossPct]);
        }
      }
      // One statement per 500 devices, not one per device: a poller's batch of 10,000 sets them all.
      await updateMany(em, 'device', 'id', ['status', 'status_since', 'last_check_at', 'last_min_ms', 'last_avg_ms', 'last_max_ms', 'last_loss_pct', 'consecutive_failures'], updates);
      // The availability timeline; a change within the same second as the last one replaces it (as recordState does).
      await insertMany(em, 'device_state', ['device_id', 'at', 'status'], stateRows).catch(async () => {
        for (const [id, , status] of stateRows) await recordState(em, id as number, now, status as DeviceStatus);
      });
      await insertMany(em, 'device_log', ['device_id', 'at', 'event', 'message', 'text', 'latency_ms', 'loss_pct'], logs);
      for (const l of logs) logged.add(l[0] as number);
      // Two sweeps within one second (a manual check right after a scheduled one) keep the first sample.
      await insertMany(em, 'sample', ['device_id', 'at', 'min_us', 'avg_us', 'max_us', 'loss'], samples).catch(async () => {
        for (const s of samples) await em.query('INSERT OR IGNORE INTO sample (device_id, at, min_us, avg_us, max_us, loss) VALUES (?, ?, ?, ?, ?, ?)', s);
      });
      for (const t of transitions) {
        const seconds = await this.recordOutage(em, t.device, t.from, t.to, at);
        if (seconds !== null) outageSeconds.set(t.device.id, seconds);
      }
    });
    if (logged.size > 0) this.events.emit('device.logged', { deviceIds: [...logged], at });
    for (const t of transitions) this.events.emit('device.status', { id: t.device.id, name: t.device.name, status: t.to, previous: t.from, at });
    await this.alertTransitions(transitions, now, settings.flapChanges, settings.flapWindowMin, outageSeconds);
    await this.alertLatency(due, observed, states);
    await this.settleFlapping(now, settings.flapWindowMin);
  }

  /**
   * An outage opens when a device goes offline and closes when it stops being offline; customers get both ends.
   * Returns the seconds of an outage it closes (null otherwise).
   */
  private async recordOutage(em: Parameters<Parameters<Database['write']>[0]>[0], device: DeviceRow, from: DeviceStatus, to: DeviceStatus, at: string): Promise<number | null> {
    if (to === 'offline' && from !== 'offline') {
      const customers = await this.devices.customers(device.id, em);
      await em.query('INSERT OR IGNORE INTO outage (device_id, started_at, affected_customers) VALUES (?, ?, ?)', [device.id, at, new Set(customers.map((c) => c.customerId)).size]);
      const rows = [...new Map(customers.map((c) => [c.customerId, c])).values()].map((c) => [
        at, null, 'system', c.customerId, 'device', device.id, 'outage.started', `No service: ${device.name} is down`, JSON.stringify({ device: { from: null, to: device.name }, startedAt: { from: null, to: at } }), null,
      ]);
      await insertMany(em, 'history', HISTORY_COLUMNS, rows);
      if (this.messages) {
        // Told only when the outage outlasts the delay: a blip ends first and its notices are skipped (below).
        const [opened] = (await em.query('SELECT id FROM outage WHERE device_id = ? AND ended_at IS NULL', [device.id])) as { id: number }[];
        const { outageNoticeDelayMin } = await this.settings.get();
        const notBefore = new Date(Date.parse(at) + outageNoticeDelayMin * 60_000);
        await this.messages.customers(em, [...new Set(customers.map((c) => c.customerId))].map((customerId) => ({
          event: 'outageStarted' as const, customerId, cause: `outage:${opened!.id}`, deviceId: device.id, notBefore,
          params: { area: device.location || device.name, since: { clock: at } },
        })));
      }
    } else if (from === 'offline' && to !== 'offline') {
      const [outage] = (await em.query('SELECT id, started_at AS startedAt FROM outage WHERE device_id = ? AND ended_at IS NULL', [device.id])) as { id: number; startedAt: string }[];
      if (!outage) return null;
      await em.query('UPDATE outage SET ended_at = ? WHERE id = ?', [at, outage.id]);
      const customers = await this.devices.customers(device.id, em);
      const seconds = Math.round((Date.parse(at) - Date.parse(outage.startedAt)) / 1000);
      const rows = [...new Map(customers.map((c) => [c.customerId, c])).values()].map((c) => [
        at, null, 'system', c.customerId, 'device', device.id, 'outage.ended', `Service back after ${duration(seconds * 1000)} (${device.name})`,
        JSON.stringify({ device: { from: null, to: device.name }, startedAt: { from: null, to: outage.startedAt }, endedAt: { from: null, to: at }, durationSec: { from: null, to: seconds } }), null,
      ]);
      await insertMany(em, 'history', HISTORY_COLUMNS, rows);
      await insertMany(em, 'audit_log', AUDIT_COLUMNS, [[at, null, 'system', 'outage.ended', 'device', String(device.id), JSON.stringify({ startedAt: outage.startedAt, endedAt: at })]]);
      if (this.messages) {
        // A notice still waiting for the delay is not sent; "restored" goes only to those told of the outage.
        await em.query(`UPDATE outbox SET status = 'skipped', reason = 'outageShort' WHERE event = 'outageStarted' AND status = 'queued' AND dedupe_key LIKE ?`, [`outageStarted:outage:${outage.id}:%`]);
        const told = (await em.query(`SELECT DISTINCT customer_id AS customerId FROM outbox WHERE event = 'outageStarted' AND status IN ('sent', 'sending') AND dedupe_key LIKE ?`, [`outageStarted:outage:${outage.id}:%`])) as { customerId: number }[];
        await this.messages.customers(em, told.map(({ customerId }) => ({
          event: 'outageEnded' as const, customerId, cause: `outage:${outage.id}`, deviceId: device.id,
          params: { area: device.location || device.name, since: { clock: outage.startedAt }, restoredAt: { clock: at }, duration: { sec: seconds } },
        })));
      }
      return seconds;
    }
    return null;
  }

  /**
   * The alerts of a sweep's transitions, in a few statements for all of them (a POP that goes dark turns 10,000
   * devices at once): per device in the same order as one at a time — flapping, then down, or resolved and up.
   */
  private async alertTransitions(
    transitions: readonly { device: DeviceRow; from: DeviceStatus; to: DeviceStatus }[],
    now: Date,
    flapChanges: number,
    flapWindowMin: number,
    outageSeconds: ReadonlyMap<number, number> = new Map(),
  ) {
    const flaps: [string, RaiseInput][] = [];
    const downs: { device: DeviceRow }[] = [];
    const ups: { device: DeviceRow; to: DeviceStatus }[] = [];
    for (const { device, from, to } of transitions) {
      const who = { device: device.name, host: device.host };
      // Flapping counts the changes into and out of offline.
      if ((from === 'offline') !== (to === 'offline')) {
        const history = [...(this.changes.get(device.id) ?? []), now.getTime()];
        const { recent, flapping } = flapState(history, now.getTime(), flapWindowMin * 60_000, flapChanges);
        this.changes.set(device.id, recent);
        if (flapping && !this.flapping.has(device.id)) {
          this.flapping.add(device.id);
          flaps.push([`device:${device.id}:flapping`, { type: 'device_flapping', severity: 'warning', deviceId: device.id, text: message('alert.flapping', { ...who, count: recent.length, minutes: flapWindowMin }) }]);
        }
      }
      if (this.flapping.has(device.id)) continue; // reported once as flapping, not once per change
      if (to === 'offline') downs.push({ device });
      else if (from === 'offline') ups.push({ device, to });
    }
    await this.alerts.raiseMany(flaps);
    if (downs.length > 0) {
      const affected = new Map<number, number>();
      for (let i = 0; i < downs.length; i += 500) {
        const ids = downs.slice(i, i + 500).map((d) => d.device.id);
        const rows = (await this.db.dataSource.query(`SELECT device_id AS deviceId, affected_customers AS n FROM outage WHERE ended_at IS NULL AND device_id IN (${ids.map(() => '?').join(',')})`, ids)) as { deviceId: number; n: number }[];
        for (const r of rows) affected.set(r.deviceId, r.n);
      }
      await this.alerts.raiseMany(
        downs.map(({ device }) => {
          const who = { device: device.name, host: device.host };
          const n = affected.get(device.id) ?? 0;
          return [`device:${device.id}:down`, {
            type: 'device_down', severity: CRITICAL_DEVICE_TYPES.includes(device.type) ? 'critical' : 'warning', deviceId: device.id,
            text: n > 0 ? message('alert.downAffected', { ...who, count: n }) : message('alert.down', who),
          }] as [string, RaiseInput];
        }),
      );
    }
    if (ups.length > 0) {
      const resolved = new Map((await this.alerts.clearMany(ups.map(({ device }) => `device:${device.id}:down`))).map((a) => [a.deviceId, a]));
      await this.alerts.raiseMany(
        ups
          .filter(({ to }) => to === 'online')
          .map(({ device }) => {
            // The outage's own seconds when it had one, so the alert and the customers' timeline say the same.
            const down = resolved.get(device.id);
            const since = down ? Date.parse(down.firstSeenAt) : Date.parse(device.statusSince ?? now.toISOString());
            const sec = outageSeconds.get(device.id) ?? Math.round((now.getTime() - since) / 1000);
            return [`device:${device.id}:up`, { type: 'device_up', severity: 'info', deviceId: device.id, text: message('alert.up', { device: device.name, host: device.host, sec }) }] as [string, RaiseInput];
          }),
      );
    }
  }

  /** Flapping ends after a quiet window: the alert resolves, and a device left offline is reported as down. */
  private async settleFlapping(now: Date, flapWindowMin: number) {
    for (const id of [...this.flapping]) {
      const recent = (this.changes.get(id) ?? []).filter((t) => now.getTime() - t < flapWindowMin * 60_000);
      if (recent.length > 0) continue;
      this.flapping.delete(id);
      await this.alerts.clear(`device:${id}:flapping`);
      const device = await this.devices.row(id).catch(() => null);
      if (device?.status === 'offline') await this.alertTransitions([{ device, from: 'online', to: 'offline' }], now, Number.MAX_SAFE_INTEGER, flapWindowMin);
    }
  }

  private async alertLatency(due: DeviceRow[], observed: Map<number, ProbeResult>, states: Map<number, DeviceState>) {
    if (!this.degraded) {
      const open = await this.alerts.list('admin', { type: 'device_degraded', status: 'unresolved', page: 1, pageSize: 5000 });
      this.degraded = new Set(open.items.map((a) => a.deviceId!).filter(Boolean));
    }
    for (const d of due) {
      const r = observed.get(d.id)!;
      const online = states.get(d.id)!.status === 'online';
      const slow = d.latencyWarnMs !== null && r.avg !== null && r.avg > d.latencyWarnMs;
      const lossy = d.lossWarnPct !== null && r.lossPct > d.lossWarnPct;
      if (online && (slow || lossy)) {
        this.degraded.add(d.id);
        await this.alerts.raise(`device:${d.id}:degraded`, {
          type: 'device_degraded', severity: 'warning', deviceId: d.id,
          text: degradedText(d, r, slow, lossy),
        });
      } else if (this.degraded.has(d.id)) {
        this.degraded.delete(d.id);
        await this.alerts.clear(`device:${d.id}:degraded`);
      }
    }
  }

  /** "Ping now" for one device: the same rules, logged as a manual check. */
  async check(deviceId: number, by: string) {
    const all = await this.devices.rows();
    const byId = new Map(all.map((d) => [d.id, d]));
    const device = byId.get(deviceId);
    if (!device) return null;
    if (device.pollerId !== null) {
      throw new AppError('CONFLICT', `${device.name} is watched by poller ${device.pollerName ?? device.pollerId}: this site cannot reach it; its next result comes from the poller`, { pollerId: device.pollerId });
    }
    const [result] = await this.probeAll([device]);
    const now = this.clock.now();
    const observed = new Map([[device.id, result!]]);
    const states = await this.evaluateAll(byId, observed, now);
    await this.apply([device], observed, states, now, by);
    return { reachable: result!.alive, latencyMs: result!.avg, lossPct: result!.lossPct, status: states.get(device.id)!.status };
  }
}
