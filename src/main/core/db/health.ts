// What the database can do right now: a real write probe, the last SQLite error seen, and clear errors that
// name the file and what to do instead of a bare 500.
import type { DatabaseState } from '../../../shared/contract';
import { AppError } from '../../../shared/errors';
import type { Clock } from '../clock';

/** The SQLite (and file system) errors that say the storage itself is at fault, with the state they mean. */
const STORAGE_CODES: Record<string, Exclude<DatabaseState, 'ok'>> = {
  SQLITE_READONLY: 'readonly',
  SQLITE_FULL: 'full',
  ENOSPC: 'full',
  SQLITE_CORRUPT: 'corrupt',
  SQLITE_NOTADB: 'corrupt',
  SQLITE_IOERR: 'unavailable',
  SQLITE_CANTOPEN: 'unavailable',
  SQLITE_PERM: 'unavailable',
  EACCES: 'unavailable',
  EPERM: 'unavailable',
  EROFS: 'readonly',
};

/** The error code of a SQLite or file system error (`SQLITE_FULL`, `EACCES`), when it is one of the storage codes. */
export function storageCode(error: unknown): string | null {
  if (typeof error !== 'object' || error === null) return null;
  const code = (error as { code?: unknown }).code;
  const message = error instanceof Error ? error.message : '';
  if (typeof code === 'string' && code in STORAGE_CODES) return code;
  // node-sqlite3 reports extended codes in the message (`SQLITE_IOERR_WRITE`, `SQLITE_READONLY_DBMOVED`).
  const match = /\b(SQLITE_[A-Z]+)/.exec(message);
  if (match && match[1]! in STORAGE_CODES) return match[1]!;
  return null;
}

export function stateOf(code: string): Exclude<DatabaseState, 'ok'> {
  return STORAGE_CODES[code] ?? 'unavailable';
}

const ADVICE: Record<Exclude<DatabaseState, 'ok'>, string> = {
  readonly: 'it is read-only: give the NOCman user write permission on the file and its folder, or move the data folder to a writable disk',
  full: 'the disk is full: free space on that disk (old backups, logs), then try again',
  corrupt: 'the file is damaged: stop NOCman and restore the newest verified backup (`nocman restore FILE`)',
  unavailable: 'it cannot be opened or written: check that the disk is present and that NOCman may read and write the file and its folder',
};

/** The error a caller sees when the storage fails: names the file and what to do. */
export function storageError(code: string, file: string): AppError {
  const state = stateOf(code);
  return new AppError('STORAGE_UNAVAILABLE', `The database ${file} cannot be used (${code}); ${ADVICE[state]}.`, {
    database: state,
    sqliteCode: code,
  });
}

/** How long a probe result is trusted: the health check is public and may be polled often. */
export const PROBE_TTL_MS = 5_000;

export class DatabaseHealth {
  private last: { code: string; at: Date } | null = null;
  private probed: { at: number; state: DatabaseState; code: string | null } | null = null;

  constructor(private readonly clock: Clock) {}

  /** Remembers a storage error seen by any query; other errors are not the storage's fault and are ignored. */
  note(error: unknown): string | null {
    const code = storageCode(error);
    if (code) this.last = { code, at: this.clock.now() };
    return code;
  }

  /** A successful write (not the probe) proves the storage works again. */
  clear(): void {
    this.last = null;
  }

  lastError(): { code: string; at: Date } | null {
    return this.last;
  }

  /**
   * The state from a real write probe (run by `probe`, at most once per PROBE_TTL_MS) and the last storage error
   * seen by any query since the last successful write: a probe that rewrites one page can pass while a disk is full
   * for anything bigger, and it does not read the damaged pages of a corrupt file.
   */
  async state(probe: () => Promise<void>): Promise<{ state: DatabaseState; code: string | null; at: Date | null }> {
    const nowMs = this.clock.now().getTime();
    if (!this.probed || nowMs - this.probed.at >= PROBE_TTL_MS || nowMs < this.probed.at) {
      try {
        await probe();
        this.probed = { at: nowMs, state: 'ok', code: null };
        // A committed probe disproves a read-only or unreachable file; a full disk or a damaged page it may not meet.
        if (this.last && (stateOf(this.last.code) === 'readonly' || stateOf(this.last.code) === 'unavailable')) this.last = null;
      } catch (error) {
        const code = this.note(error) ?? 'SQLITE_ERROR';
        this.probed = { at: nowMs, state: stateOf(code), code };
      }
    }
    if (this.probed.state !== 'ok') return { state: this.probed.state, code: this.probed.code, at: this.last?.at ?? this.clock.now() };
    if (this.last) return { state: stateOf(this.last.code), code: this.last.code, at: this.last.at };
    return { state: 'ok', code: null, at: null };
  }

  /** Forget the cached probe (after a restore or a failed write) so the next health check probes again. */
  invalidate(): void {
    this.probed = null;
  }
}
