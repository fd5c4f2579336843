// Network numbers as people read them: latency in ms with one decimal, loss in whole percent, in the UI language.
import type { Language } from '../../../shared/contract';
import { localeOf, numberFormat } from '../../format';

export function formatMs(value: number | null | undefined, language: Language): string | null {
  if (value === null || value === undefined) return null;
  const digits = value < 10 ? 2 : value < 100 ? 1 : 0;
  return numberFormat(localeOf(language), { maximumFractionDigits: digits, minimumFractionDigits: Math.min(digits, 1) }).format(value);
}

export function formatLoss(value: number | null | undefined, language: Language): string | null {
  if (value === null || value === undefined) return null;
  return numberFormat(localeOf(language), { maximumFractionDigits: 0 }).format(value);
}

/** Latency colour: within the device's warning level (or 100 ms without one) is normal, above is orange. */
export function latencyColor(avg: number | null | undefined, warnMs: number | null): string | undefined {
  if (avg === null || avg === undefined) return undefined;
  return avg > (warnMs ?? 100) ? 'orange.8' : undefined;
}
