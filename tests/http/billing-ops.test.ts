// The billing staff's operations over HTTP: customer account, payment preview and oldest-first allocation, bulk
// print, remind and status; staff and admin may, a technician may not, and refused input changes nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeClock } from '../../src/main/core/clock';
import { makeServer, staff, type Staffed, type TestServer } from '../helpers';

let t: TestServer;
let people: Staffed;
let admin: string;
let clerk: string;
let tech: string;
let customerId: number;
let invoices: { id: number; number: string; total: number }[];

beforeAll(async () => {
  t = await makeServer({ clock: new FakeClock('2026-11-27T10:00:00+07:00') });
  people = await staff(t.core);
  admin = await people.token('admin');
  clerk = await people.token('staff');
  tech = await people.token('technician');
  const plan = (await t.request('POST', '/api/plans', { token: admin, body: { name: 'Home 20', downloadMbps: 20, uploadMbps: 10, price: 150_000, cycleMonths: 1 } })).body;
  customerId = (await t.request('POST', '/api/customers', { token: clerk, body: { name: 'Ketut Ardana', phone: '0812 7777 0101', address: 'Jl. Teuku Umar 3' } })).body.id;
  await t.request('POST', '/api/subscriptions', { token: clerk, body: { customerId, planId: plan.id, startDate: '2026-11-01' } });
  await t.request('POST', '/api/billing/run', { token: admin, body: {} });
  invoices = (await t.request('GET', `/api/invoices?customerId=${customerId}`, { token: clerk })).body.items.reverse();
});
afterAll(() => t.close());

async function paymentCount(): Promise<number> {
  return (await t.request('GET', `/api/payments?customerId=${customerId}`, { token: clerk })).body.total;
}

describe('customer account over HTTP', () => {
  it('gives staff and admin the open invoices and balance; a technician sees no money', async () => {
    const res = await t.request('GET', `/api/customers/${customerId}/account`, { token: clerk });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ customerId, balanceOwed: 333_000, credit: 0, lastPayment: null });
    expect(res.body.openInvoices.map((i: { number: string }) => i.number)).toEqual(invoices.map((i) => i.number));
    expect((await t.request('GET', `/api/customers/${customerId}/account`, { token: admin })).status).toBe(200);
    expect((await t.request('GET', `/api/customers/${customerId}/account`, { token: tech })).status).toBe(403);
    expect((await t.request('GET', '/api/customers/424242/account', { token: clerk })).status).toBe(404);
  });
});

describe('pay the oldest first over HTTP', () => {
  it('refuses an unknown allocation and records nothing', async () => {
    const before = await paymentCount();
    const bad = await t.request('POST', '/api/payments', { token: clerk, body: { invoiceId: invoices[1]!.id, amount: 400_000, method: 'cash', allocation: 'newest_first' } });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatchObject({ code: 'VALIDATION_FAILED' });
    expect(bad.body.error.details.fields[0].field).toBe('allocation');
    expect(await paymentCount()).toBe(before);
    const preview = await t.request('GET', `/api/payments/preview?invoiceId=${invoices[1]!.id}&amount=12.5&allocation=oldest_first`, { token: clerk });
    expect(preview.status).toBe(400);
    expect(preview.body.error.details.fields[0].field).toBe('amount');
  });

  it('previews, then pays the newer invoice and the older one in one payment; a technician may do neither', async () => {
    const [nov, dec] = invoices as [(typeof invoices)[0], (typeof invoices)[0]];
    expect((await t.request('GET', `/api/payments/preview?invoiceId=${dec.id}&amount=400000&allocation=oldest_first`, { token: tech })).status).toBe(403);
    const preview = await t.request('GET', `/api/payments/preview?invoiceId=${dec.id}&amount=400000&allocation=oldest_first`, { token: clerk });
    expect(preview.status).toBe(200);
    expect(preview.body).toEqual({
      allocations: [
        { invoiceId: dec.id, invoiceNumber: dec.number, dueDate: expect.any(String), balanceBefore: 166_500, amount: 166_500 },
        { invoiceId: nov.id, invoiceNumber: nov.number, dueDate: expect.any(String), balanceBefore: 166_500, amount: 166_500 },
      ],
      credit: 67_000,
    });
    expect((await t.request('POST', '/api/payments', { token: tech, body: { invoiceId: dec.id, amount: 400_000, method: 'cash', allocation: 'oldest_first' } })).status).toBe(403);
    const created = await t.request('POST', '/api/payments', { token: clerk, body: { invoiceId: dec.id, amount: 400_000, method: 'cash', allocation: 'oldest_first' } });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ allocation: 'oldest_first', allocations: [] });
    const processed = await t.request('PUT', `/api/payments/${created.body.id}/process`, { token: clerk, body: {} });
    expect(processed.body).toMatchObject({ status: 'completed', creditedAmount: 67_000 });
    expect(processed.body.allocations.map((a: { invoiceNumber: string; amount: number }) => [a.invoiceNumber, a.amount])).toEqual([[dec.number, 166_500], [nov.number, 166_500]]);
    const again = await t.request('PUT', `/api/payments/${created.body.id}/process`, { token: clerk, body: {} });
    expect(again.status).toBe(409);
    const account = (await t.request('GET', `/api/customers/${customerId}/account`, { token: admin })).body;
    expect(account).toMatchObject({ balanceOwed: 0, credit: 67_000, openInvoices: [], lastPayment: { amount: 400_000, invoiceNumber: dec.number } });
  });
});

