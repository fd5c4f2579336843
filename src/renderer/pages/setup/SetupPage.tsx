// First run: create the first administrator, who is then signed in.
import { Button, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { operations } from '../../../shared/contract';
import { FormAlert } from '../../forms/FormAlert';
import { useFormErrors } from '../../forms/useFormErrors';
import { useSession } from '../../stores/session';
import { AuthLayout } from '../auth/AuthLayout';

export function SetupPage() {
  const { t } = useTranslation();
  const createAdmin = useSession((s) => s.createAdmin);
  const errors = useFormErrors();
  const [values, setValues] = useState({ name: '', email: '', password: '' });
  const [busy, setBusy] = useState(false);
  const field = (key: keyof typeof values) => ({
    value: values[key],
    onChange: (e: { currentTarget: { value: string } }) => {
      const value = e.currentTarget.value;
      setValues((v) => ({ ...v, [key]: value }));
    },
    error: errors.fields[key],
  });

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const input = errors.validate(operations['setup.createAdmin'].input, values);
    if (!input) return;
    setBusy(true);
    try {
      await createAdmin(input);
    } catch (error) {
      errors.fail(error);
      setBusy(false);
    }
  };

  return (
    <AuthLayout>
      <form onSubmit={(e) => void submit(e)} noValidate data-testid="setup-form">
        <Stack gap="sm">
          <div>
            <Title order={4}>{t('setup.title')}</Title>
            <Text size="sm" c="dimmed">
              {t('setup.intro')}
            </Text>
          </div>
          <FormAlert message={errors.general} />
          <TextInput label={t('fields.name')} autoComplete="name" {...field('name')} data-testid="setup-name" autoFocus />
          <TextInput label={t('fields.email')} type="email" autoComplete="username" {...field('email')} data-testid="setup-email" />
          <PasswordInput
            label={t('fields.password')}
            description={t('validation.min8')}
            autoComplete="new-password"
            {...field('password')}
            data-testid="setup-password"
          />
          <Button type="submit" loading={busy} fullWidth mt="xs" data-testid="setup-submit">
            {t('setup.submit')}
          </Button>
        </Stack>
      </form>
    </AuthLayout>
  );
}
