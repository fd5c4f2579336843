// The customer timeline: one list of typed entries (customer, subscription, invoice, payment, outage), and what
// each role reads of it — like alerts and events, a role without the billing domain sees no money.
import { z } from 'zod';
import { ROLE_DOMAINS } from './alerts';
import type { Role } from './define';
import { listOf } from './define';

export const historyEntrySchema = z.object({
  id: z.number().int(),
  at: z.string(),
  actor: z.string(),
  /** Written by NOCman itself (a scheduled job, the monitor), not by a person: shown as "Sistem" / "System". */
  bySystem: z.boolean(),
  /** `customer.created`, `customer.updated`, `customer.status`, `subscription.planChanged`, … */
  kind: z.string(),
  entity: z.string(),
  entityId: z.number().int().nullable(),
  summary: z.string(),
  changes: z.record(z.string(), z.object({ from: z.unknown(), to: z.unknown() })),
  reason: z.string().nullable(),
});
export type HistoryEntry = z.infer<typeof historyEntrySchema>;

export const historyPageSchema = listOf(historyEntrySchema);

/** Entries about these entities are billing through and through: a role without billing gets none of them. */
export const BILLING_HISTORY_ENTITIES: readonly string[] = ['invoice', 'payment'];

/** Fields that are billing terms wherever they appear (a subscription's price, a customer's credit, …). */
export const BILLING_HISTORY_FIELDS: readonly string[] = [
  'price',
  'priceOverride',
  'overrideReason',
  'creditBalance',
  'credit',
  'amount',
  'amountPaid',
  'total',
  'subtotal',
  'tax',
  'balance',
  'reference',
  'method',
  'number',
  'invoiceNumber',
  'invoiceStatus',
];

/** Machine reasons that name an invoice (`auto.overdue:INV/2026/11/0001`): the role keeps the why, not the invoice. */
const BILLING_REASON = /^(auto\.(?:overdue|paid)):\S+$/;

export function seesBilling(role: Role): boolean {
  return ROLE_DOMAINS[role].includes('billing');
}

/** What one role reads of a timeline entry: the entry, the entry without billing, or null (not theirs to see). */
export function historyEntryForRole(entry: HistoryEntry, role: Role): HistoryEntry | null {
  if (seesBilling(role)) return entry;
  if (BILLING_HISTORY_ENTITIES.includes(entry.entity)) return null;
  const fields = Object.keys(entry.changes);
  const kept = fields.filter((field) => !BILLING_HISTORY_FIELDS.includes(field));
  const stripped = fields.filter((field) => !kept.includes(field));
  // A summary that names a billing field or an amount says only what is left.
  const summaryLeaks = stripped.some((field) => entry.summary.includes(field)) || /Rp\s?\d/.test(entry.summary);
  return {
    ...entry,
    changes: Object.fromEntries(kept.map((field) => [field, entry.changes[field]!])),
    summary: summaryLeaks ? `Changed ${kept.join(', ')}` : entry.summary,
    reason: entry.reason === null ? null : entry.reason.replace(BILLING_REASON, '$1:-'),
  };
}
