// A write-only token or password: a "Saved" badge when one is stored, an empty input that replaces it only when
// something is typed, and Clear, which removes the stored one at once.
import { Badge, Button, Group, PasswordInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Channel } from '../../../shared/contract';

interface Props {
  channel: Channel;
  secretSet: boolean;
  value: string;
  onChange(value: string): void;
  onClear(): void;
  clearing: boolean;
  error: string | undefined;
}

export function SecretField({ channel, secretSet, value, onChange, onClear, clearing, error }: Props) {
  const { t } = useTranslation();
  const label = (
    <Group gap={6} component="span" wrap="nowrap">
      <span>{t(`messages.secret.${channel}`)}</span>
      {secretSet ? (
        <Badge size="xs" color="green" variant="light" data-testid={`${channel}-secret-saved`}>
          {t('messages.secretSaved')}
        </Badge>
      ) : (
        <Badge size="xs" color="gray" variant="light" data-testid={`${channel}-secret-missing`}>
          {t('messages.secretMissing')}
        </Badge>
      )}
    </Group>
  );
  return (
    <Group gap="xs" align="flex-end" wrap="nowrap" style={{ flex: 1 }}>
      <PasswordInput
        label={label}
        description={secretSet ? t('messages.secretKeep') : t('messages.secretNew')}
        value={value}
        onChange={(e) => onChange(e.currentTarget.value)}
        error={error}
        autoComplete="new-password"
        style={{ flex: 1 }}
        data-testid={`${channel}-secret`}
      />
      {secretSet && (
        <Button variant="subtle" color="red" size="sm" loading={clearing} onClick={onClear} mb={error ? 22 : 0} style={{ flex: 'none' }} data-testid={`${channel}-secret-clear`}>
          {t('messages.secretClear')}
        </Button>
      )}
    </Group>
  );
}
