// A remote poller against a real site over real HTTPS (pinned certificate), with real pings of loopback: the poller
// keeps sweeping into its disk queue while the site is gone and replays in order when it is back; the people's API
// for pollers (keys once, roles) and the poller's own routes (key only, big batches).
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FakeClock } from '../../src/main/core/clock';
import { PingPackagePinger, type Pinger, type ProbeOptions, type ProbeResult } from '../../src/main/core/monitoring/pinger';
import { NetSnmpClient } from '../../src/main/core/bandwidth/snmp';
import { serverTls } from '../../src/main/core/site/tls';
import { startHttpServer, type RunningServer } from '../../src/main/http/server';
import { PollerAgent } from '../../src/main/poller/agent';
import { makeCore, staff, tempDir, type TestCore } from '../helpers';
import { COMMUNITY, startSnmpd, type Agent } from '../snmpd';

/** Real pings; hosts in `down` answer nothing (the fault a dead device is), without waiting for a timeout. */
class LoopbackPinger implements Pinger {
  readonly name = 'loopback';
  readonly down = new Set<string>();
  private readonly real = new PingPackagePinger();
  async probe(host: string, options?: ProbeOptions): Promise<ProbeResult> {
    if (this.down.has(host)) return { alive: false, min: null, avg: null, max: null, lossPct: 100 };
    return this.real.probe(host, { count: 1, timeoutMs: options?.timeoutMs ?? 1000 });
  }
}

let t: TestCore | null = null;
let server: RunningServer | null = null;
let agent: PollerAgent | null = null;
let snmpd: Agent | null = null;
afterEach(async () => {
  await agent?.stop();
  await snmpd?.stop();
  snmpd = null;
  await server?.close().catch(() => undefined);
  await t?.close();
  agent = null;
  server = null;
  t = null;
});

async function api(url: string, method: string, route: string, token: string | null, body?: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(url + route, {
    method,
    headers: { ...(token ? { Authorization: `Bearer ${token}` } : {}), ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}), ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined };
}

