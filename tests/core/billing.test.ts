// Billing on real SQLite with a fake clock: generation, idempotent reruns, catch-up after days off, the
// overdue → suspended → paid → reactivated path, credit, plan-change proration, payments rules, PDFs.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FakeClock } from '../../src/main/core/clock';
import { invoicePdf } from '../../src/main/core/billing/pdf';
import { message } from '../../src/shared/i18n/messages';
import { admin, invoicesOf, plan, subscriber } from '../billing-fixtures';
import { makeCore, type TestCore } from '../helpers';

let t: TestCore;
afterEach(() => t?.close());

/** 10:00 in Jakarta on a date. */
const jakarta = (date: string, time = '10:00') => `${date}T${time}:00+07:00`;

async function start(at: string) {
  t = await makeCore({ clock: new FakeClock(jakarta(at)) });
  return t.core;
}

describe('invoice generation', () => {
  it('bills a mid-month start prorated, then the next whole month once it is within the lead days', async () => {
    const core = await start('2026-11-27');
    const home = await plan(core, 'Home 20', 166_500);
    const { subscription } = await subscriber(core, home.id, '2026-11-15', { billingAnchorDay: 1 });
    const [first] = await core.billing.runAll().then((r) => r.filter((j) => j.name === 'generate'));
    expect(first!.result).toMatchObject({ invoices: 2 });
    const invoices = await invoicesOf(core, subscription.id);
    expect(invoices.map((i) => [i.number, i.periodStart, i.periodEnd, i.subtotal, i.tax, i.total, i.dueDate, i.status])).toEqual([
      ['INV/2026/11/0001', '2026-11-15', '2026-11-30', 88_800, 9_768, 98_568, '2026-12-04', 'unpaid'],
      ['INV/2026/11/0002', '2026-12-01', '2026-12-31', 166_500, 18_315, 184_815, '2026-12-04', 'unpaid'],
    ]);
    const rerun = (await core.billing.runAll()).find((j) => j.name === 'generate')!;
    expect(rerun.result).toMatchObject({ invoices: 0 });
    expect(await invoicesOf(core, subscription.id)).toHaveLength(2);
  });

  it('gives a subscription backdated months ago all its past invoices in one run', async () => {
    const core = await start('2026-11-27');
    const home = await plan(core);
    const { subscription, customer } = await subscriber(core, home.id, '2026-06-01');
    await core.billing.runAll();
    const invoices = await invoicesOf(core, subscription.id);
    expect(invoices.map((i) => i.periodStart)).toEqual(['2026-06-01', '2026-07-01', '2026-08-01', '2026-09-01', '2026-10-01', '2026-11-01', '2026-12-01']);
    expect(new Set(invoices.map((i) => i.issueDate))).toEqual(new Set(['2026-11-27']));
    const sub = await core.subscriptions.get(subscription.id);
    expect([sub.currentPeriodStart, sub.currentPeriodEnd]).toEqual(['2026-11-01', '2026-11-30']);
    const kinds = (await core.customers.historyOf(customer.id, 1, 50, 'admin')).items.map((h) => h.kind);
    expect(kinds.filter((k) => k === 'invoice.issued')).toHaveLength(7);
    expect(kinds.filter((k) => k === 'subscription.renewed')).toHaveLength(5);
    // The renewals' history and audit lines, word for word on both engines (PostgreSQL writes them in SQL).
    const history = (await core.db.dataSource.query(
      `SELECT actor_name AS actor, customer_id AS customerId, entity, entity_id AS entityId, summary, changes, reason FROM history WHERE kind = 'subscription.renewed' ORDER BY id`,
    )) as { actor: string; customerId: number; entity: string; entityId: number; summary: string; changes: string; reason: string | null }[];
    expect(history.map((h) => h.summary).sort()).toEqual(
      ['2026-07-01 – 2026-07-31', '2026-08-01 – 2026-08-31', '2026-09-01 – 2026-09-30', '2026-10-01 – 2026-10-31', '2026-11-01 – 2026-11-30'].map((p) => `Subscription #${subscription.id} renewed: ${p}`),
    );
    expect(history.map((h) => [h.actor, Number(h.customerId), h.entity, Number(h.entityId), h.reason])).toEqual(Array(5).fill(['system', customer.id, 'subscription', subscription.id, null]));
    expect(history.map((h) => h.changes)).toContain('{"currentPeriodStart":{"from":null,"to":"2026-11-01"},"currentPeriodEnd":{"from":null,"to":"2026-11-30"}}');
    const audit = (await core.db.dataSource.query(
      `SELECT actor_name AS actor, entity, entity_id AS entityId, changes FROM audit_log WHERE operation = 'subscription.renewed' ORDER BY id`,
    )) as { actor: string; entity: string; entityId: string; changes: string }[];
    expect(audit.map((a) => [a.actor, a.entity, a.entityId])).toEqual(Array(5).fill(['system', 'subscription', String(subscription.id)]));
    expect(audit.map((a) => a.changes).sort()).toEqual(history.map((h) => h.changes).sort());
    // Each issued invoice's timeline entry is its audit line too (copied on the server from the history rows).
    const issued = (await core.db.dataSource.query(
      `SELECT h.entity_id AS id, h.at, h.changes, a.entity_id AS auditId, a.at AS auditAt, a.actor_name AS auditActor, a.changes AS auditChanges
       FROM history h LEFT JOIN audit_log a ON a.operation = 'invoice.issued' AND a.entity = 'invoice' AND a.entity_id = CAST(h.entity_id AS TEXT)
       WHERE h.kind = 'invoice.issued' ORDER BY h.id`,
    )) as { id: number; at: string; changes: string; auditId: string | null; auditAt: string; auditActor: string; auditChanges: string }[];
    expect(issued).toHaveLength(7);
    for (const row of issued) {
      expect([row.auditId, row.auditAt, row.auditActor, row.auditChanges]).toEqual([String(row.id), row.at, 'system', row.changes]);
    }
  });

  it('does not bill a non-renewing subscription past its end', async () => {
    const core = await start('2026-11-27');
    const home = await plan(core);
    const { subscription } = await subscriber(core, home.id, '2026-11-01', { autoRenew: false });
    await core.billing.runAll();
    expect((await invoicesOf(core, subscription.id)).map((i) => i.periodStart)).toEqual(['2026-11-01']);
  });

  it('keeps numbers gapless and never bills twice when two consoles generate at once', async () => {
    const core = await start('2026-11-27');
    const home = await plan(core);
    for (let i = 0; i < 30; i++) await subscriber(core, home.id, '2026-11-01');
    const other = await makeCore({ clock: new FakeClock(jakarta('2026-11-27')) }, t.dataDir);
    try {
      await Promise.all([core.billing.runAll(), other.core.billing.runAll(), core.billing.runAll()]);
      await core.billing.runAll();
    } finally {
      await other.core.close();
    }
    const rows = (await core.db.dataSource.query('SELECT number, subscription_id AS s, period_start AS p FROM invoice ORDER BY number')) as { number: string; s: number; p: string }[];
    expect(rows).toHaveLength(60);
    expect(rows.map((r) => r.number)).toEqual(Array.from({ length: 60 }, (_, i) => `INV/2026/11/${String(i + 1).padStart(4, '0')}`));
    expect(new Set(rows.map((r) => `${r.s}:${r.p}`)).size).toBe(60);
  });
});

