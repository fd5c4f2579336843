// Remote pollers, the site's side, with a fake clock: keys (hashed, shown once, revocable), assignment, batches applied
// once through the monitor's state machine, silence → devices unknown and ONE alert, and buffered sweeps replayed
// in order after the poller is back.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { PollerBatch } from '../../src/shared/contract';
import { AppError } from '../../src/shared/errors';
import { FakeClock } from '../../src/main/core/clock';
import type { Pinger, ProbeResult } from '../../src/main/core/monitoring/pinger';
import type { PollerIdentity } from '../../src/main/core/pollers/service';
import { admin } from '../billing-fixtures';
import { makeCore, TEST_PG, type TestCore } from '../helpers';

class RecordingPinger implements Pinger {
  readonly name = 'recording';
  readonly hosts: string[] = [];
  async probe(host: string): Promise<ProbeResult> {
    this.hosts.push(host);
    return { alive: true, min: 1, avg: 1, max: 1, lossPct: 0 };
  }
}

let t: TestCore;
let pinger: RecordingPinger;
afterEach(() => t?.close());

async function start(silenceSec?: number) {
  pinger = new RecordingPinger();
  t = await makeCore({ clock: new FakeClock('2026-12-05T03:00:00Z'), pinger, ...(silenceSec ? { pollerSilenceSec: silenceSec } : {}) });
  return t.core;
}

async function device(name: string, host: string, pollerId: number | null, parentId: number | null = null) {
  return t.core.devices.create(admin, {
    name, host, type: 'router', location: 'POP Cikarang', parentId, pollerId, subscriptionIds: [],
    monitored: true, intervalSec: 60, echoCount: 3, timeoutMs: 1000, failThreshold: 3, latencyWarnMs: null, lossWarnPct: null, notes: '',
  });
}

let seq = 0;
function batch(at: Date, results: [number, boolean][], extra: Partial<PollerBatch> = {}): PollerBatch {
  seq++;
  return {
    batchId: `b-${seq.toString().padStart(6, '0')}`, at: at.toISOString(), sweepMs: 120, version: '0.1.0', hostname: 'pop-cikarang', backlog: 0,
    results: results.map(([deviceId, alive]) => ({ deviceId, alive, minMs: alive ? 2 : null, avgMs: alive ? 2.5 : null, maxMs: alive ? 3 : null, lossPct: alive ? 0 : 100 })),
    readings: [],
    discovered: [],
    ...extra,
  };
}

const openAlerts = async (type?: string) => (await t.core.alerts.list('admin', { status: 'open', page: 1, pageSize: 100 })).items.filter((a) => !type || a.type === type);
const logs = async (id: number) => (await t.core.eventLog.ofDevice(id, 1, 200)).items;

describe('poller keys', () => {
  it('shows a key once, keeps only its hash, authenticates it and refuses it after revocation', async () => {
    const core = await start();
    const { poller, key } = await core.pollers.create(admin, 'POP Cikarang');
    expect(key).toMatch(/^npk_[A-Za-z0-9_-]{43}$/);
    expect(poller).toMatchObject({ name: 'POP Cikarang', state: 'new', keyHint: key.slice(-4), devices: 0, backlog: 0 });
    expect(JSON.stringify(await core.pollers.list())).not.toContain(key);
    // Neither the database (no column holds it; on SQLite not even the file's bytes) nor its audit log holds the key.
    if (!TEST_PG) {
      await core.db.dataSource.query('PRAGMA wal_checkpoint(TRUNCATE)');
      expect(readFileSync(path.join(t.dataDir, 'nocman.sqlite')).includes(Buffer.from(key))).toBe(false);
    }
    expect(JSON.stringify(await core.db.dataSource.query('SELECT * FROM poller'))).not.toContain(key.slice(4));
    const [audit] = (await core.db.dataSource.query(`SELECT changes FROM audit_log WHERE operation = 'pollers.create'`)) as { changes: string }[];
    expect(audit!.changes).not.toContain(key.slice(4, 20));

    expect(await core.pollers.authenticate(key)).toEqual({ id: poller.id, name: 'POP Cikarang' });
    for (const wrong of [undefined, '', 'npk_short', key.slice(0, -1) + (key.endsWith('A') ? 'B' : 'A'), `Bearer ${key}`]) {
      await expect(core.pollers.authenticate(wrong)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    }
    await expect(core.pollers.create(admin, 'pop cikarang')).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });

    const revoked = await core.pollers.revoke(admin, poller.id);
    expect(revoked.state).toBe('revoked');
    await expect(core.pollers.authenticate(key)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    // A revoked poller takes no new devices.
    await expect(device('R1', '10.20.0.1', poller.id)).rejects.toMatchObject({ code: 'VALIDATION_FAILED', details: { fields: [{ field: 'pollerId' }] } });
    await expect(device('R1', '10.20.0.1', 999)).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
  });
});

