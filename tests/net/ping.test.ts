// Real pings of loopback addresses only: the ping package and fping, a dead host that times out without
// delaying the others, and the monitor taking a really dead device offline.
import { execFileSync } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { FakeClock } from '../../src/main/core/clock';
import { FpingPinger, PingPackagePinger, type Pinger } from '../../src/main/core/monitoring/pinger';
import { admin } from '../billing-fixtures';
import { makeCore, type TestCore } from '../helpers';

const inNamespace = process.env['NOCMAN_NETNS'] === '1';
const DEAD = '127.0.9.7';
const hasFping = (() => {
  try {
    execFileSync('fping', ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

/** The tests never ping anything outside 127.0.0.0/8. */
function loopback(host: string): string {
  if (!/^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host)) throw new Error(`refusing to ping ${host}: tests ping 127.0.0.0/8 only`);
  return host;
}

const pingers: [string, Pinger, boolean][] = [
  ['ping package', new PingPackagePinger(), true],
  ['fping', new FpingPinger(), hasFping],
];

describe.each(pingers)('%s', (_name, pinger, available) => {
  it.skipIf(!available)('answers for 127.0.0.1 and 127.0.0.2 with latency and no loss', async () => {
    for (const host of ['127.0.0.1', '127.0.0.2']) {
      const result = await pinger.probe(loopback(host), { count: 3, timeoutMs: 1000 });
      expect(result.alive).toBe(true);
      expect(result.lossPct).toBe(0);
      expect(result.avg).toBeGreaterThan(0);
      expect(result.min! <= result.avg! && result.avg! <= result.max!).toBe(true);
    }
  });

  it.skipIf(!available || !inNamespace)('reports a host that does not answer as dead within its timeout, without delaying the others', async () => {
    const started = performance.now();
    const [dead, alive] = await Promise.all([
      pinger.probe(loopback(DEAD), { count: 2, timeoutMs: 1000 }),
      (async () => {
        const t0 = performance.now();
        const r = await pinger.probe(loopback('127.0.0.3'), { count: 2, timeoutMs: 1000 });
        return { ...r, ms: performance.now() - t0 };
      })(),
    ]);
    expect(dead).toEqual({ alive: false, min: null, avg: null, max: null, lossPct: 100 });
    expect(alive.alive).toBe(true);
    expect(alive.ms).toBeLessThan(1500);
    expect(performance.now() - started).toBeLessThan(5000);
  });
});

describe('fping batch', () => {
  it.skipIf(!hasFping || !inNamespace)('probes many hosts in one process, dead ones included', async () => {
    const hosts = ['127.0.0.1', '127.0.3.4', DEAD, '127.0.9.8'].map(loopback);
    const results = await new FpingPinger().probeMany(hosts.map((host) => ({ host, options: { count: 2, timeoutMs: 500 } })));
    expect(results.map((r) => r.alive)).toEqual([true, true, false, false]);
  });
});

describe('the monitor with the real pinger', () => {
  let t: TestCore;
  afterAll(() => t?.close());

  it.skipIf(!inNamespace)('takes a dead device offline after its threshold and keeps a live one online', async () => {
    t = await makeCore({ clock: new FakeClock('2026-11-27T03:00:00Z'), pinger: new PingPackagePinger() });
    const create = (name: string, host: string) =>
      t.core.devices.create(admin, {
        name, host: loopback(host), type: 'switch', location: 'lab', parentId: null, subscriptionIds: [], monitored: true,
        intervalSec: 60, echoCount: 2, timeoutMs: 1000, failThreshold: 2, latencyWarnMs: null, lossWarnPct: null, notes: '',
      });
    const live = await create('Switch live', '127.0.0.1');
    const dead = await create('Switch dead', DEAD);
    await t.core.monitor.sweepAll();
    await t.core.monitor.sweepAll();
    expect((await t.core.devices.get(live.id)).status).toBe('online');
    expect((await t.core.devices.get(dead.id)).status).toBe('offline');
    const alerts = await t.core.alerts.list('technician', { type: 'device_down', page: 1, pageSize: 5 });
    expect(alerts.items.map((a) => a.deviceId)).toEqual([dead.id]);
    const check = await t.core.monitor.check(live.id, 'Tono');
    expect(check).toMatchObject({ reachable: true, status: 'online', lossPct: 0 });
  });
});
