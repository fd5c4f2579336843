// Bandwidth over HTTP against a real snmpd on a loopback port: SNMP settings (community never read back),
// discovery, mapping an interface to a subscription, two polls and a rate, samples, the customer summary,
// and an agent that does not answer (logged, backed off, nothing crashes).
import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeClock } from '../../src/main/core/clock';
import { makeServer, staff, type TestServer } from '../helpers';
import { COMMUNITY, startSnmpd, type Agent } from '../snmpd';

let t: TestServer;
let agent: Agent | null;
let tech: string;
let admin: string;
let deviceId: number;
let customerId: number;
let subscriptionId: number;

beforeAll(async () => {
  agent = await startSnmpd();
  t = await makeServer({ clock: new FakeClock('2026-11-27T03:00:00Z') });
  const people = await staff(t.core);
  tech = await people.token('technician');
  admin = await people.token('admin');
  const plan = (await t.request('POST', '/api/plans', { token: admin, body: { name: 'Home 20', downloadMbps: 20, uploadMbps: 10, price: 150_000, cycleMonths: 1 } })).body;
  customerId = (await t.request('POST', '/api/customers', { token: admin, body: { name: 'Ketut Arsana', phone: '0812 9000 0001' } })).body.id;
  subscriptionId = (await t.request('POST', '/api/subscriptions', { token: admin, body: { customerId, planId: plan.id, startDate: '2026-11-01' } })).body.id;
});
afterAll(async () => {
  await t?.close();
  await agent?.stop();
});

