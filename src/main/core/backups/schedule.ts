// When the scheduled backup runs: daily at `backupTime` in the site time zone.
import type { Settings } from '../../../shared/contract';
import { addDaysIso, dateInZone, startOfDateInZone } from '../../../shared/dates';

function atTimeOn(date: string, hhmm: string, timeZone: string): Date {
  const [h, m] = hhmm.split(':').map(Number) as [number, number];
  return new Date(startOfDateInZone(date, timeZone).getTime() + (h * 60 + m) * 60_000);
}

/** The next scheduled backup strictly after `now`. */
export function nextBackupAt(settings: Pick<Settings, 'backupTime' | 'timeZone'>, now: Date): Date {
  const today = dateInZone(now, settings.timeZone);
  const at = atTimeOn(today, settings.backupTime, settings.timeZone);
  return at > now ? at : atTimeOn(addDaysIso(today, 1), settings.backupTime, settings.timeZone);
}

/** The latest scheduled time at or before `now`: a console that was off then backs up once when it starts. */
export function lastScheduledAt(settings: Pick<Settings, 'backupTime' | 'timeZone'>, now: Date): Date {
  const today = dateInZone(now, settings.timeZone);
  const at = atTimeOn(today, settings.backupTime, settings.timeZone);
  return at <= now ? at : atTimeOn(addDaysIso(today, -1), settings.backupTime, settings.timeZone);
}
