// The monitor with a fake pinger and a fake clock: thresholds, parents, maintenance, flapping, the
// self-check, latency warnings, outages on customers' timelines, rollups and retention.
import { afterEach, describe, expect, it } from 'vitest';
import type { DeviceType } from '../../src/shared/contract';
import { FakeClock } from '../../src/main/core/clock';
import type { Pinger, ProbeResult } from '../../src/main/core/monitoring/pinger';
import { evaluate, type DeviceState } from '../../src/main/core/monitoring/state';
import { admin, plan, subscriber } from '../billing-fixtures';
import { makeCore, type TestCore } from '../helpers';
import { message, translator } from '../../src/shared/i18n/messages';

class FakePinger implements Pinger {
  readonly name = 'fake';
  readonly down = new Set<string>();
  readonly slow = new Map<string, number>();
  calls = 0;

  async probe(host: string): Promise<ProbeResult> {
    this.calls++;
    if (this.down.has(host)) return { alive: false, min: null, avg: null, max: null, lossPct: 100 };
    const ms = this.slow.get(host) ?? 1.5;
    return { alive: true, min: ms * 0.8, avg: ms, max: ms * 1.3, lossPct: 0 };
  }
}

let t: TestCore;
let pinger: FakePinger;
afterEach(() => t?.close());

async function start() {
  pinger = new FakePinger();
  t = await makeCore({ clock: new FakeClock('2026-11-27T03:00:00Z'), pinger });
  return t.core;
}

async function device(name: string, host: string, extra: { type?: DeviceType; parentId?: number | null; subscriptionIds?: number[]; latencyWarnMs?: number | null } = {}) {
  return t.core.devices.create(admin, {
    name, host, type: extra.type ?? 'router', location: 'POP Bekasi', parentId: extra.parentId ?? null, subscriptionIds: extra.subscriptionIds ?? [],
    monitored: true, intervalSec: 60, echoCount: 3, timeoutMs: 1000, failThreshold: 3, latencyWarnMs: extra.latencyWarnMs ?? null, lossWarnPct: null, notes: '',
  });
}

/** One sweep a minute later. */
async function minute() {
  t.clock.advance(60_000);
  return t.core.monitor.sweepDue();
}

const status = async (id: number) => (await t.core.devices.get(id)).status;
const openAlerts = async (type?: string) => (await t.core.alerts.list('admin', { status: 'open', page: 1, pageSize: 100 })).items.filter((a) => !type || a.type === type);

describe('state machine', () => {
  const base = { alive: false, failThreshold: 3, parentDown: false, inMaintenance: false, networkLost: false };
  it.each([
    [{ status: 'online', failures: 0 }, base, { status: 'online', failures: 1 }],
    [{ status: 'online', failures: 2 }, base, { status: 'offline', failures: 3 }],
    [{ status: 'offline', failures: 5 }, { ...base, alive: true }, { status: 'online', failures: 0 }],
    [{ status: 'online', failures: 0 }, { ...base, parentDown: true }, { status: 'unreachable', failures: 1 }],
    [{ status: 'online', failures: 2 }, { ...base, inMaintenance: true }, { status: 'maintenance', failures: 3 }],
    [{ status: 'maintenance', failures: 1 }, base, { status: 'unknown', failures: 2 }],
    [{ status: 'online', failures: 2 }, { ...base, networkLost: true }, { status: 'online', failures: 2 }],
    [{ status: 'unknown', failures: 0 }, { ...base, alive: true, inMaintenance: true }, { status: 'maintenance', failures: 0 }],
  ] as [DeviceState, typeof base, DeviceState][])('%o with %o → %o', (previous, ctx, next) => {
    expect(evaluate(previous, ctx)).toEqual(next);
  });
});

