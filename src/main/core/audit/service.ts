// Writes the audit trail inside the caller's transaction; secrets are reduced to "changed".
import type { EntityManager } from 'typeorm';
import type { Clock } from '../clock';
import type { Actor } from '../actor';
import { AuditLogEntity } from '../db/entities/AuditLog';

export type FieldChanges = Record<string, { from: unknown; to: unknown }>;

/** Fields whose values never reach the audit log, only the fact that they changed. */
const SECRET_FIELDS = new Set(['password', 'passwordHash', 'currentPassword', 'newPassword', 'token']);
const REDACTED = '[redacted]';

/** The fields of `after` that differ from `before`, with secret values redacted. */
export function diffFields(before: object | null, after: object, fields?: readonly string[]): FieldChanges {
  const changes: FieldChanges = {};
  const old = (before ?? {}) as Record<string, unknown>;
  const next = after as Record<string, unknown>;
  for (const field of fields ?? Object.keys(next)) {
    if (!(field in next)) continue;
    if (before !== null && Object.is(old[field], next[field])) continue;
    changes[field] = SECRET_FIELDS.has(field)
      ? { from: REDACTED, to: REDACTED }
      : { from: before === null ? null : (old[field] ?? null), to: next[field] ?? null };
  }
  return changes;
}

export interface AuditEntry {
  actor: Actor;
  operation: string;
  entity: string;
  entityId: string | number | null;
  changes: FieldChanges;
}

export class AuditService {
  constructor(private readonly clock: Clock) {}

  async record(manager: EntityManager, entry: AuditEntry): Promise<void> {
    for (const field of Object.keys(entry.changes)) {
      if (SECRET_FIELDS.has(field)) entry.changes[field] = { from: REDACTED, to: REDACTED };
    }
    await manager.insert(AuditLogEntity, {
      at: this.clock.now().toISOString(),
      actorId: entry.actor.id,
      actorName: entry.actor.name,
      operation: entry.operation,
      entity: entry.entity,
      entityId: entry.entityId === null ? null : String(entry.entityId),
      changes: JSON.stringify(entry.changes),
    });
  }
}