describe('bulk operations over HTTP', () => {
  it('prints the selected invoices as one PDF for staff, refuses a technician and unknown ids', async () => {
    const ids = invoices.map((i) => i.id);
    const res = await fetch(`${t.url}/api/invoices/bulk/print`, { method: 'POST', headers: { authorization: `Bearer ${clerk}`, 'content-type': 'application/json' }, body: JSON.stringify({ ids }) });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('application/pdf');
    const pdf = Buffer.from(await res.arrayBuffer()).toString('latin1');
    expect(pdf.startsWith('%PDF')).toBe(true);
    expect(pdf.match(/\/Type \/Page\b/g)).toHaveLength(2);
    expect((await t.request('POST', '/api/invoices/bulk/print', { token: tech, body: { ids } })).status).toBe(403);
    const unknown = await t.request('POST', '/api/invoices/bulk/print', { token: clerk, body: { ids: [ids[0], 999_999] } });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.details.fields[0].field).toBe('ids');
  });

  it('refuses more than 1,000 ids, none, or one twice, changing nothing', async () => {
    const many = Array.from({ length: 1001 }, (_, i) => i + 1);
    for (const ids of [many, [], [invoices[0]!.id, invoices[0]!.id]]) {
      const res = await t.request('POST', '/api/invoices/bulk/remind', { token: clerk, body: { ids } });
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
      expect(res.body.error.details.fields[0].field).toMatch(/^ids/);
    }
    const res = await t.request('POST', '/api/customers/bulk/status', { token: clerk, body: { ids: many, status: 'suspended', reason: 'Tunggakan' } });
    expect(res.status).toBe(400);
    expect((await t.request('GET', `/api/customers/${customerId}`, { token: clerk })).body.status).toBe('active');
    const history = (await t.request('GET', `/api/customers/${customerId}/history`, { token: admin })).body.items;
    expect(history.some((h: { kind: string }) => h.kind === 'invoice.reminded')).toBe(false);
  });

  it('reminds the selected invoices with a per-id outcome; a technician may not', async () => {
    const other = (await t.request('POST', '/api/customers', { token: clerk, body: { name: 'Made Wirawan', phone: '0812 7777 0102', address: 'Jl. Gajah Mada 9' } })).body.id;
    const plan = (await t.request('GET', '/api/plans', { token: admin })).body.items[0];
    await t.request('POST', '/api/subscriptions', { token: clerk, body: { customerId: other, planId: plan.id, startDate: '2026-11-01' } });
    await t.request('POST', '/api/billing/run', { token: admin, body: {} });
    const open = (await t.request('GET', `/api/invoices?customerId=${other}`, { token: clerk })).body.items;
    const ids = [...open.map((i: { id: number }) => i.id), invoices[0]!.id];
    expect((await t.request('POST', '/api/invoices/bulk/remind', { token: tech, body: { ids } })).status).toBe(403);
    const res = await t.request('POST', '/api/invoices/bulk/remind', { token: clerk, body: { ids } });
    expect(res.status).toBe(200);
    expect(res.body.done).toBe(open.length);
    expect(res.body.results.at(-1)).toEqual({ id: invoices[0]!.id, outcome: 'notOpen' });
    const audit = (await t.core.db.dataSource.query(`SELECT COUNT(*) AS n FROM audit_log WHERE operation = 'invoice.reminded'`)) as [{ n: number }];
    expect(audit[0].n).toBe(open.length);
  });

  it('suspends and reactivates a selection of customers for staff and admin; a technician may not', async () => {
    const body = { ids: [customerId], status: 'suspended', reason: 'Permintaan pelanggan' };
    expect((await t.request('POST', '/api/customers/bulk/status', { token: tech, body })).status).toBe(403);
    const bad = await t.request('POST', '/api/customers/bulk/status', { token: clerk, body: { ...body, status: 'terminated' } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.fields[0].field).toBe('status');
    const res = await t.request('POST', '/api/customers/bulk/status', { token: clerk, body });
    expect(res.body).toEqual({ done: 1, results: [{ id: customerId, outcome: 'changed' }] });
    const back = await t.request('POST', '/api/customers/bulk/status', { token: admin, body: { ...body, status: 'active', reason: 'Kembali aktif' } });
    expect(back.body).toEqual({ done: 1, results: [{ id: customerId, outcome: 'changed' }] });
  });

  it('searches subscriptions by phone as typed, together with a status filter', async () => {
    const found = await t.request('GET', `/api/subscriptions?search=${encodeURIComponent('0812-7777-0101')}&status=active`, { token: tech });
    expect(found.body.items.map((s: { customerName: string }) => s.customerName)).toEqual(['Ketut Ardana']);
    const none = await t.request('GET', `/api/subscriptions?search=${encodeURIComponent('0812-7777-0101')}&status=cancelled`, { token: clerk });
    expect(none.body.total).toBe(0);
  });
});
