// Billing over HTTP: the run button, invoices and payments routes, PDF and CSV responses, role limits.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeClock } from '../../src/main/core/clock';
import { makeServer, staff, type Staffed, type TestServer } from '../helpers';

let t: TestServer;
let people: Staffed;
let admin: string;
let clerk: string;
let customerId: number;

beforeAll(async () => {
  t = await makeServer({ clock: new FakeClock('2026-11-27T10:00:00+07:00') });
  people = await staff(t.core);
  admin = await people.token('admin');
  clerk = await people.token('staff');
  const plan = (await t.request('POST', '/api/plans', { token: admin, body: { name: 'Home 20', downloadMbps: 20, uploadMbps: 10, price: 150_000, cycleMonths: 1 } })).body;
  customerId = (await t.request('POST', '/api/customers', { token: clerk, body: { name: 'Wayan Sudarsana', phone: '0812 7777 0001', address: 'Jl. Gatot Subroto 8, Denpasar' } })).body.id;
  await t.request('POST', '/api/subscriptions', { token: clerk, body: { customerId, planId: plan.id, startDate: '2026-11-01' } });
});
afterAll(() => t.close());

describe('billing over HTTP', () => {
  it('runs every job on demand (admin only) and reports what each did', async () => {
    expect((await t.request('POST', '/api/billing/run', { token: clerk, body: {} })).status).toBe(403);
    const res = await t.request('POST', '/api/billing/run', { token: admin, body: {} });
    expect(res.status).toBe(200);
    expect(res.body.jobs.map((j: { name: string }) => j.name)).toEqual(['renew', 'generate', 'expiryWarnings', 'dueReminders', 'overdue']);
    expect(res.body.jobs[1]).toMatchObject({ name: 'generate', asOf: '2026-11-27', result: { invoices: 2, subscriptions: 1, failed: 0 }, durationMs: expect.any(Number) });
    const jobs = await t.request('GET', '/api/billing/jobs', { token: clerk });
    expect(jobs.body.find((j: { name: string }) => j.name === 'overdue')).toMatchObject({ time: '09:00', lastResult: { overdue: 0, suspended: 0 } });
  });

  it('lists and filters invoices; technicians may not see them', async () => {
    const list = await t.request('GET', `/api/invoices?customerId=${customerId}&status=unpaid`, { token: clerk });
    expect(list.body.total).toBe(2);
    expect(list.body.items[0]).toMatchObject({ customerName: 'Wayan Sudarsana', total: 166_500, balance: 166_500, taxRate: 11 });
    expect((await t.request('GET', '/api/invoices', { token: await people.token('technician') })).status).toBe(403);
  });

  it('counts the same invoices whether or not the count reads the customer (it does only for a search)', async () => {
    const list = async (query: string) => (await t.request('GET', `/api/invoices?pageSize=1${query}`, { token: clerk })).body as { total: number; items: unknown[] };
    const all = await list('');
    expect(all.total).toBe(2);
    expect(all.items).toHaveLength(1);
    expect((await list('&search=sudarsana')).total).toBe(2); // the customer's name
    expect((await list('&search=nobody')).total).toBe(0);
    expect((await list('&status=unpaid')).total).toBe(2);
    expect((await list('&status=paid')).total).toBe(0);
  });

  it('records a payment, refuses it twice, processes it and pays the invoice', async () => {
    const [invoice] = (await t.request('GET', `/api/invoices?customerId=${customerId}&pageSize=1`, { token: clerk })).body.items;
    const bad = await t.request('POST', '/api/payments', { token: clerk, body: { invoiceId: invoice.id, amount: 100.5, method: 'cash' } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.fields[0].field).toBe('amount');
    const created = await t.request('POST', '/api/payments', { token: clerk, body: { invoiceId: invoice.id, amount: 166_500, method: 'bank_transfer', reference: 'BRI-20261127-01' } });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ status: 'pending', receivedBy: 'Sari Staff', invoiceNumber: invoice.number });
    const twice = await t.request('POST', '/api/payments', { token: clerk, body: { invoiceId: invoice.id, amount: 1000, method: 'bank_transfer', reference: 'BRI-20261127-01' } });
    expect(twice.status).toBe(409);
    const processed = await t.request('PUT', `/api/payments/${created.body.id}/process`, { token: clerk, body: {} });
    expect(processed.body).toMatchObject({ status: 'completed', processedBy: 'Sari Staff' });
    expect((await t.request('GET', `/api/invoices/${invoice.id}`, { token: clerk })).body).toMatchObject({ status: 'paid', balance: 0 });
    expect((await t.request('PUT', `/api/payments/${created.body.id}/cancel`, { token: clerk, body: { reason: 'salah' } })).status).toBe(409);
    const stats = await t.request('GET', '/api/payments/stats', { token: clerk });
    expect(stats.body).toMatchObject({ collectedToday: 166_500, paymentsToday: 1, byMethod: { bank_transfer: 166_500 } });
  });

  it('serves the invoice and the receipt as PDF', async () => {
    const [invoice] = (await t.request('GET', `/api/invoices?customerId=${customerId}&status=paid`, { token: clerk })).body.items;
    const res = await fetch(`${t.url}/api/invoices/${invoice.id}/pdf`, { headers: { Authorization: `Bearer ${clerk}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    const dir = mkdtempSync(path.join(os.tmpdir(), 'nocman-pdf-'));
    writeFileSync(path.join(dir, 'i.pdf'), Buffer.from(await res.arrayBuffer()));
    const text = execFileSync('pdftotext', [path.join(dir, 'i.pdf'), '-'], { encoding: 'utf8' });
    expect(text).toContain(invoice.number);
    expect(text).toContain('LUNAS');
    const [payment] = (await t.request('GET', `/api/payments?invoiceId=${invoice.id}`, { token: clerk })).body.items;
    const receipt = await fetch(`${t.url}/api/payments/${payment.id}/receipt`, { headers: { Authorization: `Bearer ${clerk}` } });
    writeFileSync(path.join(dir, 'r.pdf'), Buffer.from(await receipt.arrayBuffer()));
    const receiptText = execFileSync('pdftotext', [path.join(dir, 'r.pdf'), '-'], { encoding: 'utf8' });
    expect(receiptText).toContain('KUITANSI PEMBAYARAN');
    expect(receiptText).toContain('Rp 166.500');
    expect(receiptText).toContain('BRI-20261127-01');
  });

  it('exports invoices and payments of a date range as CSV', async () => {
    const invoices = await fetch(`${t.url}/api/invoices/export?from=2026-11-01&to=2026-11-30`, { headers: { Authorization: `Bearer ${clerk}` } });
    expect(invoices.headers.get('content-type')).toMatch(/^text\/csv/);
    const lines = (await invoices.text()).split('\r\n');
    expect(lines[0]).toBe('number,issueDate,dueDate,customerCode,customerName,periodStart,periodEnd,subtotal,tax,total,amountPaid,balance,status');
    expect(lines).toHaveLength(3);
    const payments = await fetch(`${t.url}/api/payments/export?from=2026-11-27&to=2026-11-27`, { headers: { Authorization: `Bearer ${clerk}` } });
    const rows = (await payments.text()).split('\r\n');
    expect(rows).toHaveLength(2);
    expect(rows[1]).toContain('BRI-20261127-01');
    expect((await t.request('GET', '/api/payments/export?from=27/11/2026&to=2026-11-27', { token: clerk })).status).toBe(400);
  });

  it('voids only as admin and with a reason, and shows the history on the customer timeline', async () => {
    const [open] = (await t.request('GET', `/api/invoices?customerId=${customerId}&status=unpaid`, { token: clerk })).body.items;
    expect((await t.request('POST', `/api/invoices/${open.id}/void`, { token: clerk, body: { reason: 'salah tagih' } })).status).toBe(403);
    expect((await t.request('POST', `/api/invoices/${open.id}/void`, { token: admin, body: {} })).status).toBe(400);
    const voided = await t.request('POST', `/api/invoices/${open.id}/void`, { token: admin, body: { reason: 'Salah tagih, paket belum aktif' } });
    expect(voided.body.status).toBe('void');
    const kinds = (await t.request('GET', `/api/customers/${customerId}/history`, { token: clerk })).body.items.map((h: { kind: string }) => h.kind);
    expect(kinds.slice(0, 3)).toEqual(['invoice.void', 'payment.completed', 'payment.recorded']);
    expect(kinds).toContain('invoice.issued');
  });
});
