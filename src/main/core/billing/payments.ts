// Payments: recorded pending, then processed in one transaction that pays the invoice (and, when asked, the
// customer's other open invoices oldest due first), keeps the rest as customer credit, writes the timeline and
// reactivates a customer suspended for non-payment.
import type { EntityManager } from 'typeorm';
import type { Payment, PaymentAllocation, PaymentMethod, PaymentStatus, PaymentStats } from '../../../shared/contract';
import { addDaysIso, dateInZone, startOfDateInZone } from '../../../shared/dates';
import { AppError } from '../../../shared/errors';
import type { Actor } from '../actor';
import type { AlertsService } from '../alerts/service';
import type { Clock } from '../clock';
import { toCsv } from '../csv';
import type { CustomersService } from '../customers/service';
import { isUniqueViolation, type Database } from '../db/database';
import { daysBetween, insertionOrder } from '../db/dialect';
import type { EventBus } from '../events';
import type { HistoryService } from '../history/service';
import type { MessageComposer } from '../messaging/compose';
import { receiptNumber } from '../messaging/preview';
import { NO_ACCESS_HOOKS, type AccessHooks } from '../radius/access';
import type { SettingsService } from '../settings/service';
import { planAllocation, type OpenBalance } from './allocation';
import { invoiceAlertKeys } from './invoices';

const COLUMNS = `p.id, p.invoice_id AS invoiceId, i.number AS invoiceNumber, p.customer_id AS customerId, c.name AS customerName,
  p.amount, p.method, p.reference, p.note, p.status, p.received_by AS receivedBy, p.created_at AS createdAt,
  p.paid_at AS paidAt, p.processed_by AS processedBy, p.credited_amount AS creditedAmount, p.allocation`;
const FROM = 'FROM payment p JOIN invoice i ON i.id = p.invoice_id JOIN customer c ON c.id = p.customer_id';

/** Reason codes written by the system; the renderer translates them. */
export const AUTO_PAID = (invoiceNumber: string) => `auto.paid:${invoiceNumber}`;

export interface PaymentQuery {
  customerId?: number;
  invoiceId?: number;
  status?: PaymentStatus;
  method?: PaymentMethod;
  from?: string;
  to?: string;
  page: number;
  pageSize: number;
}

type PaymentRow = Omit<Payment, 'allocations'>;

const OPEN_STATUSES = `('unpaid', 'partial', 'overdue')`;

interface InvoiceState {
  id: number;
  number: string;
  customerId: number;
  total: number;
  amountPaid: number;
  status: string;
  dueDate: string;
}

function balanceOf(invoice: InvoiceState): OpenBalance {
  return { id: invoice.id, number: invoice.number, dueDate: invoice.dueDate, balance: invoice.status === 'paid' ? 0 : invoice.total - invoice.amountPaid };
}

export class PaymentsService {
  constructor(
    private readonly db: Database,
    private readonly customers: CustomersService,
    private readonly history: HistoryService,
    private readonly alerts: AlertsService,
    private readonly settings: SettingsService,
    private readonly events: EventBus,
    private readonly clock: Clock,
    private readonly access: AccessHooks = NO_ACCESS_HOOKS,
    /** "Payment received" (the receipt by e-mail) and "reactivated", queued in the payment's transaction. */
    private readonly messages: MessageComposer | null = null,
  ) {}

  private async today(): Promise<string> {
    return dateInZone(this.clock.now(), (await this.settings.get()).timeZone);
  }

  async get(id: number, em: EntityManager = this.db.dataSource.manager): Promise<Payment> {
    const rows = (await em.query(`SELECT ${COLUMNS} ${FROM} WHERE p.id = ?`, [id])) as PaymentRow[];
    if (!rows[0]) throw new AppError('NOT_FOUND', `Payment ${id} not found`);
    const [payment] = await this.withAllocations(em, rows);
    return payment!;
  }

