// Backups of the site database: list, run now, restore, download; verified copies kept in a backup folder.
import { z } from 'zod';
import { event, op } from './define';

export const BACKUP_KINDS = ['scheduled', 'manual', 'safety', 'cli'] as const;
export const backupKindSchema = z.enum(BACKUP_KINDS);
export type BackupKind = z.infer<typeof backupKindSchema>;

/** A backup's id is its file stem: `YYYYMMDD-HHMMSS-kind` (UTC) with an optional `-N` when two start in one second. */
export const BACKUP_ID = /^\d{8}-\d{6}-(scheduled|manual|safety|cli)(-\d{1,3})?$/;
export const backupIdSchema = z.string().regex(BACKUP_ID, { message: 'Not a backup id' });

/**
 * The retention tiers a verified backup is kept for: every backup of the last 24 hours (a copy taken before a risky
 * change is not pushed out by the one after it), the newest of each day, ISO week and month; and the newest few
 * safety backups (taken before a restore), whatever their day.
 */
export const RETENTION_TIERS = ['recent', 'daily', 'weekly', 'monthly', 'safety'] as const;
export const retentionTierSchema = z.enum(RETENTION_TIERS);

export const backupSchema = z.object({
  id: z.string(),
  kind: backupKindSchema,
  status: z.enum(['verified', 'failed']),
  /** File name inside the backup folder; null for a failed backup (nothing was kept). */
  fileName: z.string().nullable(),
  startedAt: z.string(),
  finishedAt: z.string(),
  durationMs: z.number().int(),
  sizeBytes: z.number().int().nullable(),
  /** Migrations applied in the copy: a backup from a newer schema cannot be restored by this version. */
  schemaVersion: z.number().int(),
  appVersion: z.string(),
  /** Rows of the main tables in the copy, equal to the source at the instant of the copy. */
  counts: z.record(z.string(), z.number().int()),
  /** Why a backup failed, in English for the log; the screens show `errorCode`. */
  error: z.string().nullable(),
  errorCode: z.enum(['write_failed', 'verify_failed', 'counts_differ', 'no_space', 'folder_unwritable']).nullable(),
  /** The tiers this backup is kept for; a verified backup with none is removed by the next pruning. */
  keptFor: z.array(retentionTierSchema),
});
export type Backup = z.infer<typeof backupSchema>;

export const backupListSchema = z.object({
  items: z.array(backupSchema),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
  /** The folder backups are written to (the setting, or `<data dir>/backups`). */
  folder: z.string(),
  lastVerified: backupSchema.nullable(),
  /** The next scheduled backup, null when scheduled backups are off. */
  nextRunAt: z.string().nullable(),
  running: z.boolean(),
});
export type BackupList = z.infer<typeof backupListSchema>;

export const backupIdInput = z.strictObject({ id: backupIdSchema });

export const backupsOperations = {
  'backups.list': op({
    method: 'GET',
    path: '/api/backups',
    access: ['admin'],
    summary: 'Backups in the backup folder, newest first, with their verification',
    input: z.strictObject({}),
    output: backupListSchema,
  }),
  'backups.create': op({
    method: 'POST',
    path: '/api/backups',
    access: ['admin'],
    summary: 'Back up the database now (online), verify the copy and prune by retention; progress as backup.progress events',
    input: z.strictObject({}),
    output: backupSchema,
    successStatus: 201,
  }),
  'backups.restore': op({
    method: 'POST',
    path: '/api/backups/:id/restore',
    access: ['admin'],
    summary: 'Restore a verified backup: safety backup first, atomic swap, every session signed out. `confirm` must repeat the id.',
    input: z.strictObject({ id: backupIdSchema, confirm: z.string().max(64) }),
    output: z.object({ restored: backupSchema, safetyBackup: backupSchema }),
  }),
  'backups.download': op({
    method: 'GET',
    path: '/api/backups/:id/download',
    access: ['admin'],
    summary: 'The backup file (SQLite)',
    input: backupIdInput,
    output: z.object({ path: z.string(), fileName: z.string(), contentType: z.string() }),
    responseType: 'file',
  }),
} as const;

export const backupEvents = {
  'backup.progress': event({
    access: ['admin'],
    summary: 'A backup started, is being verified, or ended',
    payload: z.object({
      id: z.string(),
      kind: backupKindSchema,
      phase: z.enum(['copying', 'verifying', 'verified', 'failed']),
      backup: backupSchema.nullable(),
    }),
  }),
  'system.restored': event({
    access: 'user',
    summary: 'The database was restored from a backup: every session is signed out',
    payload: z.object({ backupId: z.string() }),
  }),
} as const;
