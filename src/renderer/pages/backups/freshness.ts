// How worrying the age of the last good backup is: the same limits as the server's backup alert (warning after
// 26 h, critical after 48 h); a failure after the last good backup is red at once.

export const STALE_HOURS = 26;
export const CRITICAL_HOURS = 48;

export type Freshness = 'good' | 'stale' | 'critical';

export function freshnessOf(lastVerifiedAt: string | null, failedSince: boolean, now: number = Date.now()): Freshness {
  if (!lastVerifiedAt || failedSince) return 'critical';
  const hours = (now - Date.parse(lastVerifiedAt)) / 3_600_000;
  if (hours >= CRITICAL_HOURS) return 'critical';
  return hours >= STALE_HOURS ? 'stale' : 'good';
}

export const FRESHNESS_COLORS: Record<Freshness, string> = { good: 'green', stale: 'orange', critical: 'red' };
