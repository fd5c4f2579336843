// What a number field holds while a person types, and the value the contract's schema is given to judge.

/** A NumberInput's value: the number typed, or its text while that is not a plain number yet (`''`, `-`, `1.`). */
export type NumberFieldValue = number | string;

/** The typed number; text that is no number becomes NaN, which every number schema refuses. */
function asTyped(value: number | string): number {
  return typeof value === 'number' ? value : Number(value);
}

/** A field that may be cleared (coordinates, optional thresholds): empty is `null`. */
export function numberOrNull(value: NumberFieldValue): number | null {
  return value === '' ? null : asTyped(value);
}

/** A field that may be left out (a new record's optional or required field): empty is "not given". */
export function numberOrAbsent(value: NumberFieldValue): number | undefined {
  return value === '' ? undefined : asTyped(value);
}

/**
 * A field that must hold a number even when emptied in an edit: empty is NaN, so the schema refuses it instead of
 * skipping it (`undefined` would mean "unchanged") or reading it as 0 (a coercing schema turns `null` into 0).
 */
export function numberRequired(value: NumberFieldValue): number {
  return value === '' ? Number.NaN : asTyped(value);
}
