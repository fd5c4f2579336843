// How a date or a time of day is written in a field and read back: day first (04/12/2026) in both languages, the
// clock as 20.55 in Indonesian and 20:55 in English. Text that is not a real date or time is never corrected.
import type { Language } from '../../shared/contract';
import { isIsoDate } from '../../shared/dates';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_FIRST = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/;
const CLOCK = /^(\d{1,2})[.:](\d{2})$/;

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** The ISO date when year, month and day make a real calendar date. */
function realDate(year: string, month: string, day: string): string | null {
  const iso = `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
  return isIsoDate(iso) ? iso : null;
}

/** `2026-12-04` for "4/12/2026", "04.12.2026" or a pasted "2026-12-04"; null when it is no real date (31/02/2026). */
export function parseDateText(text: string): string | null {
  const trimmed = text.trim();
  const iso = ISO_DATE.exec(trimmed);
  if (iso) return realDate(iso[1]!, iso[2]!, iso[3]!);
  const dayFirst = DAY_FIRST.exec(trimmed);
  if (dayFirst) return realDate(dayFirst[3]!, dayFirst[2]!, dayFirst[1]!);
  return null;
}

/** "04/12/2026" for `2026-12-04`; anything else (a half-typed date) as it is. */
export function dateText(value: string): string {
  const iso = ISO_DATE.exec(value);
  return iso ? `${iso[3]}/${iso[2]}/${iso[1]}` : value;
}

/** `20:55` for "20.55", "20:55" or "9.05"; null for no time of day (24.00, 7.5). */
export function parseTimeText(text: string): string | null {
  const clock = CLOCK.exec(text.trim());
  if (!clock) return null;
  const hours = Number(clock[1]);
  const minutes = Number(clock[2]);
  if (hours > 23 || minutes > 59) return null;
  return `${pad(hours)}:${pad(minutes)}`;
}

/** "20.55" (id) or "20:55" (en) for `20:55`; anything else as it is. */
export function timeText(value: string, language: Language): string {
  const parsed = /^(\d{2}):(\d{2})(:\d{2})?$/.exec(value);
  if (!parsed) return value;
  return `${parsed[1]}${language === 'en' ? ':' : '.'}${parsed[2]}`;
}
