// The role choices of a Select, in the UI language.
import type { TFunction } from 'i18next';
import { ROLES } from '../../../shared/contract';

export function roleOptions(t: TFunction): { value: string; label: string }[] {
  return ROLES.map((role) => ({ value: role, label: t(`roles.${role}`) }));
}