describe('catch-up', () => {
  it('runs every job missed over a weekend once, in order, each as of its own day', async () => {
    const core = await start('2026-11-27'); // Friday, 10:00
    await core.billing.catchUp();
    t.clock.set(jakarta('2026-11-30', '08:30')); // Monday, before the 09:00 overdue run
    const results = await core.billing.catchUp();
    expect(results.map((r) => `${r.asOf} ${r.name}`)).toEqual([
      '2026-11-28 renew', '2026-11-28 generate', '2026-11-28 expiryWarnings', '2026-11-28 dueReminders', '2026-11-28 overdue',
      '2026-11-29 renew', '2026-11-29 generate', '2026-11-29 expiryWarnings', '2026-11-29 dueReminders', '2026-11-29 overdue',
      '2026-11-30 renew', '2026-11-30 generate', '2026-11-30 expiryWarnings', '2026-11-30 dueReminders',
    ]);
    expect(await core.billing.catchUp()).toEqual([]);
    const overdue = (await core.billing.status()).find((j) => j.name === 'overdue')!;
    expect(overdue.lastRunFor).toBe(new Date(jakarta('2026-11-29', '09:00')).toISOString());
  });
});

describe('follow-up', () => {
  it('reminds, marks overdue, suspends after the grace days, and a full payment reactivates and clears', async () => {
    const core = await start('2026-10-20');
    const home = await plan(core);
    const { customer, subscription } = await subscriber(core, home.id, '2026-11-01');
    await core.billing.catchUp();
    const day = async (date: string) => {
      t.clock.set(jakarta(date, '23:00'));
      await core.billing.catchUp();
    };
    await day('2026-10-25');
    const [invoice] = await invoicesOf(core, subscription.id);
    expect(invoice).toMatchObject({ issueDate: '2026-10-25', dueDate: '2026-11-01', total: 166_500, status: 'unpaid' });
    await day('2026-10-29');
    const due = await core.alerts.list('staff', { invoiceId: invoice!.id, page: 1, pageSize: 10 });
    expect(due.items.map((a) => [a.type, a.status])).toEqual([['payment_due', 'open']]);
    await day('2026-11-02');
    expect((await core.invoices.get(invoice!.id)).status).toBe('overdue');
    const alerts = await core.alerts.list('staff', { invoiceId: invoice!.id, page: 1, pageSize: 10 });
    expect(alerts.items.map((a) => [a.type, a.status, a.resolvedBy]).sort()).toEqual([['payment_due', 'resolved', 'system'], ['payment_overdue', 'open', null]]);
    await day('2026-11-08');
    expect((await core.customers.get(customer.id)).status).toBe('active');
    await day('2026-11-09');
    expect((await core.customers.get(customer.id)).status).toBe('suspended');
    expect((await core.subscriptions.get(subscription.id)).status).toBe('suspended');
    const suspension = (await core.customers.historyOf(customer.id, 1, 50, 'admin')).items.find((h) => h.kind === 'customer.status' && h.changes['status']?.to === 'suspended')!;
    expect(suspension.reason).toBe(`auto.overdue:${invoice!.number}`);

    const payment = await core.payments.create(admin, { invoiceId: invoice!.id, amount: 166_500, method: 'bank_transfer', reference: 'BCA-991', note: '' });
    const done = await core.payments.process(admin, payment.id, 'completed');
    expect(done).toMatchObject({ status: 'completed', creditedAmount: 0 });
    expect((await core.invoices.get(invoice!.id)).status).toBe('paid');
    expect((await core.customers.get(customer.id)).status).toBe('active');
    expect((await core.subscriptions.get(subscription.id)).status).toBe('active');
    const open = await core.alerts.list('staff', { customerId: customer.id, status: 'open', page: 1, pageSize: 10 });
    expect(open.items.map((a) => a.type)).toEqual([]);
    const kinds = (await core.customers.historyOf(customer.id, 1, 50, 'admin')).items.map((h) => h.kind);
    expect(kinds.slice(0, 4)).toEqual(['subscription.status', 'customer.status', 'payment.completed', 'payment.recorded']);
  });

  it('turns an overpayment into credit and applies it to the next invoice automatically', async () => {
    const core = await start('2026-11-27');
    const home = await plan(core, 'Home 10', 100_000);
    const { customer, subscription } = await subscriber(core, home.id, '2026-11-01');
    await core.billing.runAll();
    const [nov, dec] = await invoicesOf(core, subscription.id);
    expect(nov!.total).toBe(111_000);
    const p = await core.payments.create(admin, { invoiceId: nov!.id, amount: 200_000, method: 'cash', reference: null, note: '' });
    expect((await core.payments.process(admin, p.id, 'completed')).creditedAmount).toBe(89_000);
    expect((await core.customers.get(customer.id)).creditBalance).toBe(89_000);
    expect(dec!.amountPaid).toBe(0); // December was issued before the overpayment
    t.clock.set(jakarta('2026-12-27'));
    await core.billing.runAll();
    const jan = (await invoicesOf(core, subscription.id)).at(-1)!;
    expect(jan).toMatchObject({ periodStart: '2027-01-01', total: 111_000, amountPaid: 89_000, balance: 22_000, status: 'partial' });
    expect(jan.lines.at(-1)).toEqual({ kind: 'credit', text: message('invoiceLine.creditApplied'), description: 'Saldo kredit pelanggan dipakai', amount: -89_000 });
    expect((await core.customers.get(customer.id)).creditBalance).toBe(0);
  });

  it('credits the old plan and charges the new for the rest of an invoiced period', async () => {
    const core = await start('2026-11-27');
    const small = await plan(core, 'Home 10', 100_000);
    const big = await plan(core, 'Home 50', 250_000);
    const { subscription } = await subscriber(core, small.id, '2026-11-01');
    await core.billing.runAll();
    t.clock.set(jakarta('2026-12-17'));
    await core.subscriptions.update(admin, subscription.id, { planId: big.id });
    t.clock.set(jakarta('2026-12-27'));
    await core.billing.runAll();
    const jan = (await invoicesOf(core, subscription.id)).at(-1)!;
    expect(jan.lines.map((l) => [l.kind, l.amount])).toEqual([
      ['plan', 250_000],
      ['adjustment', -48_387], // 15/31 of Rp 100.000
      ['adjustment', 120_968], // 15/31 of Rp 250.000
    ]);
    expect(jan.subtotal).toBe(322_581);
  });
});

