// Restore with a typed confirmation: what happens (safety backup first, the database replaced, everyone signed out),
// and the red button only once the backup's id is typed exactly (the server checks the same).
import { Alert, Button, Group, List, Modal, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Backup } from '../../../shared/contract';
import { AppError } from '../../../shared/errors';
import { noc } from '../../api/client';
import { messageOf } from '../../forms/errors';
import { FormAlert } from '../../forms/FormAlert';
import { useSession } from '../../stores/session';
import { useLongDateTime } from './when';

function useExplain(): (error: unknown) => string {
  const { t } = useTranslation();
  return (error) => {
    if (error instanceof AppError && error.code === 'CONFLICT') {
      return error.details && 'safetyBackup' in error.details ? t('backups.restore.safetyFailed') : t('backups.restore.notRestorable');
    }
    if (error instanceof AppError && error.details?.fields?.some((f) => f.field === 'confirm')) return t('backups.restore.mismatch');
    return messageOf(error, t);
  };
}

export function RestoreModal({ backup, onClose }: { backup: Backup; onClose(): void }) {
  const { t } = useTranslation();
  const longDateTime = useLongDateTime();
  const explain = useExplain();
  const [typed, setTyped] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const matches = typed === backup.id;
  const time = longDateTime(backup.startedAt);

  const restore = async () => {
    if (!matches) return;
    setBusy(true);
    setError(null);
    try {
      await noc.call('backups.restore', { id: backup.id, confirm: typed });
      // Every session is signed out; the event may have done this already.
      useSession.getState().expire('databaseRestored');
    } catch (failure) {
      setError(explain(failure));
      setBusy(false);
    }
  };

  return (
    <Modal opened onClose={busy ? () => undefined : onClose} title={t('backups.restore.title')} size="lg" data-testid="restore-modal">
      <Stack gap="sm">
        <FormAlert message={error} testId="restore-error" />
        <Text size="sm" fw={600} data-testid="restore-from">
          {t('backups.restore.from', { id: backup.id, time })}
        </Text>
        <Alert color="orange" variant="light" py="xs">
          <Text size="sm" fw={600} mb={4}>
            {t('backups.restore.what')}
          </Text>
          <List type="ordered" size="sm" spacing={4}>
            <List.Item>{t('backups.restore.step1')}</List.Item>
            <List.Item>{t('backups.restore.step2', { time })}</List.Item>
            <List.Item>{t('backups.restore.step3')}</List.Item>
          </List>
        </Alert>
        <TextInput
          label={t('backups.restore.typeId')}
          description={t('backups.restore.typeIdHint', { id: backup.id })}
          value={typed}
          onChange={(e) => setTyped(e.currentTarget.value)}
          styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
          autoComplete="off"
          spellCheck={false}
          data-autofocus
          data-testid="restore-confirm-input"
        />
        <Group justify="flex-end" gap="xs">
          <Button variant="default" onClick={onClose} disabled={busy}>
            {t('common.cancel')}
          </Button>
          <Button color="red" disabled={!matches} loading={busy} onClick={() => void restore()} data-testid="restore-confirm">
            {t('backups.restore.confirm')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