describe('pollers over HTTP', () => {
  it('keys: admin adds (key once), technician reads, staff does not; poller routes take the key only', async () => {
    t = await makeCore();
    server = await startHttpServer({ core: t.core, port: 0, host: '127.0.0.1', corsOrigins: [], logger: { error: () => undefined } });
    const people = await staff(t.core);
    const [adminToken, techToken, staffToken] = await Promise.all([people.token('admin'), people.token('technician'), people.token('staff')]);
    const created = await api(server.url, 'POST', '/api/pollers', adminToken, { name: 'POP Karawang' });
    expect(created.status).toBe(201);
    const key = created.body.key as string;
    expect(key).toMatch(/^npk_/);
    expect((await api(server.url, 'POST', '/api/pollers', techToken, { name: 'POP X' })).status).toBe(403);
    expect((await api(server.url, 'POST', '/api/pollers', adminToken, { name: '' })).body.error).toMatchObject({ code: 'VALIDATION_FAILED' });
    const listed = await api(server.url, 'GET', '/api/pollers', techToken);
    expect(listed.status).toBe(200);
    expect(JSON.stringify(listed.body)).not.toContain(key);
    expect((await api(server.url, 'GET', '/api/pollers', staffToken)).status).toBe(403);

    // A user's session is not a poller key, and a key is not a session.
    expect((await api(server.url, 'GET', '/api/poller/assignment', adminToken)).status).toBe(401);
    expect((await api(server.url, 'GET', '/api/pollers', null, undefined, { 'X-NOCman-Poller-Key': key })).status).toBe(401);
    expect((await api(server.url, 'GET', '/api/poller/assignment', null, undefined, { 'X-NOCman-Poller-Key': key })).status).toBe(200);

    // One sweep of 13,000 devices is ~1.1 MB: the poller route takes it (the people's routes stop at 1 MB).
    const big = {
      batchId: 'big-000001', at: new Date().toISOString(), sweepMs: 900, version: '0.1.0', hostname: 'pop-karawang', backlog: 0,
      results: Array.from({ length: 13_000 }, (_, i) => ({ deviceId: 1_000_000 + i, alive: true, minMs: 1.25, avgMs: 1.5, maxMs: 2.125, lossPct: 0 })),
    };
    expect(JSON.stringify(big).length).toBeGreaterThan(1_048_576);
    const sent = await api(server.url, 'POST', '/api/poller/batches', null, big, { 'X-NOCman-Poller-Key': key });
    expect(sent).toMatchObject({ status: 200, body: { batchId: 'big-000001', duplicate: false } });

    const revoked = await api(server.url, 'POST', `/api/pollers/${created.body.poller.id}/revoke`, adminToken, {});
    expect(revoked.body.state).toBe('revoked');
    expect((await api(server.url, 'GET', '/api/poller/assignment', null, undefined, { 'X-NOCman-Poller-Key': key })).status).toBe(401);
  });

  it('buffers while the site is gone and replays in order over the pinned certificate; nothing lost, nothing doubled', async () => {
    const clock = new FakeClock('2026-12-05T08:00:00Z');
    t = await makeCore({ clock, pollerSilenceSec: 120 });
    const tls = await serverTls({ kind: 'self-signed' }, { dataDir: t.dataDir, bindHost: '127.0.0.1', clock });
    server = await startHttpServer({ core: t.core, port: 0, host: '127.0.0.1', corsOrigins: [], tls, logger: { error: () => undefined } });
    const port = Number(new URL(server.url).port);
    const { poller, key } = await t.core.pollers.create({ id: null, name: 'test', role: 'system' }, 'POP Karawang');
    const actor = { id: null, name: 'test', role: 'system' as const };
    const common = { type: 'router' as const, location: 'Karawang', parentId: null, pollerId: poller.id, subscriptionIds: [], monitored: true, intervalSec: 60, echoCount: 1, timeoutMs: 500, failThreshold: 3, latencyWarnMs: null, lossWarnPct: null, notes: '' };
    const alive = await t.core.devices.create(actor, { ...common, name: 'Router Karawang', host: '127.0.0.1' });
    const flaky = await t.core.devices.create(actor, { ...common, name: 'AP Karawang', host: '127.0.0.2' });

    const pinger = new LoopbackPinger();
    const dataDir = tempDir('nocman-poller-');
    const logs: string[] = [];
    agent = new PollerAgent({
      site: `https://127.0.0.1:${port}`, key, dataDir, pinger, snmp: new NetSnmpClient(), clock, version: '0.1.0', hostname: 'pop-karawang',
      logger: { log: (m) => logs.push(m), error: (m) => logs.push(m) }, firstRetryMs: 1, maxRetryMs: 1, requestTimeoutMs: 5000,
    });
    await agent.connect();
    expect(agent.devices).toBe(2);
    // First contact pinned the site's certificate.
    expect(logs.join('\n')).toContain(tls.fingerprint);
    expect(existsSync(path.join(dataDir, 'site-fingerprint'))).toBe(true);

    await agent.tick();
    expect((await t.core.devices.get(alive.id)).status).toBe('online');
    expect((await t.core.devices.get(flaky.id)).status).toBe('online');

    // The site goes away for 8 minutes; the AP dies at minute 2 and comes back at minute 6.
    await server.close();
    server = null;
    for (let m = 1; m <= 8; m++) {
      clock.advance(60_000);
      if (m === 2) pinger.down.add('127.0.0.2');
      if (m === 6) pinger.down.delete('127.0.0.2');
      await agent.tick();
    }
    expect(agent.backlog).toBe(8);
    expect(readdirSync(path.join(dataDir, 'queue')).filter((n) => n.endsWith('.json'))).toHaveLength(8);
    // Meanwhile the site (its runner) calls the poller down: its devices unknown, one alert.
    expect(await t.core.pollers.checkSilence()).toEqual([poller.id]);
    expect((await t.core.devices.get(flaky.id)).statusReason).toBe('pollerDown');
    const openAlerts = async () => (await t!.core.alerts.list('admin', { status: 'open', page: 1, pageSize: 50 })).items.map((a) => a.type).sort();
    expect(await openAlerts()).toEqual(['poller_down']);

    server = await startHttpServer({ core: t.core, port, host: '127.0.0.1', corsOrigins: [], tls, logger: { error: () => undefined } });
    clock.advance(1_000);
    await agent.tick();
    expect(agent.backlog).toBe(0);
    const history = (await t.core.eventLog.ofDevice(flaky.id, 1, 100)).items.filter((l) => l.event === 'status').reverse();
    const start = Date.parse('2026-12-05T08:00:00Z');
    expect(history.map((l) => [l.at, l.text.params['to']])).toEqual([
      [new Date(start).toISOString(), 'online'],
      [new Date(start + 4 * 60_000).toISOString(), 'offline'],
      [new Date(start + 6 * 60_000).toISOString(), 'online'],
    ]);
    const [{ n }] = (await t.core.db.dataSource.query('SELECT COUNT(*) AS n FROM sample WHERE device_id = ?', [alive.id])) as [{ n: number }];
    expect(n).toBe(9); // the first sweep and the eight buffered ones, each once
    expect(await openAlerts()).toEqual(['device_up']);
    expect((await t.core.pollers.list())[0]).toMatchObject({ state: 'up', backlog: 0, version: '0.1.0', hostname: 'pop-karawang' });
  }, 60_000);

  it('"Discover" on a poller\'s device: the poller walks the real agent at its POP and the call answers with its interfaces', async () => {
    snmpd = await startSnmpd();
    expect(snmpd, 'snmpd is installed by .ci/run').not.toBeNull();
    const clock = new FakeClock('2026-12-05T08:00:00Z');
    t = await makeCore({ clock });
    server = await startHttpServer({ core: t.core, port: 0, host: '127.0.0.1', corsOrigins: [], logger: { error: () => undefined } });
    const people = await staff(t.core);
    const techToken = await people.token('technician');
    const actor = { id: null, name: 'test', role: 'system' as const };
    const { poller, key } = await t.core.pollers.create(actor, 'POP Karawang');
    const olt = await t.core.devices.create(actor, {
      type: 'olt', location: 'Karawang', parentId: null, pollerId: poller.id, subscriptionIds: [], monitored: true, intervalSec: 60, echoCount: 1, timeoutMs: 500,
      failThreshold: 3, latencyWarnMs: null, lossWarnPct: null, notes: '', name: 'OLT Karawang', host: '127.0.0.1',
    });
    await t.core.devices.update(actor, olt.id, { snmp: { enabled: true, port: snmpd!.port, community: COMMUNITY, timeoutMs: 1000, retries: 0 } });
    agent = new PollerAgent({
      site: server.url, key, dataDir: tempDir('nocman-poller-'), pinger: new LoopbackPinger(), snmp: new NetSnmpClient(), clock, version: '0.1.0', hostname: 'pop-karawang',
      logger: { log: () => undefined, error: () => undefined }, firstRetryMs: 1, maxRetryMs: 1, requestTimeoutMs: 5000,
    });
    await agent.connect();
    await agent.tick();

    let answered = false;
    const call = api(server.url, 'POST', `/api/devices/${olt.id}/interfaces/discover`, techToken, {}).finally(() => (answered = true));
    // The poller's next contacts: the answer to a heartbeat names a new assignment, the next sweep walks the agent.
    for (let i = 0; i < 40 && !answered; i++) {
      clock.advance(21_000);
      await agent.tick();
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const found = await call;
    expect(found.status).toBe(200);
    const names = (found.body as { name: string; ifIndex: number }[]).map((i) => i.name);
    expect(names).toContain('lo');
    // The walk answered the request: it is not asked again, and the interfaces are the site's now.
    expect((await t.core.pollers.assignment({ id: poller.id, name: poller.name })).devices[0]!.snmp).toBeNull();
    expect((await t.core.bandwidth.interfaces(olt.id)).map((i) => i.name)).toEqual(names);
  }, 60_000);

  it('refuses a site whose certificate changed: batches stay on disk', async () => {
    const clock = new FakeClock('2026-12-05T08:00:00Z');
    t = await makeCore({ clock });
    const tls = await serverTls({ kind: 'self-signed' }, { dataDir: t.dataDir, bindHost: '127.0.0.1', clock });
    server = await startHttpServer({ core: t.core, port: 0, host: '127.0.0.1', corsOrigins: [], tls, logger: { error: () => undefined } });
    const { key } = await t.core.pollers.create({ id: null, name: 'test', role: 'system' }, 'POP Karawang');
    const logs: string[] = [];
    agent = new PollerAgent({
      site: server.url.replace('http:', 'https:'), key, dataDir: tempDir('nocman-poller-'), pinger: new LoopbackPinger(), snmp: new NetSnmpClient(), clock, version: '0.1.0', hostname: 'pop',
      fingerprint: 'AA:'.repeat(31) + 'AA', logger: { log: (m) => logs.push(m), error: (m) => logs.push(m) }, firstRetryMs: 1, maxRetryMs: 1,
    });
    await agent.connect();
    await agent.tick();
    expect(logs.join('\n')).toMatch(/certificate changed/);
    expect((await t.core.pollers.list())[0]!.lastContactAt).toBeNull();
  });
});
