// Backups of the site database: run (online copy, verification, retention), list, restore (safety backup, atomic
// swap, every session signed out), and the alert when no good backup has been made for too long. A SQLite site is
// copied with SQLite's backup API (copy.ts); a PostgreSQL site with pg_dump and restored with pg_restore (pgDump.ts).
import { existsSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Backup, BackupKind, BackupList, Settings } from '../../../shared/contract';
import { AppError } from '../../../shared/errors';
import { message } from '../../../shared/i18n/messages';
import type { Actor } from '../actor';
import type { AlertsService } from '../alerts/service';
import type { AuditService } from '../audit/service';
import type { Clock } from '../clock';
import type { Database } from '../db/database';
import { storageCode } from '../db/health';
import { KNOWN_MIGRATIONS } from '../db/sqliteFile';
import type { EventBus } from '../events';
import type { SettingsService } from '../settings/service';
import { inspectDatabase, snapshotCopy, verifyCopy, VerifyError, type Snapshot, type Verified } from './copy';
import { dumpSnapshot, inspectDump, PgBackupError, restoreDump } from './pgDump';
import { PgToolMissing } from '../db/pgTools';
import { retentionTiers, type RetentionPolicy } from './retention';
import { nextBackupAt } from './schedule';
import { swapDatabaseFile } from './swap';
import {
  backupFile,
  backupFolder,
  ensureFolder,
  newBackupId,
  readManifests,
  rememberFolder,
  removeBackup,
  writeManifest,
  type StoredBackup,
} from './store';

export const BACKUP_ALERT_KEY = 'system:backup';
/** No verified backup for this long raises a warning, for twice as long a critical alert. */
export const BACKUP_STALE_HOURS = 26;
export const BACKUP_CRITICAL_HOURS = 48;
/** Failed manifests are listed for this long, then pruned. */
const KEEP_FAILED_DAYS = 30;

type FailureCode = NonNullable<Backup['errorCode']>;

function failureOf(error: unknown): { code: FailureCode; message: string } {
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof VerifyError) return { code: error.code, message };
  if (error instanceof PgBackupError) return { code: error.code === 'no_space' ? 'no_space' : 'write_failed', message };
  if (error instanceof PgToolMissing) return { code: 'write_failed', message };
  const code = storageCode(error) ?? (error as { code?: string } | null)?.code;
  if (code === 'SQLITE_FULL' || code === 'ENOSPC') return { code: 'no_space', message };
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS' || code === 'ENOTDIR' || code === 'EEXIST' || code === 'SQLITE_CANTOPEN' || code === 'SQLITE_READONLY') {
    return { code: 'folder_unwritable', message };
  }
  return { code: 'write_failed', message };
}

export class BackupsService {
  private running: Promise<unknown> | null = null;

  constructor(
    private readonly db: Database,
    private readonly settings: SettingsService,
    private readonly alerts: AlertsService,
    private readonly audit: AuditService,
    private readonly events: EventBus,
    private readonly clock: Clock,
    private readonly appVersion: string,
  ) {}

  async folder(): Promise<string> {
    return backupFolder(this.db.dataDir, (await this.settings.get()).backupFolder);
  }

  private get postgres(): boolean {
    return this.db.dialect === 'postgres';
  }

  /** `.sqlite` copies on SQLite, pg_dump's `.dump` archives on PostgreSQL. */
  private get extension(): '.sqlite' | '.dump' {
    return this.postgres ? '.dump' : '.sqlite';
  }

  /** The site's URL for pg_dump/pg_restore (PostgreSQL only). */
  private url(): string {
    const url = this.db.connectionUrl();
    if (!url) throw new Error('no PostgreSQL URL');
    return url;
  }

  /** A copy of the live database at `target` and the row counts of the instant it holds. */
  private snapshotTo(target: string): Promise<Snapshot> {
    return this.postgres ? dumpSnapshot(this.url(), target) : snapshotCopy(this.db.file, target);
  }

