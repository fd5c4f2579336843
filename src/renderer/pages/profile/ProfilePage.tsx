// Profile: your own name and email -> auth.updateProfile; how you hear about alerts (NotifyForm).
import { Alert, Button, Group, Paper, Stack, Text, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { operations, type OpInput } from '../../../shared/contract';
import { noc } from '../../api/client';
import { FormAlert } from '../../forms/FormAlert';
import { useFormErrors } from '../../forms/useFormErrors';
import { useSession } from '../../stores/session';
import { NotifyForm } from './NotifyForm';

export function ProfilePage() {
  const { t } = useTranslation();
  const user = useSession((s) => s.user);
  const setUser = useSession((s) => s.setUser);
  const errors = useFormErrors();
  const [values, setValues] = useState({ name: user?.name ?? '', email: user?.email ?? '' });
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState(false);
  if (!user) return null;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    const changes: OpInput<'auth.updateProfile'> = {};
    if (values.name !== user.name) changes.name = values.name;
    if (values.email !== user.email) changes.email = values.email;
    const input = errors.validate(operations['auth.updateProfile'].input, changes);
    if (!input) return;
    setBusy(true);
    try {
      const updated = await noc.call('auth.updateProfile', input);
      setUser(updated);
      setValues({ name: updated.name, email: updated.email });
      setSaved(true);
    } catch (error) {
      errors.fail(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Stack gap="md">
      <Paper withBorder p="lg" maw={620}>
        <form onSubmit={(e) => void submit(e)} noValidate data-testid="profile-form">
          <Stack gap="sm">
            <Text size="sm" c="dimmed">
              {t('profile.intro')}
            </Text>
            {saved && (
              <Alert color="green" variant="light" py="xs" data-testid="profile-saved">
                {t('common.saved')}
              </Alert>
            )}
            <FormAlert message={errors.general} />
            <TextInput label={t('fields.name')} value={values.name} onChange={(e) => setValues({ ...values, name: e.currentTarget.value })} error={errors.fields['name']} data-testid="profile-name" />
            <TextInput label={t('fields.email')} type="email" value={values.email} onChange={(e) => setValues({ ...values, email: e.currentTarget.value })} error={errors.fields['email']} data-testid="profile-email" />
            <TextInput label={t('fields.role')} value={t(`roles.${user.role}`)} disabled />
            <Group justify="flex-end">
              <Button type="submit" loading={busy} data-testid="profile-save">
                {t('common.save')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Paper>
      <NotifyForm accountEmail={user.email} />
    </Stack>
  );
}