describe('bandwidth over SNMP', () => {
  it('stores SNMP settings without ever returning the community', async () => {
    expect(agent, 'snmpd is installed by .ci/run').not.toBeNull();
    const res = await t.request('POST', '/api/devices', {
      token: tech,
      body: { name: 'Router lab', type: 'router', host: '127.0.0.1', snmp: { port: agent!.port, community: COMMUNITY, timeoutMs: 1000, retries: 1 } },
    });
    expect(res.status).toBe(201);
    deviceId = res.body.id;
    expect(res.body.snmp).toEqual({ enabled: true, version: '2c', port: agent!.port, timeoutMs: 1000, retries: 1, communitySet: true, lastPollAt: null, lastError: null });
    expect(JSON.stringify(res.body)).not.toContain(COMMUNITY);
    const again = await t.request('PUT', `/api/devices/${deviceId}`, { token: tech, body: { snmp: { port: agent!.port, timeoutMs: 1000, retries: 1 } } });
    expect(again.body.snmp.communitySet).toBe(true); // a community not given keeps the stored one
  });

  it('discovers interfaces and maps one to a subscription', async () => {
    const found = await t.request('POST', `/api/devices/${deviceId}/interfaces/discover`, { token: tech, body: {} });
    expect(found.status).toBe(200);
    const lo = found.body.find((i: { name: string }) => i.name === 'lo');
    expect(lo).toMatchObject({ monitored: false, subscriptionId: null, operUp: true });
    const mapped = await t.request('PUT', `/api/devices/${deviceId}/interfaces/${lo.ifIndex}`, { token: tech, body: { monitored: true, subscriptionId } });
    expect(mapped.body).toMatchObject({ monitored: true, subscriptionId });
    const bad = await t.request('PUT', `/api/devices/${deviceId}/interfaces/${lo.ifIndex}`, { token: tech, body: { subscriptionId: 999_999 } });
    expect(bad.status).toBe(400);
  });

  it('polls twice and sees the traffic as a rate, then summarises the customer', { timeout: 30_000 }, async () => {
    const first = await t.request('POST', '/api/bandwidth/poll', { token: tech, body: {} });
    expect(first.body).toMatchObject({ devices: 1, interfaces: 1, failed: 0 });
    execFileSync('ping', ['-c', '30', '-i', '0.01', '-s', '1400', '-q', '127.0.0.1'], { stdio: 'ignore' });
    await new Promise((resolve) => setTimeout(resolve, 6000)); // snmpd caches interface counters a few seconds
    t.clock.advance(300_000);
    const second = await t.request('POST', '/api/bandwidth/poll', { token: tech, body: {} });
    expect(second.body.interfaces).toBe(1);
    const now = t.clock.now();
    const samples = await t.request('GET', `/api/bandwidth?deviceId=${deviceId}&from=${new Date(now.getTime() - 3600_000).toISOString()}&to=${now.toISOString()}`, { token: tech });
    expect(samples.body.resolution).toBe('raw');
    expect(samples.body.items).toHaveLength(1);
    expect(samples.body.items[0]).toMatchObject({ ifName: 'lo' });
    expect(samples.body.items[0].inBytes).toBeGreaterThanOrEqual(30 * 1400);
    expect(samples.body.items[0].inBps).toBe(Math.round((samples.body.items[0].inBytes * 8) / 300));
    // before any rollup: the usage already counts the fresh samples
    const fresh = await t.request('GET', `/api/bandwidth/customer/${customerId}/summary`, { token: tech });
    expect(fresh.body.totalInGB).toBeGreaterThan(0);
    t.clock.advance(600_000);
    await t.core.bandwidth.rollup();
    const summary = await t.request('GET', `/api/bandwidth/customer/${customerId}/summary`, { token: await t.core.auth.sessionFor((await t.core.users.findByEmail('staff@isp.test'))!).token });
    expect(summary.body).toMatchObject({ customerId, interfaces: 1, planDownloadMbps: 20, daysOverPlan: 0 });
    expect(summary.body.totalInGB).toBe(fresh.body.totalInGB); // counted once, not twice, after the rollup
    expect(summary.body.peakInMbps).toBe(Math.round((samples.body.items[0].inBps / 1e6) * 1000) / 1000);
    const top = await t.request('GET', `/api/bandwidth/top?from=${new Date(now.getTime() - 3600_000).toISOString()}&to=${now.toISOString()}`, { token: tech });
    expect(top.body.items[0]).toMatchObject({ deviceId, ifName: 'lo', customerName: 'Ketut Arsana' });
    expect(top.body.totalInBps).toBe(samples.body.items[0].inBps);
    const report = await t.request('GET', '/api/bandwidth/report?month=2026-11', { token: tech });
    expect(report.body).toEqual([expect.objectContaining({ customerId, name: 'Ketut Arsana', planDownloadMbps: 20, daysOverPlan: 0 })]);
    const csv = await fetch(`${t.url}/api/bandwidth/report/export?month=2026-11`, { headers: { Authorization: `Bearer ${tech}` } });
    expect((await csv.text()).split('\r\n')[0]).toBe('code,name,planDownloadMbps,totalInGB,totalOutGB,peakOutMbps,p95OutMbps,daysOverPlan');
    expect((await t.request('GET', '/api/bandwidth/report?month=2026-13', { token: tech })).status).toBe(400);
  });

  it('logs an agent that does not answer and backs off instead of retrying every poll', async () => {
    const silent = (await t.request('POST', '/api/devices', { token: tech, body: { name: 'Silent', type: 'switch', host: '127.0.0.1', snmp: { port: 9, community: 'x', timeoutMs: 200, retries: 0 } } })).body;
    await t.core.db.dataSource.query('INSERT INTO device_interface (device_id, if_index, name, monitored) VALUES (?, 1, ?, 1)', [silent.id, 'eth0']);
    const res = await t.request('POST', '/api/bandwidth/poll', { token: tech, body: {} });
    expect(res.body).toMatchObject({ devices: 2, failed: 1 });
    const device = await t.request('GET', `/api/devices/${silent.id}`, { token: tech });
    expect(device.body.snmp.lastError).toBeTruthy();
    const logs = await t.request('GET', `/api/devices/${silent.id}/logs`, { token: tech });
    expect(logs.body.items[0]).toMatchObject({
      event: 'snmp',
      text: { key: 'deviceLog.snmpFailed', params: { minutes: 5 } },
      message: expect.stringMatching(/^Polling SNMP gagal .*; dicoba lagi dalam 5 menit$/),
    });
    const scheduled = await t.core.bandwidth.poll(false);
    expect(scheduled.devices).toBe(0); // the live router is not due yet, the silent one waits out its back-off
  });
});
