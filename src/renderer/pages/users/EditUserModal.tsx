// Edit modal: name, email, role, active, optional new password, unlock -> users.update with only what changed.
import { Button, Checkbox, Group, Modal, PasswordInput, Select, Stack, Switch, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { operations, type OpInput, type Role, type User } from '../../../shared/contract';
import { noc } from '../../api/client';
import { FormAlert } from '../../forms/FormAlert';
import { useFormErrors } from '../../forms/useFormErrors';
import { useDateTime } from '../../site';
import { roleOptions } from './roleOptions';
import { isLocked } from './StatusBadge';

interface Props {
  user: User;
  onClose(): void;
  onSaved(user: User): void;
}

function changesOf(user: User, values: { name: string; email: string; role: Role; active: boolean; password: string; unlock: boolean }) {
  const input: OpInput<'users.update'> = { id: user.id };
  if (values.name !== user.name) input.name = values.name;
  if (values.email !== user.email) input.email = values.email;
  if (values.role !== user.role) input.role = values.role;
  if (values.active !== user.active) input.active = values.active;
  if (values.password !== '') input.password = values.password;
  if (values.unlock) input.unlock = true;
  return input;
}

export function EditUserModal({ user, onClose, onSaved }: Props) {
  const { t } = useTranslation();
  const dateTime = useDateTime();
  const errors = useFormErrors();
  const [values, setValues] = useState({ name: user.name, email: user.email, role: user.role, active: user.active, password: '', unlock: false });
  const [busy, setBusy] = useState(false);
  const locked = isLocked(user);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const input = errors.validate(operations['users.update'].input, changesOf(user, values));
    if (!input) return;
    if (Object.keys(input).length === 1) {
      onClose();
      return;
    }
    setBusy(true);
    try {
      onSaved(await noc.call('users.update', input));
    } catch (error) {
      errors.fail(error);
      setBusy(false);
    }
  };

  return (
    <Modal opened onClose={onClose} title={t('users.editTitle', { name: user.name })}>
      <form onSubmit={(e) => void submit(e)} noValidate data-testid="user-edit-form">
        <Stack gap="sm">
          <FormAlert message={errors.general} />
          <TextInput label={t('fields.name')} value={values.name} onChange={(e) => setValues({ ...values, name: e.currentTarget.value })} error={errors.fields['name']} data-testid="user-name" />
          <TextInput label={t('fields.email')} type="email" value={values.email} onChange={(e) => setValues({ ...values, email: e.currentTarget.value })} error={errors.fields['email']} data-testid="user-email" />
          <Select
            label={t('fields.role')}
            data={roleOptions(t)}
            value={values.role}
            onChange={(value) => setValues({ ...values, role: (value as Role | null) ?? user.role })}
            error={errors.fields['role']}
            data-testid="user-role"
          />
          <Switch
            label={t('fields.active')}
            checked={values.active}
            onChange={(e) => setValues({ ...values, active: e.currentTarget.checked })}
            error={errors.fields['active']}
            data-testid="user-active"
          />
          <PasswordInput
            label={t('fields.newPasswordOptional')}
            description={t('users.passwordHint')}
            autoComplete="new-password"
            value={values.password}
            onChange={(e) => setValues({ ...values, password: e.currentTarget.value })}
            error={errors.fields['password']}
            data-testid="user-password"
          />
          {locked && (
            <Checkbox
              label={t('users.unlock', { until: dateTime(user.lockedUntil) })}
              checked={values.unlock}
              onChange={(e) => setValues({ ...values, unlock: e.currentTarget.checked })}
              data-testid="user-unlock"
            />
          )}
          <Group justify="flex-end" gap="xs" mt="xs">
            <Button variant="default" onClick={onClose}>
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