describe('monitor', () => {
  it('goes offline only after three failed sweeps, back online on one success, with the outage duration', async () => {
    const core = await start();
    const olt = await device('OLT Bekasi', '127.0.1.1', { type: 'olt' });
    await minute();
    expect(await status(olt.id)).toBe('online');
    pinger.down.add('127.0.1.1');
    await minute();
    await minute();
    expect(await status(olt.id)).toBe('online');
    expect(await openAlerts('device_down')).toHaveLength(0);
    await minute();
    expect(await status(olt.id)).toBe('offline');
    const [down] = await openAlerts('device_down');
    // Stored as a key; `message` is the site language (Indonesian by default).
    expect(down).toMatchObject({ severity: 'critical', deviceId: olt.id, text: message('alert.down', { device: 'OLT Bekasi', host: '127.0.1.1' }), message: 'OLT Bekasi (127.0.1.1) mati' });
    await minute();
    expect((await openAlerts('device_down'))[0]!.count).toBe(1); // no repeat while it stays down
    t.clock.advance(10 * 60_000);
    pinger.down.clear();
    await minute();
    expect(await status(olt.id)).toBe('online');
    expect(await openAlerts('device_down')).toHaveLength(0);
    const [up] = await openAlerts('device_up');
    expect(up!.text).toEqual(message('alert.up', { device: 'OLT Bekasi', host: '127.0.1.1', sec: 12 * 60 }));
    expect(translator('en', 'Asia/Jakarta').render(up!.text)).toBe('OLT Bekasi (127.0.1.1) is back up after 12 mins');
    expect(up!.message).toBe('OLT Bekasi (127.0.1.1) hidup kembali setelah 12 mnt');
    const log = await core.eventLog.ofDevice(olt.id, 1, 10);
    const changes = log.items.filter((l) => l.event === 'status');
    expect(changes.map((l) => l.text.params)).toEqual([{ from: 'offline', to: 'online' }, { from: 'online', to: 'offline' }, { from: 'unknown', to: 'online' }]);
    expect(changes.map((l) => l.message)).toEqual(['Mati → Online', 'Online → Mati', 'Tak diketahui → Online']);
    expect(changes.map((l) => translator('en', 'UTC').render(l.text))).toEqual(['Offline → Online', 'Online → Offline', 'Unknown → Online']);
  });

  it('marks children of a down parent unreachable without alerts of their own, and names the affected customers', async () => {
    const core = await start();
    const home = await plan(core);
    const a = await subscriber(core, home.id, '2026-11-01');
    const b = await subscriber(core, home.id, '2026-11-01');
    const router = await device('Core router', '127.0.2.1');
    const ap = await device('AP Perum Griya', '127.0.2.2', { type: 'access_point', parentId: router.id, subscriptionIds: [a.subscription.id, b.subscription.id] });
    await minute();
    pinger.down.add('127.0.2.1');
    pinger.down.add('127.0.2.2');
    for (let i = 0; i < 3; i++) await minute();
    expect(await status(router.id)).toBe('offline');
    expect(await status(ap.id)).toBe('unreachable');
    const down = await openAlerts('device_down');
    expect(down.map((x) => x.text)).toEqual([message('alert.downAffected', { device: 'Core router', host: '127.0.2.1', count: 2 })]);
    expect(down.map((x) => translator('en', 'UTC').render(x.text))).toEqual(['Core router (127.0.2.1) is down — 2 customers affected']);
    expect(down.map((x) => x.message)).toEqual(['Core router (127.0.2.1) mati — 2 pelanggan terdampak']);
    expect((await core.devices.customers(router.id)).map((c) => c.customerId).sort()).toEqual([a.customer.id, b.customer.id].sort());
    const stats = await core.devices.stats();
    expect(stats.outages).toEqual([{ deviceId: router.id, name: 'Core router', since: expect.any(String), affectedCustomers: 2 }]);
    pinger.down.clear();
    t.clock.advance(25 * 60_000);
    await minute();
    const timeline = (await core.customers.historyOf(a.customer.id, 1, 10, 'admin')).items;
    expect(timeline[0]).toMatchObject({ kind: 'outage.ended', changes: { durationSec: { to: 26 * 60 } } });
    // The up alert says the outage's own duration: the same seconds as the customers' timeline.
    expect((await openAlerts('device_up')).map((x) => x.text.params.sec)).toEqual([26 * 60]);
    expect(timeline[1]).toMatchObject({ kind: 'outage.started', summary: 'No service: Core router is down' });
  });

  it('raises nothing for a device in maintenance or under one', async () => {
    const core = await start();
    const router = await device('Router Cikarang', '127.0.3.1');
    const cpe = await device('CPE Budi', '127.0.3.2', { type: 'cpe', parentId: router.id });
    await core.devices.addMaintenance(admin, router.id, '2026-11-27T03:00:00Z', '2026-11-27T05:00:00Z', 'Ganti UPS');
    pinger.down.add('127.0.3.1');
    pinger.down.add('127.0.3.2');
    for (let i = 0; i < 5; i++) await minute();
    expect([await status(router.id), await status(cpe.id)]).toEqual(['maintenance', 'maintenance']);
    expect(await openAlerts()).toHaveLength(0);
  });

  it('reports a flapping device once instead of every change', async () => {
    const core = await start();
    await core.settings.update(admin, { flapChanges: 3, flapWindowMin: 30 });
    const ap = await device('AP Tower 3', '127.0.4.1', { type: 'access_point' });
    await core.devices.update(admin, ap.id, { failThreshold: 1 });
    for (let i = 0; i < 8; i++) {
      if (i % 2) pinger.down.delete('127.0.4.1');
      else pinger.down.add('127.0.4.1');
      await minute();
    }
    const flapping = await openAlerts('device_flapping');
    expect(flapping).toHaveLength(1);
    expect(flapping[0]!.count).toBe(1);
    const downs = (await t.core.alerts.list('admin', { type: 'device_down', page: 1, pageSize: 50 })).total;
    expect(downs).toBeLessThanOrEqual(2);
  });

  it('checks its own network first: when the reference hosts fail too, one system alert and no device alerts', async () => {
    const core = await start();
    await core.settings.update(admin, { pingReferenceHosts: ['127.0.5.254', '127.0.5.253'] });
    const routers = await Promise.all(Array.from({ length: 20 }, (_, i) => device(`BTS ${i}`, `127.0.5.${i + 1}`)));
    await minute();
    for (let i = 1; i <= 20; i++) pinger.down.add(`127.0.5.${i}`);
    pinger.down.add('127.0.5.254');
    pinger.down.add('127.0.5.253');
    for (let i = 0; i < 4; i++) await minute();
    expect(await openAlerts('device_down')).toHaveLength(0);
    const system = await openAlerts('system');
    expect(system).toHaveLength(1);
    expect(system[0]!.text).toEqual(message('alert.selfCheck', { hosts: '127.0.5.254, 127.0.5.253' }));
    expect(translator('en', 'UTC').render(system[0]!.text)).toMatch(/lost its network/);
    expect(await status(routers[0]!.id)).toBe('online');
    // the console's network is back but the BTS really are down
    pinger.down.delete('127.0.5.254');
    for (let i = 0; i < 3; i++) await minute();
    expect(await openAlerts('system')).toHaveLength(0);
    expect(await openAlerts('device_down')).toHaveLength(20);
  });

  it('warns about latency over the threshold and clears when it recovers', async () => {
    const core = await start();
    const link = await device('Backhaul Karawang', '127.0.6.1', { latencyWarnMs: 50 });
    pinger.slow.set('127.0.6.1', 120);
    await minute();
    const [slow] = await openAlerts('device_degraded');
    expect(translator('en', 'UTC').render(slow!.text)).toBe('Backhaul Karawang (127.0.6.1): latency 120 ms over 50 ms');
    expect(slow!.message).toBe('Backhaul Karawang (127.0.6.1): latensi 120 ms melebihi 50 ms');
    pinger.slow.set('127.0.6.1', 10);
    await minute();
    expect(await openAlerts('device_degraded')).toHaveLength(0);
    expect((await core.devices.get(link.id)).lastLatencyMs).toEqual({ min: 8, avg: 10, max: 13 });
  });

  it('refuses a parent loop and a host that is not one', async () => {
    const core = await start();
    const a = await device('A', '127.0.7.1');
    const b = await device('B', '127.0.7.2', { parentId: a.id });
    await expect(core.devices.update(admin, a.id, { parentId: b.id })).rejects.toMatchObject({ code: 'VALIDATION_FAILED', details: { fields: [{ field: 'parentId' }] } });
    await expect(core.devices.update(admin, a.id, { parentId: a.id })).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
  });

  it('never runs two sweeps at once: a second call joins the running one', async () => {
    const core = await start();
    await device('R1', '127.0.8.1');
    const [x, y] = await Promise.all([core.monitor.sweepAll(), core.monitor.sweepAll()]);
    expect(x).toBe(y);
    expect(pinger.calls).toBe(1);
  });
});

