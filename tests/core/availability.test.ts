// Availability from the state history with a fake clock and a fake pinger, the heartbeat strip's checks and
// the map's points: a device created 2 h ago, an outage straddling the window start, maintenance, a parent down.
import { afterEach, describe, expect, it } from 'vitest';
import { FakeClock } from '../../src/main/core/clock';
import { percentOf, tally } from '../../src/main/core/monitoring/availability';
import type { Pinger, ProbeResult } from '../../src/main/core/monitoring/pinger';
import { admin, plan, subscriber } from '../billing-fixtures';
import { makeCore, type TestCore } from '../helpers';

class FakePinger implements Pinger {
  readonly name = 'fake';
  readonly down = new Set<string>();
  readonly slow = new Map<string, number>();
  async probe(host: string): Promise<ProbeResult> {
    if (this.down.has(host)) return { alive: false, min: null, avg: null, max: null, lossPct: 100 };
    const ms = this.slow.get(host) ?? 2;
    return { alive: true, min: ms, avg: ms, max: ms, lossPct: 0 };
  }
}

const MIN = 60;
const HOUR = 3600;
const T0 = '2026-11-27T03:00:00Z';
let t: TestCore;
let pinger: FakePinger;
afterEach(() => t?.close());

async function start() {
  pinger = new FakePinger();
  t = await makeCore({ clock: new FakeClock(T0), pinger });
  return t.core;
}

function device(name: string, host: string, extra: { parentId?: number | null; subscriptionIds?: number[]; latencyWarnMs?: number | null; latitude?: number | null; longitude?: number | null } = {}) {
  return t.core.devices.create(admin, {
    name, host, type: 'router', location: '', parentId: extra.parentId ?? null, subscriptionIds: extra.subscriptionIds ?? [], latitude: extra.latitude ?? null,
    longitude: extra.longitude ?? null, monitored: true, intervalSec: 60, echoCount: 1, timeoutMs: 1000, failThreshold: 1, latencyWarnMs: extra.latencyWarnMs ?? null,
    lossWarnPct: null, notes: '',
  });
}

/** Moves the clock to `seconds` after T0 and sweeps every device that is due. */
async function sweepAt(seconds: number) {
  t.clock.set(new Date(Date.parse(T0) + seconds * 1000));
  await t.core.monitor.sweepDue();
}

async function windows(id: number) {
  return Object.fromEntries([...(await t.core.availability.of([id])).get(id)!].map((w) => [w.window, w]));
}

describe('tally and percentOf', () => {
  const iv = (start: number, end: number, status: 'online' | 'offline' | 'unreachable' | 'maintenance' | 'unknown') => ({ deviceId: 1, start, end, status });
  it.each([
    ['all up', [iv(0, 100, 'online')], [], 0, 100, { upSec: 100, downSec: 0, excludedSec: 0 }],
    ['outage straddling the window start counts only its part inside', [iv(-50, 20, 'offline'), iv(20, 100, 'online')], [], 0, 100, { upSec: 80, downSec: 20, excludedSec: 0 }],
    ['unreachable and unknown excluded', [iv(0, 10, 'unknown'), iv(10, 40, 'unreachable'), iv(40, 100, 'online')], [], 0, 100, { upSec: 60, downSec: 0, excludedSec: 40 }],
    ['a planned window takes time out of an outage', [iv(0, 50, 'online'), iv(50, 100, 'offline')], [[40, 70]], 0, 100, { upSec: 40, downSec: 30, excludedSec: 30 }],
    ['device younger than the window: time before its creation is not counted', [iv(90, 100, 'online')], [], 0, 100, { upSec: 10, downSec: 0, excludedSec: 0 }],
  ] as const)('%s', (_name, intervals, maintenance, from, to, expected) => {
    expect(tally([...intervals], maintenance.map((m) => [...m] as [number, number]), from, to)).toEqual(expected);
  });

  it.each([
    [0, 0, null],
    [100, 0, 100],
    [0, 5, 0],
    [99_999, 1, 99.99],
    [3, 1, 75],
  ])('up %i s, down %i s → %s %%', (up, down, pct) => {
    expect(percentOf(up, down)).toBe(pct);
  });
});

