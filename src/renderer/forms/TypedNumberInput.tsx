// Number inputs that keep exactly what was typed: no clamping to a range on blur, no dropped minus sign or decimal
// comma. The contract's schema judges the value and its error shows next to the field; nothing is fixed silently.
import { NumberInput, type NumberInputProps } from '@mantine/core';

/**
 * Range and precision props are left out on purpose: Mantine clamps to `min`/`max` on blur (also with
 * `clampBehavior="none"`, through its blur clean-up of text like `100.10`), drops a typed `-` without
 * `allowNegative`, drops a decimal point without `allowDecimal` and cuts digits beyond `decimalScale`.
 */
export type TypedNumberInputProps = Omit<
  NumberInputProps,
  'min' | 'max' | 'clampBehavior' | 'allowNegative' | 'allowDecimal' | 'decimalScale' | 'fixedDecimalScale' | 'isAllowed'
>;

export function TypedNumberInput(props: TypedNumberInputProps) {
  return <NumberInput {...props} clampBehavior="none" allowNegative allowDecimal />;
}

/**
 * Whole Rupiah as Indonesians write them: `Rp 150.000`. A `.` is the thousands separator only and the decimal
 * comma is kept, so `1,5` stays 1.5 (and the schema refuses it) instead of becoming 15.
 */
export function RupiahInput(props: Omit<TypedNumberInputProps, 'prefix' | 'thousandSeparator' | 'decimalSeparator' | 'allowedDecimalSeparators'>) {
  return <TypedNumberInput {...props} prefix="Rp " thousandSeparator="." decimalSeparator="," allowedDecimalSeparators={[',']} />;
}
