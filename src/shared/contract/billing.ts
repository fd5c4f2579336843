// Invoices, payments and billing runs: integer Rupiah, gapless numbers, idempotent jobs.
import { z } from 'zod';
import { isoDateSchema } from './subscriptions';
import { BULK_MAX, bulkIdsSchema, bulkResultOf, event, idSchema, listOf, op, pageQuery, queryBoolean, wholeNumber } from './define';
import { reasonSchema } from './customers';
import { messageRefSchema } from '../i18n/messages';
import { languageSchema } from './users';

export const INVOICE_STATUSES = ['unpaid', 'partial', 'paid', 'overdue', 'void'] as const;
export const invoiceStatusSchema = z.enum(INVOICE_STATUSES);
export type InvoiceStatus = z.infer<typeof invoiceStatusSchema>;

export const PAYMENT_METHODS = ['cash', 'bank_transfer', 'ewallet', 'other'] as const;
export const paymentMethodSchema = z.enum(PAYMENT_METHODS);
export type PaymentMethod = z.infer<typeof paymentMethodSchema>;

export const PAYMENT_STATUSES = ['pending', 'completed', 'failed', 'cancelled'] as const;
export const paymentStatusSchema = z.enum(PAYMENT_STATUSES);
export type PaymentStatus = z.infer<typeof paymentStatusSchema>;

/** Where a payment's excess over its invoice goes: customer credit, or first the customer's other open invoices. */
export const PAYMENT_ALLOCATIONS = ['this_invoice', 'oldest_first'] as const;
export const paymentAllocationSchema = z.enum(PAYMENT_ALLOCATIONS);
export type PaymentAllocation = z.infer<typeof paymentAllocationSchema>;

/** What one payment paid on one invoice. */
export const allocationSchema = z.object({
  invoiceId: z.number().int(),
  invoiceNumber: z.string(),
  dueDate: z.string(),
  /** The invoice's open balance before this payment. */
  balanceBefore: z.number().int(),
  amount: z.number().int(),
});
export type Allocation = z.infer<typeof allocationSchema>;

export const REMIND_OUTCOMES = ['reminded', 'notOpen', 'notFound'] as const;
export type RemindOutcome = (typeof REMIND_OUTCOMES)[number];

export const LINE_KINDS = ['plan', 'proration', 'override', 'adjustment', 'credit'] as const;

/**
 * One invoice line. `credit` lines (customer credit applied) count against the total, not the taxed subtotal.
 * `text` is what people read, rendered in the reader's language; `description` is the same text in the site
 * language when the line was written (kept for REST clients).
 */
export const invoiceLineSchema = z.object({
  kind: z.enum(LINE_KINDS),
  text: messageRefSchema,
  description: z.string(),
  amount: z.number().int(),
});
export type InvoiceLine = z.infer<typeof invoiceLineSchema>;

export const invoiceSchema = z.object({
  id: z.number().int(),
  number: z.string(),
  customerId: z.number().int(),
  customerCode: z.string(),
  customerName: z.string(),
  subscriptionId: z.number().int(),
  periodStart: z.string(),
  periodEnd: z.string(),
  issueDate: z.string(),
  dueDate: z.string(),
  lines: z.array(invoiceLineSchema),
  subtotal: z.number().int(),
  taxRate: z.number(),
  tax: z.number().int(),
  total: z.number().int(),
  amountPaid: z.number().int(),
  balance: z.number().int(),
  status: invoiceStatusSchema,
  voidReason: z.string().nullable(),
  createdAt: z.string(),
});
export type Invoice = z.infer<typeof invoiceSchema>;

export const paymentSchema = z.object({
  id: z.number().int(),
  invoiceId: z.number().int(),
  invoiceNumber: z.string(),
  customerId: z.number().int(),
  customerName: z.string(),
  amount: z.number().int(),
  method: paymentMethodSchema,
  reference: z.string().nullable(),
  note: z.string(),
  status: paymentStatusSchema,
  receivedBy: z.string(),
  createdAt: z.string(),
  paidAt: z.string().nullable(),
  processedBy: z.string().nullable(),
  /** Part of the amount that exceeded the invoice and became customer credit. */
  creditedAmount: z.number().int(),
  allocation: paymentAllocationSchema,
  /** What the completed payment paid on each invoice (empty until completed). */
  allocations: z.array(allocationSchema.pick({ invoiceId: true, invoiceNumber: true, amount: true })),
});
export type Payment = z.infer<typeof paymentSchema>;

