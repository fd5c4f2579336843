// Money is an integer number of Rupiah: the branded type, the one formatter and the one rounding rule.
declare const rupiahBrand: unique symbol;
export type Rupiah = number & { readonly [rupiahBrand]: true };

/** Accepts only a safe integer: a float never becomes money. */
export function rupiah(value: number): Rupiah {
  if (!Number.isSafeInteger(value)) throw new RangeError(`Rupiah must be a whole number, not ${value}`);
  return value as Rupiah;
}

/**
 * Rounds a fractional amount to whole Rupiah, half away from zero (the rule Indonesian invoices use:
 * 0.5 rounds up). Callers compute with integers and round once, at the end of each line.
 */
export function roundRupiah(value: number): Rupiah {
  const rounded = Math.sign(value) * Math.round(Math.abs(value));
  return rupiah(Object.is(rounded, -0) ? 0 : rounded);
}

const grouping = new Intl.NumberFormat('id-ID', { maximumFractionDigits: 0, useGrouping: true });

/** `Rp 150.000`, `-Rp 25.000`: dots as thousands separators in both languages, as Indonesians write it. */
export function formatRupiah(value: number): string {
  const sign = value < 0 ? '-' : '';
  return `${sign}Rp ${grouping.format(Math.abs(value))}`;
}
