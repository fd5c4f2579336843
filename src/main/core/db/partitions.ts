// PostgreSQL only: the raw time-series samples live in one partition per UTC day of their `at` (epoch seconds), so
// retention drops whole days instead of deleting millions of rows (no bloat, no vacuum debt): the latency samples
// (`sample`, partitioned since migration 0005) and the bandwidth samples (`bw_sample`, turned into a partitioned table
// with its rows by migration 0018). Partitions are made by the code that writes samples (insertMany and the bandwidth
// recorder create the days their rows need, `nocman migrate` those of the rows it copies) and ahead of time at start
// and by the rollup job. Retention drops the days that end before the cut and deletes only the rows of the day the cut
// falls in. The rollups (`sample_5m`, `sample_1h`, `bw_5m`, `bw_1h`, `bw_1d`) are plain tables (a year of 5-minute,
// hourly and daily buckets is small next to raw samples). On SQLite none of this applies: the functions do nothing.
import type { EntityManager } from 'typeorm';
import { dialectOf, inTransaction } from './dialect';

export const DAY = 86_400;

/** Tables partitioned by day on PostgreSQL, with their time column (epoch seconds). */
export const PARTITIONED: Record<string, { column: string }> = {
  sample: { column: 'at' },
  bw_sample: { column: 'at' },
};

/** Partitions this process knows exist (per connection pool): a write does not ask the catalogue every time. */
const known = new WeakMap<object, Set<string>>();
/**
 * Partitions made inside a write transaction not yet committed (per query runner): they are known only once it commits.
 * A transaction or savepoint undone takes its CREATE TABLE with it; were the name known already, every later write of
 * that day would fail ("no partition of relation … found for row") until the process restarts.
 */
const uncommitted = new WeakMap<object, Set<string>>();

/**
 * The end of a transaction, or a savepoint undone, on `runner` (postgres.ts calls it at COMMIT and ROLLBACK): the
 * partitions it made become known when it committed, and are forgotten otherwise. A ROLLBACK TO SAVEPOINT forgets them
 * all, those made before the savepoint too: the next write of those days runs CREATE TABLE IF NOT EXISTS once more.
 */
export function settlePartitions(runner: { connection: object }, committed: boolean): void {
  const made = uncommitted.get(runner);
  if (!made) return;
  uncommitted.delete(runner);
  if (!committed) return;
  const cache = known.get(runner.connection) ?? new Set<string>();
  known.set(runner.connection, cache);
  for (const name of made) cache.add(name);
}

/** The name of the partition of `table` for the UTC day starting at `dayStart` (epoch seconds): `sample_d20261127`. */
export function partitionName(table: string, dayStart: number): string {
  const date = new Date(dayStart * 1000).toISOString().slice(0, 10).replace(/-/g, '');
  return `${table}_d${date}`;
}

/** Creates the daily partitions of `table` covering the epoch seconds `times` (idempotent). */
export async function ensurePartitions(em: EntityManager, table: string, times: Iterable<number>): Promise<void> {
  if (!PARTITIONED[table] || dialectOf(em) !== 'postgres') return;
  const cache = known.get(em.connection) ?? new Set<string>();
  known.set(em.connection, cache);
  // Inside a write transaction, what it makes is known once it commits (settlePartitions).
  const runner = inTransaction(em) ? em.queryRunner : undefined;
  let made = cache;
  if (runner) {
    made = uncommitted.get(runner) ?? new Set<string>();
    uncommitted.set(runner, made);
  }
  const days = new Set<number>();
  for (const t of times) days.add(Math.floor(Number(t) / DAY) * DAY);
  for (const day of days) {
    const name = partitionName(table, day);
    if (cache.has(name) || made.has(name)) continue;
    await em.query(`CREATE TABLE IF NOT EXISTS "${name}" PARTITION OF "${table}" FOR VALUES FROM (${day}) TO (${day + DAY})`);
    made.add(name);
  }
}

/** Creates the partitions of every partitioned table from yesterday to `aheadDays` days after `nowSec`. */
export async function ensurePartitionsAround(em: EntityManager, nowSec: number, aheadDays = 2): Promise<void> {
  const times: number[] = [];
  for (let d = -1; d <= aheadDays; d++) times.push(nowSec + d * DAY);
  for (const table of Object.keys(PARTITIONED)) await ensurePartitions(em, table, times);
}

/**
 * Drops the daily partitions of `table` that end at or before `cutoffSec`; rows of the partition the cut falls in
 * are left to the caller's DELETE. Answers how many rows went with the dropped partitions.
 */
export async function dropPartitionsBefore(em: EntityManager, table: string, cutoffSec: number): Promise<number> {
  if (!PARTITIONED[table] || dialectOf(em) !== 'postgres') return 0;
  const parts = (await em.query(
    `SELECT c.relname AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid JOIN pg_class p ON p.oid = i.inhparent
     WHERE p.relname = ? AND p.relnamespace = c.relnamespace ORDER BY c.relname`,
    [table],
  )) as { name: string }[];
  let dropped = 0;
  const cache = known.get(em.connection);
  for (const { name } of parts) {
    const match = /_d(\d{4})(\d{2})(\d{2})$/.exec(name);
    if (!match) continue;
    const dayStart = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) / 1000;
    if (dayStart + DAY > cutoffSec) continue;
    const [{ n }] = (await em.query(`SELECT COUNT(*) AS n FROM "${name}"`)) as [{ n: number }];
    await em.query(`DROP TABLE "${name}"`);
    cache?.delete(name);
    dropped += n;
  }
  return dropped;
}
