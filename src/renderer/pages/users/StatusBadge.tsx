// A user's status: locked (red) while lockedUntil is ahead, else active (green) or inactive (gray).
import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { User } from '../../../shared/contract';

export function isLocked(user: Pick<User, 'lockedUntil'>, now = Date.now()): boolean {
  return user.lockedUntil !== null && new Date(user.lockedUntil).getTime() > now;
}

export function StatusBadge({ user }: { user: Pick<User, 'active' | 'lockedUntil'> }) {
  const { t } = useTranslation();
  if (isLocked(user)) return <Badge color="red">{t('status.locked')}</Badge>;
  return user.active ? <Badge color="green">{t('status.active')}</Badge> : <Badge color="gray">{t('status.inactive')}</Badge>;
}
