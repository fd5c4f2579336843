// Reading what accounting and the bridge wrote — sessions (online first) and the reject log — and keeping both
// bounded: stale sessions closed, rejects kept 30 days and at most 100,000, closed sessions kept 180 days, daily usage five years.
import type { RadiusReject, RadiusSession, RejectReason } from '../../../shared/contract';
import type { Clock } from '../clock';
import type { Database } from '../db/database';
import type { SettingsService } from '../settings/service';

export const REJECT_KEEP_DAYS = 30;
export const REJECT_KEEP_ROWS = 100_000;
export const SESSION_KEEP_DAYS = 180;
/** Daily usage is kept like the daily bandwidth rollup: five years. */
export const USAGE_KEEP_DAYS = 5 * 366;
/** A session without any accounting for this many interim intervals is closed as stale (the NAS lost it). */
export const STALE_INTERVALS = 3;
const MAINTAIN_EVERY_MS = 5 * 60_000;
const DAY_MS = 86_400_000;

export interface SessionQuery {
  subscriptionId?: number;
  customerId?: number;
  nasId?: number;
  online?: boolean;
  search?: string;
  page: number;
  pageSize: number;
}

export interface RejectQuery {
  username?: string;
  reason?: RejectReason;
  subscriptionId?: number;
  customerId?: number;
  page: number;
  pageSize: number;
}

const SESSION_COLUMNS = `rs.id, rs.subscription_id AS subscriptionId, s.customer_id AS customerId, c.code AS customerCode, c.name AS customerName,
  rs.username, rs.nas_address AS nasAddress, n.name AS nasName, rs.acct_session_id AS acctSessionId, rs.framed_ip AS framedIp, rs.mac,
  rs.started_at AS startedAt, rs.updated_at AS updatedAt, rs.stopped_at AS stoppedAt, rs.input_bytes AS inputBytes, rs.output_bytes AS outputBytes,
  rs.terminate_cause AS terminateCause`;
const SESSION_FROM = `FROM radius_session rs LEFT JOIN subscription s ON s.id = rs.subscription_id LEFT JOIN customer c ON c.id = s.customer_id
  LEFT JOIN radius_nas n ON n.address = rs.nas_address`;

export class RadiusSessions {
  private lastMaintained = 0;

  constructor(
    private readonly db: Database,
    private readonly settings: SettingsService,
    private readonly clock: Clock,
  ) {}

  async list(query: SessionQuery) {
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (sql: string, value: unknown) => {
      where.push(sql);
      params.push(value);
    };
    if (query.subscriptionId) add('rs.subscription_id = ?', query.subscriptionId);
    if (query.customerId) add('s.customer_id = ?', query.customerId);
    if (query.nasId) add('rs.nas_address = (SELECT address FROM radius_nas WHERE id = ?)', query.nasId);
    if (query.online !== undefined) where.push(query.online ? 'rs.stopped_at IS NULL' : 'rs.stopped_at IS NOT NULL');
    if (query.search) {
      where.push('(rs.username LIKE ? OR c.name LIKE ? OR c.code LIKE ? OR rs.framed_ip = ?)');
      params.push(`%${query.search}%`, `%${query.search}%`, `%${query.search}%`, query.search);
    }
    const clause = where.length > 0 ? `WHERE ${where.join(' AND ')}` : '';
    const q = this.db.dataSource;
    const [{ total }] = (await q.query(`SELECT COUNT(*) AS total ${SESSION_FROM} ${clause}`, params)) as [{ total: number }];
    const rows = (await q.query(`SELECT ${SESSION_COLUMNS} ${SESSION_FROM} ${clause} ORDER BY rs.stopped_at IS NULL DESC, rs.started_at DESC, rs.id DESC LIMIT ? OFFSET ?`, [
      ...params,
      query.pageSize,
      (query.page - 1) * query.pageSize,
    ])) as Omit<RadiusSession, 'online'>[];
    const items: RadiusSession[] = rows.map((r) => ({ ...r, online: r.stoppedAt === null }));
    return { items, total, page: query.page, pageSize: query.pageSize };
  }

  async rejects(query: RejectQuery) {
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (sql: string, value: unknown) => {
      where.push(sql);
      params.push(value);
    };
    if (query.username) add('r.username = ? COLLATE NOCASE', query.username);
    if (query.reason) add('r.reason = ?', query.reason);
    if (query.subscriptionId) add('r.subscription_id = ?', query.subscriptionId);
    if (query.customerId) add('r.customer_id = ?', query.customerId);
    const clause = where.length > 0 ? `WHERE ${where.join(' AND ')}` : '';
    const q = this.db.dataSource;
    const [{ total }] = (await q.query(`SELECT COUNT(*) AS total FROM radius_reject r ${clause}`, params)) as [{ total: number }];
    const items = (await q.query(
      `SELECT r.id, r.at, r.username, r.nas_address AS nasAddress, n.name AS nasName, r.mac, r.reason, r.message, r.subscription_id AS subscriptionId,
         r.customer_id AS customerId FROM radius_reject r LEFT JOIN radius_nas n ON n.address = r.nas_address ${clause} ORDER BY r.id DESC LIMIT ? OFFSET ?`,
      [...params, query.pageSize, (query.page - 1) * query.pageSize],
    )) as RadiusReject[];
    return { items, total, page: query.page, pageSize: query.pageSize };
  }

  /** At most every five minutes (called from the bridge's traffic and the session list): close stale sessions, prune. */
  async maintain(force = false): Promise<void> {
    const now = this.clock.now();
    if (!force && now.getTime() - this.lastMaintained < MAINTAIN_EVERY_MS) return;
    this.lastMaintained = now.getTime();
    const { radiusInterimIntervalSec } = await this.settings.get();
    const staleBefore = new Date(now.getTime() - (STALE_INTERVALS * radiusInterimIntervalSec + 60) * 1000).toISOString();
    await this.db.write(async (em) => {
      await em.query(`UPDATE radius_session SET stopped_at = updated_at, terminate_cause = 'NOCman-Stale' WHERE stopped_at IS NULL AND updated_at < ?`, [staleBefore]);
      await em.query('DELETE FROM radius_session WHERE stopped_at IS NOT NULL AND stopped_at < ?', [new Date(now.getTime() - SESSION_KEEP_DAYS * DAY_MS).toISOString()]);
      await em.query('DELETE FROM radius_reject WHERE at < ?', [new Date(now.getTime() - REJECT_KEEP_DAYS * DAY_MS).toISOString()]);
      await em.query(`DELETE FROM radius_reject WHERE id <= (SELECT id FROM radius_reject ORDER BY id DESC LIMIT 1 OFFSET ${REJECT_KEEP_ROWS})`);
      await em.query('DELETE FROM radius_usage WHERE day < ?', [new Date(now.getTime() - USAGE_KEEP_DAYS * DAY_MS).toISOString().slice(0, 10)]);
    });
  }
}
