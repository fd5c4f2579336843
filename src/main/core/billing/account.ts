// A customer's account for the billing staff: open invoices with their age, what is owed and overdue, credit and
// the last payment, in two queries whatever the number of invoices.
import type { CustomerAccount, OpenInvoice } from '../../../shared/contract';
import { dateInZone } from '../../../shared/dates';
import { AppError } from '../../../shared/errors';
import type { Clock } from '../clock';
import type { Database } from '../db/database';
import { daysBetween, jsonObject } from '../db/dialect';
import type { SettingsService } from '../settings/service';

export class AccountsService {
  constructor(
    private readonly db: Database,
    private readonly settings: SettingsService,
    private readonly clock: Clock,
  ) {}

  async of(customerId: number): Promise<CustomerAccount> {
    const today = dateInZone(this.clock.now(), (await this.settings.get()).timeZone);
    const q = this.db.dataSource;
    const [head] = (await q.query(
      `SELECT c.credit_balance AS credit,
         (SELECT COALESCE(SUM(i.total - i.amount_paid), 0) FROM invoice i WHERE i.customer_id = c.id AND i.status IN ('unpaid', 'partial', 'overdue')) AS balanceOwed,
         (SELECT COALESCE(SUM(i.total - i.amount_paid), 0) FROM invoice i WHERE i.customer_id = c.id AND i.status IN ('unpaid', 'partial', 'overdue') AND i.due_date < ?) AS overdueAmount,
         (SELECT ${jsonObject(this.db.dialect, "'id', p.id, 'amount', p.amount, 'method', p.method, 'paidAt', p.paid_at, 'invoiceNumber', i.number")}
            FROM payment p JOIN invoice i ON i.id = p.invoice_id
            WHERE p.customer_id = c.id AND p.status = 'completed' ORDER BY p.paid_at DESC, p.id DESC LIMIT 1) AS lastPayment
       FROM customer c WHERE c.id = ? AND c.deleted_at IS NULL`,
      [today, customerId],
    )) as { credit: number; balanceOwed: number; overdueAmount: number; lastPayment: string | null }[];
    if (!head) throw new AppError('NOT_FOUND', `Customer ${customerId} not found`);
    const openInvoices = (await q.query(
      `SELECT id, number, issue_date AS issueDate, due_date AS dueDate, total, amount_paid AS amountPaid, total - amount_paid AS balance, status,
         CAST(${daysBetween(this.db.dialect, '?', 'due_date')} AS INTEGER) AS daysOverdue
       FROM invoice WHERE customer_id = ? AND status IN ('unpaid', 'partial', 'overdue') ORDER BY due_date, id`,
      [today, customerId],
    )) as OpenInvoice[];
    return {
      customerId,
      balanceOwed: head.balanceOwed,
      overdueAmount: head.overdueAmount,
      credit: head.credit,
      openInvoices,
      lastPayment: head.lastPayment ? (JSON.parse(head.lastPayment) as CustomerAccount['lastPayment']) : null,
    };
  }
}
