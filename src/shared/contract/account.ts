// A customer's account as billing staff read it first: what is open and since when, what is owed, the credit
// kept, and the last payment. Money only: the roles without billing do not get it.
import { z } from 'zod';
import { invoiceStatusSchema, paymentMethodSchema } from './billing';
import { idSchema, op } from './define';

export const openInvoiceSchema = z.object({
  id: z.number().int(),
  number: z.string(),
  issueDate: z.string(),
  dueDate: z.string(),
  total: z.number().int(),
  amountPaid: z.number().int(),
  balance: z.number().int(),
  status: invoiceStatusSchema,
  /** Days past the due date at the site today; 0 or less when not yet due. */
  daysOverdue: z.number().int(),
});
export type OpenInvoice = z.infer<typeof openInvoiceSchema>;

export const customerAccountSchema = z.object({
  customerId: z.number().int(),
  /** Sum of the open invoices' balances. */
  balanceOwed: z.number().int(),
  /** The part of it that is past due. */
  overdueAmount: z.number().int(),
  credit: z.number().int(),
  /** Oldest due first. */
  openInvoices: z.array(openInvoiceSchema),
  lastPayment: z
    .object({ id: z.number().int(), amount: z.number().int(), method: paymentMethodSchema, paidAt: z.string(), invoiceNumber: z.string() })
    .nullable(),
});
export type CustomerAccount = z.infer<typeof customerAccountSchema>;

export const accountOperations = {
  'customers.account': op({
    method: 'GET',
    path: '/api/customers/:id/account',
    access: ['admin', 'staff'],
    summary: "A customer's open invoices (oldest due first, days overdue), balance owed, overdue part, credit and last payment",
    input: z.strictObject({ id: idSchema }),
    output: customerAccountSchema,
  }),
} as const;
