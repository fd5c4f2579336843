// Business dates (YYYY-MM-DD) in the site time zone, on date-fns + @date-fns/tz: no hand-written zone arithmetic.
import { TZDate } from '@date-fns/tz';
import { format, isValid, parse } from 'date-fns';

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

// Plain calendar dates as day numbers (days since 1970-01-01 in the proleptic Gregorian calendar; no zone involved:
// a calendar date has no time). Howard Hinnant's days_from_civil / civil_from_days, pure integer arithmetic, because
// billing runs these hundreds of thousands of times: the local-Date + date-fns versions cost ~3 s of CPU in a run of
// 200,000 subscriptions (daysBetween ~6.5 µs a call, this one ~0.01 µs).
function dayNumber(date: IsoDate): number {
  const month = Number(date.slice(5, 7));
  const year = Number(date.slice(0, 4)) - (month <= 2 ? 1 : 0);
  const era = Math.floor(year / 400);
  const yearOfEra = year - era * 400;
  const dayOfYear = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + Number(date.slice(8, 10)) - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

function isoOf(year: number, month: number, day: number): IsoDate {
  return `${String(year).padStart(4, '0')}-${month < 10 ? '0' : ''}${month}-${day < 10 ? '0' : ''}${day}`;
}

function fromDayNumber(days: number): IsoDate {
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const dayOfEra = z - era * 146_097;
  const yearOfEra = Math.floor((dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36_524) - Math.floor(dayOfEra / 146_096)) / 365);
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const mp = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return isoOf(yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day);
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function daysInMonth(year: number, month: number): number {
  if (month !== 2) return MONTH_DAYS[month - 1]!;
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
}

export function addDaysIso(date: IsoDate, days: number): IsoDate {
  return fromDayNumber(dayNumber(date) + days);
}

/** Adds calendar months; a day past the end of the target month clamps to its last day (Jan 31 + 1 = Feb 28). */
export function addMonthsIso(date: IsoDate, months: number): IsoDate {
  const total = Number(date.slice(0, 4)) * 12 + Number(date.slice(5, 7)) - 1 + months;
  const year = Math.floor(total / 12);
  const month = total - year * 12 + 1;
  return isoOf(year, month, Math.min(Number(date.slice(8, 10)), daysInMonth(year, month)));
}

export function daysBetween(from: IsoDate, to: IsoDate): number {
  return dayNumber(to) - dayNumber(from);
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
