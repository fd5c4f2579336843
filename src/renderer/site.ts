// Site settings as server state (TanStack Query), and the date formatters bound to the site time zone and UI language.
import { queryOptions, useQuery } from '@tanstack/react-query';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { DEFAULT_SETTINGS, type Language } from '../shared/contract';
import { noc } from './api/client';
import { dateInZone } from '../shared/dates';
import type { MessageRef } from '../shared/i18n/messages';
import { setMessageTimeZone } from './i18n';
import { formatBusinessDate, formatDateTime, formatPeriod } from './format';

export const SETTINGS_KEY = ['settings'] as const;

// The tile address this page load started with: the page's CSP (sent with the document) allows that tile server
// only, so a changed address shows tiles after a reload (MapPage says so).
let loadedTileUrl: string | undefined;

export function tileUrlAtLoad(): string | undefined {
  return loadedTileUrl;
}

/** The site settings' query; also started before the first render (frame/startData.ts). */
export const siteSettingsQuery = queryOptions({
  queryKey: SETTINGS_KEY,
  queryFn: async () => {
    const settings = await noc.call('settings.get', {});
    loadedTileUrl ??= settings.mapTileUrl;
    return settings;
  },
  staleTime: 60_000,
});

export function useSiteSettings() {
  return useQuery(siteSettingsQuery);
}

export function useLanguage(): Language {
  const { i18n } = useTranslation();
  return i18n.language === 'en' ? 'en' : 'id';
}

export function useSiteTimeZone(): string {
  const { data } = useSiteSettings();
  const timeZone = data?.timeZone ?? DEFAULT_SETTINGS.timeZone;
  setMessageTimeZone(timeZone);
  return timeZone;
}

/** `dateTime(iso)` in the site time zone; a missing date shows as a dash. */
export function useDateTime(): (iso: string | null) => string {
  const language = useLanguage();
  const timeZone = useSiteTimeZone();
  const { t } = useTranslation();
  return useCallback((iso) => formatDateTime(iso, language, timeZone) ?? t('common.none'), [language, timeZone, t]);
}

/** `date('2026-11-27')` as "27 Nov 2026": a business date, shown as written (no zone conversion). */
export function useBusinessDate(): (date: string | null) => string {
  const language = useLanguage();
  const { t } = useTranslation();
  return useCallback((date) => formatBusinessDate(date, language) ?? t('common.none'), [language, t]);
}

/** Today's calendar date in the site time zone, YYYY-MM-DD. */
export function useSiteToday(): string {
  return dateInZone(new Date(), useSiteTimeZone());
}

/** `period('2026-11-01', '2026-11-30')` as "1–30 Nov 2026". */
export function usePeriod(): (start: string, end: string) => string {
  const language = useLanguage();
  const { t } = useTranslation();
  return useCallback((start, end) => formatPeriod(start, end, language) ?? t('common.none'), [language, t]);
}

/**
 * `message(ref)`: a sentence the server stored as `{key, params}` (alerts, device log, timeline, invoice lines), in
 * the UI language and the site time zone.
 */
export function useMessage(): (ref: MessageRef | null | undefined) => string {
  const { t } = useTranslation();
  const timeZone = useSiteTimeZone();
  return useCallback(
    (ref) => (ref ? String(t(`msg.${ref.key}` as never, { ...ref.params, timeZone } as never)) : ''),
    [t, timeZone],
  );
}
