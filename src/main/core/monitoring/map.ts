// What the map and the heartbeat strip show: devices and customers with coordinates and their state now, and the
// last checks of one device with the status it had at each check.
import type { Heartbeat, MapPoints } from '../../../shared/contract';
import type { Database } from '../db/database';
import { SHOWN_STATUS } from './devices';

/** A reply over the device's latency threshold, or losing more echoes than it allows (any, without a threshold). */
const DEGRADED = (avgMs: string, lossPct: string) =>
  `((d.latency_warn_ms IS NOT NULL AND ${avgMs} > d.latency_warn_ms) OR ${lossPct} > COALESCE(d.loss_warn_pct, 0))`;

export class MapService {
  constructor(private readonly db: Database) {}

  /** The last `limit` checks, oldest first. A failed check while the parent was down or in maintenance is unknown. */
  async heartbeat(deviceId: number, limit: number): Promise<Heartbeat[]> {
    const rows = (await this.db.dataSource.query(
      `SELECT s.at, s.avg_us AS avgUs, s.loss,
         CASE
           WHEN s.avg_us IS NULL THEN
             CASE WHEN (SELECT st.status FROM device_state st WHERE st.device_id = s.device_id AND st.at <= s.at ORDER BY st.at DESC LIMIT 1)
               IN ('unreachable', 'maintenance') THEN 'unknown' ELSE 'down' END
           WHEN ${DEGRADED('s.avg_us / 1000.0', 's.loss')} THEN 'degraded'
           ELSE 'up'
         END AS kind
       FROM sample s JOIN device d ON d.id = s.device_id WHERE s.device_id = ? ORDER BY s.at DESC LIMIT ?`,
      [deviceId, limit],
    )) as { at: number; avgUs: number | null; loss: number; kind: Heartbeat['kind'] }[];
    return rows.reverse().map((r) => ({ at: new Date(r.at * 1000).toISOString(), kind: r.kind, latencyMs: r.avgUs === null ? null : r.avgUs / 1000, lossPct: r.loss }));
  }

  /** Points with both coordinates; a customer is affected while a device serving one of its subscriptions is down. */
  async points(): Promise<MapPoints> {
    const q = this.db.dataSource;
    const devices = (await q.query(
      `SELECT d.id, d.name, d.type, d.host, d.latitude, d.longitude,
         CASE ${SHOWN_STATUS} WHEN 'maintenance' THEN 'maintenance' WHEN 'offline' THEN 'down'
           WHEN 'online' THEN CASE WHEN ${DEGRADED('COALESCE(d.last_avg_ms, 0)', 'COALESCE(d.last_loss_pct, 0)')} THEN 'degraded' ELSE 'up' END
           ELSE 'unknown' END AS state
       FROM device d WHERE d.latitude IS NOT NULL AND d.longitude IS NOT NULL ORDER BY d.name COLLATE NOCASE`,
    )) as MapPoints['devices'];
    const customers = (await q.query(
      `SELECT c.id, c.code, c.name, c.status, c.latitude, c.longitude,
         EXISTS (SELECT 1 FROM subscription s JOIN device_subscription ds ON ds.subscription_id = s.id JOIN device d ON d.id = ds.device_id
           WHERE s.customer_id = c.id AND s.deleted_at IS NULL AND s.status IN ('active', 'suspended') AND ${SHOWN_STATUS} IN ('offline', 'unreachable')) AS affected
       FROM customer c WHERE c.deleted_at IS NULL AND c.latitude IS NOT NULL AND c.longitude IS NOT NULL ORDER BY c.code`,
    )) as (Omit<MapPoints['customers'][number], 'affected'> & { affected: number })[];
    return { devices, customers: customers.map((c) => ({ ...c, affected: Boolean(c.affected) })) };
  }
}