describe('suspension and billing', () => {
  it('does not bill the months a customer spent suspended, and resumes with the current period', async () => {
    const core = await start('2026-11-27');
    const home = await plan(core);
    const { customer, subscription } = await subscriber(core, home.id, '2026-11-01');
    await core.billing.catchUp();
    await core.customers.setStatus(admin, customer.id, 'suspended', 'Pelanggan minta cuti 2 bulan');
    t.clock.set(jakarta('2027-02-10'));
    await core.billing.catchUp();
    expect((await invoicesOf(core, subscription.id)).map((i) => i.periodStart)).toEqual(['2026-11-01', '2026-12-01']);
    await core.customers.setStatus(admin, customer.id, 'active', 'Kembali dari cuti');
    await core.billing.runAll();
    expect((await invoicesOf(core, subscription.id)).map((i) => i.periodStart)).toEqual(['2026-11-01', '2026-12-01', '2027-02-01']);
    expect((await core.subscriptions.get(subscription.id)).currentPeriodStart).toBe('2027-02-01');
  });
});

describe('payments', () => {
  it('refuses a duplicate reference for the same method, allows it for another, and never pays a void invoice', async () => {
    const core = await start('2026-11-27');
    const home = await plan(core);
    const { subscription } = await subscriber(core, home.id, '2026-11-01');
    await core.billing.runAll();
    const [nov, dec] = await invoicesOf(core, subscription.id);
    await core.payments.create(admin, { invoiceId: nov!.id, amount: 50_000, method: 'bank_transfer', reference: 'TRX-1', note: '' });
    await expect(core.payments.create(admin, { invoiceId: dec!.id, amount: 50_000, method: 'bank_transfer', reference: 'TRX-1', note: '' })).rejects.toMatchObject({ code: 'CONFLICT' });
    await core.payments.create(admin, { invoiceId: dec!.id, amount: 50_000, method: 'ewallet', reference: 'TRX-1', note: '' });
    await expect(core.invoices.void(admin, dec!.id, 'Salah tagih')).rejects.toMatchObject({ code: 'CONFLICT' });
    const pending = (await core.payments.list({ invoiceId: dec!.id, page: 1, pageSize: 5 })).items[0]!;
    await core.payments.cancel(admin, pending.id, 'Dobel input');
    const voided = await core.invoices.void(admin, dec!.id, 'Salah tagih');
    expect(voided).toMatchObject({ status: 'void', voidReason: 'Salah tagih', number: 'INV/2026/11/0002' });
    await expect(core.payments.create(admin, { invoiceId: dec!.id, amount: 1, method: 'cash', reference: null, note: '' })).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    // the voided number stays used: no later invoice takes it
    t.clock.set(jakarta('2026-11-28'));
    const next = await subscriber(core, home.id, '2026-11-28');
    await core.billing.runAll();
    expect((await invoicesOf(core, next.subscription.id))[0]!.number).toBe('INV/2026/11/0003');
  });

  it('adds up stats: collected today and this month by method, outstanding, overdue and aging', async () => {
    const core = await start('2026-09-01');
    await core.settings.update(admin, { graceDays: 90 });
    const home = await plan(core, 'Home 10', 100_000);
    const a = await subscriber(core, home.id, '2026-09-01');
    await core.billing.catchUp();
    t.clock.set(jakarta('2026-11-27'));
    await core.billing.catchUp();
    const invoices = await invoicesOf(core, a.subscription.id);
    const pay = await core.payments.create(admin, { invoiceId: invoices.at(-1)!.id, amount: 111_000, method: 'ewallet', reference: 'OVO-1', note: '' });
    await core.payments.process(admin, pay.id, 'completed');
    const stats = await core.payments.stats();
    expect(stats).toMatchObject({ collectedToday: 111_000, paymentsToday: 1, collectedThisMonth: 111_000, byMethod: { ewallet: 111_000, cash: 0 } });
    expect(stats.overdueCount).toBe(3);
    expect(stats.aging).toEqual({ d1_30: 111_000, d31_60: 111_000, d61_90: 111_000, d90plus: 0 });
    expect(stats.overdueAmount).toBe(333_000);
    expect(stats.outstanding).toBe(333_000);
  });

  it('renders an invoice PDF whose text says who, what and how much', async () => {
    const core = await start('2026-11-27');
    await core.settings.update(admin, { companyName: 'PT Jaringan Nusantara', companyTaxId: '01.234.567.8-901.000', paymentInstructions: 'Transfer BCA 123-456-7890 a.n. PT Jaringan Nusantara' });
    const home = await plan(core, 'Home 20', 166_500);
    const { subscription, customer } = await subscriber(core, home.id, '2026-11-15', { billingAnchorDay: 1 });
    await core.billing.runAll();
    const [first] = await invoicesOf(core, subscription.id);
    const pdf = await invoicePdf(first!, await core.customers.get(customer.id), await core.settings.get(), 'id');
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const dir = mkdtempSync(path.join(os.tmpdir(), 'nocman-pdf-'));
    writeFileSync(path.join(dir, 'invoice.pdf'), pdf);
    const text = execFileSync('pdftotext', ['-layout', path.join(dir, 'invoice.pdf'), '-'], { encoding: 'utf8' });
    for (const expected of ['PT Jaringan Nusantara', 'FAKTUR TAGIHAN', 'INV/2026/11/0001', customer.code, 'Rp 88.800', 'PPN 11%', 'Rp 9.768', 'Rp 98.568', 'BELUM LUNAS', 'Transfer BCA 123-456-7890']) {
      expect(text).toContain(expected);
    }
  });
});