  /** The checks of a fresh copy: opened (SQLite) or read back whole (PostgreSQL), a NOCman schema, these counts. */
  private verify(file: string, counts: Record<string, number>): Promise<Verified> {
    return this.postgres ? inspectDump(file, counts) : verifyCopy(file, counts);
  }

  /** One backup at a time, whoever asks (schedule, button, restore's safety copy). */
  private exclusive<T>(work: () => Promise<T>): Promise<T> {
    const previous = this.running ?? Promise.resolve();
    const run = previous.catch(() => undefined).then(work);
    const tracked = run.finally(() => {
      if (this.running === tracked) this.running = null;
    });
    // The caller answers the failure; the tracked copy must not be an unhandled rejection of its own.
    tracked.catch(() => undefined);
    this.running = tracked;
    return run;
  }

  /** Backs up now into the backup folder, verifies the copy, prunes by retention; a failure is recorded and alerted. */
  run(kind: BackupKind, actor: Actor): Promise<Backup> {
    return this.exclusive(() => this.runNow(kind, actor));
  }

  private async runNow(kind: BackupKind, actor: Actor): Promise<Backup> {
    const settings = await this.settings.get();
    const folder = backupFolder(this.db.dataDir, settings.backupFolder);
    const started = this.clock.now();
    const t0 = performance.now();
    let id = `${started.toISOString().slice(0, 10).replaceAll('-', '')}-000000-${kind}`;
    const partial = () => path.join(folder, `${id}${this.extension}.partial`);
    const base = () => ({ id, kind, startedAt: started.toISOString(), appVersion: this.appVersion });
    try {
      ensureFolder(folder);
      rememberFolder(this.db.dataDir, folder);
      id = newBackupId(folder, kind, started);
      this.events.emit('backup.progress', { id, kind, phase: 'copying', backup: null });
      const { counts } = await this.snapshotTo(partial());
      this.events.emit('backup.progress', { id, kind, phase: 'verifying', backup: null });
      const verified = await this.verify(partial(), counts);
      renameSync(partial(), backupFile(folder, id, this.extension));
      const stored: StoredBackup = {
        ...base(),
        status: 'verified',
        fileName: `${id}${this.extension}`,
        finishedAt: this.clock.now().toISOString(),
        durationMs: Math.round(performance.now() - t0),
        sizeBytes: statSync(backupFile(folder, id, this.extension)).size,
        schemaVersion: verified.schema.applied.length,
        counts: verified.counts,
        error: null,
        errorCode: null,
      };
      writeManifest(folder, stored);
      const kept = await this.prune(folder, settings);
      const backup = { ...stored, keptFor: kept.get(id) ?? [] };
      await this.recordSuccess(actor, backup);
      await this.alerts.clear(BACKUP_ALERT_KEY);
      this.events.emit('backup.progress', { id, kind, phase: 'verified', backup });
      return backup;
    } catch (error) {
      try {
        rmSync(partial(), { force: true });
      } catch {
        // the folder itself is gone
      }
      const failure = failureOf(error);
      const stored: StoredBackup = {
        ...base(),
        status: 'failed',
        fileName: null,
        finishedAt: this.clock.now().toISOString(),
        durationMs: Math.round(performance.now() - t0),
        sizeBytes: null,
        schemaVersion: KNOWN_MIGRATIONS.length,
        counts: {},
        error: failure.message,
        errorCode: failure.code,
      };
      try {
        writeManifest(folder, stored);
      } catch {
        // the folder itself is gone or read-only: the alert below still tells
      }
      const backup = { ...stored, keptFor: [] };
      // The database remembers the failure too: with the folder gone, its manifest could not be written.
      await this.db
        .run((em) =>
          em.query(
            `INSERT INTO job_run (name, last_started_at, last_finished_at, last_result) VALUES ('backup.failed', ?, ?, ?)
             ON CONFLICT (name) DO UPDATE SET last_started_at = excluded.last_started_at, last_finished_at = excluded.last_finished_at, last_result = excluded.last_result`,
            [stored.startedAt, stored.finishedAt, JSON.stringify({ id: stored.id, errorCode: failure.code })],
          ),
        )
        .catch(() => undefined);
      await this.severityAfterFailure(folder)
        .then((severity) =>
          this.alerts.raise(BACKUP_ALERT_KEY, {
            type: 'system',
            severity,
            text: message('alert.backupFailed', { code: failure.code, reason: failure.message }),
          }),
        )
        .catch(() => undefined);
      this.events.emit('backup.progress', { id, kind, phase: 'failed', backup });
      return backup;
    }
  }

