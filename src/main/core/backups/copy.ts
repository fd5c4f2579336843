// The copy and its proof: an online snapshot of the live database (SQLite's backup API on a second connection,
// never a file copy of a WAL database) with the row counts of the same instant, and the checks of the copy.
import { chmodSync } from 'node:fs';
import { countRows, nocmanSchema, withSqliteFile, type SchemaInfo } from '../db/sqliteFile';

export interface Snapshot {
  /** Row counts of the source inside the read transaction the copy was taken in. */
  counts: Record<string, number>;
}

/**
 * Copies `source` to `target`. The read transaction opened by the count holds one snapshot: the backup API on the
 * same connection copies exactly that state, while the site's own connection keeps writing (WAL).
 */
export async function snapshotCopy(source: string, target: string): Promise<Snapshot> {
  return withSqliteFile(source, 'readonly', async (db) => {
    await db.exec('PRAGMA busy_timeout = 5000');
    await db.exec('BEGIN');
    try {
      const counts = await countRows(db);
      await db.backupTo(target);
      return { counts };
    } finally {
      await db.exec('COMMIT').catch(() => undefined);
    }
  });
}

export type VerifyFailure = 'verify_failed' | 'counts_differ';

export class VerifyError extends Error {
  constructor(
    readonly code: VerifyFailure,
    message: string,
  ) {
    super(message);
  }
}

export interface Verified {
  schema: SchemaInfo;
  counts: Record<string, number>;
}

/**
 * Opens a copy, makes it a single self-contained file (rollback journal instead of WAL), runs
 * `PRAGMA integrity_check`, and checks it is a NOCman database; with `expected`, compares the row counts too.
 */
export async function verifyCopy(file: string, expected?: Record<string, number>): Promise<Verified> {
  chmodSync(file, 0o600);
  await withSqliteFile(file, 'readwrite', (db) => db.exec('PRAGMA journal_mode = DELETE'));
  return inspectDatabase(file, expected);
}

/** The read-only checks of a database file: integrity, NOCman schema, row counts (compared when `expected`). */
export async function inspectDatabase(file: string, expected?: Record<string, number>): Promise<Verified> {
  return withSqliteFile(file, 'readonly', async (db) => {
    const integrity = await db.all<{ integrity_check: string }>('PRAGMA integrity_check');
    const problems = integrity.map((row) => row.integrity_check).filter((line) => line !== 'ok');
    if (problems.length > 0) throw new VerifyError('verify_failed', `integrity_check: ${problems.slice(0, 3).join('; ')}`);
    const schema = await nocmanSchema(db);
    if (!schema) throw new VerifyError('verify_failed', 'not a NOCman database');
    const counts = await countRows(db);
    if (expected) {
      const differ = Object.keys({ ...expected, ...counts }).filter((table) => expected[table] !== counts[table]);
      if (differ.length > 0) {
        const detail = differ.map((t) => `${t} ${String(expected[t])} vs ${String(counts[t])}`).join(', ');
        throw new VerifyError('counts_differ', `row counts differ from the source: ${detail}`);
      }
    }
    return { schema, counts };
  });
}
