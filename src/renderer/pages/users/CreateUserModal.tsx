// "New user" modal: name, email, password, role -> auth.register.
import { Button, Group, Modal, PasswordInput, Select, Stack, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { operations, type User } from '../../../shared/contract';
import { noc } from '../../api/client';
import { FormAlert } from '../../forms/FormAlert';
import { useFormErrors } from '../../forms/useFormErrors';
import { roleOptions } from './roleOptions';

const EMPTY = { name: '', email: '', password: '', role: 'staff' };

export function CreateUserModal({ opened, onClose, onCreated }: { opened: boolean; onClose(): void; onCreated(user: User): void }) {
  const { t } = useTranslation();
  const errors = useFormErrors();
  const [values, setValues] = useState(EMPTY);
  const [busy, setBusy] = useState(false);
  const set = (key: keyof typeof EMPTY, value: string) => setValues((v) => ({ ...v, [key]: value }));

  const close = () => {
    setValues(EMPTY);
    errors.clear();
    onClose();
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const input = errors.validate(operations['auth.register'].input, values);
    if (!input) return;
    setBusy(true);
    try {
      const user = await noc.call('auth.register', input);
      setValues(EMPTY);
      onCreated(user);
    } catch (error) {
      errors.fail(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal opened={opened} onClose={close} title={t('users.createTitle')}>
      <form onSubmit={(e) => void submit(e)} noValidate data-testid="user-create-form">
        <Stack gap="sm">
          <FormAlert message={errors.general} />
          <TextInput label={t('fields.name')} value={values.name} onChange={(e) => set('name', e.currentTarget.value)} error={errors.fields['name']} data-testid="user-name" data-autofocus />
          <TextInput label={t('fields.email')} type="email" value={values.email} onChange={(e) => set('email', e.currentTarget.value)} error={errors.fields['email']} data-testid="user-email" />
          <PasswordInput
            label={t('fields.password')}
            description={t('validation.min8')}
            autoComplete="new-password"
            value={values.password}
            onChange={(e) => set('password', e.currentTarget.value)}
            error={errors.fields['password']}
            data-testid="user-password"
          />
          <Select
            label={t('fields.role')}
            data={roleOptions(t)}
            value={values.role}
            onChange={(value) => set('role', value ?? 'staff')}
            error={errors.fields['role']}
            data-testid="user-role"
            comboboxProps={{ withinPortal: true }}
          />
          <Group justify="flex-end" gap="xs" mt="xs">
            <Button variant="default" onClick={close}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={busy} data-testid="user-save">
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
