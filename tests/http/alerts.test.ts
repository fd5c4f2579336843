// Alerts over HTTP and SSE: role filtering, acknowledge with a note, resolve, bulk, stats, dashboard, live delivery.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeServer, staff, type Staffed, type TestServer } from '../helpers';
import { message } from '../../src/shared/i18n/messages';

let t: TestServer;
let people: Staffed;

beforeAll(async () => {
  t = await makeServer();
  people = await staff(t.core);
  // The users just made are journaled before any stream opens (a users.changed about its user ends a stream).
  await t.core.journal.settled();
});
afterAll(() => t.close());

/** Reads SSE frames of one role until `count` events named `name` arrived or 3 s passed. */
async function listen(token: string, name: string, count: number, trigger: () => Promise<unknown>) {
  const controller = new AbortController();
  const response = await fetch(`${t.url}/api/events`, { headers: { Authorization: `Bearer ${token}` }, signal: controller.signal });
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  const got: { event: string; data: { payload: unknown } }[] = [];
  const timer = setTimeout(() => controller.abort(), 3000);
  await trigger();
  let buffer = '';
  try {
    while (got.filter((g) => g.event === name).length < count) {
      const { value, done } = await reader.read();
      if (done) break;
      buffer += value;
      let cut: number;
      while ((cut = buffer.indexOf('\n\n')) >= 0) {
        const frame = buffer.slice(0, cut);
        buffer = buffer.slice(cut + 2);
        const event = /^event: (.+)$/m.exec(frame)?.[1];
        const data = /^data: (.+)$/m.exec(frame)?.[1];
        if (event && data) got.push({ event, data: JSON.parse(data) });
      }
    }
  } catch {
    // deadline
  } finally {
    clearTimeout(timer);
    controller.abort();
  }
  return got;
}

describe('alerts over HTTP', () => {
  it('delivers a new network alert live to technicians and admins, not to staff', async () => {
    const raise = () => t.core.alerts.raise('device:44:down', { type: 'device_down', severity: 'critical', text: message('alert.legacy', { text: 'OLT Bekasi-2 tidak merespons' }), deviceId: 44 });
    const [tech, admin, clerk] = await Promise.all([
      listen(await people.token('technician'), 'alert.created', 1, raise),
      listen(await people.token('admin'), 'alert.created', 1, async () => undefined),
      listen(await people.token('staff'), 'status.summary', 1, async () => undefined),
    ]);
    expect(tech.find((g) => g.event === 'alert.created')!.data.payload).toMatchObject({ text: message('alert.legacy', { text: 'OLT Bekasi-2 tidak merespons' }), severity: 'critical' });
    expect(admin.some((g) => g.event === 'alert.created')).toBe(true);
    expect(clerk.some((g) => g.event === 'alert.created')).toBe(false);
    expect(clerk.find((g) => g.event === 'status.summary')!.data.payload).toEqual({ open: { critical: 0, warning: 0, info: 0 }, total: 0 });
  });

  it('acknowledges with a note, then resolves, naming the people', async () => {
    const token = await people.token('technician');
    const { items } = (await t.request('GET', '/api/alerts?status=open&type=device_down', { token })).body;
    expect(items).toHaveLength(1);
    const id = items[0].id;
    const ack = await t.request('PUT', `/api/alerts/${id}/acknowledge`, { token, body: { note: 'Listrik PLN padam, genset dinyalakan' } });
    expect(ack.body).toMatchObject({ status: 'acknowledged', acknowledgedBy: 'Tono Teknisi', ackNote: 'Listrik PLN padam, genset dinyalakan' });
    const resolved = await t.request('PUT', `/api/alerts/${id}/resolve`, { token, body: {} });
    expect(resolved.body).toMatchObject({ status: 'resolved', resolvedBy: 'Tono Teknisi' });
    expect((await t.request('PUT', `/api/alerts/${id}/resolve`, { token, body: {} })).status).toBe(409);
    const clerk = await people.token('staff');
    expect((await t.request('GET', `/api/alerts/${id}`, { token: clerk })).status).toBe(404);
    expect((await t.request('PUT', `/api/alerts/${id}/acknowledge`, { token: clerk, body: {} })).status).toBe(404);
  });

  it('filters by linked entity and date range, and bulk-acknowledges', async () => {
    const token = await people.token('staff');
    const a = (await t.core.alerts.raise('invoice:10:overdue', { type: 'payment_overdue', severity: 'warning', text: message('alert.legacy', { text: 'INV/2026/11/0010 lewat jatuh tempo' }), invoiceId: 10, customerId: 3 })).alert;
    const b = (await t.core.alerts.raise('invoice:11:due', { type: 'payment_due', severity: 'info', text: message('alert.legacy', { text: 'INV/2026/11/0011 jatuh tempo 3 hari lagi' }), invoiceId: 11, customerId: 4 })).alert;
    expect((await t.request('GET', '/api/alerts?customerId=3', { token })).body.items.map((x: { id: number }) => x.id)).toEqual([a.id]);
    const now = t.clock.now().toISOString();
    expect((await t.request('GET', `/api/alerts?from=${encodeURIComponent(now)}&to=${encodeURIComponent(now)}`, { token })).body.total).toBe(2);
    expect((await t.request('GET', '/api/alerts?from=yesterday', { token })).status).toBe(400);
    const bulk = await t.request('PUT', '/api/alerts/acknowledge', { token, body: { ids: [a.id, b.id], note: 'Ditelepon' } });
    expect(bulk.body).toEqual({ acknowledged: 2 });
    const stats = await t.request('GET', '/api/alerts/stats', { token });
    expect(stats.body.byStatus).toEqual({ open: 0, acknowledged: 2, resolved: 0 });
    expect(stats.body.byType).toEqual({ payment_overdue: 1, payment_due: 1 });
  });

  it('gives each role its part of the dashboard', async () => {
    const admin = (await t.request('GET', '/api/dashboard/stats', { token: await people.token('admin') })).body;
    expect(admin.users).toEqual({ total: 3, active: 3 });
    expect(admin.billing.customers.total).toBe(0);
    const tech = (await t.request('GET', '/api/dashboard/stats', { token: await people.token('technician') })).body;
    expect(tech.billing).toBeNull();
    expect(tech.users).toBeNull();
    const clerk = (await t.request('GET', '/api/dashboard/stats', { token: await people.token('staff') })).body;
    expect(clerk.billing).not.toBeNull();
    expect(clerk.users).toBeNull();
  });
});