  /** Each payment with what it paid on which invoice, read in one query for the whole page. */
  private async withAllocations(em: EntityManager, rows: PaymentRow[]): Promise<Payment[]> {
    const ids = rows.map((r) => r.id);
    const byPayment = new Map<number, Payment['allocations']>(ids.map((id) => [id, []]));
    if (ids.length > 0) {
      const allocations = (await em.query(
        `SELECT a.payment_id AS paymentId, a.invoice_id AS invoiceId, i.number AS invoiceNumber, a.amount FROM payment_allocation a
         JOIN invoice i ON i.id = a.invoice_id WHERE a.payment_id IN (${ids.map(() => '?').join(',')}) ORDER BY a.payment_id, ${insertionOrder(this.db.dialect, 'a')}`,
        ids,
      )) as { paymentId: number; invoiceId: number; invoiceNumber: string; amount: number }[];
      for (const { paymentId, ...allocation } of allocations) byPayment.get(paymentId)!.push(allocation);
    }
    return rows.map((row) => ({ ...row, allocations: byPayment.get(row.id) ?? [] }));
  }

  async list(query: PaymentQuery) {
    const { clause, params } = await this.where(query);
    const q = this.db.dataSource;
    const [{ total }] = (await q.query(`SELECT COUNT(*) AS total ${FROM} ${clause}`, params)) as [{ total: number }];
    const rows = (await q.query(`SELECT ${COLUMNS} ${FROM} ${clause} ORDER BY p.created_at DESC, p.id DESC LIMIT ? OFFSET ?`, [
      ...params,
      query.pageSize,
      (query.page - 1) * query.pageSize,
    ])) as PaymentRow[];
    return { items: await this.withAllocations(q.manager, rows), total, page: query.page, pageSize: query.pageSize };
  }

  private async where(query: Omit<PaymentQuery, 'page' | 'pageSize'>) {
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (sql: string, value: unknown) => {
      where.push(sql);
      params.push(value);
    };
    if (query.customerId) add('p.customer_id = ?', query.customerId);
    if (query.invoiceId) add('p.invoice_id = ?', query.invoiceId);
    if (query.status) add('p.status = ?', query.status);
    if (query.method) add('p.method = ?', query.method);
    const { timeZone } = await this.settings.get();
    // Dates are site dates: a payment at 23:30 WIB belongs to that day, not to the UTC one.
    if (query.from) add('p.created_at >= ?', startOfDateInZone(query.from, timeZone).toISOString());
    if (query.to) add('p.created_at < ?', startOfDateInZone(addDaysIso(query.to, 1), timeZone).toISOString());
    return { clause: where.length ? `WHERE ${where.join(' AND ')}` : '', params };
  }

  async create(
    actor: Actor,
    input: { invoiceId: number; amount: number; method: PaymentMethod; reference: string | null; note: string; allocation?: PaymentAllocation },
  ): Promise<Payment> {
    return this.db.write(async (em) => {
      const invoice = await this.invoice(em, input.invoiceId, 'invoiceId');
      if (invoice.status === 'void') throw AppError.validation('invoiceId', `${invoice.number} is void`);
      if (invoice.status === 'paid') throw new AppError('CONFLICT', `${invoice.number} is already paid`);
      const now = this.clock.now().toISOString();
      let id: number;
      try {
        const result = (await em.query(
          `insert into payment (invoice_id, customer_id, amount, method, reference, note, status, received_by, created_at, allocation)
           VALUES (?, ?, ?, ?, ?, ?, 'pending', ?, ?, ?) RETURNING id`,
          [invoice.id, invoice.customerId, input.amount, input.method, input.reference, input.note, actor.name, now, input.allocation ?? 'this_invoice'],
        )) as [{ id: number }];
        id = result[0].id;
      } catch (error) {
        if (isUniqueViolation(error, 'payment.')) {
          throw new AppError('CONFLICT', `A payment with reference ${input.reference} by ${input.method} already exists`, {
            fields: [{ field: 'reference', message: 'Already recorded' }],
          });
        }
        throw error;
      }
      await this.history.record(em, {
        actor,
        customerId: invoice.customerId,
        entity: 'payment',
        entityId: id,
        kind: 'payment.recorded',
        summary: `Payment of Rp ${input.amount} by ${input.method} recorded for ${invoice.number}`,
        changes: {
          invoiceNumber: { from: null, to: invoice.number },
          amount: { from: null, to: input.amount },
          method: { from: null, to: input.method },
          reference: { from: null, to: input.reference },
        },
      });
      return this.get(id, em);
    });
  }

  private async invoice(em: EntityManager, id: number, field: string): Promise<InvoiceState> {
    const [invoice] = (await em.query(
      `SELECT id, number, customer_id AS customerId, total, amount_paid AS amountPaid, status, due_date AS dueDate FROM invoice WHERE id = ?`,
      [id],
    )) as InvoiceState[];
    if (!invoice) throw AppError.validation(field, `Invoice ${id} does not exist`);
    return invoice;
  }

