// Availability of devices over 24 h, 7 d and 30 d, from their state history (device_state), not from counting
// samples, so a gap in polling neither helps nor hurts. The definition (also in README):
//   availability = up / (up + down), where over the window (clipped to the device's creation)
//   up   = time in status online (degraded included: it answers),
//   down = time in status offline,
//   and time unreachable (its parent was down: "unknown"), in maintenance (status or a planned window of the
//   device), or unknown (not checked yet, monitoring off) counts as neither. No up or down time: null.
// The percentage is truncated to two decimals, so 100 means not one second down.
import type { DeviceStatus } from '../../../shared/contract';
import type { Clock } from '../clock';
import type { Database } from '../db/database';
import { epochSeconds, greatest } from '../db/dialect';

export const AVAILABILITY_WINDOWS = [
  { window: '24h', seconds: 86_400 },
  { window: '7d', seconds: 7 * 86_400 },
  { window: '30d', seconds: 30 * 86_400 },
] as const;
export type AvailabilityWindow = (typeof AVAILABILITY_WINDOWS)[number]['window'];
const LONGEST = 30 * 86_400;

export interface WindowAvailability {
  window: AvailabilityWindow;
  from: string;
  to: string;
  pct: number | null;
  upSec: number;
  downSec: number;
  /** Unreachable, maintenance and unknown time within the device's life in the window. */
  excludedSec: number;
}

interface StateInterval {
  deviceId: number;
  start: number;
  end: number;
  status: DeviceStatus;
}

type Span = [number, number];

/** Seconds of [start, end) not covered by the (sorted, merged) spans. */
function uncovered(start: number, end: number, spans: Span[]): number {
  let covered = 0;
  for (const [s, e] of spans) {
    if (e <= start) continue;
    if (s >= end) break;
    covered += Math.min(e, end) - Math.max(s, start);
  }
  return end - start - covered;
}

function merge(spans: Span[]): Span[] {
  const sorted = [...spans].sort((a, b) => a[0] - b[0]);
  const merged: Span[] = [];
  for (const span of sorted) {
    const last = merged[merged.length - 1];
    if (last && span[0] <= last[1]) last[1] = Math.max(last[1], span[1]);
    else merged.push([...span]);
  }
  return merged;
}

export function percentOf(upSec: number, downSec: number): number | null {
  if (upSec + downSec === 0) return null;
  return Math.floor((upSec / (upSec + downSec)) * 10_000) / 100;
}

/** Up, down and excluded seconds of one device's intervals within [from, to), maintenance spans taken out. */
export function tally(intervals: StateInterval[], maintenance: Span[], from: number, to: number) {
  let upSec = 0;
  let downSec = 0;
  let excludedSec = 0;
  for (const interval of intervals) {
    const start = Math.max(interval.start, from);
    const end = Math.min(interval.end, to);
    if (end <= start) continue;
    const counted = interval.status === 'online' || interval.status === 'offline' ? uncovered(start, end, maintenance) : 0;
    if (interval.status === 'online') upSec += counted;
    else if (interval.status === 'offline') downSec += counted;
    excludedSec += end - start - counted;
  }
  return { upSec, downSec, excludedSec };
}

/** Remembers a status change for the availability history; a second change within the same second wins. */
export async function recordState(em: { query(sql: string, params?: unknown[]): Promise<unknown> }, deviceId: number, at: Date, status: DeviceStatus): Promise<void> {
  await em.query('INSERT OR REPLACE INTO device_state (device_id, at, status) VALUES (?, ?, ?)', [deviceId, Math.floor(at.getTime() / 1000), status]);
}

