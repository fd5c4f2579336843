// The backup folder: `<id>.sqlite` copies (a PostgreSQL site: `<id>.dump` archives) beside `<id>.json` manifests (written last, atomically), so the folder
// alone — a USB disk carried to another PC — says what each copy is and whether it was verified.
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { BACKUP_ID, backupSchema, type Backup, type BackupKind } from '../../../shared/contract';

/** A manifest as stored: everything but `keptFor`, which depends on the others and is computed when listed. */
export type StoredBackup = Omit<Backup, 'keptFor'>;

const storedSchema = backupSchema.omit({ keptFor: true });

/** Where the data directory remembers a backup folder chosen in settings, for when the database cannot be read. */
export const FOLDER_NOTE = 'backup-folder';

export function defaultBackupFolder(dataDir: string): string {
  return path.join(dataDir, 'backups');
}

export function backupFolder(dataDir: string, configured: string): string {
  return configured.trim() === '' ? defaultBackupFolder(dataDir) : configured.trim();
}

/** Remembers the configured folder in the data directory (read by the start-up check of a broken database). */
export function rememberFolder(dataDir: string, folder: string): void {
  const note = path.join(dataDir, FOLDER_NOTE);
  if (folder === defaultBackupFolder(dataDir)) {
    rmSync(note, { force: true });
    return;
  }
  writeFileSync(note, folder + '\n', { mode: 0o600 });
}

/** The folders that may hold this site's backups: the default one and the one remembered from settings. */
export function knownFolders(dataDir: string): string[] {
  const folders = [defaultBackupFolder(dataDir)];
  const note = path.join(dataDir, FOLDER_NOTE);
  if (existsSync(note)) {
    const remembered = readFileSync(note, 'utf8').trim();
    if (remembered && !folders.includes(remembered)) folders.push(remembered);
  }
  return folders;
}

function stamp(at: Date): string {
  const iso = at.toISOString();
  return `${iso.slice(0, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}-${iso.slice(11, 13)}${iso.slice(14, 16)}${iso.slice(17, 19)}`;
}

/** A new id, unique in `folder`: `YYYYMMDD-HHMMSS-kind` in UTC, `-2`, `-3`… when one started in the same second. */
export function newBackupId(folder: string, kind: BackupKind, at: Date): string {
  const base = `${stamp(at)}-${kind}`;
  for (let n = 1; n < 1000; n += 1) {
    const id = n === 1 ? base : `${base}-${n}`;
    if (BACKUP_EXTENSIONS.every((ext) => !existsSync(path.join(folder, `${id}${ext}`)))) return id;
  }
  throw new Error(`Too many backups started at ${at.toISOString()}`);
}

/** What a backup's file ends with: a SQLite copy, or pg_dump's custom-format archive of a PostgreSQL site. */
export type BackupExtension = '.sqlite' | '.dump';
const BACKUP_EXTENSIONS = ['.json', '.sqlite', '.dump'] as const;

export function backupFile(folder: string, id: string, extension: BackupExtension = '.sqlite'): string {
  return path.join(folder, `${id}${extension}`);
}

/** Writes the manifest through a temporary file and a rename, so a crash never leaves half a manifest. */
export function writeManifest(folder: string, backup: StoredBackup): void {
  const target = path.join(folder, `${backup.id}.json`);
  const temp = `${target}.tmp`;
  writeFileSync(temp, JSON.stringify(backup, null, 2) + '\n', { mode: 0o600 });
  renameSync(temp, target);
}

/** Every readable manifest in `folder`, newest first; unreadable or foreign files are skipped. */
export function readManifests(folder: string): StoredBackup[] {
  let names: string[];
  try {
    names = readdirSync(folder);
  } catch {
    // no folder (yet), or a disk that is unplugged or replaced by a file: nothing to list
    return [];
  }
  const backups: StoredBackup[] = [];
  for (const name of names) {
    if (!name.endsWith('.json') || !BACKUP_ID.test(name.slice(0, -5))) continue;
    try {
      const parsed = storedSchema.safeParse(JSON.parse(readFileSync(path.join(folder, name), 'utf8')));
      if (parsed.success && parsed.data.id === name.slice(0, -5)) backups.push(parsed.data);
    } catch {
      // a manifest being written by another process, or damaged: not listed
    }
  }
  return backups.sort((a, b) => b.startedAt.localeCompare(a.startedAt) || b.id.localeCompare(a.id));
}

/** The newest verified backup whose file is still there, across `folders`. */
export function newestVerified(folders: string[]): { backup: StoredBackup; file: string } | null {
  let best: { backup: StoredBackup; file: string } | null = null;
  for (const folder of folders) {
    for (const backup of readManifests(folder)) {
      // A SQLite site is restored from SQLite copies only (a `.dump` is a PostgreSQL site's archive).
      if (backup.status !== 'verified' || !backup.fileName?.endsWith('.sqlite')) continue;
      const file = path.join(folder, backup.fileName);
      if (!existsSync(file)) continue;
      if (!best || backup.startedAt > best.backup.startedAt) best = { backup, file };
      break;
    }
  }
  return best;
}

/** Off the event loop: unlinking a copy of a large database blocks the calling thread for hundreds of ms. */
export async function removeBackup(folder: string, id: string): Promise<void> {
  await rm(path.join(folder, `${id}.sqlite`), { force: true });
  await rm(path.join(folder, `${id}.dump`), { force: true });
  await rm(path.join(folder, `${id}.json`), { force: true });
}

export function ensureFolder(folder: string): void {
  mkdirSync(folder, { recursive: true, mode: 0o700 });
}
