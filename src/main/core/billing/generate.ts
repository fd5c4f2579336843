// Invoice generation as of a date: every active subscription's periods that start within the lead time get
// one invoice each — a backdated subscription gets all its past periods. Work is computed from one read,
// then written in transactions of whole customers; the unique (subscription, period start) index means a
// repeated or interrupted run never bills twice, and numbers come from a per-month counter in the same
// transaction, so they stay gapless.
import type { EntityManager } from 'typeorm';
import type { InvoiceLine, Settings } from '../../../shared/contract';
import { addDaysIso, dayOfMonth, type IsoDate } from '../../../shared/dates';
import { message, parseMessage, translator, type MessageRef, type Translator } from '../../../shared/i18n/messages';
import { nextCounter, type Database } from '../db/database';
import type { Clock } from '../clock';
import { firstPeriod, nextPeriod, type Period } from '../subscriptions/periods';
import { fullCycleEnding, periodDays, prorate, totalsOf } from './arithmetic';
import { insertHistoryAudited, insertMany } from './sql';
import type { CustomerMessage, MessageComposer } from '../messaging/compose';

/** At most this many periods per subscription in one run (20 years of monthly invoices). */
const MAX_PERIODS = 240;
/**
 * Customers per write transaction. Each commit writes the index pages it touched again, so fewer commits are cheaper
 * (400 → 1,000 took the 20,000-subscription run with messages from ~4.6 to ~4.3 s); a chunk holds the write lock
 * ~130 ms with its outbox rows, which is as long as a person's save may wait behind the billing run.
 */
const CUSTOMERS_PER_TRANSACTION = 1000;

interface Candidate {
  id: number;
  customerId: number;
  startDate: string;
  anchorDay: number;
  autoRenew: number;
  currentPeriodEnd: string;
  priceOverride: number | null;
  overrideReason: string | null;
  planName: string;
  planPrice: number;
  downloadMbps: number;
  uploadMbps: number;
  cycleMonths: number;
  lastEnd: string | null;
  resumedOn: string | null;
}

export interface PlannedInvoice {
  subscriptionId: number;
  customerId: number;
  period: Period;
  lines: InvoiceLine[];
  adjustmentIds: number[];
}

export function invoiceNumber(issueDate: IsoDate, n: number): string {
  return `INV/${issueDate.slice(0, 4)}/${issueDate.slice(5, 7)}/${String(n).padStart(4, '0')}`;
}

/** Lines already rendered by a translator: a run's subscriptions of one plan and period share their plan line. */
const rendered = new WeakMap<Translator, Map<string, string>>();

/** A line as stored: its text as a message key for every reader, and rendered once in the site language. */
export function invoiceLine(kind: InvoiceLine['kind'], text: MessageRef, amount: number, site: Translator): InvoiceLine {
  let cache = rendered.get(site);
  if (!cache) rendered.set(site, (cache = new Map()));
  const key = JSON.stringify(text);
  let description = cache.get(key);
  if (description === undefined) {
    description = site.render(text);
    if (cache.size >= 10_000) cache.clear();
    cache.set(key, description);
  }
  return { kind, text, description, amount };
}

/** A pending plan-change line: its stored key, or (written before keys) its stored text. */
export function adjustmentText(row: { description: string; text: string | null }): MessageRef {
  return parseMessage(row.text) ?? message('invoiceLine.legacy', { text: row.description });
}

export interface PendingAdjustment {
  description: string;
  text: string | null;
  amount: number;
}

/** The lines of one period: the plan (prorated for a short first period), the special price, adjustments. */
export function periodLines(c: Candidate, period: Period, adjustments: PendingAdjustment[], site: Translator): InvoiceLine[] {
  const short = dayOfMonth(period.start) !== c.anchorDay;
  const full = short ? fullCycleEnding(period.end, c.cycleMonths) : period;
  const days = periodDays(period.start, period.end);
  const fullDays = periodDays(full.start, full.end);
  const plan = { plan: c.planName, down: c.downloadMbps, up: c.uploadMbps, start: period.start, end: period.end };
  const lines: InvoiceLine[] = [];
  if (short) {
    lines.push(invoiceLine('proration', message('invoiceLine.proration', { ...plan, days, fullDays }), prorate(c.planPrice, days, fullDays), site));
  } else {
    lines.push(invoiceLine('plan', message('invoiceLine.plan', plan), c.planPrice, site));
  }
  if (c.priceOverride !== null && c.priceOverride !== c.planPrice) {
    const difference = c.priceOverride - c.planPrice;
    const text = c.overrideReason
      ? message('invoiceLine.overrideWithReason', { price: c.priceOverride, reason: c.overrideReason })
      : message('invoiceLine.override', { price: c.priceOverride });
    lines.push(invoiceLine('override', text, short ? prorate(difference, days, fullDays) : difference, site));
  }
  for (const adjustment of adjustments) lines.push(invoiceLine('adjustment', adjustmentText(adjustment), adjustment.amount, site));
  return lines;
}

