// Devices over HTTP: roles, validation (host, parent loop), ping now of 127.0.0.1, check all, logs, latency,
// maintenance windows, and the live device.status event.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeServer, staff, type Staffed, type TestServer } from '../helpers';

let t: TestServer;
let people: Staffed;
let tech: string;

beforeAll(async () => {
  t = await makeServer();
  people = await staff(t.core);
  tech = await people.token('technician');
});
afterAll(() => t.close());

const create = (body: Record<string, unknown>, token = tech) => t.request('POST', '/api/devices', { token, body });

describe('devices over HTTP', () => {
  it('lets technicians add devices, staff only read, and only admins delete', async () => {
    const res = await create({ name: 'Router Loopback', type: 'router', host: '127.0.0.1', location: 'NOC' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ status: 'unknown', intervalSec: 60, echoCount: 3, failThreshold: 3, monitored: true, subscriptionIds: [] });
    const clerk = await people.token('staff');
    expect((await create({ name: 'X', type: 'cpe', host: '127.0.0.2' }, clerk)).status).toBe(403);
    expect((await t.request('GET', '/api/devices', { token: clerk })).body.total).toBe(1);
    expect((await t.request('DELETE', `/api/devices/${res.body.id}`, { token: tech })).status).toBe(403);
  });

  it('refuses a host that is not an address or a name, and a parent loop, naming the field', async () => {
    const bad = await create({ name: 'Bad', type: 'cpe', host: 'not a host!' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.fields[0].field).toBe('host');
    const a = (await create({ name: 'Dist A', type: 'switch', host: '127.0.0.4' })).body;
    const b = (await create({ name: 'Access B', type: 'switch', host: '127.0.0.5', parentId: a.id })).body;
    const loop = await t.request('PUT', `/api/devices/${a.id}`, { token: tech, body: { parentId: b.id } });
    expect(loop.status).toBe(400);
    expect(loop.body.error.details.fields[0].field).toBe('parentId');
  });

  it('pings 127.0.0.1 now, logs the check and records a sample', async () => {
    const [device] = (await t.request('GET', '/api/devices?search=Loopback', { token: tech })).body.items;
    const res = await t.request('POST', `/api/devices/${device.id}/check`, { token: tech, body: {} });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ reachable: true, lossPct: 0, status: 'online' });
    expect(res.body.latencyMs).toBeGreaterThan(0);
    const logs = await t.request('GET', `/api/devices/${device.id}/logs`, { token: tech });
    expect(logs.body.items.map((l: { event: string }) => l.event)).toEqual(['check', 'status']);
    // The line as a key for the reader, and in the site language (Indonesian) for REST clients.
    expect(logs.body.items[0].text).toMatchObject({ key: 'deviceLog.checkReply', params: { by: 'Tono Teknisi', loss: 0 } });
    expect(logs.body.items[0].message).toMatch(/^Dicek oleh Tono Teknisi: [\d,]+ ms, 0% paket hilang$/);
    const now = t.clock.now();
    const latency = await t.request('GET', `/api/devices/${device.id}/latency?from=${new Date(now.getTime() - 3600_000).toISOString()}&to=${now.toISOString()}`, { token: tech });
    expect(latency.body.resolution).toBe('raw');
    expect(latency.body.points).toHaveLength(1);
  });

  it('lists the network-wide event log for technicians and admins, filtered by device, event, new status and time; not for staff', async () => {
    const [device] = (await t.request('GET', '/api/devices?search=Loopback', { token: tech })).body.items;
    const all = await t.request('GET', '/api/devices/events', { token: tech });
    expect(all.status).toBe(200);
    expect(all.body.items[0]).toMatchObject({ deviceId: device.id, deviceName: 'Router Loopback', deviceHost: '127.0.0.1', event: 'check', status: null });
    const changes = await t.request('GET', `/api/devices/events?deviceId=${device.id}&event=status&status=online`, { token: await people.token('admin') });
    expect(changes.body.items).toEqual([
      expect.objectContaining({ event: 'status', status: 'online', text: { key: 'deviceLog.status', params: { from: 'unknown', to: 'online' } }, message: 'Tak diketahui → Online' }),
    ]);
    expect((await t.request('GET', '/api/devices/events?status=offline', { token: tech })).body.total).toBe(0);
    expect((await t.request('GET', '/api/devices/events?from=2099-01-01T00:00:00Z', { token: tech })).body.total).toBe(0);
    const bad = await t.request('GET', '/api/devices/events?event=reboot', { token: tech });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.fields[0].field).toBe('event');
    expect((await t.request('GET', '/api/devices/events', { token: await people.token('staff') })).status).toBe(403);
  });

  it('checks every monitored device with one call', async () => {
    t.clock.advance(2000);
    const res = await t.request('POST', '/api/monitor/sweep', { token: tech, body: {} });
    expect(res.body).toMatchObject({ checked: 3, online: 3, offline: 0, unreachable: 0 });
    const stats = await t.request('GET', '/api/devices/stats', { token: tech });
    expect(stats.body.byStatus.online).toBe(3);
  });

  it('plans and cancels a maintenance window', async () => {
    const [device] = (await t.request('GET', '/api/devices?search=Dist', { token: tech })).body.items;
    const bad = await t.request('POST', `/api/devices/${device.id}/maintenance`, { token: tech, body: { startsAt: '2026-11-28T01:00:00Z', endsAt: '2026-11-28T00:00:00Z', reason: 'Ganti switch' } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.fields[0].field).toBe('endsAt');
    const ok = await t.request('POST', `/api/devices/${device.id}/maintenance`, { token: tech, body: { startsAt: '2026-11-28T01:00:00Z', endsAt: '2026-11-28T03:00:00Z', reason: 'Ganti switch' } });
    expect(ok.status).toBe(201);
    expect(ok.body).toMatchObject({ deviceId: device.id, createdBy: 'Tono Teknisi' });
    expect((await t.request('DELETE', `/api/maintenance/${ok.body.id}`, { token: tech })).status).toBe(204);
    expect((await t.request('GET', `/api/devices/${device.id}/maintenance`, { token: tech })).body).toEqual([]);
  });

  it('deletes a device (admin): its children move up to its parent', async () => {
    const admin = await people.token('admin');
    const [a] = (await t.request('GET', '/api/devices?search=Dist', { token: tech })).body.items;
    expect((await t.request('DELETE', `/api/devices/${a.id}`, { token: admin })).status).toBe(204);
    const [b] = (await t.request('GET', '/api/devices?search=Access', { token: tech })).body.items;
    expect(b.parentId).toBeNull();
  });
});