describe('assignment and batches', () => {
  it('leaves the poller its devices: the site never pings them, "check now" says who does', async () => {
    const core = await start();
    const { poller } = await core.pollers.create(admin, 'POP Cikarang');
    const own = await device('Core', '127.0.0.1', null);
    const remote = await device('OLT Cikarang', '10.20.0.2', poller.id);
    expect(remote).toMatchObject({ pollerId: poller.id, pollerName: 'POP Cikarang', statusReason: null });
    await core.monitor.sweepAll();
    expect(pinger.hosts).toEqual(['127.0.0.1']);
    await expect(core.monitor.check(remote.id, 'Tono')).rejects.toMatchObject({ code: 'CONFLICT' });
    expect((await core.monitor.check(own.id, 'Tono'))!.reachable).toBe(true);
    // The Devices list by who monitors a device.
    const other = (await core.pollers.create(admin, 'POP Bekasi')).poller;
    const names = async (monitoredBy: 'site' | number) => (await core.devices.list({ monitoredBy, page: 1, pageSize: 50 })).items.map((d) => d.name);
    expect(await names('site')).toEqual(['Core']);
    expect(await names(poller.id)).toEqual(['OLT Cikarang']);
    expect(await names(other.id)).toEqual([]);

    const me: PollerIdentity = { id: poller.id, name: poller.name };
    const first = await core.pollers.assignment(me);
    expect(first.devices.map((d) => d.host)).toEqual(['10.20.0.2']);
    expect(first.silenceSec).toBe(180);
    await core.devices.update(admin, remote.id, { snmp: { enabled: true, port: 161, community: 'rahasia-pop', timeoutMs: 2000, retries: 1 } });
    await core.db.dataSource.query(`INSERT INTO device_interface (device_id, if_index, name, descr, alias, monitored) VALUES (?, 3, 'ether3', '', '', 1)`, [remote.id]);
    const second = await core.pollers.assignment(me);
    expect(second.revision).not.toBe(first.revision);
    expect(second.devices[0]!.snmp).toEqual({ port: 161, community: 'rahasia-pop', timeoutMs: 2000, retries: 1, ifIndexes: [3], intervalSec: 300, discoverRequestedAt: null });
    // People never read the community back.
    expect(JSON.stringify(await core.devices.get(remote.id))).not.toContain('rahasia-pop');
  });

  it('applies a sweep once: three failed batches take a device down, a batch sent again changes nothing', async () => {
    const core = await start();
    const { poller } = await core.pollers.create(admin, 'POP Cikarang');
    const me: PollerIdentity = { id: poller.id, name: poller.name };
    const olt = await device('OLT Cikarang', '10.20.0.2', poller.id);
    const stranger = await device('Site router', '127.0.0.1', null);
    const at0 = core.clock.now().getTime();
    const up = batch(new Date(at0), [[olt.id, true], [stranger.id, false]]);
    expect(await core.pollers.report(me, up)).toMatchObject({ batchId: up.batchId, duplicate: false });
    expect((await core.devices.get(olt.id)).status).toBe('online');
    // A result for a device the poller does not watch is ignored.
    expect((await core.devices.get(stranger.id)).status).toBe('unknown');
    for (let i = 1; i <= 3; i++) {
      t.clock.advance(60_000);
      await core.pollers.report(me, batch(t.clock.now(), [[olt.id, false]]));
    }
    expect((await core.devices.get(olt.id)).status).toBe('offline');
    expect(await openAlerts('device_down')).toHaveLength(1);
    const samples = async () => Number(((await core.db.dataSource.query('SELECT COUNT(*) AS n FROM sample WHERE device_id = ?', [olt.id])) as [{ n: number }])[0].n);
    const before = { samples: await samples(), logs: (await logs(olt.id)).length };
    expect(before.samples).toBe(4);
    // The answer to the last batch was lost: the poller sends it again, and again a result that would change things.
    const again = { ...up, results: [{ deviceId: olt.id, alive: true, minMs: 1, avgMs: 1, maxMs: 1, lossPct: 0 }] };
    expect(await core.pollers.report(me, again)).toMatchObject({ duplicate: true });
    expect((await core.devices.get(olt.id)).status).toBe('offline');
    expect({ samples: await samples(), logs: (await logs(olt.id)).length }).toEqual(before);
    // A heartbeat later is contact, not a sweep: the last sweep's figures stay.
    t.clock.advance(20_000);
    await core.pollers.report(me, batch(t.clock.now(), [], { sweepMs: 0 }));
    const [row] = await core.pollers.list();
    expect(row).toMatchObject({ state: 'up', version: '0.1.0', hostname: 'pop-cikarang', sweepMs: 120, devices: 1, lastSweepAt: new Date(at0 + 180_000).toISOString() });
    expect(row!.lastContactAt).toBe(new Date(at0 + 200_000).toISOString());
  });

  it('walks interfaces through the poller: the request rides the assignment, the answer lands in a batch', async () => {
    const core = await start();
    const { poller } = await core.pollers.create(admin, 'POP Cikarang');
    const me: PollerIdentity = { id: poller.id, name: poller.name };
    const olt = await device('OLT Cikarang', '10.20.0.2', poller.id);
    await core.devices.update(admin, olt.id, { snmp: { enabled: true, port: 161, community: 'rahasia-pop', timeoutMs: 2000, retries: 1 } });
    // Nothing to read yet and nothing asked: no SNMP in the assignment.
    expect((await core.pollers.assignment(me)).devices[0]!.snmp).toBeNull();
    const asked = async () => {
      for (let i = 0; i < 200; i++) {
        const snmp = (await core.pollers.assignment(me)).devices[0]!.snmp;
        if (snmp?.discoverRequestedAt) return snmp;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      throw new Error('the discovery request never reached the assignment');
    };
    const ether = (ifIndex: number, name: string) => ({ ifIndex, name, descr: name, alias: '', speedMbps: 1000, operUp: true });

    const walk = core.bandwidth.discover(olt.id);
    const request = await asked();
    expect(request).toMatchObject({ community: 'rahasia-pop', ifIndexes: [] });
    // An answer to an older request is dropped; the answer to this one is applied and ends the wait.
    await core.pollers.report(me, batch(core.clock.now(), [], { discovered: [{ deviceId: olt.id, requestedAt: '2026-12-01T00:00:00.000Z', interfaces: [ether(9, 'old')], error: null }] }));
    await core.pollers.report(me, batch(core.clock.now(), [], { discovered: [{ deviceId: olt.id, requestedAt: request.discoverRequestedAt!, interfaces: [ether(1, 'ether1'), ether(2, 'sfp1')], error: null }] }));
    expect((await walk).map((i) => i.name)).toEqual(['ether1', 'sfp1']);
    expect((await core.pollers.assignment(me)).devices[0]!.snmp).toBeNull();

    // The agent did not answer the poller: the caller hears why.
    t.clock.advance(1000);
    const failing = core.bandwidth.discover(olt.id);
    const second = await asked();
    await core.pollers.report(me, batch(core.clock.now(), [], { discovered: [{ deviceId: olt.id, requestedAt: second.discoverRequestedAt!, interfaces: [], error: 'Request timed out' }] }));
    await expect(failing).rejects.toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('did not answer: Request timed out') });

    // The poller is slow: the call gives up with pollerPending; the later answer is still applied.
    core.bandwidth.pollerDiscoverWaitMs = 300;
    t.clock.advance(1000);
    await expect(core.bandwidth.discover(olt.id)).rejects.toMatchObject({ code: 'CONFLICT', details: { reason: 'pollerPending', poller: 'POP Cikarang' } });
    const third = await asked();
    await core.pollers.report(me, batch(core.clock.now(), [], { discovered: [{ deviceId: olt.id, requestedAt: third.discoverRequestedAt!, interfaces: [ether(3, 'ether3')], error: null }] }));
    expect((await core.bandwidth.interfaces(olt.id)).map((i) => i.name)).toEqual(['ether1', 'sfp1', 'ether3']);
    // Another poller cannot answer for this device.
    const other = (await core.pollers.create(admin, 'POP Bekasi')).poller;
    const walk4 = core.bandwidth.discover(olt.id);
    const fourth = await asked();
    await core.pollers.report({ id: other.id, name: other.name }, batch(core.clock.now(), [], { discovered: [{ deviceId: olt.id, requestedAt: fourth.discoverRequestedAt!, interfaces: [ether(7, 'evil')], error: null }] }));
    await expect(walk4).rejects.toMatchObject({ details: { reason: 'pollerPending' } });
    expect((await core.bandwidth.interfaces(olt.id)).map((i) => i.name)).not.toContain('evil');
  });

  it('refuses bad batches whole (validation), before anything changes', async () => {
    const core = await start();
    const { key } = await core.pollers.create(admin, 'POP Cikarang');
    const { createDispatcher } = await import('../../src/main/api/dispatcher');
    const dispatcher = createDispatcher(core, { error: () => undefined });
    const meta = { transport: 'http' as const, address: '127.0.0.1', pollerKey: key };
    const bad = await dispatcher.call('poller.report', { ...batch(core.clock.now(), [[1, true]]), results: [{ deviceId: 1, alive: true, minMs: 1, avgMs: 1, maxMs: 1, lossPct: 101 }] }, null, meta);
    expect(bad).toMatchObject({ ok: false, status: 400, body: { error: { code: 'VALIDATION_FAILED' } } });
    const [p] = await core.pollers.list();
    expect(p!.state).toBe('new');
    // Over IPC, or without the key, nobody is a poller; a user's session is not a poller key.
    expect(await dispatcher.call('poller.assignment', {}, null, { transport: 'ipc', address: 'ipc', pollerKey: key })).toMatchObject({ ok: false, status: 401 });
    expect(await dispatcher.call('poller.assignment', {}, null, { transport: 'http', address: '127.0.0.1' })).toMatchObject({ ok: false, status: 401 });
    expect(await dispatcher.call('poller.assignment', {}, null, meta)).toMatchObject({ ok: true, status: 200 });
  });
});