  /** Refuses a backup folder NOCman cannot create or write to, naming the field. */
  checkFolder(folder: string): void {
    const probe = path.join(folder, `.nocman-write-test-${process.pid}`);
    try {
      ensureFolder(folder);
      writeFileSync(probe, 'ok', { mode: 0o600 });
      rmSync(probe, { force: true });
    } catch (error) {
      const code = (error as { code?: string } | null)?.code ?? 'error';
      throw AppError.validation('backupFolder', `NOCman cannot write to this folder (${code})`);
    }
  }

  async recordDownload(actor: Actor, id: string): Promise<void> {
    await this.db.write((em) =>
      this.audit.record(em, { actor, operation: 'backups.download', entity: 'backup', entityId: null, changes: { backup: { from: null, to: id } } }),
    );
  }

  /**
   * When the last verified backup was made: the newer of the folder's newest manifest and the database's own record
   * (which survives an unplugged backup disk; the folder's survives a restore of an older database).
   */
  private async lastVerifiedAt(folder: string): Promise<number | null> {
    const listed = readManifests(folder).find((b) => b.status === 'verified');
    const { verifiedAt } = await this.lastOutcomes();
    const times = [listed?.startedAt, verifiedAt].filter((t): t is string => typeof t === 'string').map((t) => Date.parse(t));
    return times.length > 0 ? Math.max(...times) : null;
  }

  private async ageHours(folder: string): Promise<number> {
    return this.hoursSince(await this.lastVerifiedAt(folder));
  }

  private hoursSince(at: number | null): number {
    return at === null ? Infinity : (this.clock.now().getTime() - at) / 3_600_000;
  }

  /** The last verified and the last failed backup as the database remembers them (a folder may be unreachable). */
  async lastOutcomes(): Promise<{ verifiedAt: string | null; failedAt: string | null }> {
    const rows = (await this.db.dataSource.query(
      `SELECT name, last_finished_at AS at FROM job_run WHERE name IN ('backup', 'backup.failed')`,
    )) as { name: string; at: string | null }[];
    const at = (name: string) => rows.find((r) => r.name === name)?.at ?? null;
    return { verifiedAt: at('backup'), failedAt: at('backup.failed') };
  }

  /** A failed backup is a warning while a verified one younger than BACKUP_CRITICAL_HOURS exists, critical after. */
  private async severityAfterFailure(folder: string): Promise<'warning' | 'critical'> {
    return (await this.ageHours(folder)) >= BACKUP_CRITICAL_HOURS ? 'critical' : 'warning';
  }

  /** A verified copy at `target` (`nocman backup --to FILE`): not listed, not pruned. */
  async copyTo(target: string): Promise<{ sizeBytes: number; counts: Record<string, number>; schemaVersion: number }> {
    return this.exclusive(async () => {
      if (existsSync(target)) throw AppError.validation('to', `${target} exists already; choose a new file name`);
      const partial = `${target}.partial`;
      try {
        const { counts } = await this.snapshotTo(partial);
        const verified = await this.verify(partial, counts);
        renameSync(partial, target);
        return { sizeBytes: statSync(target).size, counts: verified.counts, schemaVersion: verified.schema.applied.length };
      } finally {
        rmSync(partial, { force: true });
      }
    });
  }

  private policyOf(settings: Settings): RetentionPolicy {
    return {
      keepDaily: settings.backupKeepDaily,
      keepWeekly: settings.backupKeepWeekly,
      keepMonthly: settings.backupKeepMonthly,
      timeZone: settings.timeZone,
      now: this.clock.now(),
    };
  }

