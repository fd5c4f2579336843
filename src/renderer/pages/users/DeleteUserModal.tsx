// Delete confirmation: names the user; a refusal (last admin, yourself) is shown in the modal.
import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { User } from '../../../shared/contract';
import { noc } from '../../api/client';
import { messageOf } from '../../forms/errors';
import { FormAlert } from '../../forms/FormAlert';

export function DeleteUserModal({ user, onClose, onDeleted }: { user: User; onClose(): void; onDeleted(user: User): void }) {
  const { t } = useTranslation();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const confirm = async () => {
    setBusy(true);
    try {
      await noc.call('users.delete', { id: user.id });
      onDeleted(user);
    } catch (failure) {
      setError(messageOf(failure, t));
      setBusy(false);
    }
  };

  return (
    <Modal opened onClose={onClose} title={t('users.deleteTitle')} size="sm">
      <Stack gap="sm">
        <FormAlert message={error} testId="delete-error" />
        <Text size="sm">{t('users.deleteConfirm', { name: user.name, email: user.email })}</Text>
        <Group justify="flex-end" gap="xs">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button color="red" loading={busy} onClick={() => void confirm()} data-testid="user-delete-confirm">
            {t('common.delete')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
