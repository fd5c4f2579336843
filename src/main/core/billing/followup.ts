// The daily billing follow-up, each step idempotent and computed "as of" a site date: renew or expire
// subscriptions, warn of expiry, remind of due invoices, mark overdue ones and suspend past the grace days.
import type { Settings } from '../../../shared/contract';
import { addDaysIso, daysBetween, type IsoDate } from '../../../shared/dates';
import { message } from '../../../shared/i18n/messages';
import { SYSTEM_ACTOR } from '../actor';
import type { AlertsService, RaiseInput } from '../alerts/service';
import type { Clock } from '../clock';
import type { CustomersService } from '../customers/service';
import type { Database } from '../db/database';
import { dayAfter, nextPeriodEnd } from '../db/dialect';
import type { EventBus } from '../events';
import type { HistoryService } from '../history/service';
import type { MessageComposer } from '../messaging/compose';
import { NO_ACCESS_HOOKS, type AccessHooks } from '../radius/access';
import { AUDIT_COLUMNS, HISTORY_COLUMNS, insertHistoryAudited } from './sql';

export const AUTO_OVERDUE = (invoiceNumber: string) => `auto.overdue:${invoiceNumber}`;
export const AUTO_STARTED = (subscriptionId: number) => `auto.subscriptionStarted:${subscriptionId}`;

interface OpenInvoiceAlert {
  id: number;
  number: string;
  customerId: number;
  dueDate: string;
  balance: number;
  code: string;
}

/** The "payment due" alert of an invoice, raised by the 08:00 job and again by a reminder. */
export function dueAlert(i: OpenInvoiceAlert): [string, RaiseInput] {
  return [`invoice:${i.id}:due`, { type: 'payment_due', severity: 'info', text: message('alert.due', { number: i.number, code: i.code, date: i.dueDate, amount: i.balance }), customerId: i.customerId, invoiceId: i.id }];
}

/** The "payment overdue" alert of an invoice, raised by the 09:00 job and again by a reminder. */
export function overdueAlert(i: OpenInvoiceAlert): [string, RaiseInput] {
  return [`invoice:${i.id}:overdue`, { type: 'payment_overdue', severity: 'warning', text: message('alert.overdue', { number: i.number, code: i.code, date: i.dueDate, amount: i.balance }), customerId: i.customerId, invoiceId: i.id }];
}

/** The history row of a renewal (SQLite; PostgreSQL builds the same text in SQL, in renew()). */
function renewedHistory(now: string, r: { id: number; customerId: number; periodStart: string; periodEnd: string }): unknown[] {
  const changes = JSON.stringify({ currentPeriodStart: { from: null, to: r.periodStart }, currentPeriodEnd: { from: null, to: r.periodEnd } });
  return [now, null, 'system', r.customerId, 'subscription', r.id, 'subscription.renewed', `Subscription #${r.id} renewed: ${r.periodStart} – ${r.periodEnd}`, changes, null];
}

export class BillingFollowUp {
  constructor(
    private readonly db: Database,
    private readonly customers: CustomersService,
    private readonly history: HistoryService,
    private readonly alerts: AlertsService,
    private readonly events: EventBus,
    private readonly clock: Clock,
    private readonly access: AccessHooks = NO_ACCESS_HOOKS,
    /** Customer messages (due reminder, overdue, suspended), queued in the same transactions. */
    private readonly messages: MessageComposer | null = null,
  ) {}

