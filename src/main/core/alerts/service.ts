// The one place alerts are born, deduplicated, resolved and announced. Other services call raise/clear.
import {
  ALERT_DOMAIN,
  ROLE_DOMAINS,
  type Alert,
  type AlertStatus,
  type AlertType,
  type Domain,
  type Role,
  type Severity,
  type SeverityCounts,
} from '../../../shared/contract';
import { AppError } from '../../../shared/errors';
import { parseMessage, translator, type MessageRef } from '../../../shared/i18n/messages';
import type { Actor } from '../actor';
import type { Clock } from '../clock';
import type { Database } from '../db/database';
import type { EventBus } from '../events';
import type { SettingsService } from '../settings/service';

export interface RaiseInput {
  type: AlertType;
  severity: Severity;
  /** What happened, as a message key of the `alert` catalog group. */
  text: MessageRef;
  deviceId?: number | null;
  customerId?: number | null;
  subscriptionId?: number | null;
  invoiceId?: number | null;
}

export interface AlertFilter {
  status?: AlertStatus | 'unresolved';
  type?: AlertType;
  severity?: Severity;
  domain?: Domain;
  deviceId?: number;
  customerId?: number;
  subscriptionId?: number;
  invoiceId?: number;
  from?: string;
  to?: string;
  page: number;
  pageSize: number;
}

/** Alerts per upsert statement (12 parameters each, well under SQLite's limit), keys per clearing statement. */
const RAISE_CHUNK = 100;
const CLEAR_CHUNK = 500;

const COLUMNS = `id, type, severity, status, text, domain, device_id AS deviceId, customer_id AS customerId,
  subscription_id AS subscriptionId, invoice_id AS invoiceId, first_seen_at AS firstSeenAt, last_seen_at AS lastSeenAt,
  count, acknowledged_at AS acknowledgedAt, acknowledged_by AS acknowledgedBy, ack_note AS ackNote,
  resolved_at AS resolvedAt, resolved_by AS resolvedBy, resolve_note AS resolveNote`;

export const SUMMARY_DELAY_MS = 100;

const placeholders = (n: number) => Array.from({ length: n }, () => '?').join(',');

type AlertRow = Omit<Alert, 'text' | 'message'> & { text: string | null };

export class AlertsService {
  private summaryQueued = false;

  constructor(
    private readonly db: Database,
    private readonly events: EventBus,
    private readonly clock: Clock,
    private readonly settings: SettingsService,
  ) {}

  /** Stored rows as the contract's alerts: `text` parsed, `message` rendered in the site language. */
  private async present(rows: AlertRow[]): Promise<Alert[]> {
    const { language, timeZone } = await this.settings.get();
    const site = translator(language, timeZone);
    return rows.map((row) => {
      const text = parseMessage(row.text) ?? { key: 'alert.legacy', params: { text: '' } };
      return { ...row, text, message: site.render(text) };
    });
  }

  /**
   * Opens an alert for `key`, or bumps the unresolved one with the same key (count, last seen, message,
   * severity). One statement against a partial unique index, so concurrent raises never duplicate.
   */
  async raise(key: string, input: RaiseInput): Promise<{ alert: Alert; created: boolean }> {
    const [alert] = await this.raiseMany([[key, input]]);
    if (!alert) throw new AppError('INTERNAL', `Alert ${key} was not stored`);
    return { alert, created: alert.count === 1 };
  }

  /**
   * `raise` for many keys (a billing job's overdue invoices): one statement per 100 alerts and one settings read
   * instead of a round of each per alert. Each answers alone as before: `alert.created` for a new one (count 1),
   * `alert.updated` for a bumped one. A key given twice is raised twice (the second bumps the first).
   */
  async raiseMany(list: readonly (readonly [string, RaiseInput])[]): Promise<Alert[]> {
    if (list.length === 0) return [];
    const now = this.clock.now().toISOString();
    // The column keeps an English sentence for whoever reads the database directly (no settings read here: a read
    // before the write would hold a snapshot that a concurrent writer in another process makes stale).
    const site = translator('en', 'UTC');
    const stored: AlertRow[] = [];
    for (let i = 0; i < list.length; i += RAISE_CHUNK) {
      const chunk = list.slice(i, i + RAISE_CHUNK);
      const params = chunk.flatMap(([key, input]) => [
        key,
        input.type,
        input.severity,
        ALERT_DOMAIN[input.type],
        site.render(input.text),
        JSON.stringify(input.text),
        input.deviceId ?? null,
        input.customerId ?? null,
        input.subscriptionId ?? null,
        input.invoiceId ?? null,
        now,
        now,
      ]);
      // Lower-case verb on purpose: TypeORM's sqlite runner returns RETURNING rows only for statements it
      // does not recognise as INSERT/UPDATE (it reads those with run(), which has no rows). One statement against
      // a partial unique index, so concurrent raises never duplicate.
      const rows = (await this.db.run((em) =>
        em.query(
          `insert into alert (dedupe_key, type, severity, status, domain, message, text, device_id, customer_id, subscription_id,
             invoice_id, first_seen_at, last_seen_at, count)
           VALUES ${chunk.map(() => "(?, ?, ?, 'open', ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)").join(', ')}
           ON CONFLICT (dedupe_key) WHERE status <> 'resolved' DO UPDATE SET
             last_seen_at = excluded.last_seen_at, count = alert.count + 1, message = excluded.message, text = excluded.text,
             severity = excluded.severity
           RETURNING ${COLUMNS}`,
          params,
        ),
      )) as AlertRow[];
      stored.push(...rows);
    }
    const alerts = await this.present(stored);
    for (const alert of alerts) this.events.emit(alert.count === 1 ? 'alert.created' : 'alert.updated', alert);
    this.queueSummary();
    return alerts;
  }