describe('availability from the state history', () => {
  it('counts a device created 2 h ago from its creation: 1 min unknown, 89 min up, 30 min down', async () => {
    await start();
    const d = await device('Core', '127.0.3.1');
    await sweepAt(MIN);
    pinger.down.add('127.0.3.1');
    await sweepAt(90 * MIN);
    await sweepAt(2 * HOUR);
    const w = await windows(d.id);
    expect(w['24h']).toMatchObject({ upSec: 89 * MIN, downSec: 30 * MIN, excludedSec: MIN, pct: Math.floor((89 / 119) * 10_000) / 100 });
    expect(w['30d']!.pct).toBe(w['24h']!.pct);
    expect(w['24h']!.from).toBe(new Date(Date.parse(T0) + 2 * HOUR * 1000 - 86_400_000).toISOString());
  });

  it('cuts an outage that straddles the window start at the window start', async () => {
    await start();
    const d = await device('Core', '127.0.3.2');
    await sweepAt(MIN);
    pinger.down.add('127.0.3.2');
    await sweepAt(2 * HOUR); // down from T0+2h
    pinger.down.clear();
    await sweepAt(25 * HOUR); // up again after 23 h
    t.clock.set(new Date(Date.parse(T0) + 26 * HOUR * 1000));
    const w = await windows(d.id);
    // 24 h window = [T0+2h, T0+26h]: 23 h down, 1 h up.
    expect(w['24h']).toMatchObject({ upSec: HOUR, downSec: 23 * HOUR, excludedSec: 0, pct: 4.16 });
    expect(w['7d']).toMatchObject({ upSec: 3 * HOUR - MIN, downSec: 23 * HOUR, excludedSec: MIN });
  });

  it('leaves planned maintenance and time behind a down parent out', async () => {
    const core = await start();
    const parent = await device('Core', '127.0.3.3');
    const child = await device('AP', '127.0.3.4', { parentId: parent.id });
    await sweepAt(MIN);
    await core.devices.addMaintenance(admin, parent.id, new Date(Date.parse(T0) + 60 * MIN * 1000).toISOString(), new Date(Date.parse(T0) + 90 * MIN * 1000).toISOString(), 'Firmware upgrade');
    pinger.down.add('127.0.3.3');
    pinger.down.add('127.0.3.4');
    await sweepAt(30 * MIN); // parent offline from T0+30m, child unreachable
    await sweepAt(61 * MIN); // in the window: both maintenance
    pinger.down.clear();
    await sweepAt(91 * MIN); // after: both online
    t.clock.set(new Date(Date.parse(T0) + 121 * MIN * 1000));
    const p = await windows(parent.id);
    // Parent: up 1–30 and 91–121 (59 min); offline 30–61 but the window 60–90 removes 1 min: 30 min down.
    expect(p['24h']).toMatchObject({ upSec: 59 * MIN, downSec: 30 * MIN });
    const c = await windows(child.id);
    expect(c['24h']).toMatchObject({ upSec: 59 * MIN, downSec: 0, pct: 100 });
    expect(c['24h']!.excludedSec).toBe(62 * MIN);
  });

  it('has no percentage for a device never checked', async () => {
    await start();
    const d = await device('New', '127.0.3.5');
    t.clock.advance(HOUR * 1000);
    expect((await windows(d.id))['24h']).toMatchObject({ pct: null, upSec: 0, downSec: 0, excludedSec: HOUR });
  });

  it('computes 1,000 devices with a month of changes in well under a second', async () => {
    const core = await start();
    const now = Math.floor(Date.parse(T0) / 1000);
    await core.db.write(async (em) => {
      await em.query(
        `WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 999)
         INSERT INTO device (name, type, host, interval_sec, echo_count, timeout_ms, fail_threshold, created_at, updated_at)
         SELECT 'cpe-' || i, 'cpe', '10.0.' || (i / 256) || '.' || (i % 256), 60, 1, 1000, 3, ?, ? FROM n`,
        [T0, T0],
      );
      // 40 days of history: a change every 12 hours, every fourth one offline.
      await em.query(
        `WITH RECURSIVE k(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM k WHERE i < 79)
         INSERT INTO device_state (device_id, at, status) SELECT d.id, ? + k.i * 43200, CASE WHEN k.i % 4 = 3 THEN 'offline' ELSE 'online' END FROM device d, k`,
        [now - 40 * 86_400],
      );
    });
    const started = performance.now();
    const all = await core.availability.of();
    const elapsed = performance.now() - started;
    expect(all.size).toBe(1000);
    const month = [...all.values()][0]!.find((w) => w.window === '30d')!;
    expect(month.downSec).toBe(15 * 43_200);
    expect(elapsed).toBeLessThan(1000);
  });
});