describe('silence', () => {
  it('calls a silent poller down once: its devices unknown (poller down), one alert, no device alerts; back on its next batch', async () => {
    const core = await start();
    const { poller } = await core.pollers.create(admin, 'POP Cikarang');
    const me: PollerIdentity = { id: poller.id, name: poller.name };
    const ids: number[] = [];
    for (let i = 1; i <= 5; i++) ids.push((await device(`CPE ${i}`, `10.20.1.${i}`, poller.id)).id);
    // Never heard from: `new`, not down.
    t.clock.advance(3_600_000);
    expect(await core.pollers.checkSilence()).toEqual([]);
    await core.pollers.report(me, batch(t.clock.now(), ids.map((id) => [id, true])));
    t.clock.advance(179_000);
    expect(await core.pollers.checkSilence()).toEqual([]);
    t.clock.advance(2_000);
    expect(await core.pollers.checkSilence()).toEqual([poller.id]);
    expect(await core.pollers.checkSilence()).toEqual([]);

    const shown = await core.devices.get(ids[0]!);
    expect(shown).toMatchObject({ status: 'unknown', statusReason: 'pollerDown' });
    expect((await core.devices.list({ status: 'unknown', page: 1, pageSize: 50 })).total).toBe(5);
    expect((await core.devices.list({ status: 'online', page: 1, pageSize: 50 })).total).toBe(0);
    expect((await core.devices.stats()).byStatus.unknown).toBe(5);
    const alerts = await openAlerts();
    expect(alerts.map((a) => a.type)).toEqual(['poller_down']);
    expect(alerts[0]!.message).toContain('POP Cikarang');
    expect(alerts[0]!.message).toContain('5 perangkat');
    expect((await logs(ids[0]!))[0]!.text).toEqual({ key: 'deviceLog.pollerDown', params: { poller: 'POP Cikarang' } });
    expect((await core.pollers.list())[0]).toMatchObject({ state: 'down' });

    t.clock.advance(60_000);
    await core.pollers.report(me, batch(t.clock.now(), ids.map((id) => [id, true])));
    expect(await core.devices.get(ids[0]!)).toMatchObject({ status: 'online', statusReason: null });
    expect(await openAlerts()).toHaveLength(0);
    expect((await logs(ids[0]!)).map((l) => l.text.key)).toContain('deviceLog.pollerBack');
  });

  it('replays buffered sweeps in order: history holds every change at the time it happened', async () => {
    const core = await start();
    const { poller } = await core.pollers.create(admin, 'POP Cikarang');
    const me: PollerIdentity = { id: poller.id, name: poller.name };
    const olt = await device('OLT Cikarang', '10.20.0.2', poller.id);
    const start0 = core.clock.now().getTime();
    await core.pollers.report(me, batch(new Date(start0), [[olt.id, true]]));
    // The link is cut for 10 minutes; the poller goes on sweeping into its buffer: down at minute 3, up at minute 7.
    const buffered: PollerBatch[] = [];
    for (let m = 1; m <= 10; m++) buffered.push(batch(new Date(start0 + m * 60_000), [[olt.id, !(m >= 1 && m <= 6)]], { backlog: 10 - m }));
    t.clock.advance(10 * 60_000 + 5_000);
    expect(await core.pollers.checkSilence()).toEqual([poller.id]);
    for (const b of buffered) await core.pollers.report(me, b);
    const statusLines = (await logs(olt.id)).filter((l) => l.event === 'status').reverse();
    expect(statusLines.map((l) => [l.at, l.text.params['to']])).toEqual([
      [new Date(start0).toISOString(), 'online'],
      [new Date(start0 + 3 * 60_000).toISOString(), 'offline'],
      [new Date(start0 + 7 * 60_000).toISOString(), 'online'],
    ]);
    const [outage] = (await core.db.dataSource.query('SELECT started_at AS startedAt, ended_at AS endedAt FROM outage WHERE device_id = ?', [olt.id])) as { startedAt: string; endedAt: string }[];
    expect(outage).toEqual({ startedAt: new Date(start0 + 3 * 60_000).toISOString(), endedAt: new Date(start0 + 7 * 60_000).toISOString() });
    expect((await core.devices.get(olt.id)).status).toBe('online');
    expect((await core.pollers.list())[0]).toMatchObject({ state: 'up', backlog: 0 });
    // The device's own down alert was raised and resolved by the replay (its "back up" note stays); the poller's too.
    expect((await openAlerts()).map((a) => a.type)).toEqual(['device_up']);
  });

  it('a revoked poller is never called down', async () => {
    const core = await start(30);
    const { poller } = await core.pollers.create(admin, 'POP Cikarang');
    await core.pollers.report({ id: poller.id, name: poller.name }, batch(t.clock.now(), []));
    await core.pollers.revoke(admin, poller.id);
    t.clock.advance(3_600_000);
    expect(await core.pollers.checkSilence()).toEqual([]);
    expect(AppError).toBeDefined();
  });
});
