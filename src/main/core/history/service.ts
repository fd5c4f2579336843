// The customer timeline: every change of a customer and its subscriptions (later invoices, payments,
// outages) as typed entries in one table; each entry is also written to the audit log.
import type { EntityManager } from 'typeorm';
import type { HistoryEntry } from '../../../shared/contract';
import type { Actor } from '../actor';
import type { AuditService, FieldChanges } from '../audit/service';
import type { Clock } from '../clock';
import type { Database } from '../db/database';
import { HistoryEntity, type HistoryRow } from '../db/entities/History';

export interface HistoryRecord {
  actor: Actor;
  customerId: number;
  entity: 'customer' | 'subscription' | 'invoice' | 'payment';
  entityId: number;
  kind: string;
  summary: string;
  changes: FieldChanges;
  reason?: string | null;
}

function toEntry(row: HistoryRow): HistoryEntry {
  return {
    id: row.id,
    at: row.at,
    actor: row.actorName,
    kind: row.kind,
    entity: row.entity,
    entityId: row.entityId,
    summary: row.summary,
    changes: JSON.parse(row.changes) as HistoryEntry['changes'],
    reason: row.reason,
  };
}

export class HistoryService {
  constructor(
    private readonly db: Database,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /** Writes one entry inside the caller's transaction (and its audit row). */
  async record(manager: EntityManager, entry: HistoryRecord): Promise<void> {
    await manager.insert(HistoryEntity, {
      at: this.clock.now().toISOString(),
      actorId: entry.actor.id,
      actorName: entry.actor.name,
      customerId: entry.customerId,
      entity: entry.entity,
      entityId: entry.entityId,
      kind: entry.kind,
      summary: entry.summary,
      changes: JSON.stringify(entry.changes),
      reason: entry.reason ?? null,
    });
    const changes = entry.reason ? { ...entry.changes, reason: { from: null, to: entry.reason } } : entry.changes;
    await this.audit.record(manager, { actor: entry.actor, operation: entry.kind, entity: entry.entity, entityId: entry.entityId, changes });
  }

  async list(customerId: number, page: number, pageSize: number) {
    const [rows, total] = await this.db.dataSource.getRepository(HistoryEntity).findAndCount({
      where: { customerId },
      order: { id: 'DESC' },
      skip: (page - 1) * pageSize,
      take: pageSize,
    });
    return { items: rows.map(toEntry), total, page, pageSize };
  }
}
