// The SQLite side of `nocman migrate`: the site file opened read-only, checked (a NOCman schema of this version, no
// process running the site on it), described table by table, and read in key order inside one read transaction.
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Clock } from '../../clock';
import { hasSqliteHeader, KNOWN_MIGRATIONS, nocmanSchema, SqliteFile } from '../sqliteFile';
import { MoveRefused, type Row, type SourceTable } from './types';

/** The bookkeeping of the schema migrations: made on the target by the same migrations, never copied row by row. */
export const MIGRATIONS_TABLE = 'migrations';

interface ColumnInfo {
  name: string;
  pk: number;
}
interface ForeignKeyInfo {
  table: string;
  from: string;
  to: string | null;
}

/** Checks a file is a NOCman site database this version can move, before anything else touches it. */
function checkFile(file: string): void {
  if (!existsSync(file)) throw new MoveRefused(`${file} does not exist`);
  if (!statSync(file).isFile()) throw new MoveRefused(`${file} is not a file`);
  if (statSync(file).size === 0 || !hasSqliteHeader(file)) throw new MoveRefused(`${file} is not a SQLite database`);
}

/**
 * A site's SQLite file, read-only: the connection cannot write (no checkpoint, no migration), so the file stays as it
 * was whatever happens. `begin()` starts the one read transaction every later read belongs to: a snapshot, so the rows
 * copied and the counts and totals they are verified against are the same.
 */
export class SiteSource {
  private dataVersion = 0;

  private constructor(
    readonly file: string,
    private readonly db: SqliteFile,
  ) {}

  static async open(file: string): Promise<SiteSource> {
    checkFile(file);
    const db = await SqliteFile.open(file, 'readonly');
    const source = new SiteSource(file, db);
    try {
      await source.exec('PRAGMA busy_timeout = 5000');
      const schema = await nocmanSchema(db);
      if (!schema) throw new MoveRefused(`${file} is not a NOCman database`);
      if (schema.unknown.length > 0) {
        throw new MoveRefused(`${file} comes from a newer NOCman (migrations ${schema.unknown.join(', ')}); move it with that version`);
      }
      const missing = KNOWN_MIGRATIONS.filter((name) => !schema.applied.includes(name));
      if (missing.length > 0) {
        throw new MoveRefused(
          `${file} has an older schema (missing ${missing.join(', ')}); start this NOCman version on it once (or run \`nocman backup\`), which brings it up to date, then migrate`,
        );
      }
    } catch (error) {
      await source.close();
      throw error;
    }
    return source;
  }

  all<T>(sql: string, params: unknown[] = []): Promise<T[]> {
    return this.db.all<T>(sql, params);
  }

  private exec(sql: string): Promise<void> {
    return this.db.exec(sql);
  }

  /** `PRAGMA data_version`: changes when another connection commits to the file. */
  private async version(): Promise<number> {
    const [row] = await this.all<{ data_version: number }>('PRAGMA data_version');
    return row!.data_version;
  }

  /**
   * Refuses while a NOCman process runs the site on this file: its pid file in the file's folder names a live process,
   * or the runner lease (renewed every few seconds by the process running the site) has not expired.
   */
  async assertNotInUse(clock: Clock, aliveServer: (dataDir: string) => number | null): Promise<void> {
    const dir = path.dirname(this.file);
    const pid = aliveServer(dir);
    if (pid !== null) throw new MoveRefused(`NOCman (pid ${pid}) is running on ${dir}; stop it first (the site must be stopped while it moves)`);
    const now = clock.now().getTime();
    const [lease] = await this.all<{ label: string; heartbeat_at: number; expires_at: number }>(
      'SELECT label, heartbeat_at, expires_at FROM runner_lease WHERE expires_at > ?',
      [now],
    );
    if (lease) {
      throw new MoveRefused(
        `a NOCman process (${lease.label}) runs this site: its runner lease was renewed at ${new Date(lease.heartbeat_at).toISOString()}. ` +
          `Stop it first; if it is already gone, run this again after ${new Date(lease.expires_at).toISOString()}, when its lease has expired`,
      );
    }
  }

  /** Starts the read transaction (the snapshot). */
  async begin(): Promise<void> {
    this.dataVersion = await this.version();
    await this.exec('BEGIN');
    // A deferred read transaction takes its snapshot at its first read.
    await this.all('SELECT count(*) AS n FROM sqlite_master');
  }

  /** Ends the read transaction; answers whether another connection wrote to the file since `begin()`. */
  async end(): Promise<{ changed: boolean }> {
    await this.exec('COMMIT');
    return { changed: (await this.version()) !== this.dataVersion };
  }

  /** Every table but SQLite's own and the migrations bookkeeping, in creation order, with its columns and keys. */
  async tables(): Promise<SourceTable[]> {
    const tables = await this.all<{ name: string; sql: string }>(
      "SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> ? ORDER BY rowid",
      [MIGRATIONS_TABLE],
    );
    const sequences = new Map(
      (await this.all<{ name: string; seq: number }>("SELECT name, seq FROM sqlite_sequence").catch(() => [])).map((row) => [row.name, row.seq]),
    );
    const result: SourceTable[] = [];
    for (const { name, sql } of tables) {
      const columns = await this.all<ColumnInfo>(`PRAGMA table_info("${name}")`);
      const foreignKeys = await this.all<ForeignKeyInfo>(`PRAGMA foreign_key_list("${name}")`);
      result.push({
        name,
        columns: columns.map((c) => c.name),
        primaryKey: columns.filter((c) => c.pk > 0).sort((a, b) => a.pk - b.pk).map((c) => c.name),
        withoutRowid: /\bWITHOUT\s+ROWID\s*$/i.test(sql.trim()),
        references: foreignKeys.map((fk) => ({ table: fk.table, column: fk.from, to: fk.to ?? 'id' })),
        sequence: sequences.get(name) ?? 0,
      });
    }
    return result;
  }

  /**
   * The rows of `table` in key order, `batch` at a time: rowid order (insertion order, which the payment allocations'
   * order relies on) or, for a WITHOUT ROWID table, primary-key order. Keyset paging: every batch is an index seek.
   */
  async *rows(table: SourceTable, batch: number): AsyncGenerator<Row[]> {
    const name = `"${table.name}"`;
    if (!table.withoutRowid) {
      let after = Number.MIN_SAFE_INTEGER;
      for (;;) {
        const rows = await this.all<Row>(`SELECT rowid AS "__rowid", * FROM ${name} WHERE rowid > ? ORDER BY rowid LIMIT ?`, [after, batch]);
        if (rows.length === 0) return;
        after = rows[rows.length - 1]!['__rowid'] as number;
        for (const row of rows) delete row['__rowid'];
        yield rows;
        if (rows.length < batch) return;
      }
    }
    const key = table.primaryKey.map((c) => `"${c}"`);
    const order = key.join(', ');
    let after: unknown[] | null = null;
    for (;;) {
      const where: string = after ? `WHERE (${order}) > (${key.map(() => '?').join(', ')})` : '';
      const rows: Row[] = await this.all<Row>(`SELECT * FROM ${name} ${where} ORDER BY ${order} LIMIT ?`, [...(after ?? []), batch]);
      if (rows.length === 0) return;
      const last: Row = rows[rows.length - 1]!;
      after = table.primaryKey.map((c) => last[c]);
      yield rows;
      if (rows.length < batch) return;
    }
  }

  close(): Promise<void> {
    return this.db.close().catch(() => undefined);
  }
}
