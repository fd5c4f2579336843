// What billing staff do first, on real SQLite with a fake clock: a customer's account, a payment spread over the
// oldest invoices, reminders and suspensions for a selection, and the subscriptions search.
import { afterEach, describe, expect, it } from 'vitest';
import { planAllocation } from '../../src/main/core/billing/allocation';
import { FakeClock } from '../../src/main/core/clock';
import type { Core } from '../../src/main/core';
import { admin, invoicesOf, plan, subscriber } from '../billing-fixtures';
import { makeCore, type TestCore } from '../helpers';

let t: TestCore;
afterEach(() => t?.close());

const jakarta = (date: string, time = '10:00') => `${date}T${time}:00+07:00`;

async function start(at: string) {
  t = await makeCore({ clock: new FakeClock(jakarta(at)) });
  return t.core;
}

/** A customer on Rp 150.000 (Rp 166.500 with PPN) from 1 November, billed on 27 November: November and December open. */
async function twoOpen(core: Core) {
  const home = await plan(core);
  const { customer, subscription } = await subscriber(core, home.id, '2026-11-01');
  await core.billing.runAll();
  const [nov, dec] = await invoicesOf(core, subscription.id);
  return { customer, subscription, nov: nov!, dec: dec! };
}

async function pay(core: Core, invoiceId: number, amount: number, allocation: 'this_invoice' | 'oldest_first') {
  const payment = await core.payments.create(admin, { invoiceId, amount, method: 'cash', reference: null, note: '', allocation });
  return core.payments.process(admin, payment.id, 'completed');
}

async function openMoney(core: Core, customerId: number) {
  const rows = (await core.db.dataSource.query(
    `SELECT COALESCE(SUM(amount_paid), 0) AS paid FROM invoice WHERE customer_id = ?`,
    [customerId],
  )) as [{ paid: number }];
  return { paid: rows[0].paid, credit: (await core.customers.get(customerId)).creditBalance };
}

describe('planAllocation', () => {
  const inv = (id: number, dueDate: string, balance: number) => ({ id, number: `INV/${id}`, dueDate, balance });
  it.each([
    ['this invoice only: the excess is credit', 300, inv(3, '2026-12-04', 100), [inv(1, '2026-11-04', 150)], 'this_invoice', [[3, 100]], 200],
    ['oldest first: this invoice, then the oldest due', 300, inv(3, '2026-12-04', 100), [inv(2, '2026-11-20', 150), inv(1, '2026-11-04', 150)], 'oldest_first', [[3, 100], [1, 150], [2, 50]], 0],
    ['oldest first with more than everything owed: the rest is credit', 500, inv(3, '2026-12-04', 100), [inv(1, '2026-11-04', 150)], 'oldest_first', [[3, 100], [1, 150]], 250],
    ['less than this invoice: nothing goes elsewhere', 60, inv(3, '2026-12-04', 100), [inv(1, '2026-11-04', 150)], 'oldest_first', [[3, 60]], 0],
    ['a settled invoice takes nothing', 80, inv(3, '2026-12-04', 0), [inv(1, '2026-11-04', 50)], 'oldest_first', [[1, 50]], 30],
    ['same due date: lower id first', 100, inv(3, '2026-12-04', 0), [inv(2, '2026-11-04', 60), inv(1, '2026-11-04', 60)], 'oldest_first', [[1, 60], [2, 40]], 0],
  ] as const)('%s', (_name, amount, invoice, others, mode, expected, credit) => {
    const plan = planAllocation(amount, invoice, others, mode);
    expect(plan.allocations.map((a) => [a.invoiceId, a.amount])).toEqual(expected);
    expect(plan.credit).toBe(credit);
    expect(plan.allocations.reduce((sum, a) => sum + a.amount, 0) + plan.credit).toBe(amount);
  });
});

