// Puts a backup in place of the closed site database: copy beside it, flush, one rename — never a half-written file.
import { closeSync, existsSync, fsyncSync, openSync, renameSync, rmSync } from 'node:fs';
import { chmod, copyFile, open } from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../../../shared/errors';

function fsyncPath(file: string): void {
  const fd = openSync(file, 'r');
  try {
    fsyncSync(fd);
  } catch {
    // directories cannot be fsynced on every platform (Windows): the rename is still atomic
  } finally {
    closeSync(fd);
  }
}

/**
 * Replaces `databaseFile` (closed by the caller) with a copy of `backupFile`. A WAL file left beside the closed
 * database means another process still has it open: swapping then would mix its pages into the restored file,
 * so the restore is refused.
 */
export async function swapDatabaseFile(backupFile: string, databaseFile: string): Promise<void> {
  if (existsSync(`${databaseFile}-wal`)) {
    throw new AppError('CONFLICT', `Another NOCman process has ${databaseFile} open; stop it first. Nothing was restored`);
  }
  const incoming = `${databaseFile}.restoring`;
  // Off the event loop: copying and flushing a large database takes seconds, and events and health keep answering.
  await copyFile(backupFile, incoming);
  await chmod(incoming, 0o600);
  const handle = await open(incoming, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
  rmSync(`${databaseFile}-shm`, { force: true });
  rmSync(`${databaseFile}-journal`, { force: true });
  renameSync(incoming, databaseFile);
  fsyncPath(path.dirname(databaseFile));
}