  /** The cause ended: resolves the unresolved alert of `key` as `system` (acknowledged ones too). */
  async clear(key: string): Promise<Alert | null> {
    const [alert] = await this.clearMany([key]);
    return alert ?? null;
  }

  /** `clear` for many keys in one statement per 500: the alerts that were open, each announced as updated. */
  async clearMany(keys: readonly string[]): Promise<Alert[]> {
    if (keys.length === 0) return [];
    const now = this.clock.now().toISOString();
    const cleared: AlertRow[] = [];
    for (let i = 0; i < keys.length; i += CLEAR_CHUNK) {
      const chunk = keys.slice(i, i + CLEAR_CHUNK);
      const rows = (await this.db.run((em) =>
        em.query(
          `update alert SET status = 'resolved', resolved_at = ?, resolved_by = 'system'
           WHERE dedupe_key IN (${chunk.map(() => '?').join(', ')}) AND status <> 'resolved' RETURNING ${COLUMNS}`,
          [now, ...chunk],
        ),
      )) as AlertRow[];
      cleared.push(...rows);
    }
    if (cleared.length === 0) return [];
    const alerts = await this.present(cleared);
    for (const alert of alerts) this.events.emit('alert.updated', alert);
    this.queueSummary();
    return alerts;
  }

  /** Coalesces a burst of changes (a storm of raises) into one `status.summary` event 100 ms later. */
  private queueSummary(): void {
    if (this.summaryQueued) return;
    this.summaryQueued = true;
    setTimeout(() => {
      this.summaryQueued = false;
      this.openByDomain()
        .then((byDomain) => this.events.emit('status.summary', byDomain))
        .catch(() => undefined);
    }, SUMMARY_DELAY_MS).unref();
  }

  /** Open (unacknowledged) alerts per domain and severity. */
  async openByDomain(): Promise<Record<Domain, SeverityCounts>> {
    const rows = (await this.db.dataSource.query(
      `SELECT domain, severity, COUNT(*) AS n FROM alert WHERE status = 'open' GROUP BY domain, severity`,
    )) as { domain: Domain; severity: Severity; n: number }[];
    const result: Record<Domain, SeverityCounts> = {
      network: { critical: 0, warning: 0, info: 0 },
      billing: { critical: 0, warning: 0, info: 0 },
    };
    for (const row of rows) result[row.domain][row.severity] = row.n;
    return result;
  }

  private domainsOf(role: Role, wanted?: Domain): readonly Domain[] {
    const mine = ROLE_DOMAINS[role];
    return wanted ? mine.filter((d) => d === wanted) : mine;
  }

  async list(role: Role, filter: AlertFilter) {
    const domains = this.domainsOf(role, filter.domain);
    if (domains.length === 0) return { items: [], total: 0, page: filter.page, pageSize: filter.pageSize };
    const where = [`domain IN (${placeholders(domains.length)})`];
    const params: unknown[] = [...domains];
    if (filter.status === 'unresolved') where.push(`status <> 'resolved'`);
    else if (filter.status) {
      where.push('status = ?');
      params.push(filter.status);
    }
    const columns: [keyof AlertFilter, string][] = [
      ['type', 'type'],
      ['severity', 'severity'],
      ['deviceId', 'device_id'],
      ['customerId', 'customer_id'],
      ['subscriptionId', 'subscription_id'],
      ['invoiceId', 'invoice_id'],
    ];
    for (const [key, column] of columns) {
      if (filter[key] === undefined) continue;
      where.push(`${column} = ?`);
      params.push(filter[key]);
    }
    if (filter.from) {
      where.push('last_seen_at >= ?');
      params.push(new Date(filter.from).toISOString());
    }
    if (filter.to) {
      where.push('first_seen_at <= ?');
      params.push(new Date(filter.to).toISOString());
    }
    const clause = `WHERE ${where.join(' AND ')}`;
    const q = this.db.dataSource;
    const [{ total }] = (await q.query(`SELECT COUNT(*) AS total FROM alert ${clause}`, params)) as [{ total: number }];
    const items = await this.present(
      (await q.query(`SELECT ${COLUMNS} FROM alert ${clause} ORDER BY last_seen_at DESC, id DESC LIMIT ? OFFSET ?`, [
        ...params,
        filter.pageSize,
        (filter.page - 1) * filter.pageSize,
      ])) as AlertRow[],
    );
    return { items, total, page: filter.page, pageSize: filter.pageSize };
  }