describe('pay the oldest first', () => {
  it('pays the newer invoice it was entered on, then the older one, and keeps the rest as credit', async () => {
    const core = await start('2026-11-27');
    const { customer, nov, dec } = await twoOpen(core);
    const preview = await core.payments.preview(dec.id, 400_000, 'oldest_first');
    expect(preview.allocations.map((a) => [a.invoiceNumber, a.amount])).toEqual([[dec.number, 166_500], [nov.number, 166_500]]);
    expect(preview.credit).toBe(67_000);
    const done = await pay(core, dec.id, 400_000, 'oldest_first');
    expect(done).toMatchObject({ status: 'completed', allocation: 'oldest_first', creditedAmount: 67_000 });
    expect(done.allocations).toEqual([
      { invoiceId: dec.id, invoiceNumber: dec.number, amount: 166_500 },
      { invoiceId: nov.id, invoiceNumber: nov.number, amount: 166_500 },
    ]);
    expect((await core.invoices.get(nov.id)).status).toBe('paid');
    expect((await core.invoices.get(dec.id)).status).toBe('paid');
    // Money is conserved: what the invoices received plus the credit is what was paid.
    expect(await openMoney(core, customer.id)).toEqual({ paid: 333_000, credit: 67_000 });
    const timeline = (await core.customers.historyOf(customer.id, 1, 10, 'admin')).items;
    expect(timeline.slice(0, 2).map((h) => [h.kind, h.changes['invoiceNumber']?.to])).toEqual([['payment.allocated', nov.number], ['payment.completed', dec.number]]);
  });

  it('leaves older invoices alone when asked to pay this invoice only (the excess is credit)', async () => {
    const core = await start('2026-11-27');
    const { customer, nov, dec } = await twoOpen(core);
    const done = await pay(core, dec.id, 200_000, 'this_invoice');
    expect(done.creditedAmount).toBe(33_500);
    expect((await core.invoices.get(nov.id)).status).toBe('unpaid');
    expect(await openMoney(core, customer.id)).toEqual({ paid: 166_500, credit: 33_500 });
  });

  it('marks a partly reached older invoice partial, keeping overdue as overdue', async () => {
    const core = await start('2026-11-27');
    const { nov, dec } = await twoOpen(core);
    t.clock.set(jakarta('2026-12-05'));
    await core.billing.runAll();
    expect((await core.invoices.get(nov.id)).status).toBe('overdue');
    await pay(core, dec.id, 200_000, 'oldest_first');
    expect(await core.invoices.get(nov.id)).toMatchObject({ status: 'overdue', amountPaid: 33_500 });
    expect((await core.invoices.get(dec.id)).status).toBe('paid');
  });

  it('reactivates a customer suspended for non-payment once the oldest-first payment settles every overdue invoice, and clears their alerts', async () => {
    const core = await start('2026-10-20');
    const home = await plan(core);
    const { customer, subscription } = await subscriber(core, home.id, '2026-10-01');
    for (const date of ['2026-10-25', '2026-11-02', '2026-11-09', '2026-11-25', '2026-12-02', '2026-12-09']) {
      t.clock.set(jakarta(date, '23:00'));
      await core.billing.catchUp();
    }
    expect((await core.customers.get(customer.id)).status).toBe('suspended');
    const invoices = await invoicesOf(core, subscription.id);
    const open = invoices.filter((i) => i.status !== 'paid');
    expect(open.length).toBeGreaterThanOrEqual(2);
    const owed = open.reduce((sum, i) => sum + i.balance, 0);
    const newest = open.at(-1)!;
    // A payment of the newest invoice alone leaves the older overdue: the customer stays suspended.
    await pay(core, newest.id, newest.balance, 'this_invoice');
    expect((await core.customers.get(customer.id)).status).toBe('suspended');
    const older = open.at(-2)!;
    await pay(core, older.id, owed - newest.balance, 'oldest_first');
    for (const inv of open) expect((await core.invoices.get(inv.id)).status).toBe('paid');
    expect((await core.customers.get(customer.id)).status).toBe('active');
    expect((await core.subscriptions.get(subscription.id)).status).toBe('active');
    const alerts = await core.alerts.list('staff', { customerId: customer.id, status: 'open', page: 1, pageSize: 20 });
    expect(alerts.items.map((a) => a.type)).toEqual([]);
  });

  it('applies a double-submitted process once: the second is refused and nothing moves twice', async () => {
    const core = await start('2026-11-27');
    const { customer, dec } = await twoOpen(core);
    const payment = await core.payments.create(admin, { invoiceId: dec.id, amount: 400_000, method: 'cash', reference: null, note: '', allocation: 'oldest_first' });
    const results = await Promise.allSettled([core.payments.process(admin, payment.id, 'completed'), core.payments.process(admin, payment.id, 'completed')]);
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    expect(await openMoney(core, customer.id)).toEqual({ paid: 333_000, credit: 67_000 });
  });

  it('keeps every rupiah when a second payment is processed at the same time', async () => {
    const core = await start('2026-11-27');
    const { customer, nov, dec } = await twoOpen(core);
    const a = await core.payments.create(admin, { invoiceId: dec.id, amount: 250_000, method: 'cash', reference: null, note: '', allocation: 'oldest_first' });
    const b = await core.payments.create(admin, { invoiceId: nov.id, amount: 150_000, method: 'bank_transfer', reference: 'BCA-1', note: '', allocation: 'oldest_first' });
    await Promise.all([core.payments.process(admin, a.id, 'completed'), core.payments.process(admin, b.id, 'completed')]);
    const money = await openMoney(core, customer.id);
    expect(money.paid + money.credit).toBe(400_000);
    for (const inv of [nov, dec]) {
      const now = await core.invoices.get(inv.id);
      expect(now.amountPaid).toBeLessThanOrEqual(now.total);
      expect(now.status).toBe('paid');
    }
    expect(money.credit).toBe(400_000 - 333_000);
  });
});

