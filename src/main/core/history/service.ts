// The customer timeline: every change of a customer and its subscriptions (later invoices, payments,
// outages) as typed entries in one table; each entry is also written to the audit log.
import type { EntityManager } from 'typeorm';
import {
  BILLING_HISTORY_ENTITIES,
  BILLING_HISTORY_FIELDS,
  historyEntryForRole,
  seesBilling,
  type HistoryEntry,
  type Role,
} from '../../../shared/contract';
import type { Actor } from '../actor';
import type { AuditService, FieldChanges } from '../audit/service';
import type { Clock } from '../clock';
import type { Database } from '../db/database';
import { jsonEach } from '../db/dialect';
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
    bySystem: row.actorId === null,
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

  /** One page of a customer's timeline as `role` may read it (historyEntryForRole), newest first. */
  async list(customerId: number, page: number, pageSize: number, role: Role) {
    const qb = this.db.dataSource.getRepository(HistoryEntity).createQueryBuilder('h').where('h.customerId = :customerId', { customerId });
    if (!seesBilling(role)) {
      // Filtered in SQL, so pages and totals count only what the role reads: no invoice or payment entries, and no
      // entry whose every change was a billing field (a price override alone).
      qb.andWhere('h.entity NOT IN (:...billingEntities)', { billingEntities: BILLING_HISTORY_ENTITIES });
      qb.andWhere(
        `(h.changes = '{}' OR EXISTS (SELECT 1 FROM ${jsonEach(this.db.dialect, 'h.changes')} AS field WHERE field.key NOT IN (:...billingFields)))`,
        { billingFields: BILLING_HISTORY_FIELDS },
      );
    }
    const [rows, total] = await qb
      .orderBy('h.id', 'DESC')
      .skip((page - 1) * pageSize)
      .take(pageSize)
      .getManyAndCount();
    const items = rows.map((row) => historyEntryForRole(toEntry(row), role)).filter((entry) => entry !== null);
    return { items, total, page, pageSize };
  }
}
