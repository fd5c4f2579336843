// The audit trail: who changed what, when. Never holds a password or a hash.
import { EntitySchema } from 'typeorm';

export interface AuditLogRow {
  id: number;
  at: string;
  actorId: number | null;
  actorName: string;
  operation: string;
  entity: string;
  entityId: string | null;
  changes: string;
}

export const AuditLogEntity = new EntitySchema<AuditLogRow>({
  name: 'AuditLog',
  tableName: 'audit_log',
  columns: {
    id: { type: 'integer', primary: true, generated: 'increment' },
    at: { type: 'varchar' },
    actorId: { type: 'integer', name: 'actor_id', nullable: true },
    actorName: { type: 'varchar', name: 'actor_name' },
    operation: { type: 'varchar' },
    entity: { type: 'varchar' },
    entityId: { type: 'varchar', name: 'entity_id', nullable: true },
    changes: { type: 'text' },
  },
});