export class AvailabilityService {
  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
  ) {}

  /**
   * Availability of the given devices (all when omitted) over every window. SQLite sums the seconds per status and
   * window; only devices with a planned maintenance window in the last 30 days have their intervals read here.
   */
  async of(deviceIds?: number[]): Promise<Map<number, WindowAvailability[]>> {
    const now = Math.floor(this.clock.now().getTime() / 1000);
    const since = now - LONGEST;
    const only = deviceIds ? `AND device_id IN (${deviceIds.map(() => '?').join(',') || 'NULL'})` : '';
    const ids = deviceIds ?? [];
    const q = this.db.dataSource;
    // Each state lasts until the next change (or now).
    const intervals = `SELECT device_id, at AS start, COALESCE(LEAD(at) OVER (PARTITION BY device_id ORDER BY at), ${now}) AS "end", status
      FROM device_state WHERE at < ${now} ${only}`;
    const max = (...values: string[]) => greatest(this.db.dialect, ...values);
    const sums = AVAILABILITY_WINDOWS.map(({ seconds }, i) => `SUM(${max('0', `"end" - ${max('start', String(now - seconds))}`)}) AS s${i}`).join(', ');
    const totals = (await q.query(`SELECT device_id AS deviceId, status, ${sums} FROM (${intervals}) AS interval_of_state WHERE "end" > ${since} GROUP BY device_id, status`, ids)) as ({
      deviceId: number;
      status: DeviceStatus;
    } & Record<`s${number}`, number>)[];
    const planned = (await q.query(
      `SELECT device_id AS deviceId, ${epochSeconds(this.db.dialect, 'starts_at')} AS start, ${epochSeconds(this.db.dialect, 'ends_at')} AS "end"
       FROM maintenance_window WHERE ends_at > ? AND starts_at < ? ${only}`,
      [new Date(since * 1000).toISOString(), new Date(now * 1000).toISOString(), ...ids],
    )) as { deviceId: number; start: number; end: number }[];

    const result = new Map<number, WindowAvailability[]>();
    const windowOf = (window: AvailabilityWindow, seconds: number, counts: ReturnType<typeof tally>): WindowAvailability => ({
      window,
      from: new Date((now - seconds) * 1000).toISOString(),
      to: new Date(now * 1000).toISOString(),
      pct: percentOf(counts.upSec, counts.downSec),
      ...counts,
    });
    const every = deviceIds ?? ((await q.query('SELECT id FROM device ORDER BY id')) as { id: number }[]).map((d) => d.id);
    for (const id of every) result.set(id, AVAILABILITY_WINDOWS.map(({ window, seconds }) => windowOf(window, seconds, { upSec: 0, downSec: 0, excludedSec: 0 })));
    for (const row of totals) {
      const windows = result.get(row.deviceId);
      if (!windows) continue;
      AVAILABILITY_WINDOWS.forEach(({ window, seconds }, i) => {
        const w = windows[i]!;
        const sec = row[`s${i}`] ?? 0;
        const counts = {
          upSec: w.upSec + (row.status === 'online' ? sec : 0),
          downSec: w.downSec + (row.status === 'offline' ? sec : 0),
          excludedSec: w.excludedSec + (row.status === 'online' || row.status === 'offline' ? 0 : sec),
        };
        windows[i] = windowOf(window, seconds, counts);
      });
    }

    // Planned windows can overlap each other and several states: these few devices are tallied interval by interval.
    const spans = new Map<number, Span[]>();
    for (const w of planned) {
      if (!spans.has(w.deviceId)) spans.set(w.deviceId, []);
      spans.get(w.deviceId)!.push([w.start, w.end]);
    }
    if (spans.size === 0) return result;
    const maintained = [...spans.keys()];
    const rows = (await q.query(
      `SELECT device_id AS deviceId, start, "end", status FROM (${intervals.replace(only, '')} AND device_id IN (${maintained.map(() => '?').join(',')})) AS interval_of_state WHERE "end" > ${since}`,
      maintained,
    )) as StateInterval[];
    for (const id of maintained) {
      const own = rows.filter((r) => r.deviceId === id);
      const merged = merge(spans.get(id)!);
      result.set(id, AVAILABILITY_WINDOWS.map(({ window, seconds }) => windowOf(window, seconds, tally(own, merged, now - seconds, now))));
    }
    return result;
  }
}
