// The PostgreSQL side of `nocman migrate`: checks the target database holds no site, then, inside one transaction,
// takes the writers' lock, inserts the rows batch by batch (one JSON array per statement, typed by the table's own row
// type), makes the daily sample partitions the rows need, and sets each identity to continue after the last id.
import pg from 'pg';
import { DAY, PARTITIONED, partitionName } from '../partitions';
import { WRITER_LOCK } from '../postgres';
import { MoveRefused, type Row } from './types';
import { MIGRATIONS_TABLE } from './source';

/** What the target database holds before the move. */
export interface TargetState {
  /** Tables of the current schema (partitions left out). */
  tables: string[];
  /** NOCman migrations already recorded there. */
  migrations: string[];
  /** Tables (other than the migrations bookkeeping) that hold rows. */
  nonEmpty: string[];
}

export class SiteTarget {
  private readonly partitions = new Set<string>();

  private constructor(private readonly client: pg.Client) {}

  static async connect(url: string): Promise<SiteTarget> {
    const client = new pg.Client({ connectionString: url });
    // An error of the idle connection (the server stopped) fails the query in flight; it must not crash the process.
    client.on('error', () => undefined);
    await client.connect();
    return new SiteTarget(client);
  }

  async query<T extends object>(sql: string, params: unknown[] = []): Promise<T[]> {
    return (await this.client.query(sql, params)).rows as T[];
  }

  /** Tables of the current schema, partitions left out. */
  async tableNames(): Promise<string[]> {
    const rows = await this.query<{ name: string }>(
      `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p') AND NOT c.relispartition ORDER BY 1`,
    );
    return rows.map((r) => r.name);
  }

  async state(): Promise<TargetState> {
    const tables = await this.tableNames();
    const migrations = tables.includes(MIGRATIONS_TABLE) ? (await this.query<{ name: string }>(`SELECT name FROM "${MIGRATIONS_TABLE}" ORDER BY id`)).map((r) => r.name) : [];
    const nonEmpty: string[] = [];
    for (const table of tables) {
      if (table === MIGRATIONS_TABLE) continue;
      const [row] = await this.query<{ any: boolean }>(`SELECT EXISTS (SELECT 1 FROM "${table}") AS any`);
      if (row?.any) nonEmpty.push(table);
    }
    return { tables, migrations, nonEmpty };
  }

  /**
   * Refuses a target that holds anything but an empty NOCman schema: rows of a site (never merge two sites), or tables
   * of something else. `where` names the database in the message (the URL without its password).
   */
  async assertEmpty(where: string, known: string[]): Promise<TargetState> {
    const state = await this.state();
    if (state.tables.length === 0) return state;
    if (!state.tables.includes(MIGRATIONS_TABLE)) {
      const some = state.tables.slice(0, 5).join(', ');
      throw new MoveRefused(`${where} already holds tables that are not a NOCman site (${some}${state.tables.length > 5 ? ', …' : ''}); use an empty database`);
    }
    const unknown = state.migrations.filter((name) => !known.includes(name));
    if (unknown.length > 0) throw new MoveRefused(`${where} holds a NOCman schema from a newer version (${unknown.join(', ')}); use an empty database`);
    if (state.nonEmpty.length > 0) {
      throw new MoveRefused(
        `${where} already holds a site's data (rows in ${state.nonEmpty.join(', ')}); NOCman never merges two sites. ` +
          'Move into a new, empty database (createdb), or drop and re-create this one if its data is not needed',
      );
    }
    return state;
  }

  /** Columns of each table of the current schema (partitions left out), in table order. */
  async columns(): Promise<Map<string, string[]>> {
    const tables = new Set(await this.tableNames());
    const rows = await this.query<{ table: string; column: string }>(
      `SELECT table_name AS "table", column_name AS "column" FROM information_schema.columns
       WHERE table_schema = current_schema() ORDER BY table_name, ordinal_position`,
    );
    const map = new Map<string, string[]>();
    for (const { table, column } of rows) if (tables.has(table)) map.set(table, [...(map.get(table) ?? []), column]);
    return map;
  }

