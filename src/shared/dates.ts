// Business dates (YYYY-MM-DD) in the site time zone, on date-fns + @date-fns/tz: no hand-written zone arithmetic.
import { TZDate } from '@date-fns/tz';
import { addDays, addMonths, differenceInCalendarDays, format, isValid, parse } from 'date-fns';

export type IsoDate = string;

export const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Whether `value` is a real calendar date written YYYY-MM-DD. */
export function isIsoDate(value: string): boolean {
  if (!ISO_DATE.test(value)) return false;
  const parsed = parse(value, 'yyyy-MM-dd', new Date(2000, 0, 1));
  return isValid(parsed) && format(parsed, 'yyyy-MM-dd') === value;
}

/** The calendar date of `instant` in `timeZone`. */
export function dateInZone(instant: Date, timeZone: string): IsoDate {
  return format(new TZDate(instant.getTime(), timeZone), 'yyyy-MM-dd');
}

/** The instant a business date starts (00:00) in `timeZone`. */
export function startOfDateInZone(date: IsoDate, timeZone: string): Date {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(new TZDate(y, m - 1, d, timeZone).getTime());
}

// Plain calendar dates as local Date objects (no zone involved). Parsing and printing by hand here because
// billing runs them hundreds of thousands of times and date-fns' parse/format with patterns is slow.
function toLocal(date: IsoDate): Date {
  return new Date(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)));
}

function toIso(date: Date): IsoDate {
  const m = date.getMonth() + 1;
  const d = date.getDate();
  return `${date.getFullYear()}-${m < 10 ? '0' : ''}${m}-${d < 10 ? '0' : ''}${d}`;
}

export function addDaysIso(date: IsoDate, days: number): IsoDate {
  return toIso(addDays(toLocal(date), days));
}

/** Adds calendar months; a day past the end of the target month clamps to its last day (Jan 31 + 1 = Feb 28). */
export function addMonthsIso(date: IsoDate, months: number): IsoDate {
  return toIso(addMonths(toLocal(date), months));
}

export function daysBetween(from: IsoDate, to: IsoDate): number {
  return differenceInCalendarDays(toLocal(to), toLocal(from));
}

/** Day-of-month of a date. */
export function dayOfMonth(date: IsoDate): number {
  return Number(date.slice(8, 10));
}

/** The date in the same month as `date` with day `day` (1..28, so it always exists). */
export function withDay(date: IsoDate, day: number): IsoDate {
  return `${date.slice(0, 8)}${String(day).padStart(2, '0')}`;
}

/** Minutes since local midnight of `instant` in `timeZone` (for quiet hours and cron-like times). */
export function minutesInZone(instant: Date, timeZone: string): number {
  const local = new TZDate(instant.getTime(), timeZone);
  return local.getHours() * 60 + local.getMinutes();
}
