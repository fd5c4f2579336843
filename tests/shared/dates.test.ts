// The calendar arithmetic of billing (src/shared/dates.ts) is integer arithmetic on day numbers; date-fns on local
// Dates is the reference it must agree with, for every third day of four centuries and in any time zone of the process.
import { addDays, addMonths, differenceInCalendarDays } from 'date-fns';
import { describe, expect, it } from 'vitest';
import { addDaysIso, addMonthsIso, daysBetween } from '../../src/shared/dates';

const toLocal = (date: string) => new Date(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)));
const toIso = (date: Date) => `${String(date.getFullYear()).padStart(4, '0')}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;

describe('calendar dates', () => {
  it('agrees with date-fns for every third day from 1900 to 2300', () => {
    const mismatches: string[] = [];
    for (let t = Date.UTC(1900, 0, 1); t < Date.UTC(2300, 0, 1); t += 3 * 86_400_000) {
      const date = new Date(t).toISOString().slice(0, 10);
      for (const days of [-400, -1, 1, 30, 366]) {
        if (addDaysIso(date, days) !== toIso(addDays(toLocal(date), days))) mismatches.push(`${date} + ${days} days`);
      }
      for (const months of [-13, -1, 1, 3, 12, 25]) {
        if (addMonthsIso(date, months) !== toIso(addMonths(toLocal(date), months))) mismatches.push(`${date} + ${months} months`);
      }
      const later = new Date(t + 86_400_000 * 1000).toISOString().slice(0, 10);
      if (daysBetween(date, later) !== 1000 || daysBetween(later, date) !== differenceInCalendarDays(toLocal(date), toLocal(later))) mismatches.push(`${date} … ${later}`);
    }
    expect(mismatches.slice(0, 5)).toEqual([]);
  });

  it('clamps to the end of the month and knows the leap years', () => {
    expect(addMonthsIso('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonthsIso('2028-01-31', 1)).toBe('2028-02-29');
    expect(addMonthsIso('2100-03-31', -1)).toBe('2100-02-28');
    expect(addMonthsIso('2000-03-30', -1)).toBe('2000-02-29');
    expect(addMonthsIso('2026-12-05', 1)).toBe('2027-01-05');
    expect(addMonthsIso('2027-01-05', -1)).toBe('2026-12-05');
    expect(addDaysIso('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDaysIso('2028-03-01', -1)).toBe('2028-02-29');
    expect(daysBetween('2026-02-01', '2026-03-01')).toBe(28);
    expect(daysBetween('2028-02-01', '2028-03-01')).toBe(29);
  });
});
