// The start-up check of a used data folder: a database file that is missing, empty or not NOCman's next to the
// session secret of an earlier start is a lost or damaged database, never a fresh install to set up again.
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { knownFolders, newestVerified } from '../backups/store';
import { DATABASE_FILE } from './database';
import { hasSqliteHeader, nocmanSchema, withSqliteFile } from './sqliteFile';

export const SECRET_FILE = 'jwt-secret';

export class DatabaseRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DatabaseRefused';
  }
}

async function problemOf(file: string): Promise<string | null> {
  if (!existsSync(file)) return 'is missing';
  if (statSync(file).size === 0) return 'is empty (0 bytes)';
  if (!hasSqliteHeader(file)) return 'is not a SQLite database';
  try {
    const schema = await withSqliteFile(file, 'readonly', nocmanSchema);
    return schema ? null : 'is a SQLite database but not a NOCman one';
  } catch (error) {
    return `cannot be read (${error instanceof Error ? error.message : String(error)})`;
  }
}

/**
 * Throws DatabaseRefused, naming the file and the newest verified backup, when the data folder was used before
 * (its session secret exists) but its database is missing, empty or foreign. A new folder passes.
 */
export async function checkDataFolder(dataDir: string): Promise<void> {
  if (!existsSync(path.join(dataDir, SECRET_FILE))) return;
  const file = path.join(dataDir, DATABASE_FILE);
  const problem = await problemOf(file);
  if (!problem) return;
  const newest = newestVerified(knownFolders(dataDir));
  const offer = newest
    ? `The newest verified backup is ${newest.file} (${newest.backup.startedAt}); restore it with: nocman restore "${newest.file}" --data-dir "${dataDir}".`
    : `No verified backup was found in ${knownFolders(dataDir).join(' or ')}; restore one you have with: nocman restore FILE --data-dir "${dataDir}".`;
  throw new DatabaseRefused(
    `The database ${file} ${problem}, but this data folder has been used before (${path.join(dataDir, SECRET_FILE)} exists), ` +
      `so NOCman will not start it as a new, empty site. ${offer} ` +
      `Only if you really want to start over with no data, move ${path.join(dataDir, SECRET_FILE)} away too.`,
  );
}
