// Payment reminders chosen by a person for a selection of invoices: a timeline entry for each open one, in one
// transaction, its due or overdue alert raised again (bumped when still open), and the due reminder (or overdue
// notice) queued to the customer in that transaction — every time a person asks, unlike the daily job's once.
import type { RemindOutcome } from '../../../shared/contract';
import type { Actor } from '../actor';
import type { AlertsService } from '../alerts/service';
import type { Clock } from '../clock';
import type { Database } from '../db/database';
import type { MessageComposer } from '../messaging/compose';
import type { HistoryService } from '../history/service';
import { dueAlert, overdueAlert } from './followup';

interface RemindRow {
  id: number;
  number: string;
  customerId: number;
  code: string;
  dueDate: string;
  status: string;
  balance: number;
}

export class InvoiceReminders {
  constructor(
    private readonly db: Database,
    private readonly history: HistoryService,
    private readonly alerts: AlertsService,
    private readonly clock: Clock,
    private readonly messages: MessageComposer | null = null,
  ) {}

  async remind(actor: Actor, ids: readonly number[]): Promise<{ done: number; results: { id: number; outcome: RemindOutcome }[] }> {
    const reminded = await this.db.write(async (em) => {
      const rows = (await em.query(
        `SELECT i.id, i.number, i.customer_id AS customerId, c.code, i.due_date AS dueDate, i.status, i.total - i.amount_paid AS balance
         FROM invoice i JOIN customer c ON c.id = i.customer_id WHERE i.id IN (${ids.map(() => '?').join(',')})`,
        [...ids],
      )) as RemindRow[];
      const open = rows.filter((r) => r.status === 'unpaid' || r.status === 'partial' || r.status === 'overdue');
      for (const invoice of open) {
        await this.history.record(em, {
          actor, customerId: invoice.customerId, entity: 'invoice', entityId: invoice.id, kind: 'invoice.reminded',
          summary: `Payment reminder for ${invoice.number}: Rp ${invoice.balance} open`,
          changes: { number: { from: null, to: invoice.number }, balance: { from: null, to: invoice.balance }, dueDate: { from: null, to: invoice.dueDate } },
        });
      }
      const asked = this.clock.now().toISOString();
      await this.messages?.customers(em, open.map((r) => ({
        event: r.status === 'overdue' ? ('overdue' as const) : ('dueReminder' as const), customerId: r.customerId, cause: `invoice:${r.id}:asked:${asked}`,
        invoiceId: r.id, attachment: 'invoice' as const,
        params: { invoiceNumber: r.number, amount: { rupiah: r.balance }, dueDate: { date: r.dueDate }, daysOverdue: Math.max(0, Math.floor((Date.parse(asked) - Date.parse(`${r.dueDate}T00:00:00Z`)) / 86_400_000)) },
      })));
      return { found: new Set(rows.map((r) => r.id)), open };
    });
    // After the commit, as the billing jobs do: an alert is raised in its own statement.
    await this.alerts.raiseMany(reminded.open.map((invoice) => (invoice.status === 'overdue' ? overdueAlert(invoice) : dueAlert(invoice))));
    const openIds = new Set(reminded.open.map((r) => r.id));
    const results = ids.map((id) => ({ id, outcome: (openIds.has(id) ? 'reminded' : reminded.found.has(id) ? 'notOpen' : 'notFound') as RemindOutcome }));
    return { done: openIds.size, results };
  }
}