  /** Rolls auto-renewing subscriptions into the period containing `asOf`; expires the others; starts pending customers. */
  async renew(asOf: IsoDate): Promise<Record<string, number>> {
    const now = this.clock.now().toISOString();
    let renewed = 0;
    // Period starts are anchor days (1–28), so SQLite's "+N months" is exact here. One pass per period:
    // a console off for three months rolls three times.
    for (let pass = 0; pass < 240; pass++) {
      const rolled = await this.db.write(async (em) => {
        const set = `current_period_start = ${dayAfter(this.db.dialect, 'current_period_end')},
             current_period_end = ${nextPeriodEnd(this.db.dialect, 'current_period_end', '(SELECT cycle_months FROM plan WHERE plan.id = subscription.plan_id)')},
             updated_at = ?`;
        const due = `status IN ('active', 'suspended') AND auto_renew = 1 AND deleted_at IS NULL AND current_period_end < ?`;
        if (this.db.dialect === 'postgres') {
          // One statement: the rows, their history and audit lines never leave the server (at 178,000 renewals the
          // RETURNING rows and the two inserts sent back cost ~8 s of a 20 s step). The texts are the ones
          // renewedHistory() writes on SQLite (tests/core/billing.test.ts compares them on both engines).
          const [{ n }] = (await em.query(
            `WITH rolled AS (update subscription SET ${set} WHERE ${due}
               RETURNING id, customer_id, current_period_start AS ps, current_period_end AS pe),
             line AS (SELECT id, customer_id, ps, pe,
               '{"currentPeriodStart":{"from":null,"to":"' || ps || '"},"currentPeriodEnd":{"from":null,"to":"' || pe || '"}}' AS changes FROM rolled),
             h AS (INSERT INTO history (${HISTORY_COLUMNS.join(', ')})
               SELECT CAST(? AS text), NULL, 'system', customer_id, 'subscription', id, 'subscription.renewed', 'Subscription #' || id || ' renewed: ' || ps || ' – ' || pe, changes, NULL FROM line),
             a AS (INSERT INTO audit_log (${AUDIT_COLUMNS.join(', ')})
               SELECT CAST(? AS text), NULL, 'system', 'subscription.renewed', 'subscription', CAST(id AS text), changes FROM line RETURNING 1)
             SELECT COUNT(*) AS n FROM a`,
            [now, asOf, now, now],
          )) as [{ n: number }];
          return Number(n);
        }
        const rows = (await em.query(
          `update subscription SET ${set} WHERE ${due}
           RETURNING id, customer_id AS customerId, current_period_start AS periodStart, current_period_end AS periodEnd`,
          [now, asOf],
        )) as { id: number; customerId: number; periodStart: string; periodEnd: string }[];
        await insertHistoryAudited(em, rows.map((r) => renewedHistory(now, r)));
        return rows.length;
      });
      renewed += rolled;
      if (rolled === 0) break;
    }

    const ending = (await this.db.dataSource.query(
      `SELECT s.id, s.customer_id AS customerId, s.current_period_end AS periodEnd, c.code FROM subscription s JOIN customer c ON c.id = s.customer_id
       WHERE s.status IN ('active', 'suspended') AND s.auto_renew = 0 AND s.deleted_at IS NULL AND s.current_period_end < ?`,
      [asOf],
    )) as { id: number; customerId: number; periodEnd: string; code: string }[];
    for (const sub of ending) {
      await this.db.write(async (em) => {
        await em.query(`UPDATE subscription SET status = 'expired', updated_at = ? WHERE id = ? AND status IN ('active', 'suspended')`, [now, sub.id]);
        await this.history.record(em, {
          actor: SYSTEM_ACTOR, customerId: sub.customerId, entity: 'subscription', entityId: sub.id, kind: 'subscription.status',
          summary: `Subscription #${sub.id} expired on ${sub.periodEnd}`, changes: { status: { from: 'active', to: 'expired' } }, reason: `auto.expired:${sub.id}`,
        });
      });
      await this.alerts.clear(`subscription:${sub.id}:expiring`);
      await this.alerts.raise(`subscription:${sub.id}:expired`, {
        type: 'subscription_expired', severity: 'warning', text: message('alert.expired', { code: sub.code, subscription: sub.id, date: sub.periodEnd }),
        customerId: sub.customerId, subscriptionId: sub.id,
      });
    }

    if (ending.length > 0) this.access.changed({ kind: 'status', subscriptionIds: ending.map((sub) => sub.id) });

    const starting = (await this.db.dataSource.query(
      `SELECT c.id AS customerId, MIN(s.id) AS subscriptionId FROM customer c JOIN subscription s ON s.customer_id = c.id
       WHERE c.status = 'pending' AND c.deleted_at IS NULL AND s.status = 'active' AND s.deleted_at IS NULL AND s.start_date <= ?
       GROUP BY c.id`,
      [asOf],
    )) as { customerId: number; subscriptionId: number }[];
    const started = await this.db.write((em) =>
      this.customers.changeStatusMany(em, SYSTEM_ACTOR, starting.map((st) => ({ customerId: st.customerId, reason: AUTO_STARTED(st.subscriptionId) })), 'pending', 'active'),
    );
    return { renewed, expired: ending.length, customersStarted: started.length };
  }

  async expiryWarnings(asOf: IsoDate, settings: Settings): Promise<Record<string, number>> {
    const rows = (await this.db.dataSource.query(
      `SELECT s.id, s.customer_id AS customerId, s.current_period_end AS periodEnd, c.code FROM subscription s JOIN customer c ON c.id = s.customer_id
       WHERE s.status = 'active' AND s.auto_renew = 0 AND s.deleted_at IS NULL AND s.current_period_end BETWEEN ? AND ?`,
      [asOf, addDaysIso(asOf, settings.expiryWarningDays)],
    )) as { id: number; customerId: number; periodEnd: string; code: string }[];
    await this.alerts.raiseMany(
      rows.map((s) => [
        `subscription:${s.id}:expiring`,
        {
          type: 'subscription_expiring', severity: 'info', text: message('alert.expiring', { code: s.code, subscription: s.id, date: s.periodEnd }),
          customerId: s.customerId, subscriptionId: s.id,
        },
      ]),
    );
    return { warned: rows.length };
  }