  /** Removes the verified backups no tier keeps, and failed manifests older than a month. */
  private async prune(folder: string, settings: Settings): Promise<Map<string, Backup['keptFor']>> {
    const stored = readManifests(folder);
    const tiers = retentionTiers(stored, this.policyOf(settings));
    const failedBefore = new Date(this.clock.now().getTime() - KEEP_FAILED_DAYS * 86_400_000).toISOString();
    for (const backup of stored) {
      const pruneVerified = backup.status === 'verified' && (tiers.get(backup.id)?.length ?? 0) === 0;
      const pruneFailed = backup.status === 'failed' && backup.startedAt < failedBefore;
      if (pruneVerified || pruneFailed) await removeBackup(folder, backup.id);
    }
    return tiers;
  }

  async list(): Promise<BackupList> {
    const settings = await this.settings.get();
    const folder = backupFolder(this.db.dataDir, settings.backupFolder);
    const stored = readManifests(folder);
    const tiers = retentionTiers(stored, this.policyOf(settings));
    const items = stored.map((b) => ({ ...b, keptFor: tiers.get(b.id) ?? [] }));
    return {
      items,
      total: items.length,
      page: 1,
      pageSize: Math.max(items.length, 1),
      folder,
      lastVerified: items.find((b) => b.status === 'verified') ?? null,
      nextRunAt: settings.backupEnabled ? nextBackupAt(settings, this.clock.now()).toISOString() : null,
      running: this.running !== null,
    };
  }

  async get(id: string): Promise<{ backup: Backup; file: string }> {
    const folder = await this.folder();
    const listed = (await this.list()).items.find((b) => b.id === id);
    if (!listed) throw new AppError('NOT_FOUND', `No backup ${id} in ${folder}`);
    if (listed.status !== 'verified' || !listed.fileName) throw new AppError('CONFLICT', `Backup ${id} failed; it cannot be used`);
    const file = path.join(folder, listed.fileName);
    if (!existsSync(file)) throw new AppError('NOT_FOUND', `The file of backup ${id} is missing from ${folder}`);
    return { backup: listed, file };
  }

  /**
   * Restores a verified backup: checks it again, takes a safety backup of the current database, swaps the file
   * atomically (PostgreSQL: restores the archive in one transaction), migrates an older schema, and signs every
   * session out. `confirm` must repeat the backup's id.
   */
  async restore(id: string, confirm: string, actor: Actor): Promise<{ restored: Backup; safetyBackup: Backup }> {
    if (confirm !== id) throw AppError.validation('confirm', 'Type the id of the backup to confirm the restore');
    const { backup, file } = await this.get(id);
    const safetyBackup = await this.restoreFile(file, actor);
    await this.recordRestore(actor, backup.id, safetyBackup.id);
    return { restored: backup, safetyBackup };
  }

  /**
   * The restore itself, for the screen and for `nocman restore` on a PostgreSQL site: the file checked, a verified
   * safety backup, then the swap. Answers the safety backup; the caller records the restore.
   */
  async restoreFile(file: string, actor: Actor): Promise<Backup> {
    if (this.postgres) await assertRestorableDump(file);
    else {
      if (file.endsWith('.dump')) throw new AppError('CONFLICT', `${file} is a PostgreSQL site's archive; this site keeps its data in SQLite. Nothing was restored`);
      await assertRestorable(file);
    }
    const safetyBackup = await this.run('safety', actor);
    if (safetyBackup.status !== 'verified') {
      throw new AppError('CONFLICT', 'The safety backup of the current database failed, so nothing was restored', { safetyBackup: safetyBackup.id });
    }
    if (this.postgres) {
      const url = this.url();
      await this.exclusive(() =>
        this.db.reopen(async () => {
          try {
            await restoreDump(url, file);
          } catch (error) {
            const reason = error instanceof Error ? error.message : String(error);
            throw new AppError('CONFLICT', `The restore failed, so the database is as it was: ${reason}`);
          }
        }),
      );
    } else {
      await this.exclusive(() => this.db.reopen(() => swapDatabaseFile(file, this.db.file)));
    }
    return safetyBackup;
  }

