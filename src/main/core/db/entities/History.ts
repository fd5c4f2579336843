// One entry of a customer's timeline (customer, subscription; later invoice, payment, outage).
import { EntitySchema } from 'typeorm';

export interface HistoryRow {
  id: number;
  at: string;
  actorId: number | null;
  actorName: string;
  customerId: number;
  entity: string;
  entityId: number | null;
  kind: string;
  summary: string;
  changes: string;
  reason: string | null;
}

export const HistoryEntity = new EntitySchema<HistoryRow>({
  name: 'History',
  tableName: 'history',
  columns: {
    id: { type: 'integer', primary: true, generated: 'increment' },
    at: { type: 'varchar' },
    actorId: { type: 'integer', name: 'actor_id', nullable: true },
    actorName: { type: 'varchar', name: 'actor_name' },
    customerId: { type: 'integer', name: 'customer_id' },
    entity: { type: 'varchar' },
    entityId: { type: 'integer', name: 'entity_id', nullable: true },
    kind: { type: 'varchar' },
    summary: { type: 'text' },
    changes: { type: 'text' },
    reason: { type: 'text', nullable: true },
  },
});
