// How the Pollers page writes its figures: a state's colour, a duration in ms or s, and "5 min ago".
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { PollerState } from '../../../shared/contract';
import { formatDuration, formatLongDateTime, formatNumber } from '../../format';
import { useLanguage, useSiteTimeZone } from '../../site';

/** Up green, down red, new grey, revoked dark (and struck through in the row). */
export const POLLER_STATE_COLORS: Record<PollerState, string> = { up: 'green', down: 'red', new: 'gray', revoked: 'dark' };

/** "850 ms" under a second, "12,3 dtk" / "12.3 s" above. */
export function useMillis(): (ms: number | null) => string {
  const { t } = useTranslation();
  const language = useLanguage();
  return useCallback(
    (ms) => {
      if (ms === null) return t('common.none');
      if (ms < 1000) return t('pollers.ms', { value: formatNumber(ms, language, 0) });
      return t('pollers.sec', { value: formatNumber(ms / 1000, language, ms < 10_000 ? 2 : 1) });
    },
    [t, language],
  );
}

/** `ago(iso, now)`: "baru saja", "5 mnt lalu". */
export function useAgo(): (iso: string, now: number) => string {
  const { t } = useTranslation();
  const language = useLanguage();
  return useCallback(
    (iso, now) => {
      const seconds = Math.max(0, Math.round((now - Date.parse(iso)) / 1000));
      return seconds < 60 ? t('pollers.justNow') : t('pollers.ago', { age: formatDuration(seconds, language) });
    },
    [t, language],
  );
}

/** "5 Desember 2026, 20.55 WIB" in the site time zone. */
export function useLongDateTime(): (iso: string | null) => string {
  const { t } = useTranslation();
  const language = useLanguage();
  const timeZone = useSiteTimeZone();
  return useCallback((iso) => formatLongDateTime(iso, language, timeZone) ?? t('common.none'), [t, language, timeZone]);
}
