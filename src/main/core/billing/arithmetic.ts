// Invoice arithmetic in integer Rupiah. Every division rounds once, half up (away from zero), on integers:
// no float ever holds money. PPN is computed on the invoice's taxed subtotal, once per invoice.
import type { InvoiceLine } from '../../../shared/contract';
import { addDaysIso, addMonthsIso, daysBetween, type IsoDate } from '../../../shared/dates';

/** round(numerator / denominator) half away from zero, exact for safe integers. */
export function divideRounded(numerator: number, denominator: number): number {
  if (!Number.isSafeInteger(numerator) || !Number.isSafeInteger(denominator) || denominator <= 0) {
    throw new RangeError(`divideRounded needs safe integers and a positive divisor (${numerator}/${denominator})`);
  }
  const sign = numerator < 0 ? -1 : 1;
  const n = Math.abs(numerator);
  const result = Math.floor((2 * n + denominator) / (2 * denominator));
  return sign * result || 0;
}

/** A price for `days` of a `fullDays` period: price × days / fullDays, rounded half up. */
export function prorate(price: number, days: number, fullDays: number): number {
  return divideRounded(price * days, fullDays);
}

/** PPN of a subtotal at a rate in percent with up to two decimals (11, 12, 11.5). */
export function ppn(subtotal: number, ratePercent: number): number {
  const basisPoints = Math.round(ratePercent * 100);
  return divideRounded(subtotal * basisPoints, 10_000);
}

export interface Totals {
  subtotal: number;
  tax: number;
  total: number;
}

/** Subtotal of the taxed lines (everything but `credit`), PPN on it, and the total. */
export function totalsOf(lines: readonly InvoiceLine[], ratePercent: number): Totals {
  const subtotal = lines.filter((l) => l.kind !== 'credit').reduce((sum, l) => sum + l.amount, 0);
  const tax = ppn(subtotal, ratePercent);
  return { subtotal, tax, total: subtotal + tax };
}

/** Days in a period, both ends included. */
export function periodDays(start: IsoDate, end: IsoDate): number {
  return daysBetween(start, end) + 1;
}

/** The whole cycle that ends on `end` (the short first period is a part of it). */
export function fullCycleEnding(end: IsoDate, cycleMonths: number): { start: IsoDate; end: IsoDate } {
  return { start: addMonthsIso(addDaysIso(end, 1), -cycleMonths), end };
}
