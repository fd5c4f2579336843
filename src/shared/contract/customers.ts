// Customers of the ISP: profile, status with reason, soft delete, timeline, CSV import and export.
import { z } from 'zod';
import { normalizePhone } from '../phone';
import { bulkIdsSchema, bulkResultOf, emailSchema, idSchema, listOf, noContent, op, pageQuery } from './define';
import { historyPageSchema } from './history';
import { messageRefSchema } from '../i18n/messages';
import { languageSchema } from './users';

export const CUSTOMER_STATUSES = ['pending', 'active', 'suspended', 'terminated'] as const;
export const customerStatusSchema = z.enum(CUSTOMER_STATUSES);
export type CustomerStatus = z.infer<typeof customerStatusSchema>;

/** Which manual status changes are allowed; a terminated customer can only be taken on again as pending. */
export const CUSTOMER_TRANSITIONS: Record<CustomerStatus, readonly CustomerStatus[]> = {
  pending: ['active', 'terminated'],
  active: ['suspended', 'terminated'],
  suspended: ['active', 'terminated'],
  terminated: ['pending'],
};

export const phoneSchema = z
  .string()
  .trim()
  .min(1, { message: 'Required' })
  .max(32)
  .transform((value, ctx) => {
    const phone = normalizePhone(value);
    if (phone === null) {
      ctx.addIssue({ code: 'custom', message: 'Not a valid phone number (e.g. 0812 3456 7890)' });
      return z.NEVER;
    }
    return phone;
  });

export const reasonSchema = z.string().trim().min(3, { message: 'Give a reason (at least 3 characters)' }).max(500);

export const customerSchema = z.object({
  id: z.number().int(),
  code: z.string(),
  name: z.string(),
  phone: z.string(),
  email: z.string().nullable(),
  address: z.string(),
  latitude: z.number().nullable(),
  longitude: z.number().nullable(),
  notes: z.string(),
  status: customerStatusSchema,
  /** The language messages to this customer are written in; null: the site's. */
  language: languageSchema.nullable(),
  /** The customer asked for no messages (WhatsApp, e-mail): every message to them is skipped, with that reason. */
  messagesOptOut: z.boolean(),
  /** Overpayments kept for the next invoice, in Rupiah. */
  creditBalance: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Customer = z.infer<typeof customerSchema>;

const optionalEmail = z.union([z.literal('').transform(() => null), emailSchema]).nullable();
const customerFields = {
  name: z.string().trim().min(1, { message: 'Required' }).max(120),
  phone: phoneSchema,
  email: optionalEmail,
  address: z.string().trim().max(500),
  latitude: z.number().min(-90, { message: 'Between -90 and 90' }).max(90, { message: 'Between -90 and 90' }).nullable(),
  longitude: z.number().min(-180, { message: 'Between -180 and 180' }).max(180, { message: 'Between -180 and 180' }).nullable(),
  notes: z.string().trim().max(2000),
  language: languageSchema.nullable().optional(),
  messagesOptOut: z.boolean().optional(),
};

export const CUSTOMER_SORTS = ['code', 'name', 'status', 'createdAt'] as const;

export const customerFilter = {
  search: z.string().trim().max(120).optional(),
  status: customerStatusSchema.optional(),
  sort: z.enum(CUSTOMER_SORTS).default('code'),
  order: z.enum(['asc', 'desc']).default('asc'),
};

/** What a bulk status change did with one customer. */
export const BULK_STATUS_OUTCOMES = ['changed', 'unchanged', 'notAllowed', 'notFound'] as const;
export type BulkStatusOutcome = (typeof BULK_STATUS_OUTCOMES)[number];

/**
 * One problem of an imported file: `field` the column (`phone`, `plan`, …, or an unknown header as written),
 * `column` its name as the file's header writes it (`telepon`), `text` the message for the reader's language,
 * `message` the same in the site language (for REST clients).
 */
export const importErrorSchema = z.object({ row: z.number().int(), field: z.string(), column: z.string(), text: messageRefSchema, message: z.string() });

export const customersOperations = {
  'customers.list': op({
    method: 'GET',
    path: '/api/customers',
    access: 'user',
    summary: 'List customers: search name, code, phone, email, address; filter by status; sort; page',
    input: z.strictObject({ ...customerFilter, ...pageQuery }),
    output: listOf(customerSchema),
  }),
  'customers.export': op({
    method: 'GET',
    path: '/api/customers/export',
    access: 'user',
    summary: 'The filtered customer list as CSV with headers in `lang` (else the user\'s or the site\'s language), which the import reads back',
    input: z.strictObject({ ...customerFilter, lang: languageSchema.optional() }),
    output: z.string(),
    responseType: 'csv',
  }),
  'customers.import': op({
    method: 'POST',
    path: '/api/customers/import',
    access: ['admin', 'staff'],
    summary: 'Import customers with their plan and start date from CSV: dry run, or all-or-nothing',
    input: z.strictObject({ csv: z.string().min(1, { message: 'The file is empty' }).max(1_000_000), dryRun: z.boolean().default(true) }),
    output: z.object({ imported: z.number().int(), rows: z.number().int(), errors: z.array(importErrorSchema) }),
  }),
  'customers.get': op({
    method: 'GET',
    path: '/api/customers/:id',
    access: 'user',
    summary: 'One customer',
    input: z.strictObject({ id: idSchema }),
    output: customerSchema,
  }),
  'customers.create': op({
    method: 'POST',
    path: '/api/customers',
    access: ['admin', 'staff'],
    summary: 'Create a customer (pending unless a status is given); duplicate phone or email is CONFLICT',
    input: z.strictObject({
      ...customerFields,
      email: customerFields.email.default(null),
      address: customerFields.address.default(''),
      latitude: customerFields.latitude.default(null),
      longitude: customerFields.longitude.default(null),
      notes: customerFields.notes.default(''),
      status: customerStatusSchema.default('pending'),
    }),
    output: customerSchema,
    successStatus: 201,
  }),
  'customers.update': op({
    method: 'PUT',
    path: '/api/customers/:id',
    access: ['admin', 'staff'],
    summary: 'Change a customer profile (status has its own operation)',
    input: z.strictObject({ id: idSchema, ...z.object(customerFields).partial().shape }),
    output: customerSchema,
  }),
  'customers.setStatus': op({
    method: 'PUT',
    path: '/api/customers/:id/status',
    access: ['admin', 'staff'],
    summary: 'Change the status with a reason; suspending or terminating carries to the subscriptions',
    input: z.strictObject({ id: idSchema, status: customerStatusSchema, reason: reasonSchema }),
    output: customerSchema,
  }),
  'customers.bulkStatus': op({
    method: 'POST',
    path: '/api/customers/bulk/status',
    access: ['admin', 'staff'],
    summary: 'Suspend or reactivate the selected customers with one reason, in one transaction; per-id outcome',
    input: z.strictObject({ ids: bulkIdsSchema, status: z.enum(['suspended', 'active']), reason: reasonSchema }),
    output: bulkResultOf(BULK_STATUS_OUTCOMES),
  }),
  'customers.delete': op({
    method: 'DELETE',
    path: '/api/customers/:id',
    access: ['admin'],
    summary: 'Soft-delete a customer without open subscriptions: gone from lists, history kept',
    input: z.strictObject({ id: idSchema }),
    output: noContent,
    successStatus: 204,
  }),
  'customers.history': op({
    method: 'GET',
    path: '/api/customers/:id/history',
    access: 'user',
    summary: 'The customer timeline, newest first',
    input: z.strictObject({ id: idSchema, ...pageQuery }),
    output: historyPageSchema,
  }),
} as const;
