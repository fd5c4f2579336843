// A plain sqlite3 connection beside TypeORM's, for what TypeORM cannot do: check a file before it is opened as the
// site database, copy the live database with SQLite's online backup API, and verify a copy.
import { closeSync, openSync, readSync } from 'node:fs';
import sqlite3 from 'sqlite3';
import { migrations } from './migrations';

interface BackupStep {
  step(pages: number, callback: (error: Error | null) => void): void;
  finish(callback: (error: Error | null) => void): void;
}
interface BackupApi {
  backup(file: string, destName: string, sourceName: string, filenameIsDest: boolean, callback: (error: Error | null) => void): BackupStep;
}

export class SqliteFile {
  private constructor(private readonly db: sqlite3.Database) {}

  /** node-sqlite3's online backup (missing from its type declarations). */
  private get backupApi(): BackupApi {
    return this.db as unknown as BackupApi;
  }

  static open(file: string, mode: 'readonly' | 'readwrite' = 'readonly'): Promise<SqliteFile> {
    const flags = mode === 'readonly' ? sqlite3.OPEN_READONLY : sqlite3.OPEN_READWRITE;
    return new Promise((resolve, reject) => {
      const db = new sqlite3.Database(file, flags, (error) => (error ? reject(error) : resolve(new SqliteFile(db))));
    });
  }

  all<T>(sql: string, params: unknown[] = []): Promise<T[]> {
    return new Promise((resolve, reject) => this.db.all(sql, params, (error, rows) => (error ? reject(error) : resolve(rows as T[]))));
  }

  async get<T>(sql: string, params: unknown[] = []): Promise<T | undefined> {
    return (await this.all<T>(sql, params))[0];
  }

  exec(sql: string): Promise<void> {
    return new Promise((resolve, reject) => this.db.exec(sql, (error) => (error ? reject(error) : resolve())));
  }

  /** Copies the whole database to `target` in one step of SQLite's online backup API (a consistent snapshot). */
  backupTo(target: string): Promise<void> {
    return new Promise((resolve, reject) => {
      const backup = this.backupApi.backup(target, 'main', 'main', true, (openError: Error | null) => {
        if (openError) return reject(openError);
        backup.step(-1, (stepError: Error | null) => {
          if (stepError) return backup.finish(() => reject(stepError));
          backup.finish((finishError: Error | null) => (finishError ? reject(finishError) : resolve()));
        });
      });
    });
  }

  close(): Promise<void> {
    return new Promise((resolve, reject) => this.db.close((error) => (error ? reject(error) : resolve())));
  }
}

/** Runs `work` on a connection to `file` and closes it whatever happens. */
export async function withSqliteFile<T>(file: string, mode: 'readonly' | 'readwrite', work: (db: SqliteFile) => Promise<T>): Promise<T> {
  const db = await SqliteFile.open(file, mode);
  try {
    return await work(db);
  } finally {
    await db.close().catch(() => undefined);
  }
}

const SQLITE_HEADER = 'SQLite format 3\0';

/** True when the file starts with SQLite's header (a zero-length file does not). */
export function hasSqliteHeader(file: string): boolean {
  const fd = openSync(file, 'r');
  try {
    const buffer = Buffer.alloc(16);
    const read = readSync(fd, buffer, 0, 16, 0);
    return read === 16 && buffer.toString('latin1') === SQLITE_HEADER;
  } finally {
    closeSync(fd);
  }
}

/** The migrations this version of NOCman knows, by the name TypeORM records for each. */
export const KNOWN_MIGRATIONS: string[] = migrations.map((M) => new M().name);

export interface SchemaInfo {
  /** Migrations recorded in the file. */
  applied: string[];
  /** Applied migrations this version does not know: the file comes from a newer NOCman. */
  unknown: string[];
}

/** What NOCman schema a database holds, or null when it is not a NOCman database at all. */
export async function nocmanSchema(db: SqliteFile): Promise<SchemaInfo | null> {
  const tables = await db.all<{ name: string }>("SELECT name FROM sqlite_master WHERE type = 'table'");
  const names = new Set(tables.map((t) => t.name));
  if (!names.has('migrations') || !names.has('user') || !names.has('setting')) return null;
  const rows = await db.all<{ name: string }>('SELECT name FROM migrations ORDER BY id');
  const applied = rows.map((r) => r.name);
  if (applied[0] !== KNOWN_MIGRATIONS[0]) return null;
  return { applied, unknown: applied.filter((name) => !KNOWN_MIGRATIONS.includes(name)) };
}

/**
 * The tables whose row counts a backup's verification compares with the source: the books and the inventory.
 * Time series (samples, rollups, device logs) are checked by `PRAGMA integrity_check` alone: counting them would
 * add seconds to every backup for no extra safety.
 */
export const COUNTED_TABLES = [
  'user',
  'setting',
  'counter',
  'plan',
  'customer',
  'subscription',
  'history',
  'invoice',
  'payment',
  'billing_adjustment',
  'alert',
  'device',
  'device_subscription',
  'device_interface',
  'outage',
  'audit_log',
] as const;

/** Row counts of the counted tables present in the database, in one read (call inside a transaction for a snapshot). */
export async function countRows(db: SqliteFile): Promise<Record<string, number>> {
  const present = new Set((await db.all<{ name: string }>("SELECT name FROM sqlite_master WHERE type = 'table'")).map((t) => t.name));
  const tables = COUNTED_TABLES.filter((t) => present.has(t));
  if (tables.length === 0) return {};
  const sql = tables.map((t) => `SELECT '${t}' AS name, count(*) AS n FROM "${t}"`).join(' UNION ALL ');
  const rows = await db.all<{ name: string; n: number }>(sql);
  return Object.fromEntries(rows.map((r) => [r.name, r.n]));
}
