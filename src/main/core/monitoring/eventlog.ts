// The network log: one device's lines (its page) and all devices' lines (the network-wide event log, like LibreNMS's
// eventlog), each line as a message key for the reader and rendered in the site language for REST clients.
import type { DeviceLogEntry, DeviceStatus, DeviceType, NetworkEvent } from '../../../shared/contract';
import { parseMessage, translator } from '../../../shared/i18n/messages';
import type { Database } from '../db/database';
import { jsonText } from '../db/dialect';
import type { SettingsService } from '../settings/service';

export interface NetworkEventFilter {
  deviceId?: number;
  event?: string;
  status?: DeviceStatus;
  from?: string;
  to?: string;
  page: number;
  pageSize: number;
}

interface LogRow {
  at: string;
  event: string;
  message: string;
  text: string | null;
  latencyMs: number | null;
  lossPct: number | null;
}

const LINE = `l.at, l.event, l.message, l.text, l.latency_ms AS latencyMs, l.loss_pct AS lossPct`;

export class EventLog {
  constructor(
    private readonly db: Database,
    private readonly settings: SettingsService,
  ) {}

  /** Stored lines with `text` parsed and `message` in the site language (a line without a key keeps its sentence). */
  private async present<R extends LogRow>(rows: R[]): Promise<(Omit<R, 'text'> & DeviceLogEntry)[]> {
    const { language, timeZone } = await this.settings.get();
    const site = translator(language, timeZone);
    return rows.map((row) => {
      const text = parseMessage(row.text) ?? { key: 'deviceLog.legacy', params: { text: row.message } };
      return { ...row, text, message: site.render(text) };
    });
  }

  /** One device's log, newest first. The caller checks the device exists. */
  async ofDevice(deviceId: number, page: number, pageSize: number) {
    const q = this.db.dataSource;
    const [{ total }] = (await q.query('SELECT COUNT(*) AS total FROM device_log WHERE device_id = ?', [deviceId])) as [{ total: number }];
    const rows = (await q.query(`SELECT ${LINE} FROM device_log l WHERE l.device_id = ? ORDER BY l.id DESC LIMIT ? OFFSET ?`, [
      deviceId,
      pageSize,
      (page - 1) * pageSize,
    ])) as LogRow[];
    return { items: await this.present(rows), total, page, pageSize };
  }

  /** Every device's lines, newest first, by device, event, the status a change went to, and time. */
  async network(filter: NetworkEventFilter): Promise<{ items: NetworkEvent[]; total: number; page: number; pageSize: number }> {
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (clause: string, value: unknown) => {
      where.push(clause);
      params.push(value);
    };
    if (filter.deviceId !== undefined) add('l.device_id = ?', filter.deviceId);
    if (filter.event) add('l.event = ?', filter.event);
    if (filter.status) add(`l.event = 'status' AND ${jsonText(this.db.dialect, 'l.text', ['params', 'to'])} = ?`, filter.status);
    if (filter.from) add('l.at >= ?', new Date(filter.from).toISOString());
    if (filter.to) add('l.at <= ?', new Date(filter.to).toISOString());
    const clause = where.length > 0 ? `WHERE ${where.join(' AND ')}` : '';
    const q = this.db.dataSource;
    const [{ total }] = (await q.query(`SELECT COUNT(*) AS total FROM device_log l ${clause}`, params)) as [{ total: number }];
    const rows = (await q.query(
      `SELECT l.id, l.device_id AS deviceId, d.name AS deviceName, d.host AS deviceHost, d.type AS deviceType, ${LINE}
       FROM device_log l JOIN device d ON d.id = l.device_id ${clause}
       ORDER BY l.at DESC, l.id DESC LIMIT ? OFFSET ?`,
      [...params, filter.pageSize, (filter.page - 1) * filter.pageSize],
    )) as (LogRow & { id: number; deviceId: number; deviceName: string; deviceHost: string; deviceType: DeviceType })[];
    const items = await this.present(rows);
    return {
      items: items.map((item) => ({
        ...item,
        status: item.event === 'status' && typeof item.text.params.to === 'string' ? (item.text.params.to as DeviceStatus) : null,
      })),
      total,
      page: filter.page,
      pageSize: filter.pageSize,
    };
  }
}
