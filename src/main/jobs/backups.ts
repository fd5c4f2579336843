// The backup schedule: daily at the site time in settings; on start, a backup missed while the console was off runs
// once; every hour the watchdog raises the alert when no verified backup is fresh enough.
import cron, { type ScheduledTask } from 'node-cron';
import { SYSTEM_ACTOR } from '../core/actor';
import type { Core } from '../core';
import { lastScheduledAt } from '../core/backups/schedule';
import type { Logger } from '../api/dispatcher';

const WATCHDOG_MS = 60 * 60 * 1000;

export interface BackupSchedule {
  /** Resolves when the start-up catch-up (and first watchdog check) has finished. */
  caughtUp: Promise<void>;
  stop(): void;
}

/** True when scheduled backups are on and no verified backup was made since the last scheduled time. */
export async function backupMissed(core: Core): Promise<boolean> {
  const settings = await core.settings.get();
  if (!settings.backupEnabled) return false;
  const { lastVerified } = await core.backups.list();
  const due = lastScheduledAt(settings, core.clock.now());
  return !lastVerified || Date.parse(lastVerified.startedAt) < due.getTime();
}

export function startBackupSchedule(core: Core, logger: Logger = console): BackupSchedule {
  let task: ScheduledTask | null = null;
  let planned = '';

  const runScheduled = async () => {
    const backup = await core.backups.run('scheduled', SYSTEM_ACTOR);
    if (backup.status === 'failed') logger.error(`scheduled backup ${backup.id} failed: ${backup.error ?? ''}`);
  };
  const plan = async () => {
    const settings = await core.settings.get();
    const key = JSON.stringify([settings.backupEnabled, settings.backupTime, settings.timeZone]);
    if (key === planned) return;
    planned = key;
    void task?.stop();
    task = null;
    if (!settings.backupEnabled) return;
    const [hour, minute] = settings.backupTime.split(':').map(Number);
    task = cron.schedule(`${minute} ${hour} * * *`, () => runScheduled().catch((error: unknown) => logger.error('scheduled backup', error)), {
      timezone: settings.timeZone,
      name: 'backup',
    });
  };
  const watchdog = () => core.backups.checkFreshness().catch((error: unknown) => logger.error('backup watchdog', error));

  const unsubscribe = core.events.subscribe((event) => {
    if (event.name === 'settings.updated') void plan().catch((error: unknown) => logger.error('backup schedule', error));
  });
  const timer = setInterval(() => void watchdog(), WATCHDOG_MS);
  timer.unref();
  const caughtUp = backupMissed(core)
    .then((missed) => (missed ? runScheduled() : undefined))
    .catch((error: unknown) => logger.error('backup catch-up', error))
    .then(watchdog)
    .then(plan)
    .catch((error: unknown) => logger.error('backup schedule', error));

  return {
    caughtUp,
    stop: () => {
      unsubscribe();
      clearInterval(timer);
      void task?.stop();
    },
  };
}