  async dueReminders(asOf: IsoDate, settings: Settings): Promise<Record<string, number>> {
    const rows = (await this.db.dataSource.query(
      `SELECT i.id, i.number, i.customer_id AS customerId, i.due_date AS dueDate, i.total - i.amount_paid AS balance, c.code
       FROM invoice i JOIN customer c ON c.id = i.customer_id
       WHERE i.status IN ('unpaid', 'partial') AND i.due_date BETWEEN ? AND ?`,
      [asOf, addDaysIso(asOf, settings.reminderDays)],
    )) as { id: number; number: string; customerId: number; dueDate: string; balance: number; code: string }[];
    await this.alerts.raiseMany(rows.map(dueAlert));
    // One reminder per invoice and due date, however often the job runs.
    if (this.messages && rows.length > 0) {
      const composer = this.messages;
      await this.db.write((em) =>
        composer.customers(em, rows.map((i) => ({
          event: 'dueReminder', customerId: i.customerId, cause: `invoice:${i.id}:${i.dueDate}`, invoiceId: i.id, attachment: 'invoice',
          params: { invoiceNumber: i.number, amount: { rupiah: i.balance }, dueDate: { date: i.dueDate } },
        }))),
      );
    }
    return { reminded: rows.length };
  }

  /** Invoices past due become overdue; past the grace days their customers are suspended. */
  async overdue(asOf: IsoDate, settings: Settings): Promise<Record<string, number>> {
    const now = this.clock.now().toISOString();
    const marked = await this.db.write(async (em) => {
      const rows = (await em.query(
        `update invoice SET status = 'overdue', updated_at = ? WHERE status IN ('unpaid', 'partial') AND due_date < ?
         RETURNING id, number, customer_id AS customerId, due_date AS dueDate, total - amount_paid AS balance`,
        [now, asOf],
      )) as { id: number; number: string; customerId: number; dueDate: string; balance: number }[];
      const history = rows.map((r) => [now, null, 'system', r.customerId, 'invoice', r.id, 'invoice.overdue', `Invoice ${r.number} overdue since ${r.dueDate}`, JSON.stringify({ number: { from: null, to: r.number }, status: { from: 'unpaid', to: 'overdue' } }), null]);
      await insertHistoryAudited(em, history);
      await this.messages?.customers(em, rows.map((r) => ({
        event: 'overdue', customerId: r.customerId, cause: `invoice:${r.id}`, invoiceId: r.id, attachment: 'invoice',
        params: { invoiceNumber: r.number, amount: { rupiah: r.balance }, dueDate: { date: r.dueDate }, daysOverdue: daysBetween(r.dueDate, asOf) },
      })));
      return rows;
    });
    const codes = new Map<number, string>();
    if (marked.length > 0) {
      const ids = [...new Set(marked.map((m) => m.customerId))];
      for (let i = 0; i < ids.length; i += 500) {
        const part = ids.slice(i, i + 500);
        const rows = (await this.db.dataSource.query(`SELECT id, code FROM customer WHERE id IN (${part.map(() => '?').join(',')})`, part)) as { id: number; code: string }[];
        for (const r of rows) codes.set(r.id, r.code);
      }
    }
    await this.alerts.clearMany(marked.map((i) => `invoice:${i.id}:due`));
    await this.alerts.raiseMany(marked.map((i) => overdueAlert({ ...i, code: codes.get(i.customerId) ?? '' })));
    for (const i of marked) this.events.emit('invoice.changed', { id: i.id, status: 'overdue' });

    const limit = addDaysIso(asOf, -settings.graceDays);
    const toSuspend = (await this.db.dataSource.query(
      `SELECT c.id, c.code, MIN(i.number) AS number, MIN(i.due_date) AS dueDate FROM invoice i JOIN customer c ON c.id = i.customer_id
       WHERE i.status = 'overdue' AND i.due_date < ? AND c.status = 'active' AND c.deleted_at IS NULL GROUP BY c.id`,
      [limit],
    )) as { id: number; code: string; number: string; dueDate: string }[];
    const suspended = new Set(
      await this.db.write(async (em) => {
        const ids = await this.customers.changeStatusMany(em, SYSTEM_ACTOR, toSuspend.map((c) => ({ customerId: c.id, reason: AUTO_OVERDUE(c.number) })), 'active', 'suspended');
        if (this.messages && ids.length > 0) {
          const owed = new Map<number, number>();
          for (let i = 0; i < ids.length; i += 500) {
            const part = ids.slice(i, i + 500);
            const rows = (await em.query(
              `SELECT customer_id AS id, SUM(total - amount_paid) AS owed FROM invoice WHERE status IN ('unpaid','partial','overdue') AND customer_id IN (${part.map(() => '?').join(',')}) GROUP BY customer_id`,
              part,
            )) as { id: number; owed: number }[];
            for (const r of rows) owed.set(r.id, r.owed);
          }
          await this.messages.customers(em, ids.map((id) => ({ event: 'suspended', customerId: id, cause: `suspension:${asOf}`, params: { amount: { rupiah: owed.get(id) ?? 0 } } })));
        }
        return ids;
      }),
    );
    if (suspended.size > 0) this.access.changed({ kind: 'status', customerIds: [...suspended] });
    await this.alerts.raiseMany(
      toSuspend
        .filter((c) => suspended.has(c.id))
        .map((c) => [
          `customer:${c.id}:suspended`,
          { type: 'customer_suspended', severity: 'warning', text: message('alert.suspended', { code: c.code, number: c.number, date: c.dueDate }), customerId: c.id },
        ]),
    );
    return { overdue: marked.length, suspended: suspended.size };
  }
}
