// Change password: current, new, confirm -> auth.changePassword, which answers a new session to keep.
import { Alert, Button, Group, Paper, PasswordInput, Stack, Text } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { operations } from '../../../shared/contract';
import { noc } from '../../api/client';
import { FormAlert } from '../../forms/FormAlert';
import { useFormErrors } from '../../forms/useFormErrors';
import { useSession } from '../../stores/session';

const EMPTY = { currentPassword: '', newPassword: '', confirm: '' };

export function ChangePasswordPage() {
  const { t } = useTranslation();
  const adopt = useSession((s) => s.adopt);
  const errors = useFormErrors();
  const [values, setValues] = useState(EMPTY);
  const [busy, setBusy] = useState(false);
  const [changed, setChanged] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setChanged(false);
    const input = errors.validate(operations['auth.changePassword'].input, {
      currentPassword: values.currentPassword,
      newPassword: values.newPassword,
    });
    if (!input) return;
    if (values.confirm !== values.newPassword) {
      errors.setField('confirm', t('password.mismatch'));
      return;
    }
    setBusy(true);
    try {
      adopt(await noc.call('auth.changePassword', input));
      setValues(EMPTY);
      setChanged(true);
    } catch (error) {
      errors.fail(error);
    } finally {
      setBusy(false);
    }
  };

  const field = (key: keyof typeof EMPTY) => ({
    value: values[key],
    onChange: (e: { currentTarget: { value: string } }) => {
      const value = e.currentTarget.value;
      setValues((v) => ({ ...v, [key]: value }));
    },
    error: errors.fields[key],
  });

  return (
    <Paper withBorder p="lg" maw={520}>
      <form onSubmit={(e) => void submit(e)} noValidate data-testid="password-form">
        <Stack gap="sm">
          <Text size="sm" c="dimmed">
            {t('password.intro')}
          </Text>
          {changed && (
            <Alert color="green" variant="light" py="xs" data-testid="password-changed">
              {t('password.changed')}
            </Alert>
          )}
          <FormAlert message={errors.general} />
          <PasswordInput label={t('fields.currentPassword')} autoComplete="current-password" {...field('currentPassword')} data-testid="password-current" />
          <PasswordInput
            label={t('fields.newPassword')}
            description={t('validation.min8')}
            autoComplete="new-password"
            {...field('newPassword')}
            data-testid="password-new"
          />
          <PasswordInput label={t('fields.confirmPassword')} autoComplete="new-password" {...field('confirm')} data-testid="password-confirm" />
          <Group justify="flex-end">
            <Button type="submit" loading={busy} data-testid="password-save">
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
