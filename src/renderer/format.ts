// Dates and numbers as people read them: in the site time zone, in the UI language (id-ID or en-GB).
import type { Language } from '../shared/contract';

export function localeOf(language: Language): string {
  return language === 'en' ? 'en-GB' : 'id-ID';
}

/** "27 Nov 2026 10.15" (id) / "27 Nov 2026, 10:15" (en) in the site time zone; empty input gives null. */
export function formatDateTime(iso: string | null, language: Language, timeZone: string): string | null {
  if (!iso) return null;
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return null;
  return new Intl.DateTimeFormat(localeOf(language), {
    timeZone,
    day: '2-digit',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(date);
}

/** Time of day only, e.g. for "checked at". */
export function formatTime(date: Date, language: Language, timeZone: string): string {
  return new Intl.DateTimeFormat(localeOf(language), {
    timeZone,
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  }).format(date);
}

/** A duration in seconds as "3 h 12 m" style, with units from the locale. */
export function formatDuration(totalSec: number, language: Language): string {
  const days = Math.floor(totalSec / 86_400);
  const hours = Math.floor((totalSec % 86_400) / 3600);
  const minutes = Math.floor((totalSec % 3600) / 60);
  const unit = (value: number, name: 'day' | 'hour' | 'minute') =>
    new Intl.NumberFormat(localeOf(language), { style: 'unit', unit: name, unitDisplay: 'short' }).format(value);
  if (days > 0) return `${unit(days, 'day')} ${unit(hours, 'hour')}`;
  if (hours > 0) return `${unit(hours, 'hour')} ${unit(minutes, 'minute')}`;
  return unit(minutes, 'minute');
}

export function formatPercent(value: number, language: Language): string {
  return new Intl.NumberFormat(localeOf(language), { maximumFractionDigits: 2 }).format(value);
}

/**
 * A business date (`YYYY-MM-DD`, already a calendar date of the site) as "27 Nov 2026": formatted in UTC so
 * no time-zone conversion can move it to another day.
 */
export function formatBusinessDate(date: string | null, language: Language): string | null {
  const match = date ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(date) : null;
  if (!match) return null;
  const instant = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return new Intl.DateTimeFormat(localeOf(language), { timeZone: 'UTC', day: 'numeric', month: 'short', year: 'numeric' }).format(instant);
}

/** A billing period as short as it reads unambiguously: "1–30 Nov 2026" within one month, else both dates in full. */
export function formatPeriod(start: string, end: string, language: Language): string | null {
  const from = formatBusinessDate(start, language);
  const to = formatBusinessDate(end, language);
  if (!from || !to) return null;
  if (start.slice(0, 7) === end.slice(0, 7)) return `${Number(start.slice(8, 10))}–${to}`;
  return `${from} – ${to}`;
}