export const paymentStatsSchema = z.object({
  collectedToday: z.number().int(),
  collectedThisMonth: z.number().int(),
  byMethod: z.record(paymentMethodSchema, z.number().int()),
  paymentsToday: z.number().int(),
  outstanding: z.number().int(),
  overdueAmount: z.number().int(),
  overdueCount: z.number().int(),
  aging: z.object({ d1_30: z.number().int(), d31_60: z.number().int(), d61_90: z.number().int(), d90plus: z.number().int() }),
  revenueThisMonth: z.number().int(),
});
export type PaymentStats = z.infer<typeof paymentStatsSchema>;

export const BILLING_JOBS = ['renew', 'generate', 'expiryWarnings', 'dueReminders', 'overdue'] as const;
export const billingJobSchema = z.enum(BILLING_JOBS);
export type BillingJob = z.infer<typeof billingJobSchema>;

export const jobResultSchema = z.object({ name: billingJobSchema, asOf: z.string(), result: z.record(z.string(), z.number()), durationMs: z.number() });
export type JobResult = z.infer<typeof jobResultSchema>;

export const jobStatusSchema = z.object({
  name: billingJobSchema,
  time: z.string(),
  lastRunFor: z.string().nullable(),
  lastFinishedAt: z.string().nullable(),
  lastResult: z.record(z.string(), z.number()).nullable(),
});

const range = { from: isoDateSchema.optional(), to: isoDateSchema.optional() };
const money = z.number().int({ message: 'Whole Rupiah, no decimals' });

