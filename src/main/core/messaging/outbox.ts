// The outbox as people see it: the list with filters, counts for the dashboard, resend and cancel. Every change of
// counts is announced as one `outbox.changed` event per second at most.
import type { OpParsedInput, OutboxMessage, OutboxStats, OutboxStatus } from '../../../shared/contract';
import { OUTBOX_STATUSES } from '../../../shared/contract';
import { AppError } from '../../../shared/errors';
import { startOfDateInZone, dateInZone } from '../../../shared/dates';
import type { Actor } from '../actor';
import type { AuditService } from '../audit/service';
import type { Clock } from '../clock';
import type { Database } from '../db/database';
import type { EventBus } from '../events';
import type { SettingsService } from '../settings/service';

interface OutboxRow {
  id: number;
  created_at: string;
  channel: OutboxMessage['channel'];
  audience: OutboxMessage['audience'];
  event: OutboxMessage['event'];
  customer_id: number | null;
  customer_name: string | null;
  user_id: number | null;
  recipient: string;
  language: OutboxMessage['language'];
  subject: string | null;
  text: string;
  attachment: OutboxMessage['attachment'];
  status: OutboxStatus;
  reason: OutboxMessage['reason'];
  attempts: number;
  not_before: string;
  last_attempt_at: string | null;
  sent_at: string | null;
  answer: string | null;
}

export function toOutboxMessage(r: OutboxRow): OutboxMessage {
  return {
    id: r.id, createdAt: r.created_at, channel: r.channel, audience: r.audience, event: r.event, customerId: r.customer_id, customerName: r.customer_name,
    userId: r.user_id, recipient: r.recipient, language: r.language, subject: r.subject, text: r.text, attachment: r.attachment, status: r.status,
    reason: r.reason, attempts: r.attempts, notBefore: r.not_before, lastAttemptAt: r.last_attempt_at, sentAt: r.sent_at, answer: r.answer,
  };
}

const SELECT = `SELECT o.*, c.name AS customer_name FROM outbox o LEFT JOIN customer c ON c.id = o.customer_id`;

export class OutboxService {
  private announceTimer: NodeJS.Timeout | null = null;

  constructor(
    private readonly db: Database,
    private readonly settings: SettingsService,
    private readonly audit: AuditService,
    private readonly events: EventBus,
    private readonly clock: Clock,
  ) {}

  async list(filter: Omit<OpParsedInput<'outbox.list'>, never>): Promise<{ items: OutboxMessage[]; total: number; page: number; pageSize: number }> {
    const where: string[] = [];
    const args: unknown[] = [];
    for (const [column, value] of [['o.status', filter.status], ['o.channel', filter.channel], ['o.audience', filter.audience], ['o.event', filter.event], ['o.customer_id', filter.customerId]] as const) {
      if (value === undefined) continue;
      where.push(`${column} = ?`);
      args.push(value);
    }
    if (filter.search) {
      const like = `%${filter.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      where.push(`(o.recipient LIKE ? ESCAPE '\\' OR o.text LIKE ? ESCAPE '\\' OR c.name LIKE ? ESCAPE '\\')`);
      args.push(like, like, like);
    }
    const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const q = this.db.dataSource;
    const [{ n }] = (await q.query(`SELECT COUNT(*) AS n FROM outbox o LEFT JOIN customer c ON c.id = o.customer_id ${clause}`, args)) as [{ n: number }];
    const rows = (await q.query(`${SELECT} ${clause} ORDER BY o.id DESC LIMIT ? OFFSET ?`, [...args, filter.pageSize, (filter.page - 1) * filter.pageSize])) as OutboxRow[];
    return { items: rows.map(toOutboxMessage), total: n, page: filter.page, pageSize: filter.pageSize };
  }

  async get(id: number): Promise<OutboxMessage> {
    const [row] = (await this.db.dataSource.query(`${SELECT} WHERE o.id = ?`, [id])) as OutboxRow[];
    if (!row) throw new AppError('NOT_FOUND', `Message ${id} not found`);
    return toOutboxMessage(row);
  }

  async stats(): Promise<OutboxStats> {
    const q = this.db.dataSource;
    const byStatus = Object.fromEntries(OUTBOX_STATUSES.map((s) => [s, 0])) as Record<OutboxStatus, number>;
    for (const row of (await q.query('SELECT status, COUNT(*) AS n FROM outbox GROUP BY status')) as { status: OutboxStatus; n: number }[]) byStatus[row.status] = row.n;
    const now = this.clock.now();
    const [{ failed }] = (await q.query(`SELECT COUNT(*) AS failed FROM outbox WHERE status = 'failed' AND COALESCE(last_attempt_at, created_at) >= ?`, [
      new Date(now.getTime() - 86_400_000).toISOString(),
    ])) as [{ failed: number }];
    const { timeZone } = await this.settings.get();
    const dayStart = startOfDateInZone(dateInZone(now, timeZone), timeZone).toISOString();
    const sentToday = { whatsapp: 0, email: 0, telegram: 0 };
    for (const row of (await q.query(`SELECT channel, COUNT(*) AS n FROM outbox WHERE sent_at >= ? GROUP BY channel`, [dayStart])) as { channel: keyof typeof sentToday; n: number }[]) {
      sentToday[row.channel] = row.n;
    }
    return { byStatus, failedLast24h: failed, sentToday };
  }

  /** A failed, skipped or cancelled message queued again, attempts from zero (the reason it stopped is cleared). */
  async resend(actor: Actor, id: number): Promise<OutboxMessage> {
    const before = await this.get(id);
    if (!['failed', 'skipped', 'cancelled'].includes(before.status)) throw AppError.validation('id', `A ${before.status} message cannot be sent again`);
    if (before.reason === 'optedOut' || before.reason === 'invalidPhone' || before.reason === 'noPhone') {
      throw AppError.validation('id', `This message cannot be sent: ${before.reason}`);
    }
    const now = this.clock.now().toISOString();
    await this.db.write(async (em) => {
      await em.query(`UPDATE outbox SET status = 'queued', reason = NULL, attempts = 0, not_before = ? WHERE id = ?`, [now, id]);
      await this.audit.record(em, { actor, operation: 'outbox.resend', entity: 'outbox', entityId: id, changes: { status: { from: before.status, to: 'queued' } } });
    });
    this.changed();
    return this.get(id);
  }

  async cancel(actor: Actor, id: number): Promise<OutboxMessage> {
    const before = await this.get(id);
    if (before.status !== 'queued') throw AppError.validation('id', `Only a queued message can be cancelled (this one is ${before.status})`);
    await this.db.write(async (em) => {
      await em.query(`UPDATE outbox SET status = 'cancelled', reason = 'cancelled' WHERE id = ? AND status = 'queued'`, [id]);
      await this.audit.record(em, { actor, operation: 'outbox.cancel', entity: 'outbox', entityId: id, changes: { status: { from: 'queued', to: 'cancelled' } } });
    });
    this.changed();
    return this.get(id);
  }

  /** Announces new counts within a second (one event for a burst of changes). */
  changed(): void {
    if (this.announceTimer) return;
    this.announceTimer = setTimeout(() => {
      this.announceTimer = null;
      this.stats()
        .then((s) => this.events.emit('outbox.changed', { byStatus: s.byStatus, failedLast24h: s.failedLast24h }))
        .catch(() => undefined);
    }, 1000);
    this.announceTimer.unref?.();
  }

  stop(): void {
    if (this.announceTimer) clearTimeout(this.announceTimer);
    this.announceTimer = null;
  }
}
