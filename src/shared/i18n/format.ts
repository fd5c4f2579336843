// Dates, durations and numbers as people read them — one implementation for the renderer, the PDFs, the tray
// and notifications: in the site time zone, in the reader's language (id-ID or en-GB).
import type { Language } from '../contract';
export { formatRupiah } from '../money';

export function localeOf(language: Language): string {
  return language === 'en' ? 'en-GB' : 'id-ID';
}

// Making an Intl formatter costs far more than using one (a millisecond or more with a time zone, on a slow machine):
// a list of dates would pay it on every row. One formatter per locale and options, kept.
const dateTimeFormats = new Map<string, Intl.DateTimeFormat>();
const numberFormats = new Map<string, Intl.NumberFormat>();

/** `new Intl.DateTimeFormat(locale, options)`, made once per locale and options. */
export function dateTimeFormat(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale} ${JSON.stringify(options)}`;
  let format = dateTimeFormats.get(key);
  if (!format) dateTimeFormats.set(key, (format = new Intl.DateTimeFormat(locale, options)));
  return format;
}

/** `new Intl.NumberFormat(locale, options)`, made once per locale and options. */
export function numberFormat(locale: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `${locale} ${JSON.stringify(options)}`;
  let format = numberFormats.get(key);
  if (!format) numberFormats.set(key, (format = new Intl.NumberFormat(locale, options)));
  return format;
}

/** Indonesia's own zone names in both languages; elsewhere what the platform calls the zone (UTC, GMT+8). */
const ZONE_NAMES: Record<string, string> = {
  'Asia/Jakarta': 'WIB',
  'Asia/Pontianak': 'WIB',
  'Asia/Makassar': 'WITA',
  'Asia/Jayapura': 'WIT',
};

export function zoneName(date: Date, timeZone: string): string {
  const known = ZONE_NAMES[timeZone];
  if (known) return known;
  const part = dateTimeFormat('en-GB', { timeZone, timeZoneName: 'short' }).formatToParts(date).find((p) => p.type === 'timeZoneName');
  return part?.value ?? timeZone;
}

function validInstant(iso: string | null | undefined): Date | null {
  if (!iso) return null;
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** "27 Nov 2026 10.15" (id) / "27 Nov 2026, 10:15" (en) in the site time zone; empty input gives null. */
export function formatDateTime(iso: string | null, language: Language, timeZone: string): string | null {
  const date = validInstant(iso);
  if (!date) return null;
  return dateTimeFormat(localeOf(language), {
    timeZone,
    day: '2-digit',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(date);
}

/** "4 Desember 2026, 20.55 WIB" (id) / "4 December 2026, 20:55 WIB" (en); null for a missing or bad instant. */
export function formatLongDateTime(iso: string | null, language: Language, timeZone: string): string | null {
  const date = validInstant(iso);
  if (!date) return null;
  const parts = dateTimeFormat(localeOf(language), {
    timeZone,
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(date);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  const separator = language === 'id' ? '.' : ':';
  return `${part('day')} ${part('month')} ${part('year')}, ${part('hour')}${separator}${part('minute')} ${zoneName(date, timeZone)}`;
}

/** "20.55 WIB" (id) / "20:55 WIB" (en): a time of day in the site zone, for "since 14.05". */
export function formatClock(iso: string | null, language: Language, timeZone: string): string | null {
  const date = validInstant(iso);
  if (!date) return null;
  const parts = dateTimeFormat(localeOf(language), { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(date);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('hour')}${language === 'id' ? '.' : ':'}${part('minute')} ${zoneName(date, timeZone)}`;
}

/** Time of day only with seconds, e.g. for "checked at". */
export function formatTime(date: Date, language: Language, timeZone: string): string {
  return dateTimeFormat(localeOf(language), {
    timeZone,
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  }).format(date);
}

/**
 * A duration in seconds as "3 j 12 mnt" / "3 hr 12 min": the one rule for every outage, session and age shown
 * anywhere (alerts, timeline, device log, notifications), so they always agree. Whole units, rounded down;
 * under a minute shows seconds.
 */
export function formatDuration(totalSec: number, language: Language): string {
  const sec = Math.max(0, Math.floor(totalSec));
  const days = Math.floor(sec / 86_400);
  const hours = Math.floor((sec % 86_400) / 3600);
  const minutes = Math.floor((sec % 3600) / 60);
  const unit = (value: number, name: 'day' | 'hour' | 'minute' | 'second') =>
    numberFormat(localeOf(language), { style: 'unit', unit: name, unitDisplay: 'short' }).format(value);
  if (days > 0) return hours > 0 ? `${unit(days, 'day')} ${unit(hours, 'hour')}` : unit(days, 'day');
  if (hours > 0) return minutes > 0 ? `${unit(hours, 'hour')} ${unit(minutes, 'minute')}` : unit(hours, 'hour');
  if (minutes > 0) return unit(minutes, 'minute');
  return unit(sec, 'second');
}

export function formatNumber(value: number, language: Language, maximumFractionDigits = 2): string {
  return numberFormat(localeOf(language), { maximumFractionDigits }).format(value);
}

export function formatPercent(value: number, language: Language): string {
  return formatNumber(value, language, 2);
}

/**
 * A business date (`YYYY-MM-DD`, already a calendar date of the site) as "27 Nov 2026": formatted in UTC so
 * no time-zone conversion can move it to another day.
 */
export function formatBusinessDate(date: string | null, language: Language, month: 'short' | 'long' = 'short'): string | null {
  const match = date ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(date) : null;
  if (!match) return null;
  // A billing job writes the same few dates (one due date, one period) thousands of times: formatted once each.
  const key = `${date} ${language} ${month}`;
  let text = businessDates.get(key);
  if (text === undefined) {
    const instant = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
    text = dateTimeFormat(localeOf(language), { timeZone: 'UTC', day: 'numeric', month, year: 'numeric' }).format(instant);
    if (businessDates.size >= 5000) businessDates.clear();
    businessDates.set(key, text);
  }
  return text;
}

const businessDates = new Map<string, string>();

/** A billing period as short as it reads unambiguously: "1–30 Nov 2026" within one month, else both dates in full. */
export function formatPeriod(start: string, end: string, language: Language): string | null {
  const from = formatBusinessDate(start, language);
  const to = formatBusinessDate(end, language);
  if (!from || !to) return null;
  if (start.slice(0, 7) === end.slice(0, 7)) return `${Number(start.slice(8, 10))}–${to}`;
  return `${from} – ${to}`;
}