  async process(actor: Actor, id: number, outcome: 'completed' | 'failed', note?: string): Promise<Payment> {
    const today = await this.today();
    const { graceDays } = await this.settings.get();
    const effects = await this.db.write(async (em) => {
      const payment = await this.get(id, em);
      if (payment.status !== 'pending') throw new AppError('CONFLICT', `Payment ${id} is ${payment.status}, not pending`);
      const now = this.clock.now().toISOString();
      if (outcome === 'failed') {
        await em.query(`UPDATE payment SET status = 'failed', processed_by = ?, note = ? WHERE id = ?`, [actor.name, note ?? payment.note, id]);
        await this.history.record(em, {
          actor, customerId: payment.customerId, entity: 'payment', entityId: id, kind: 'payment.failed',
          summary: `Payment of Rp ${payment.amount} for ${payment.invoiceNumber} failed`, changes: { invoiceNumber: { from: null, to: payment.invoiceNumber }, status: { from: 'pending', to: 'failed' } }, reason: note ?? null,
        });
        return { paidInvoices: [] as number[], reactivated: null };
      }
      const invoice = await this.invoice(em, payment.invoiceId, 'invoiceId');
      if (invoice.status === 'void') throw new AppError('CONFLICT', `${invoice.number} was voided; cancel this payment`);
      const others = payment.allocation === 'oldest_first' ? await this.otherOpenInvoices(em, invoice) : [];
      const plan = planAllocation(payment.amount, balanceOf(invoice), others.map(balanceOf), payment.allocation);
      const states = new Map([invoice, ...others].map((inv) => [inv.id, inv]));
      const paidInvoices: number[] = [];
      const changed: { number: string; amountPaid: { from: number; to: number }; status: { from: string; to: string } }[] = [];
      for (const allocation of plan.allocations) {
        const target = states.get(allocation.invoiceId)!;
        const amountPaid = target.amountPaid + allocation.amount;
        const status = amountPaid >= target.total ? 'paid' : target.status === 'overdue' ? 'overdue' : 'partial';
        await em.query(`UPDATE invoice SET amount_paid = ?, status = ?, updated_at = ? WHERE id = ?`, [amountPaid, status, now, target.id]);
        await em.query('INSERT INTO payment_allocation (payment_id, invoice_id, amount) VALUES (?, ?, ?)', [id, target.id, allocation.amount]);
        if (status === 'paid') paidInvoices.push(target.id);
        changed.push({ number: target.number, amountPaid: { from: target.amountPaid, to: amountPaid }, status: { from: target.status, to: status } });
      }
      const credit = plan.credit;
      if (credit > 0) await em.query('UPDATE customer SET credit_balance = credit_balance + ? WHERE id = ?', [credit, invoice.customerId]);
      await em.query(`UPDATE payment SET status = 'completed', paid_at = ?, processed_by = ?, credited_amount = ? WHERE id = ?`, [now, actor.name, credit, id]);
      const own = changed[0]?.number === invoice.number ? changed[0] : null;
      await this.history.record(em, {
        actor, customerId: invoice.customerId, entity: 'payment', entityId: id, kind: 'payment.completed',
        summary: `Payment of Rp ${payment.amount} for ${invoice.number} completed${credit > 0 ? `; Rp ${credit} kept as credit` : ''}`,
        changes: {
          invoiceNumber: { from: null, to: invoice.number },
          amountPaid: own?.amountPaid ?? { from: invoice.amountPaid, to: invoice.amountPaid },
          invoiceStatus: own?.status ?? { from: invoice.status, to: invoice.status },
          ...(credit > 0 ? { credit: { from: 0, to: credit } } : {}),
        },
      });
      // The excess that paid older invoices: one entry per invoice, so each invoice's story is complete.
      for (const other of changed.filter((c) => c !== own)) {
        await this.history.record(em, {
          actor, customerId: invoice.customerId, entity: 'payment', entityId: id, kind: 'payment.allocated',
          summary: `Rp ${other.amountPaid.to - other.amountPaid.from} of the payment for ${invoice.number} applied to ${other.number}`,
          changes: { invoiceNumber: { from: null, to: other.number }, amountPaid: other.amountPaid, invoiceStatus: other.status },
        });
      }
      const reactivated = paidInvoices.length === 0 ? null : await this.reactivateIfSettled(em, actor, invoice, today, graceDays);
      await this.messages?.customers(em, [
        {
          event: 'paymentReceived', customerId: invoice.customerId, cause: `payment:${id}`, paymentId: id, invoiceId: invoice.id, attachment: 'receipt',
          params: { amount: { rupiah: payment.amount }, paidAt: { at: now }, receiptNumber: receiptNumber(id), invoiceNumber: invoice.number },
        },
        ...(reactivated === null ? [] : [{ event: 'reactivated' as const, customerId: reactivated, cause: `payment:${id}`, params: {} }]),
      ]);
      return { paidInvoices, reactivated };
    });
    await this.alerts.clearMany(effects.paidInvoices.flatMap(invoiceAlertKeys));
    for (const paid of effects.paidInvoices) this.events.emit('invoice.changed', { id: paid, status: 'paid' });
    if (effects.reactivated !== null) {
      await this.alerts.clear(`customer:${effects.reactivated}:suspended`);
      // The isolated session is disconnected so the customer reconnects at the plan's speed (RADIUS).
      this.access.changed({ kind: 'status', customerIds: [effects.reactivated] });
    }
    return this.get(id);
  }

