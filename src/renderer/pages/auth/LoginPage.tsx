// Sign-in: email and password, checked with the contract's schema first; a wrong password shows an Alert.
import { Alert, Button, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { operations } from '../../../shared/contract';
import { FormAlert } from '../../forms/FormAlert';
import { useFormErrors } from '../../forms/useFormErrors';
import { useSession } from '../../stores/session';
import { AuthLayout } from './AuthLayout';

export function LoginPage() {
  const { t } = useTranslation();
  const login = useSession((s) => s.login);
  const notice = useSession((s) => s.notice);
  const errors = useFormErrors();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const input = errors.validate(operations['auth.login'].input, { email, password });
    if (!input) return;
    setBusy(true);
    try {
      await login(input);
    } catch (error) {
      errors.fail(error);
      setBusy(false);
    }
  };

  return (
    <AuthLayout>
      <form onSubmit={(e) => void submit(e)} noValidate data-testid="login-form">
        <Stack gap="sm">
          <div>
            <Title order={4}>{t('login.title')}</Title>
            <Text size="sm" c="dimmed">
              {t('login.intro')}
            </Text>
          </div>
          {notice && !errors.general && (
            <Alert color="yellow" variant="light" py="xs" data-testid="login-notice" data-notice={notice}>
              {t(notice === 'databaseRestored' ? 'backups.restoredNotice' : 'errors.sessionExpired')}
            </Alert>
          )}
          <FormAlert message={errors.general} testId="login-error" />
          <TextInput
            label={t('fields.email')}
            type="email"
            autoComplete="username"
            value={email}
            onChange={(e) => setEmail(e.currentTarget.value)}
            error={errors.fields['email']}
            data-testid="login-email"
            autoFocus
          />
          <PasswordInput
            label={t('fields.password')}
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.currentTarget.value)}
            error={errors.fields['password']}
            data-testid="login-password"
          />
          <Button type="submit" loading={busy} fullWidth mt="xs" data-testid="login-submit">
            {t('login.submit')}
          </Button>
        </Stack>
      </form>
    </AuthLayout>
  );
}