  /** The identity column of each table that has one (the SQLite `INTEGER PRIMARY KEY AUTOINCREMENT` ids). */
  async identities(): Promise<Map<string, string>> {
    const rows = await this.query<{ table: string; column: string }>(
      `SELECT table_name AS "table", column_name AS "column" FROM information_schema.columns
       WHERE table_schema = current_schema() AND is_identity = 'YES'`,
    );
    return new Map(rows.map((r) => [r.table, r.column]));
  }

  /** Starts the one transaction of the copy and takes the lock every NOCman writer takes: no site process writes meanwhile. */
  async begin(): Promise<void> {
    await this.client.query('BEGIN');
    await this.client.query('SELECT pg_advisory_xact_lock($1)', [WRITER_LOCK]);
  }

  async commit(): Promise<void> {
    await this.client.query('COMMIT');
  }

  /**
   * Gathers the planner's statistics of `tables` (a partitioned table's parent and each of its partitions), outside
   * any transaction. Without them PostgreSQL plans the first searches and list pages of the moved site blind until
   * autovacuum gets to the tables.
   */
  async analyze(tables: string[]): Promise<void> {
    if (tables.length === 0) return;
    await this.client.query(`ANALYZE ${tables.map((t) => `"${t}"`).join(', ')}`);
  }

  async rollback(): Promise<void> {
    await this.client.query('ROLLBACK').catch(() => undefined);
  }

  /** Creates the daily partitions of a partitioned table that `rows` fall in (known ones are not asked again). */
  private async ensurePartitions(table: string, rows: Row[]): Promise<void> {
    const partitioned = PARTITIONED[table];
    if (!partitioned) return;
    for (const row of rows) {
      const day = Math.floor(Number(row[partitioned.column]) / DAY) * DAY;
      const name = partitionName(table, day);
      if (this.partitions.has(name)) continue;
      await this.client.query(`CREATE TABLE IF NOT EXISTS "${name}" PARTITION OF "${table}" FOR VALUES FROM (${day}) TO (${day + DAY})`);
      this.partitions.add(name);
    }
  }

  /** Inserts one batch: one statement, the rows as one JSON array typed by the table's row type. */
  async insert(table: string, columns: string[], rows: Row[]): Promise<void> {
    if (rows.length === 0) return;
    await this.ensurePartitions(table, rows);
    const list = columns.map((c) => `"${c}"`).join(', ');
    const json = JSON.stringify(rows, (_key, value: unknown) => (Buffer.isBuffer(value) ? value.toString() : value));
    await this.client.query(`INSERT INTO "${table}" (${list}) SELECT ${list} FROM json_populate_recordset(NULL::"${table}", $1::json)`, [json]);
  }

  /** Sets a column that references its own table (a device's parent) once every row of the table is in. */
  async setReferences(table: string, key: string, column: string, pairs: { key: unknown; value: unknown }[]): Promise<void> {
    const size = 20_000;
    for (let i = 0; i < pairs.length; i += size) {
      const chunk = JSON.stringify(pairs.slice(i, i + size));
      await this.client.query(
        `UPDATE "${table}" SET "${column}" = v.value FROM json_to_recordset($1::json) AS v(key BIGINT, value BIGINT) WHERE "${table}"."${key}" = v.key`,
        [chunk],
      );
    }
  }

  /** Makes the identity of `table` give `next` to the next row it numbers. */
  async setIdentity(table: string, column: string, next: number): Promise<void> {
    await this.client.query('SELECT setval(pg_get_serial_sequence($1, $2), $3, false)', [`"${table}"`, column, Math.max(1, next)]);
  }

  async close(): Promise<void> {
    await this.client.end().catch(() => undefined);
  }
}