  /** The customer's open invoices other than `invoice`, oldest due first. */
  private async otherOpenInvoices(em: EntityManager, invoice: InvoiceState): Promise<InvoiceState[]> {
    return (await em.query(
      `SELECT id, number, customer_id AS customerId, total, amount_paid AS amountPaid, status, due_date AS dueDate FROM invoice
       WHERE customer_id = ? AND id <> ? AND status IN ${OPEN_STATUSES} ORDER BY due_date, id`,
      [invoice.customerId, invoice.id],
    )) as InvoiceState[];
  }

  /** What a payment would pay where, computed as processing would compute it now. */
  async preview(invoiceId: number, amount: number, allocation: PaymentAllocation) {
    const em = this.db.dataSource.manager;
    const invoice = await this.invoice(em, invoiceId, 'invoiceId');
    if (invoice.status === 'void') throw AppError.validation('invoiceId', `${invoice.number} is void`);
    const others = allocation === 'oldest_first' ? await this.otherOpenInvoices(em, invoice) : [];
    return planAllocation(amount, balanceOf(invoice), others.map(balanceOf), allocation);
  }

  /** A customer suspended for non-payment comes back once no invoice is overdue beyond the grace days. */
  private async reactivateIfSettled(em: EntityManager, actor: Actor, invoice: InvoiceState, today: string, graceDays: number): Promise<number | null> {
    const customer = await this.customers.findLive(em, invoice.customerId).catch(() => null);
    if (!customer || customer.status !== 'suspended') return null;
    const [last] = (await em.query(
      `SELECT reason FROM history WHERE customer_id = ? AND kind = 'customer.status' ORDER BY id DESC LIMIT 1`,
      [customer.id],
    )) as { reason: string | null }[];
    if (!last?.reason?.startsWith('auto.overdue:')) return null; // suspended by a person: a person resumes
    const [{ n }] = (await em.query(
      `SELECT COUNT(*) AS n FROM invoice WHERE customer_id = ? AND status = 'overdue' AND due_date < ?`,
      [customer.id, addDaysIso(today, -graceDays)],
    )) as [{ n: number }];
    if (n > 0) return null;
    await this.customers.changeStatus(em, actor, customer, 'active', AUTO_PAID(invoice.number));
    return customer.id;
  }

  async cancel(actor: Actor, id: number, reason: string): Promise<Payment> {
    return this.db.write(async (em) => {
      const payment = await this.get(id, em);
      if (payment.status !== 'pending') throw new AppError('CONFLICT', `Payment ${id} is ${payment.status}; only a pending payment can be cancelled`);
      await em.query(`UPDATE payment SET status = 'cancelled', processed_by = ? WHERE id = ?`, [actor.name, id]);
      await this.history.record(em, {
        actor, customerId: payment.customerId, entity: 'payment', entityId: id, kind: 'payment.cancelled',
        summary: `Payment of Rp ${payment.amount} for ${payment.invoiceNumber} cancelled`, changes: { invoiceNumber: { from: null, to: payment.invoiceNumber }, status: { from: 'pending', to: 'cancelled' } }, reason,
      });
      return this.get(id, em);
    });
  }