describe('customer account', () => {
  it('shows open invoices oldest due first with their age, what is owed, overdue, credit and the last payment', async () => {
    const core = await start('2026-11-27');
    const { customer, nov, dec } = await twoOpen(core);
    const empty = await core.accounts.of(customer.id);
    expect(empty).toMatchObject({ balanceOwed: 333_000, overdueAmount: 0, credit: 0, lastPayment: null });
    expect(empty.openInvoices.map((i) => i.number)).toEqual([nov.number, dec.number]);
    t.clock.set(jakarta('2026-12-10'));
    await pay(core, nov.id, 100_000, 'this_invoice');
    const account = await core.accounts.of(customer.id);
    expect(account).toMatchObject({ balanceOwed: 233_000, overdueAmount: 233_000, credit: 0 });
    expect(account.openInvoices.map((i) => [i.number, i.balance, i.daysOverdue])).toEqual([[nov.number, 66_500, 6], [dec.number, 166_500, 6]]);
    expect(account.lastPayment).toMatchObject({ amount: 100_000, method: 'cash', invoiceNumber: nov.number });
    await expect(core.accounts.of(99_999)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});

describe('bulk reminders and suspensions', () => {
  it('records a reminder for each open invoice, raises its alert again, and reports paid and unknown ones', async () => {
    const core = await start('2026-11-27');
    const { customer, nov, dec } = await twoOpen(core);
    await pay(core, dec.id, dec.total, 'this_invoice');
    const result = await core.reminders.remind(admin, [nov.id, dec.id, 99_999]);
    expect(result).toEqual({ done: 1, results: [{ id: nov.id, outcome: 'reminded' }, { id: dec.id, outcome: 'notOpen' }, { id: 99_999, outcome: 'notFound' }] });
    await core.reminders.remind(admin, [nov.id]);
    const alerts = await core.alerts.list('staff', { invoiceId: nov.id, page: 1, pageSize: 10 });
    expect(alerts.items.map((a) => [a.type, a.status, a.count])).toEqual([['payment_due', 'open', 2]]);
    const reminders = (await core.customers.historyOf(customer.id, 1, 20, 'admin')).items.filter((h) => h.kind === 'invoice.reminded');
    expect(reminders).toHaveLength(2);
    expect(reminders[0]!.changes).toMatchObject({ number: { to: nov.number }, balance: { to: 166_500 } });
  });

  it('suspends a selection in one go, leaving the already suspended and the terminated as they are', async () => {
    const core = await start('2026-11-27');
    const home = await plan(core);
    const made = [];
    for (let i = 0; i < 4; i++) made.push((await subscriber(core, home.id, '2026-11-01')).customer);
    const [a, b, c, d] = made.map((m) => m.id) as [number, number, number, number];
    for (const id of [a, b, c, d]) expect((await core.customers.get(id)).status).toBe('active');
    await core.customers.setStatus(admin, b, 'suspended', 'Sudah ditangguhkan');
    await core.customers.setStatus(admin, c, 'terminated', 'Berhenti');
    const result = await core.customers.setStatusMany(admin, [a, b, c, d, 99_999], 'suspended', 'Tunggakan dua bulan');
    expect(result.results.map((r) => r.outcome)).toEqual(['changed', 'unchanged', 'notAllowed', 'changed', 'notFound']);
    expect(result.done).toBe(2);
    expect((await core.customers.get(a)).status).toBe('suspended');
    expect((await core.subscriptions.list({ customerId: d, page: 1, pageSize: 5 })).items[0]!.status).toBe('suspended');
    const entry = (await core.customers.historyOf(a, 1, 5, 'admin')).items.find((h) => h.kind === 'customer.status')!;
    expect(entry.reason).toBe('Tunggakan dua bulan');
    const back = await core.customers.setStatusMany(admin, [a, d], 'active', 'Sudah bayar');
    expect(back.done).toBe(2);
    expect((await core.customers.get(d)).status).toBe('active');
  });
});

describe('subscriptions search', () => {
  it('finds by customer name, phone as typed, code, plan and PPPoE username, with % and _ taken literally', async () => {
    const core = await start('2026-11-27');
    const gold = await plan(core, 'Gold 50', 300_000);
    const home = await plan(core, 'Home 20', 150_000);
    const one = await subscriber(core, gold.id, '2026-11-01');
    const two = await subscriber(core, home.id, '2026-11-01');
    await core.radius.credentials.update(admin, two.subscription.id, { username: 'rumah_made' });
    const found = async (search: string) => (await core.subscriptions.list({ search, page: 1, pageSize: 10 })).items.map((s) => s.id);
    expect(await found(one.customer.name)).toEqual([one.subscription.id]);
    expect(await found('gold')).toEqual([one.subscription.id]);
    expect(await found(two.customer.code)).toEqual([two.subscription.id]);
    expect(await found(`0${two.customer.phone.slice(3, 6)}-${two.customer.phone.slice(6)}`)).toEqual([two.subscription.id]);
    expect(await found('rumah_made')).toEqual([two.subscription.id]);
    expect(await found('rumah%')).toEqual([]);
    expect(await found('_')).toEqual([two.subscription.id]);
    expect((await core.subscriptions.list({ search: 'Home', status: 'suspended', page: 1, pageSize: 10 })).total).toBe(0);
  });
});
