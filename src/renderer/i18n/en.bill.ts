// English: names of timeline fields beyond the form fields (invoice, payment and outage entries), and the names
// of files the console saves.
import type { Messages } from './id';

export const billEn: Pick<Messages, 'historyFields' | 'downloadName'> = {
  historyFields: {
    recipient: 'Recipient',
    invoiceNumber: 'Invoice number',
    number: 'Invoice number',
    total: 'Total',
    subtotal: 'Subtotal',
    tax: 'VAT (PPN)',
    amount: 'Amount',
    method: 'Method',
    periodStart: 'Period start',
    periodEnd: 'Period end',
    currentPeriodStart: 'Current period start',
    currentPeriodEnd: 'Current period end',
    issueDate: 'Issue date',
    dueDate: 'Due date',
    creditBalance: 'Credit balance',
    customerId: 'Customer',
    subscriptionId: 'Subscription',
    device: 'Device',
    startedAt: 'Started',
    endedAt: 'Ended',
    durationSec: 'Duration',
  },
  downloadName: {
    receipt: 'receipt-{{id}}.pdf',
    customers: 'customers-{{date}}',
  },
};