  async stats(): Promise<PaymentStats> {
    const { timeZone } = await this.settings.get();
    const today = await this.today();
    const dayStart = startOfDateInZone(today, timeZone).toISOString();
    const dayEnd = startOfDateInZone(addDaysIso(today, 1), timeZone).toISOString();
    const monthStart = startOfDateInZone(`${today.slice(0, 8)}01`, timeZone).toISOString();
    const q = this.db.dataSource;
    const [day] = (await q.query(
      `SELECT COALESCE(SUM(amount), 0) AS amount, COUNT(*) AS n FROM payment WHERE status = 'completed' AND paid_at >= ? AND paid_at < ?`,
      [dayStart, dayEnd],
    )) as [{ amount: number; n: number }];
    const methods = (await q.query(
      `SELECT method, COALESCE(SUM(amount), 0) AS amount FROM payment WHERE status = 'completed' AND paid_at >= ? AND paid_at < ? GROUP BY method`,
      [monthStart, dayEnd],
    )) as { method: PaymentMethod; amount: number }[];
    const byMethod: Record<PaymentMethod, number> = { cash: 0, bank_transfer: 0, ewallet: 0, other: 0 };
    for (const m of methods) byMethod[m.method] = m.amount;
    const [open] = (await q.query(
      `SELECT COALESCE(SUM(total - amount_paid), 0) AS outstanding,
         COALESCE(SUM(CASE WHEN status = 'overdue' THEN total - amount_paid END), 0) AS overdueAmount,
         COALESCE(SUM(CASE WHEN status = 'overdue' THEN 1 ELSE 0 END), 0) AS overdueCount,
         COALESCE(SUM(CASE WHEN status = 'overdue' AND ${daysBetween(this.db.dialect, '?', 'due_date')} BETWEEN 1 AND 30 THEN total - amount_paid END), 0) AS d1_30,
         COALESCE(SUM(CASE WHEN status = 'overdue' AND ${daysBetween(this.db.dialect, '?', 'due_date')} BETWEEN 31 AND 60 THEN total - amount_paid END), 0) AS d31_60,
         COALESCE(SUM(CASE WHEN status = 'overdue' AND ${daysBetween(this.db.dialect, '?', 'due_date')} BETWEEN 61 AND 90 THEN total - amount_paid END), 0) AS d61_90,
         COALESCE(SUM(CASE WHEN status = 'overdue' AND ${daysBetween(this.db.dialect, '?', 'due_date')} > 90 THEN total - amount_paid END), 0) AS d90plus
       FROM invoice WHERE status IN ('unpaid', 'partial', 'overdue')`,
      [today, today, today, today],
    )) as [{ outstanding: number; overdueAmount: number; overdueCount: number; d1_30: number; d31_60: number; d61_90: number; d90plus: number }];
    const [revenue] = (await q.query(
      `SELECT COALESCE(SUM(total), 0) AS amount FROM invoice WHERE status <> 'void' AND issue_date >= ? AND issue_date <= ?`,
      [`${today.slice(0, 8)}01`, today],
    )) as [{ amount: number }];
    return {
      collectedToday: day.amount,
      paymentsToday: day.n,
      collectedThisMonth: Object.values(byMethod).reduce((a, b) => a + b, 0),
      byMethod,
      outstanding: open.outstanding,
      overdueAmount: open.overdueAmount,
      overdueCount: open.overdueCount,
      aging: { d1_30: open.d1_30, d31_60: open.d31_60, d61_90: open.d61_90, d90plus: open.d90plus },
      revenueThisMonth: revenue.amount,
    };
  }

  async exportCsv(from: string, to: string): Promise<string> {
    const { clause, params } = await this.where({ from, to });
    const rows = (await this.db.dataSource.query(`SELECT ${COLUMNS} ${FROM} ${clause} ORDER BY p.created_at, p.id`, params)) as PaymentRow[];
    const header = ['id', 'createdAt', 'paidAt', 'invoiceNumber', 'customerName', 'amount', 'method', 'reference', 'status', 'receivedBy', 'processedBy', 'creditedAmount'] as const;
    return toCsv(header, rows.map((p) => header.map((h) => p[h] as string | number | null)));
  }
}