describe('samples', () => {
  it('rolls raw samples into 5-minute and hourly buckets, picks the resolution by range, and prunes old data', async () => {
    const core = await start();
    const r = await device('R', '127.0.10.1');
    t.clock.set('2026-11-27T00:00:00Z');
    for (let i = 0; i < 120; i++) {
      pinger.slow.set('127.0.10.1', 1 + (i % 5));
      await minute();
    }
    await core.rollup.run();
    const raw = await core.devices.latency(r.id, new Date('2026-11-27T00:00:00Z'), new Date('2026-11-27T02:00:00Z'));
    expect(raw.resolution).toBe('raw');
    expect(raw.points).toHaveLength(120);
    const week = await core.devices.latency(r.id, new Date('2026-11-22T00:00:00Z'), new Date('2026-11-28T00:00:00Z'));
    expect(week.resolution).toBe('5m');
    expect(week.points).toHaveLength(24);
    expect(week.points[0]).toMatchObject({ at: '2026-11-27T00:00:00.000Z', min: expect.any(Number), lossPct: 0 });
    const year = await core.devices.latency(r.id, new Date('2026-01-01T00:00:00Z'), new Date('2026-12-01T00:00:00Z'));
    expect(year.resolution).toBe('1h');
    expect(year.points).toHaveLength(2);
    // the hourly average is the mean of that hour's raw samples (weighted by samples, not by buckets)
    const firstHour = raw.points.filter((p) => p.at < '2026-11-27T01:00:00.000Z');
    const mean = firstHour.reduce((sum, p) => sum + p.avg!, 0) / firstHour.length;
    expect(year.points[0]!.avg).toBeCloseTo(mean, 2);
    t.clock.set('2026-12-10T00:00:00Z');
    await core.rollup.run();
    const after = await core.db.dataSource.query('SELECT (SELECT COUNT(*) FROM sample) AS raw, (SELECT COUNT(*) FROM sample_5m) AS m5, (SELECT COUNT(*) FROM sample_1h) AS h1');
    expect(after).toEqual([{ raw: 0, m5: 24, h1: 2 }]);
  });

  it('keeps a year of state history, and the last state before it, so availability still knows where it started', async () => {
    const core = await start();
    const r = await device('R', '127.0.10.2');
    const day = (iso: string) => Math.floor(new Date(iso).getTime() / 1000);
    await core.db.dataSource.query('DELETE FROM device_state WHERE device_id = ?', [r.id]);
    for (const [at, status] of [['2025-01-01', 'unknown'], ['2025-02-01', 'online'], ['2025-03-01', 'offline'], ['2025-12-20', 'online'], ['2026-06-01', 'offline']] as const) {
      await core.db.dataSource.query('INSERT INTO device_state (device_id, at, status) VALUES (?, ?, ?)', [r.id, day(`${at}T00:00:00Z`), status]);
    }
    t.clock.set('2026-12-10T00:00:00Z');
    await core.rollup.run();
    const kept = (await core.db.dataSource.query('SELECT at, status FROM device_state WHERE device_id = ? ORDER BY at', [r.id])) as { at: number; status: string }[];
    // The cut is 2025-12-09: the rows of January and February go, March's 'offline' stays as the state at the cut.
    expect(kept).toEqual([
      { at: day('2025-03-01T00:00:00Z'), status: 'offline' },
      { at: day('2025-12-20T00:00:00Z'), status: 'online' },
      { at: day('2026-06-01T00:00:00Z'), status: 'offline' },
    ]);
  });
});
