// Availability, heartbeat, map and device coordinates over real HTTP: roles, shapes, validation that names the
// field and never clamps, and the map tile setting.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeServer, staff, type Staffed, type TestServer } from '../helpers';

let t: TestServer;
let people: Staffed;
let tech: string;
let clerk: string;

beforeAll(async () => {
  t = await makeServer();
  people = await staff(t.core);
  tech = await people.token('technician');
  clerk = await people.token('staff');
});
afterAll(() => t.close());

describe('availability, heartbeat and map over HTTP', () => {
  it('stores device coordinates and refuses out-of-range or half coordinates without changing anything', async () => {
    const made = await t.request('POST', '/api/devices', { token: tech, body: { name: 'AP Tower', type: 'access_point', host: '127.0.0.7', latitude: -6.25, longitude: 106.9 } });
    expect(made.status).toBe(201);
    expect(made.body).toMatchObject({ latitude: -6.25, longitude: 106.9 });
    const far = await t.request('PUT', `/api/devices/${made.body.id}`, { token: tech, body: { latitude: 91 } });
    expect(far.status).toBe(400);
    expect(far.body.error.details.fields[0].field).toBe('latitude');
    const half = await t.request('PUT', `/api/devices/${made.body.id}`, { token: tech, body: { longitude: null } });
    expect(half.status).toBe(400);
    expect(half.body.error.details.fields[0].field).toBe('longitude');
    expect((await t.request('GET', `/api/devices/${made.body.id}`, { token: clerk })).body).toMatchObject({ latitude: -6.25, longitude: 106.9 });
  });

  it('answers availability, heartbeat and the map to every role, 404 for a missing device', async () => {
    const [device] = (await t.request('GET', '/api/devices', { token: clerk })).body.items;
    await t.request('POST', `/api/devices/${device.id}/check`, { token: tech });
    t.clock.advance(60_000);
    for (const token of [clerk, tech]) {
      const availability = await t.request('GET', `/api/devices/${device.id}/availability`, { token });
      expect(availability.status).toBe(200);
      expect(availability.body.map((w: { window: string }) => w.window)).toEqual(['24h', '7d', '30d']);
      const beats = await t.request('GET', `/api/devices/${device.id}/heartbeat?limit=10`, { token });
      expect(beats.body).toHaveLength(1);
      expect(beats.body[0].kind).toBe('up');
      const map = await t.request('GET', '/api/map', { token });
      expect(map.body.devices).toEqual([expect.objectContaining({ id: device.id, state: 'up' })]);
    }
    const list = await t.request('GET', '/api/devices/availability?window=7d', { token: tech });
    expect(list.body).toEqual([{ deviceId: device.id, pct: 100 }]);
    expect((await t.request('GET', '/api/devices/999/availability', { token: tech })).status).toBe(404);
    expect((await t.request('GET', `/api/devices/${device.id}/heartbeat?limit=500`, { token: tech })).status).toBe(400);
  });

  it('keeps the tile address an admin setting that must name {z}, {x} and {y}', async () => {
    expect((await t.request('GET', '/api/settings', { token: tech })).body.mapTileUrl).toBe('');
    const admin = await people.token('admin');
    const bad = await t.request('PUT', '/api/settings', { token: admin, body: { mapTileUrl: 'https://tiles.example/{z}.png' } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.fields[0].field).toBe('mapTileUrl');
    expect((await t.request('PUT', '/api/settings', { token: tech, body: { mapTileUrl: 'http://127.0.0.1:1/{z}/{x}/{y}.png' } })).status).toBe(403);
    const ok = await t.request('PUT', '/api/settings', { token: admin, body: { mapTileUrl: 'http://127.0.0.1:8080/{z}/{x}/{y}.png' } });
    expect(ok.body.mapTileUrl).toBe('http://127.0.0.1:8080/{z}/{x}/{y}.png');
  });
});
