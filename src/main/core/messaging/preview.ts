// Template previews with real data: the customer's (or the newest customer's) latest invoice, payment and outage;
// where the site has none yet, plain example values, so the editor always shows a whole message.
import type { Language, MessageEvent } from '../../../shared/contract';
import { TEMPLATE_PLACEHOLDERS } from '../../../shared/contract';
import { AppError } from '../../../shared/errors';
import type { Database } from '../db/database';
import type { TemplateParams } from './compose';

/** Receipt numbers as the receipt PDF prints them. */
export function receiptNumber(paymentId: number): string {
  return `RCPT-${String(paymentId).padStart(6, '0')}`;
}

export async function previewParams(db: Database, event: MessageEvent, language: Language, customerId: number | undefined, now: Date): Promise<TemplateParams> {
  const q = db.dataSource;
  const [customer] = (await q.query(
    customerId === undefined
      ? 'SELECT id, name, code FROM customer WHERE deleted_at IS NULL ORDER BY id DESC LIMIT 1'
      : 'SELECT id, name, code FROM customer WHERE id = ? AND deleted_at IS NULL',
    customerId === undefined ? [] : [customerId],
  )) as { id: number; name: string; code: string }[];
  if (customerId !== undefined && !customer) throw new AppError('NOT_FOUND', `Customer ${customerId} not found`);
  const id = customer?.id ?? 0;
  const [invoice] = (await q.query(
    'SELECT id, number, total - amount_paid AS owed, total, due_date AS dueDate, period_start AS periodStart, period_end AS periodEnd FROM invoice WHERE customer_id = ? ORDER BY id DESC LIMIT 1',
    [id],
  )) as { id: number; number: string; owed: number; total: number; dueDate: string; periodStart: string; periodEnd: string }[];
  const [payment] = (await q.query(
    `SELECT p.id, p.amount, p.paid_at AS paidAt, i.number FROM payment p JOIN invoice i ON i.id = p.invoice_id WHERE i.customer_id = ? AND p.status = 'completed' ORDER BY p.id DESC LIMIT 1`,
    [id],
  )) as { id: number; amount: number; paidAt: string; number: string }[];
  const [outage] = (await q.query(
    `SELECT o.started_at AS startedAt, o.ended_at AS endedAt, d.name, d.location FROM outage o JOIN device d ON d.id = o.device_id
     JOIN device_subscription ds ON ds.device_id = d.id JOIN subscription s ON s.id = ds.subscription_id WHERE s.customer_id = ? ORDER BY o.id DESC LIMIT 1`,
    [id],
  )) as { startedAt: string; endedAt: string | null; name: string; location: string }[];
  const today = now.toISOString().slice(0, 10);
  const startedAt = outage?.startedAt ?? new Date(now.getTime() - 42 * 60_000).toISOString();
  const endedAt = outage?.endedAt ?? now.toISOString();
  const all: TemplateParams = {
    customerName: customer?.name ?? 'Siti Rahayu',
    customerCode: customer?.code ?? 'CUST-000001',
    invoiceNumber: invoice?.number ?? payment?.number ?? 'INV/2026/12/000001',
    amount: { rupiah: payment && (event === 'paymentReceived') ? payment.amount : invoice ? (invoice.owed > 0 ? invoice.owed : invoice.total) : 166_500 },
    dueDate: { date: invoice?.dueDate ?? today },
    period: { period: [invoice?.periodStart ?? today, invoice?.periodEnd ?? today] },
    daysOverdue: invoice ? Math.max(1, Math.floor((now.getTime() - Date.parse(`${invoice.dueDate}T00:00:00Z`)) / 86_400_000)) : 3,
    paidAt: { at: payment?.paidAt ?? now.toISOString() },
    receiptNumber: receiptNumber(payment?.id ?? 1),
    area: outage ? outage.location || outage.name : 'POP Cibinong',
    since: { clock: startedAt },
    restoredAt: { clock: endedAt },
    duration: { sec: Math.max(60, Math.round((Date.parse(endedAt) - Date.parse(startedAt)) / 1000)) },
    severity: language === 'id' ? 'Kritis' : 'Critical',
    alert: `${outage?.name ?? 'OLT Cibinong'} ${language === 'id' ? 'mati' : 'is down'}`,
    at: { at: now.toISOString() },
    openFor: { sec: 1800 },
    count: 12,
    alerts: '…',
  };
  return Object.fromEntries(Object.entries(all).filter(([name]) => TEMPLATE_PLACEHOLDERS[event].includes(name)));
}
