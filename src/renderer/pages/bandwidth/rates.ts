// Traffic as people read it: rates in Kbps / Mbps / Gbps (bits per second), volumes in MB / GB, in the UI's locale.
import type { Language } from '../../../shared/contract';
import { localeOf, numberFormat } from '../../format';

const RATE_UNITS = [
  { unit: 'Gbps', size: 1e9 },
  { unit: 'Mbps', size: 1e6 },
  { unit: 'Kbps', size: 1e3 },
] as const;

function number(value: number, language: Language, digits: number): string {
  return numberFormat(localeOf(language), { maximumFractionDigits: digits }).format(value);
}

/** 1 234 567 bit/s → "1,23 Mbps"; below 1 Kbps still in Kbps ("0,4 Kbps") so the unit stays readable. */
export function formatBps(bps: number, language: Language): string {
  const abs = Math.abs(bps);
  const unit = RATE_UNITS.find((u) => abs >= u.size) ?? RATE_UNITS[2];
  const value = bps / unit.size;
  return `${number(value, language, value < 10 ? 2 : value < 100 ? 1 : 0)} ${unit.unit}`;
}

/** Mbps as sent by the summaries, shown with the same units as bit/s. */
export function formatMbps(mbps: number, language: Language): string {
  return formatBps(mbps * 1e6, language);
}

/** Bytes → "850 MB" or "12,4 GB" (decimal units, as ISPs bill). */
export function formatBytes(bytes: number, language: Language): string {
  const gb = bytes / 1e9;
  if (Math.abs(gb) >= 1) return `${number(gb, language, gb < 100 ? 2 : 1)} GB`;
  const mb = bytes / 1e6;
  return `${number(mb, language, mb < 10 ? 2 : mb < 100 ? 1 : 0)} MB`;
}

/** GB as sent by the summaries and the report. */
export function formatGB(gb: number, language: Language): string {
  return formatBytes(gb * 1e9, language);
}