  /** In the restored database: every session signed out, the restore audited; then every client told. */
  async recordRestore(actor: Actor, backupId: string, safetyId: string | null): Promise<void> {
    await this.db.write(async (em) => {
      await em.query('UPDATE "user" SET "token_version" = "token_version" + 1');
      await this.audit.record(em, {
        actor,
        operation: 'backups.restore',
        entity: 'backup',
        entityId: null,
        changes: { restoredFrom: { from: null, to: backupId }, safetyBackup: { from: null, to: safetyId } },
      });
    });
    this.settings.forget();
    this.events.emit('system.restored', { backupId });
    this.events.emit('settings.updated', await this.settings.get());
  }

  /** Remembers the verified backup in the database (for the watchdog) and audits one that a person asked for. */
  private async recordSuccess(actor: Actor, backup: Backup): Promise<void> {
    await this.db.write(async (em) => {
      await em.query(
        `INSERT INTO job_run (name, last_started_at, last_finished_at, last_result) VALUES ('backup', ?, ?, ?)
         ON CONFLICT (name) DO UPDATE SET last_started_at = excluded.last_started_at, last_finished_at = excluded.last_finished_at, last_result = excluded.last_result`,
        [backup.startedAt, backup.startedAt, JSON.stringify({ sizeBytes: backup.sizeBytes, durationMs: backup.durationMs })],
      );
      if (actor.role === 'system') return;
      await this.audit.record(em, { actor, operation: 'backups.create', entity: 'backup', entityId: null, changes: { backup: { from: null, to: backup.id } } });
    });
  }

  /**
   * The schedule's watchdog: no verified backup for BACKUP_STALE_HOURS raises a warning, for BACKUP_CRITICAL_HOURS a
   * critical alert (the alert's severity follows the age). Off when scheduled backups are off.
   */
  async checkFreshness(): Promise<void> {
    const settings = await this.settings.get();
    if (!settings.backupEnabled) return;
    const folder = backupFolder(this.db.dataDir, settings.backupFolder);
    const last = await this.lastVerifiedAt(folder);
    const ageHours = this.hoursSince(last);
    if (ageHours < BACKUP_STALE_HOURS) return;
    await this.alerts.raise(BACKUP_ALERT_KEY, {
      type: 'system',
      severity: ageHours >= BACKUP_CRITICAL_HOURS ? 'critical' : 'warning',
      text: last === null ? message('alert.backupNever') : message('alert.backupStale', { at: new Date(last).toISOString() }),
    });
  }
}

/** Refuses an archive pg_restore cannot read whole, that is not a NOCman database, or that comes from a newer NOCman. */
export async function assertRestorableDump(file: string): Promise<void> {
  if (file.endsWith('.sqlite')) {
    throw new AppError('CONFLICT', `${file} is a SQLite copy; this site keeps its data in PostgreSQL (move a SQLite site with nocman migrate). Nothing was restored`);
  }
  let inspected;
  try {
    inspected = await inspectDump(file);
  } catch (error) {
    if (error instanceof PgToolMissing) throw new AppError('CONFLICT', `${error.message}. Nothing was restored`);
    const reason = error instanceof Error ? error.message : String(error);
    throw new AppError('CONFLICT', `${file} is not a verified NOCman database (${reason}); nothing was restored`);
  }
  if (inspected.schema.unknown.length > 0) {
    throw new AppError(
      'CONFLICT',
      `${file} comes from a newer NOCman (schema ${inspected.schema.unknown.join(', ')}); update NOCman first. Nothing was restored`,
    );
  }
}

/** Refuses a file that is not a sound NOCman database or comes from a newer NOCman (its schema is unknown here). */
export async function assertRestorable(file: string): Promise<void> {
  let inspected;
  try {
    inspected = await inspectDatabase(file);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new AppError('CONFLICT', `${file} is not a verified NOCman database (${reason}); nothing was restored`);
  }
  if (inspected.schema.unknown.length > 0) {
    throw new AppError(
      'CONFLICT',
      `${file} comes from a newer NOCman (schema ${inspected.schema.unknown.join(', ')}); update NOCman first. Nothing was restored`,
    );
  }
}