export class InvoiceGenerator {
  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
    /** "Invoice issued" to the customer (the PDF by e-mail), queued in the invoice's own transaction. */
    private readonly messages: MessageComposer | null = null,
  ) {}

  /** Plans what is due as of `asOf`, then writes it. Answers what it did. */
  async run(asOf: IsoDate, settings: Settings): Promise<{ invoices: number; subscriptions: number; failed: number }> {
    const planned = await this.plan(asOf, settings.invoiceLeadDays, translator(settings.language, settings.timeZone));
    const byCustomer = new Map<number, PlannedInvoice[]>();
    for (const p of planned) byCustomer.set(p.customerId, [...(byCustomer.get(p.customerId) ?? []), p]);
    const customers = [...byCustomer.keys()].sort((a, b) => a - b);
    let invoices = 0;
    let failed = 0;
    for (let i = 0; i < customers.length; i += CUSTOMERS_PER_TRANSACTION) {
      const chunk = customers.slice(i, i + CUSTOMERS_PER_TRANSACTION).flatMap((id) => byCustomer.get(id)!);
      try {
        invoices += await this.db.write((em) => this.write(em, chunk, asOf, settings));
      } catch {
        // Another writer billed some of these meanwhile (unique index): the next run picks up the rest.
        failed += chunk.length;
      }
    }
    return { invoices, subscriptions: new Set(planned.map((p) => p.subscriptionId)).size, failed };
  }

  async plan(asOf: IsoDate, leadDays: number, site: Translator): Promise<PlannedInvoice[]> {
    const horizon = addDaysIso(asOf, leadDays);
    const candidates = (await this.db.dataSource.query(
      `SELECT s.id, s.customer_id AS customerId, s.start_date AS startDate, s.billing_anchor_day AS anchorDay,
         s.auto_renew AS autoRenew, s.current_period_end AS currentPeriodEnd, s.price_override AS priceOverride,
         s.override_reason AS overrideReason, p.name AS planName, p.price AS planPrice, p.download_mbps AS downloadMbps,
         p.upload_mbps AS uploadMbps, p.cycle_months AS cycleMonths, s.billing_resumed_on AS resumedOn,
         last.lastEnd
       FROM subscription s JOIN plan p ON p.id = s.plan_id JOIN customer c ON c.id = s.customer_id
       LEFT JOIN (SELECT subscription_id, MAX(period_end) AS lastEnd FROM invoice GROUP BY subscription_id) last ON last.subscription_id = s.id
       WHERE s.status = 'active' AND s.deleted_at IS NULL AND c.deleted_at IS NULL AND s.start_date <= ?
         AND (last.lastEnd IS NULL OR last.lastEnd < ?)`,
      [horizon, horizon],
    )) as Candidate[];
    const adjustments = (await this.db.dataSource.query(
      `SELECT id, subscription_id AS subscriptionId, description, text, amount FROM billing_adjustment WHERE invoice_id IS NULL ORDER BY id`,
    )) as (PendingAdjustment & { id: number; subscriptionId: number })[];
    const pendingBySub = new Map<number, typeof adjustments>();
    for (const a of adjustments) pendingBySub.set(a.subscriptionId, [...(pendingBySub.get(a.subscriptionId) ?? []), a]);

    const planned: PlannedInvoice[] = [];
    for (const c of candidates) {
      let period = c.lastEnd ? nextPeriod(c.lastEnd, c.cycleMonths) : firstPeriod(c.startDate, c.anchorDay, c.cycleMonths);
      let pending = pendingBySub.get(c.id) ?? [];
      for (let n = 0; n < MAX_PERIODS && period.start <= horizon; n++) {
        // A subscription that does not renew is billed up to the end of its current period, not beyond.
        if (!c.autoRenew && period.start > c.currentPeriodEnd) break;
        // Periods that passed while the subscription was suspended are not billed after it resumes.
        if (c.resumedOn && period.end < c.resumedOn) {
          period = nextPeriod(period.end, c.cycleMonths);
          continue;
        }
        planned.push({ subscriptionId: c.id, customerId: c.customerId, period, lines: periodLines(c, period, pending, site), adjustmentIds: pending.map((a) => a.id) });
        pending = [];
        period = nextPeriod(period.end, c.cycleMonths);
      }
    }
    return planned;
  }

  private async write(em: EntityManager, chunk: PlannedInvoice[], issueDate: IsoDate, settings: Settings): Promise<number> {
    const now = this.clock.now().toISOString();
    const dueDate = addDaysIso(issueDate, settings.paymentTermDays);
    const customerIds = [...new Set(chunk.map((p) => p.customerId))];
    const credits = new Map<number, number>();
    for (let i = 0; i < customerIds.length; i += 500) {
      const ids = customerIds.slice(i, i + 500);
      const rows = (await em.query(`SELECT id, credit_balance AS credit FROM customer WHERE id IN (${ids.map(() => '?').join(',')})`, ids)) as { id: number; credit: number }[];
      for (const row of rows) credits.set(row.id, row.credit);
    }
    const site = translator(settings.language, settings.timeZone);
    const counter = `invoice:${issueDate.slice(0, 7)}`;
    const last = await nextCounter(em, counter, chunk.length);
    const [{ maxId }] = (await em.query('SELECT COALESCE(MAX(id), 0) AS maxId FROM invoice')) as [{ maxId: number }];
    const invoiceRows: unknown[][] = [];
    const historyRows: unknown[][] = [];
    const creditUsed = new Map<number, number>();
    const issued: CustomerMessage[] = [];
    chunk.forEach((p, index) => {
      const id = maxId + index + 1;
      const number = invoiceNumber(issueDate, last - chunk.length + index + 1);
      const lines = [...p.lines];
      let totals = totalsOf(lines, settings.taxRate);
      if (totals.subtotal < 0) {
        // A downgrade credit larger than the period: the rest becomes customer credit.
        lines.push(invoiceLine('adjustment', message('invoiceLine.carriedToCredit'), -totals.subtotal, site));
        credits.set(p.customerId, (credits.get(p.customerId) ?? 0) - totals.subtotal);
        creditUsed.set(p.customerId, (creditUsed.get(p.customerId) ?? 0) + totals.subtotal);
        totals = totalsOf(lines, settings.taxRate);
      }
      const available = credits.get(p.customerId) ?? 0;
      const applied = Math.min(available, totals.total);
      if (applied > 0) {
        lines.push(invoiceLine('credit', message('invoiceLine.creditApplied'), -applied, site));
        credits.set(p.customerId, available - applied);
        creditUsed.set(p.customerId, (creditUsed.get(p.customerId) ?? 0) + applied);
      }
      const status = applied >= totals.total ? 'paid' : applied > 0 ? 'partial' : 'unpaid';
      invoiceRows.push([id, number, p.customerId, p.subscriptionId, p.period.start, p.period.end, issueDate, dueDate, JSON.stringify(lines), totals.subtotal, settings.taxRate, totals.tax, totals.total, applied, status, now, now]);
      const changes = JSON.stringify({ number: { from: null, to: number }, total: { from: null, to: totals.total }, periodStart: { from: null, to: p.period.start }, periodEnd: { from: null, to: p.period.end } });
      historyRows.push([now, null, 'system', p.customerId, 'invoice', id, 'invoice.issued', `Invoice ${number} issued: Rp ${totals.total}`, changes, null]);
      if (status !== 'paid') {
        issued.push({
          event: 'invoiceIssued', customerId: p.customerId, cause: `invoice:${id}`, invoiceId: id, attachment: 'invoice',
          params: { invoiceNumber: number, amount: { rupiah: totals.total - applied }, dueDate: { date: dueDate }, period: { period: [p.period.start, p.period.end] } },
        });
      }
    });
    await insertMany(
      em,
      'invoice',
      ['id', 'number', 'customer_id', 'subscription_id', 'period_start', 'period_end', 'issue_date', 'due_date', 'lines', 'subtotal', 'tax_rate', 'tax', 'total', 'amount_paid', 'status', 'created_at', 'updated_at'],
      invoiceRows,
    );
    await insertHistoryAudited(em, historyRows);
    for (const [customerId, used] of creditUsed) {
      await em.query('UPDATE customer SET credit_balance = credit_balance - ? WHERE id = ?', [used, customerId]);
    }
    for (const [index, p] of chunk.entries()) {
      if (p.adjustmentIds.length === 0) continue;
      await em.query(`UPDATE billing_adjustment SET invoice_id = ? WHERE id IN (${p.adjustmentIds.map(() => '?').join(',')}) AND invoice_id IS NULL`, [maxId + index + 1, ...p.adjustmentIds]);
    }
    await this.messages?.customers(em, issued);
    return chunk.length;
  }
}
