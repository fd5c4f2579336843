// Instants of backups as Indonesians write them: "4 Desember 2026, 20.55 WIB" / "4 December 2026, 20:55 WIB" in the
// site time zone, and how long ago something happened.
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { Language } from '../../../shared/contract';
import { formatDuration, formatLongDateTime, localeOf, numberFormat } from '../../format';
import { useLanguage, useSiteTimeZone } from '../../site';

export { formatLongDateTime };

/** `longDateTime(iso)` in the site time zone and UI language; a missing instant shows as a dash. */
export function useLongDateTime(): (iso: string | null) => string {
  const language = useLanguage();
  const timeZone = useSiteTimeZone();
  const { t } = useTranslation();
  return useCallback((iso) => formatLongDateTime(iso, language, timeZone) ?? t('common.none'), [language, timeZone, t]);
}

/** Hours between an instant and now (negative for the future). */
export function hoursSince(iso: string, now: number = Date.now()): number {
  return (now - Date.parse(iso)) / 3_600_000;
}

/** "2 jam 5 mnt lalu" / "2 hr 5 min ago"; under a minute "baru saja" / "just now". */
export function useAgo(): (iso: string) => string {
  const language = useLanguage();
  const { t } = useTranslation();
  return useCallback(
    (iso) => {
      const seconds = Math.max(0, Math.round((Date.now() - Date.parse(iso)) / 1000));
      return seconds < 60 ? t('backups.justNow') : t('backups.ago', { age: formatDuration(seconds, language) });
    },
    [language, t],
  );
}

/** A file size in MB with one decimal (two below 10 MB), in the UI language's digits. */
export function formatMegabytes(bytes: number, language: Language): string {
  const mb = bytes / 1_048_576;
  return numberFormat(localeOf(language), { minimumFractionDigits: mb < 10 ? 2 : 1, maximumFractionDigits: mb < 10 ? 2 : 1 }).format(mb);
}