describe('heartbeat and map', () => {
  it('reports the last checks oldest first: up, degraded over the latency threshold, down, unknown behind a down parent', async () => {
    await start();
    const parent = await device('Core', '127.0.4.1');
    const child = await device('AP', '127.0.4.2', { parentId: parent.id, latencyWarnMs: 50 });
    await sweepAt(MIN);
    pinger.slow.set('127.0.4.2', 80);
    await sweepAt(2 * MIN);
    pinger.slow.clear();
    pinger.down.add('127.0.4.2');
    await sweepAt(3 * MIN);
    pinger.down.add('127.0.4.1');
    await sweepAt(4 * MIN);
    const beats = await t.core.map.heartbeat(child.id, 50);
    expect(beats.map((b) => b.kind)).toEqual(['up', 'degraded', 'down', 'unknown']);
    expect(beats[1]).toMatchObject({ latencyMs: 80, lossPct: 0 });
    expect(await t.core.map.heartbeat(child.id, 2)).toHaveLength(2);
  });

  it('puts devices and customers with coordinates on the map, a customer behind a down device affected', async () => {
    const core = await start();
    const home = await plan(core);
    const a = await subscriber(core, home.id, '2026-11-01');
    await core.customers.update(admin, a.customer.id, { latitude: -6.2, longitude: 106.8 });
    const d = await device('AP Griya', '127.0.5.1', { subscriptionIds: [a.subscription.id], latitude: -6.21, longitude: 106.81 });
    await device('No place', '127.0.5.2');
    await sweepAt(MIN);
    let map = await core.map.points();
    expect(map.devices).toEqual([expect.objectContaining({ id: d.id, state: 'up', latitude: -6.21, longitude: 106.81 })]);
    expect(map.customers).toEqual([expect.objectContaining({ id: a.customer.id, affected: false })]);
    pinger.down.add('127.0.5.1');
    await sweepAt(2 * MIN);
    map = await core.map.points();
    expect(map.devices[0]!.state).toBe('down');
    expect(map.customers[0]!.affected).toBe(true);
  });

  it('refuses one coordinate without the other, and out-of-range values, changing nothing', async () => {
    await start();
    await expect(device('Half', '127.0.6.1', { latitude: -6.2 })).rejects.toMatchObject({ code: 'VALIDATION_FAILED', details: { fields: [expect.objectContaining({ field: 'longitude' })] } });
    const d = await device('Whole', '127.0.6.2', { latitude: -6.2, longitude: 106.8 });
    await expect(t.core.devices.update(admin, d.id, { longitude: null })).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    expect(await t.core.devices.get(d.id)).toMatchObject({ latitude: -6.2, longitude: 106.8 });
  });
});
