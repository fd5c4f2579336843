// The customer timeline: one list of typed entries (customer, subscription, later invoice, payment, outage).
import { z } from 'zod';
import { listOf } from './define';

export const historyEntrySchema = z.object({
  id: z.number().int(),
  at: z.string(),
  actor: z.string(),
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
