// Which verified backups are kept: the newest of each of the last N days, ISO weeks and months (site time),
// and the newest few safety backups. Everything else is pruned.
import { getISOWeek, getISOWeekYear } from 'date-fns';
import type { Backup } from '../../../shared/contract';
import { dateInZone } from '../../../shared/dates';

export interface RetentionPolicy {
  /** Now: every verified backup of the last RECENT_HOURS is kept whatever the tiers say. */
  now: Date;
  keepDaily: number;
  keepWeekly: number;
  keepMonthly: number;
  timeZone: string;
}

export const RECENT_HOURS = 24;

/** Safety backups taken before a restore are kept apart from the tiers: the newest this many. */
export const KEEP_SAFETY = 5;

type Tier = Backup['keptFor'][number];

function weekOf(localDate: string): string {
  const [y, m, d] = localDate.split('-').map(Number) as [number, number, number];
  const day = new Date(y, m - 1, d);
  return `${getISOWeekYear(day)}-W${String(getISOWeek(day)).padStart(2, '0')}`;
}

/** The tiers each verified backup is kept for, by id; backups absent from the map (or with none) are pruned. */
export function retentionTiers(backups: readonly Pick<Backup, 'id' | 'kind' | 'status' | 'startedAt'>[], policy: RetentionPolicy): Map<string, Tier[]> {
  const verified = backups.filter((b) => b.status === 'verified').sort((a, b) => b.startedAt.localeCompare(a.startedAt) || b.id.localeCompare(a.id));
  const tiers = new Map<string, Tier[]>(verified.map((b) => [b.id, []]));
  const keepNewestPer = (tier: Tier, limit: number, bucketOf: (b: (typeof verified)[number]) => string) => {
    const seen = new Set<string>();
    for (const backup of regular) {
      const bucket = bucketOf(backup);
      if (seen.has(bucket)) continue;
      if (seen.size >= limit) break;
      seen.add(bucket);
      tiers.get(backup.id)!.push(tier);
    }
  };
  const recentFrom = policy.now.getTime() - RECENT_HOURS * 3_600_000;
  for (const backup of verified) {
    if (Date.parse(backup.startedAt) >= recentFrom) tiers.get(backup.id)!.push('recent');
  }
  const local = (b: (typeof verified)[number]) => dateInZone(new Date(b.startedAt), policy.timeZone);
  // A safety backup (taken just before a restore) must not push the day's regular backup out of its tier.
  const regular = verified.filter((b) => b.kind !== 'safety');
  keepNewestPer('daily', policy.keepDaily, local);
  keepNewestPer('weekly', policy.keepWeekly, (b) => weekOf(local(b)));
  keepNewestPer('monthly', policy.keepMonthly, (b) => local(b).slice(0, 7));
  let safety = 0;
  for (const backup of verified) {
    if (backup.kind !== 'safety' || safety >= KEEP_SAFETY) continue;
    safety += 1;
    tiers.get(backup.id)!.push('safety');
  }
  return tiers;
}