export const billingOperations = {
  'invoices.list': op({
    method: 'GET',
    path: '/api/invoices',
    access: ['admin', 'staff'],
    summary: 'Invoices by customer, subscription, status, issue-date range (from/to), or overdue only; newest first',
    input: z.strictObject({
      customerId: idSchema.optional(),
      subscriptionId: idSchema.optional(),
      status: invoiceStatusSchema.optional(),
      overdue: queryBoolean.optional(),
      search: z.string().trim().max(60).optional(),
      ...range,
      ...pageQuery,
    }),
    output: listOf(invoiceSchema),
  }),
  'invoices.export': op({
    method: 'GET',
    path: '/api/invoices/export',
    access: ['admin', 'staff'],
    summary: 'Invoices issued in a date range as CSV',
    input: z.strictObject({ from: isoDateSchema, to: isoDateSchema }),
    output: z.string(),
    responseType: 'csv',
  }),
  'invoices.get': op({
    method: 'GET',
    path: '/api/invoices/:id',
    access: ['admin', 'staff'],
    summary: 'One invoice with its lines',
    input: z.strictObject({ id: idSchema }),
    output: invoiceSchema,
  }),
  'invoices.pdf': op({
    method: 'GET',
    path: '/api/invoices/:id/pdf',
    access: ['admin', 'staff'],
    summary: 'The invoice as PDF (base64 over IPC, application/pdf over HTTP) in `lang`, else the user\'s or the site\'s language',
    input: z.strictObject({ id: idSchema, lang: languageSchema.optional() }),
    output: z.string(),
    responseType: 'pdf',
  }),
  'invoices.bulkPrint': op({
    method: 'POST',
    path: '/api/invoices/bulk/print',
    access: ['admin', 'staff'],
    summary: `The selected invoices (at most ${BULK_MAX}) as one combined PDF, in the order given, in \`lang\` else the user's or the site's language`,
    input: z.strictObject({ ids: bulkIdsSchema, lang: languageSchema.optional() }),
    output: z.string(),
    responseType: 'pdf',
  }),
  'invoices.bulkRemind': op({
    method: 'POST',
    path: '/api/invoices/bulk/remind',
    access: ['admin', 'staff'],
    summary: 'Record a payment reminder for each selected open invoice (timeline entry, due/overdue alert raised again); per-id outcome',
    input: z.strictObject({ ids: bulkIdsSchema }),
    output: bulkResultOf(REMIND_OUTCOMES),
  }),
  'invoices.void': op({
    method: 'POST',
    path: '/api/invoices/:id/void',
    access: ['admin'],
    summary: 'Void an invoice with no payment on it (admin); its number stays used',
    input: z.strictObject({ id: idSchema, reason: reasonSchema }),
    output: invoiceSchema,
  }),
  'payments.list': op({
    method: 'GET',
    path: '/api/payments',
    access: ['admin', 'staff'],
    summary: 'Payments by customer, invoice, status, method, date range; newest first',
    input: z.strictObject({
      customerId: idSchema.optional(),
      invoiceId: idSchema.optional(),
      status: paymentStatusSchema.optional(),
      method: paymentMethodSchema.optional(),
      ...range,
      ...pageQuery,
    }),
    output: listOf(paymentSchema),
  }),
  'payments.stats': op({
    method: 'GET',
    path: '/api/payments/stats',
    access: ['admin', 'staff'],
    summary: 'Collected today and this month, by method, outstanding, overdue, aging buckets',
    input: z.strictObject({}),
    output: paymentStatsSchema,
  }),
  'payments.export': op({
    method: 'GET',
    path: '/api/payments/export',
    access: ['admin', 'staff'],
    summary: 'Payments received in a date range as CSV',
    input: z.strictObject({ from: isoDateSchema, to: isoDateSchema }),
    output: z.string(),
    responseType: 'csv',
  }),
  'payments.get': op({
    method: 'GET',
    path: '/api/payments/:id',
    access: ['admin', 'staff'],
    summary: 'One payment',
    input: z.strictObject({ id: idSchema }),
    output: paymentSchema,
  }),
  'payments.receipt': op({
    method: 'GET',
    path: '/api/payments/:id/receipt',
    access: ['admin', 'staff'],
    summary: 'A printable receipt of a completed payment (PDF) in `lang`, else the user\'s or the site\'s language',
    input: z.strictObject({ id: idSchema, lang: languageSchema.optional() }),
    output: z.string(),
    responseType: 'pdf',
  }),
  'payments.create': op({
    method: 'POST',
    path: '/api/payments',
    access: ['admin', 'staff'],
    summary: 'Record a payment against an invoice (pending until processed); a reference is unique per method',
    input: z.strictObject({
      invoiceId: idSchema,
      amount: money.min(1, { message: 'More than Rp 0' }).max(10_000_000_000),
      method: paymentMethodSchema,
      reference: z.string().trim().max(80).optional().transform((v) => (v ? v : null)),
      note: z.string().trim().max(500).default(''),
      allocation: paymentAllocationSchema.default('this_invoice'),
    }),
    output: paymentSchema,
    successStatus: 201,
  }),
  'payments.preview': op({
    method: 'GET',
    path: '/api/payments/preview',
    access: ['admin', 'staff'],
    summary: 'What a payment of an amount on an invoice would pay on which invoices, and what would become credit',
    input: z.strictObject({
      invoiceId: idSchema,
      amount: wholeNumber(1, 10_000_000_000),
      allocation: paymentAllocationSchema.default('this_invoice'),
    }),
    output: z.object({ allocations: z.array(allocationSchema), credit: z.number().int() }),
  }),
  'payments.process': op({
    method: 'PUT',
    path: '/api/payments/:id/process',
    access: ['admin', 'staff'],
    summary: 'Complete (default) or fail a pending payment; completing pays the invoice, then (oldest_first) other open invoices, keeps the rest as credit',
    input: z.strictObject({ id: idSchema, outcome: z.enum(['completed', 'failed']).default('completed'), note: z.string().trim().max(500).optional() }),
    output: paymentSchema,
  }),
  'payments.cancel': op({
    method: 'PUT',
    path: '/api/payments/:id/cancel',
    access: ['admin', 'staff'],
    summary: 'Cancel a pending payment',
    input: z.strictObject({ id: idSchema, reason: reasonSchema }),
    output: paymentSchema,
  }),
  'billing.run': op({
    method: 'POST',
    path: '/api/billing/run',
    access: ['admin'],
    summary: 'Run every billing job now (renew, generate, expiry warnings, due reminders, overdue) and report each',
    input: z.strictObject({}),
    output: z.object({ jobs: z.array(jobResultSchema) }),
  }),
  'billing.jobs': op({
    method: 'GET',
    path: '/api/billing/jobs',
    access: ['admin', 'staff'],
    summary: 'Each billing job: its time, the occurrence it last ran for, and what it did',
    input: z.strictObject({}),
    output: z.array(jobStatusSchema),
  }),
} as const;

export const billingEvents = {
  'billing.progress': event({
    access: ['admin', 'staff'],
    summary: 'A billing job started or finished during a run',
    payload: z.object({ job: billingJobSchema, asOf: z.string(), phase: z.enum(['started', 'finished']), result: z.record(z.string(), z.number()).nullable() }),
  }),
  'invoice.changed': event({
    access: ['admin', 'staff'],
    summary: 'An invoice was created, paid, voided or became overdue',
    payload: z.object({ id: z.number().int(), status: invoiceStatusSchema }),
  }),
} as const;
