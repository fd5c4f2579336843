// Billing periods of a subscription: a first (possibly short) period up to the anchor day, then whole cycles.
import { addDaysIso, addMonthsIso, dayOfMonth, type IsoDate, withDay } from '../../../shared/dates';

export interface Period {
  start: IsoDate;
  end: IsoDate;
}

/** Anchor day when none is given: the start day, or the 1st for a start on the 29th–31st (not in every month). */
export function defaultAnchorDay(startDate: IsoDate): number {
  const day = dayOfMonth(startDate);
  return day <= 28 ? day : 1;
}

/**
 * The first period starts on the start date. Started on the anchor day, it is a whole cycle; otherwise it
 * runs to the day before the next anchor day (billing prorates that short period), and whole cycles follow.
 */
export function firstPeriod(startDate: IsoDate, anchorDay: number, cycleMonths: number): Period {
  if (dayOfMonth(startDate) === anchorDay) return { start: startDate, end: addDaysIso(addMonthsIso(startDate, cycleMonths), -1) };
  let anchor = withDay(startDate, anchorDay);
  if (anchor <= startDate) anchor = withDay(addMonthsIso(withDay(startDate, 1), 1), anchorDay);
  return { start: startDate, end: addDaysIso(anchor, -1) };
}

/** The period after one that ended on `previousEnd`: a whole cycle from the next anchor day. */
export function nextPeriod(previousEnd: IsoDate, cycleMonths: number): Period {
  const start = addDaysIso(previousEnd, 1);
  return { start, end: addDaysIso(addMonthsIso(start, cycleMonths), -1) };
}