  async stats(role: Role) {
    const domains = ROLE_DOMAINS[role];
    const rows = (await this.db.dataSource.query(
      `SELECT status, type, severity, COUNT(*) AS n FROM alert WHERE domain IN (${placeholders(domains.length)}) GROUP BY status, type, severity`,
      [...domains],
    )) as { status: AlertStatus; type: AlertType; severity: Severity; n: number }[];
    const byStatus: Record<AlertStatus, number> = { open: 0, acknowledged: 0, resolved: 0 };
    const bySeverity: Record<Severity, number> = { critical: 0, warning: 0, info: 0 };
    const open: Record<Severity, number> = { critical: 0, warning: 0, info: 0 };
    const byType: Record<string, number> = {};
    for (const row of rows) {
      byStatus[row.status] += row.n;
      bySeverity[row.severity] += row.n;
      byType[row.type] = (byType[row.type] ?? 0) + row.n;
      if (row.status === 'open') open[row.severity] += row.n;
    }
    return { byStatus, byType, bySeverity, open };
  }

  async get(role: Role, id: number): Promise<Alert> {
    const [alert] = await this.present((await this.db.dataSource.query(`SELECT ${COLUMNS} FROM alert WHERE id = ?`, [id])) as AlertRow[]);
    // An alert of another domain does not exist for this role.
    if (!alert || !ROLE_DOMAINS[role].includes(alert.domain)) throw new AppError('NOT_FOUND', `Alert ${id} not found`);
    return alert;
  }

  async acknowledge(actor: Actor, role: Role, id: number, note?: string): Promise<Alert> {
    const alert = await this.get(role, id);
    if (alert.status === 'resolved') throw new AppError('CONFLICT', `Alert ${id} is already resolved`);
    if (alert.status === 'acknowledged') return alert;
    return this.change(id, `status = 'open'`, `status = 'acknowledged', acknowledged_at = ?, acknowledged_by = ?, ack_note = ?`, [
      this.clock.now().toISOString(),
      actor.name,
      note ?? null,
    ]);
  }

  async resolve(actor: Actor, role: Role, id: number, note?: string): Promise<Alert> {
    const alert = await this.get(role, id);
    if (alert.status === 'resolved') throw new AppError('CONFLICT', `Alert ${id} is already resolved`);
    return this.change(id, `status <> 'resolved'`, `status = 'resolved', resolved_at = ?, resolved_by = ?, resolve_note = ?`, [
      this.clock.now().toISOString(),
      actor.name,
      note ?? null,
    ]);
  }

  async acknowledgeMany(actor: Actor, role: Role, ids: number[], allInfo: boolean, note?: string): Promise<number> {
    const domains = ROLE_DOMAINS[role];
    const where = [`status = 'open'`, `domain IN (${placeholders(domains.length)})`];
    const params: unknown[] = [...domains];
    if (allInfo) where.push(`severity = 'info'`);
    else {
      if (ids.length === 0) return 0;
      where.push(`id IN (${placeholders(ids.length)})`);
      params.push(...ids);
    }
    const rows = (await this.db.run((em) =>
      em.query(
        `update alert SET status = 'acknowledged', acknowledged_at = ?, acknowledged_by = ?, ack_note = ?
         WHERE ${where.join(' AND ')} RETURNING ${COLUMNS}`,
        [this.clock.now().toISOString(), actor.name, note ?? null, ...params],
      ),
    )) as AlertRow[];
    const alerts = await this.present(rows);
    for (const alert of alerts) this.events.emit('alert.updated', alert);
    if (rows.length > 0) this.queueSummary();
    return rows.length;
  }

  /** Applies `set` only while `guard` still holds: the system may have resolved the alert meanwhile. */
  private async change(id: number, guard: string, set: string, params: unknown[]): Promise<Alert> {
    const rows = (await this.db.run((em) =>
      em.query(`update alert SET ${set} WHERE id = ? AND ${guard} RETURNING ${COLUMNS}`, [...params, id]),
    )) as AlertRow[];
    const [alert] = await this.present(rows);
    if (!alert) throw new AppError('CONFLICT', `Alert ${id} changed meanwhile (resolved); reload it`);
    this.events.emit('alert.updated', alert);
    this.queueSummary();
    return alert;
  }
}
