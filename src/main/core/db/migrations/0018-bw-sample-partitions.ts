// Schema 18: on PostgreSQL the raw bandwidth samples (`bw_sample`) become a table partitioned by UTC day of `at`, like
// the latency samples (`sample`, 0005), so retention drops whole days instead of deleting rows (db/partitions.ts).
// A site that upgrades keeps every row: the plain table is renamed, the partitioned one is made with the same columns
// and primary key (device_id, if_index, at) — it holds the partition column, as PostgreSQL requires of a partitioned
// table's keys, so `INSERT OR REPLACE` keeps its conflict target (dialect.ts REPLACE_KEYS) — one partition is made for
// each day the rows fall in, the rows are copied, their number is checked, and the old table is dropped; all in the
// migration's one transaction. The partition names follow partitionName(), so retention finds them.
// SQLite: nothing (one file, no partitions; retention deletes rows along the primary key).
import type { MigrationInterface, QueryRunner } from 'typeorm';
import { dialectOf } from '../dialect';
import { DAY, partitionName } from '../partitions';

const COLUMNS = ['device_id', 'if_index', 'at', 'in_bps', 'out_bps', 'in_bytes', 'out_bytes', 'peak_in_bps', 'peak_out_bps'];
const LIST = COLUMNS.map((c) => `"${c}"`).join(', ');

/** The table as 0006 made it (the dialect makes INTEGER a BIGINT), partitioned or not. */
function createTable(name: string, partitioned: boolean): string {
  return `
    CREATE TABLE "${name}" (
      "device_id" INTEGER NOT NULL,
      "if_index" INTEGER NOT NULL,
      "at" INTEGER NOT NULL,
      "in_bps" INTEGER NOT NULL,
      "out_bps" INTEGER NOT NULL,
      "in_bytes" INTEGER NOT NULL,
      "out_bytes" INTEGER NOT NULL,
      "peak_in_bps" INTEGER NOT NULL,
      "peak_out_bps" INTEGER NOT NULL,
      CONSTRAINT "${name}_pkey" PRIMARY KEY ("device_id", "if_index", "at")
    )${partitioned ? ' PARTITION BY RANGE ("at")' : ''}`;
}

async function count(queryRunner: QueryRunner, table: string): Promise<number> {
  const [row] = (await queryRunner.query(`SELECT COUNT(*) AS n FROM "${table}"`)) as [{ n: number | string }];
  return Number(row.n);
}

/** Copies every row of `from` into `to` and fails (the transaction is undone) unless all arrived. */
async function copyAll(queryRunner: QueryRunner, from: string, to: string): Promise<void> {
  const before = await count(queryRunner, from);
  await queryRunner.query(`INSERT INTO "${to}" (${LIST}) SELECT ${LIST} FROM "${from}"`);
  const after = await count(queryRunner, to);
  if (after !== before) throw new Error(`bw_sample: ${before} rows in "${from}" but ${after} in "${to}" after the copy`);
}

export class BwSamplePartitions1764201600018 implements MigrationInterface {
  name = 'BwSamplePartitions1764201600018';

  async up(queryRunner: QueryRunner): Promise<void> {
    if (dialectOf(queryRunner) !== 'postgres') return;
    const run = (sql: string) => queryRunner.query(sql);
    // The old key's index keeps its name through a rename: free it for the new table.
    await run(`ALTER TABLE "bw_sample" RENAME TO "bw_sample_plain"`);
    await run(`ALTER TABLE "bw_sample_plain" RENAME CONSTRAINT "bw_sample_pkey" TO "bw_sample_plain_pkey"`);
    await run(createTable('bw_sample', true));
    const days = (await queryRunner.query(`SELECT DISTINCT ("at" / ${DAY}) * ${DAY} AS day FROM "bw_sample_plain" ORDER BY 1`)) as { day: number | string }[];
    for (const { day } of days) {
      const start = Number(day);
      await run(`CREATE TABLE "${partitionName('bw_sample', start)}" PARTITION OF "bw_sample" FOR VALUES FROM (${start}) TO (${start + DAY})`);
    }
    await copyAll(queryRunner, 'bw_sample_plain', 'bw_sample');
    await run(`DROP TABLE "bw_sample_plain"`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    if (dialectOf(queryRunner) !== 'postgres') return;
    // Back to one plain table with every row (the partitions go with the partitioned table).
    await queryRunner.query(createTable('bw_sample_plain', false));
    await copyAll(queryRunner, 'bw_sample', 'bw_sample_plain');
    await queryRunner.query(`DROP TABLE "bw_sample"`);
    await queryRunner.query(`ALTER TABLE "bw_sample_plain" RENAME TO "bw_sample"`);
    await queryRunner.query(`ALTER TABLE "bw_sample" RENAME CONSTRAINT "bw_sample_plain_pkey" TO "bw_sample_pkey"`);
  }
}
