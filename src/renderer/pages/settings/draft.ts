// The settings form's working copy: number fields hold exactly what was typed until the contract's schema judges it.
import { DEFAULT_SETTINGS, type OpInput, type Settings } from '../../../shared/contract';
import { numberOrNull, type NumberFieldValue } from '../../forms/numbers';

export type SettingsDraft = { [K in keyof Settings]: Settings[K] extends number ? NumberFieldValue : Settings[K] };

function isNumberSetting(key: keyof Settings): boolean {
  return typeof DEFAULT_SETTINGS[key] === 'number';
}

/** The value of one field as the schema should see it: a number field as typed (empty: null, which is refused). */
function typedValue(key: keyof Settings, value: SettingsDraft[keyof Settings]): unknown {
  if (isNumberSetting(key) && (typeof value === 'number' || typeof value === 'string')) return numberOrNull(value);
  return value;
}

/** The fields that differ from the saved settings, as typed, for the schema to judge before anything is sent. */
export function changesOf(before: Settings, draft: SettingsDraft): OpInput<'settings.update'> {
  const changes: Record<string, unknown> = {};
  for (const key of Object.keys(draft) as (keyof Settings)[]) {
    const value = typedValue(key, draft[key]);
    if (value !== before[key]) changes[key] = value;
  }
  return changes as OpInput<'settings.update'>;
}
