// Rollups and retention of the latency samples: 5-minute buckets from raw samples, hourly from 5-minute,
// raw kept `sampleRetentionDays`, 5-minute a month, hourly a year; the network log and the state history a year.
import type { Clock } from '../clock';
import type { Database } from '../db/database';
import { dropPartitionsBefore, ensurePartitionsAround } from '../db/partitions';
import type { SettingsService } from '../settings/service';

export const FIVE_MINUTES = 300;
export const HOUR = 3600;
export const KEEP_5M_DAYS = 31;
export const KEEP_1H_DAYS = 366;

export class SampleRollup {
  constructor(
    private readonly db: Database,
    private readonly settings: SettingsService,
    private readonly clock: Clock,
  ) {}

  /** Rolls up every complete bucket not rolled up yet (idempotent: a bucket is rewritten whole), then prunes. */
  async run(): Promise<{ buckets5m: number; buckets1h: number; deleted: number }> {
    const now = Math.floor(this.clock.now().getTime() / 1000);
    const { sampleRetentionDays } = await this.settings.get();
    return this.db.write(async (em) => {
      const mark = async (name: string) => {
        const [row] = (await em.query('SELECT last_run_for AS v FROM job_run WHERE name = ?', [name])) as { v: string | null }[];
        return row?.v ? Number(row.v) : 0;
      };
      const save = (name: string, value: number) =>
        em.query('INSERT INTO job_run (name, last_run_for) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET last_run_for = excluded.last_run_for', [name, String(value)]);

      const end5 = Math.floor(now / FIVE_MINUTES) * FIVE_MINUTES;
      const from5 = Math.max(await mark('rollup5m'), end5 - sampleRetentionDays * 86400);
      const changes = async () => ((await em.query('SELECT changes() AS n')) as [{ n: number }])[0].n;
      await em.query(
        `INSERT OR REPLACE INTO sample_5m (device_id, at, min_us, avg_us, max_us, loss, n)
         SELECT device_id, (at / ${FIVE_MINUTES}) * ${FIVE_MINUTES} AS bucket, MIN(min_us), CAST(AVG(avg_us) AS INTEGER), MAX(max_us), CAST(ROUND(AVG(loss)) AS INTEGER), COUNT(*)
         FROM sample WHERE at >= ? AND at < ? GROUP BY device_id, bucket`,
        [from5, end5],
      );
      const buckets5m = await changes();
      await save('rollup5m', end5);

      const end1 = Math.floor(now / HOUR) * HOUR;
      const from1 = Math.max(await mark('rollup1h'), end1 - KEEP_5M_DAYS * 86400);
      await em.query(
        `INSERT OR REPLACE INTO sample_1h (device_id, at, min_us, avg_us, max_us, loss, n)
         SELECT device_id, (at / ${HOUR}) * ${HOUR} AS bucket, MIN(min_us), CAST(SUM(avg_us * n) / SUM(CASE WHEN avg_us IS NULL THEN 0 ELSE n END) AS INTEGER),
           MAX(max_us), CAST(ROUND(SUM(loss * n) * 1.0 / SUM(n)) AS INTEGER), SUM(n)
         FROM sample_5m WHERE at >= ? AND at < ? GROUP BY device_id, bucket`,
        [from1, end1],
      );
      const buckets1h = await changes();
      await save('rollup1h', end1);

      let deleted = 0;
      if (this.db.dialect === 'postgres') {
        // Raw samples are daily partitions there: whole days past retention are dropped, not deleted row by row (the
        // DELETE below then only trims the day the cut falls in); the next days' partitions are made ahead.
        await ensurePartitionsAround(em, now);
        deleted += await dropPartitionsBefore(em, 'sample', now - sampleRetentionDays * 86400);
      }
      // Per device, along the primary key (device_id, at): no index on time is needed, which keeps the
      // samples small on disk.
      const devices = (await em.query('SELECT id FROM device')) as { id: number }[];
      for (const [table, keepSeconds] of [['sample', sampleRetentionDays * 86400], ['sample_5m', KEEP_5M_DAYS * 86400], ['sample_1h', KEEP_1H_DAYS * 86400]] as const) {
        for (const { id } of devices) {
          await em.query(`DELETE FROM ${table} WHERE device_id = ? AND at < ?`, [id, now - keepSeconds]);
          deleted += await changes();
        }
      }
      await em.query('DELETE FROM device_log WHERE at < ?', [new Date((now - KEEP_1H_DAYS * 86400) * 1000).toISOString()]);
      // The state history (availability, heartbeat) a year too, keeping each device's last state before the cut:
      // it says what the device was at the start of the kept year.
      const stateCut = now - KEEP_1H_DAYS * 86400;
      for (const { id } of devices) {
        await em.query('DELETE FROM device_state WHERE device_id = ? AND at < (SELECT MAX(at) FROM device_state WHERE device_id = ? AND at < ?)', [id, id, stateCut]);
        deleted += await changes();
      }
      return { buckets5m, buckets1h, deleted };
    });
  }
}
