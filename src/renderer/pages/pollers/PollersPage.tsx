// The Pollers screen (admin, technician): the remote pollers with their state and figures, live; admins add one
// (its key shown once) and revoke one.
import { Button, Group, Loader, Paper, Stack, Text } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Poller } from '../../../shared/contract';
import { noc } from '../../api/client';
import { messageOf } from '../../forms/errors';
import { FormAlert } from '../../forms/FormAlert';
import { useMay } from '../../frame/permissions';
import { ConfirmModal } from '../../ui/ConfirmModal';
import { Notice } from '../../ui/Notice';
import { refreshDevices } from '../devices/queries';
import { AddPollerModal, PollerKeyModal } from './AddPollerModal';
import { PollersTable } from './PollersTable';
import { refreshPollers, usePollers } from './queries';

type Dialog = { kind: 'create' } | { kind: 'key'; poller: Poller; key: string } | { kind: 'revoke'; poller: Poller };

export function PollersPage() {
  const { t } = useTranslation();
  const may = useMay();
  const queryClient = useQueryClient();
  const list = usePollers({ live: true });
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const pollers = list.data ?? [];

  return (
    <Stack gap="sm" maw={1400} data-testid="pollers-page">
      <Group justify="space-between" wrap="nowrap" align="flex-start" gap="sm">
        <Text size="sm" c="dimmed" maw={760}>
          {t('pollers.intro')}
        </Text>
        {may('pollers.create') && (
          <Button onClick={() => setDialog({ kind: 'create' })} style={{ flex: 'none' }} data-testid="poller-add">
            {t('pollers.add')}
          </Button>
        )}
      </Group>
      <Notice message={notice} onClose={() => setNotice(null)} testId="pollers-notice" />
      <FormAlert message={list.isError ? messageOf(list.error, t) : null} testId="pollers-error" />
      <Paper bg="white">
        {list.isPending ? (
          <Loader size="sm" m="md" />
        ) : pollers.length === 0 ? (
          <Text size="sm" c="dimmed" ta="center" py="lg" data-testid="pollers-empty">
            {t('pollers.empty')}
          </Text>
        ) : (
          <PollersTable pollers={pollers} onRevoke={may('pollers.revoke') ? (poller) => setDialog({ kind: 'revoke', poller }) : undefined} />
        )}
      </Paper>

      {dialog?.kind === 'create' && (
        <AddPollerModal
          onClose={() => setDialog(null)}
          onCreated={({ poller, key }) => {
            setDialog({ kind: 'key', poller, key });
            setNotice(t('pollers.created', { name: poller.name }));
            refreshPollers(queryClient);
          }}
        />
      )}
      {dialog?.kind === 'key' && <PollerKeyModal poller={dialog.poller} pollerKey={dialog.key} onClose={() => setDialog(null)} />}
      {dialog?.kind === 'revoke' && (
        <ConfirmModal
          title={t('pollers.revokeTitle')}
          text={t('pollers.revokeConfirm', { name: dialog.poller.name, count: dialog.poller.devices })}
          confirmLabel={t('pollers.revoke')}
          action={() => noc.call('pollers.revoke', { id: dialog.poller.id })}
          onClose={() => setDialog(null)}
          onDone={() => {
            setNotice(t('pollers.revoked', { name: dialog.poller.name }));
            setDialog(null);
            refreshPollers(queryClient);
            refreshDevices(queryClient);
          }}
          testId="poller-revoke"
        />
      )}
    </Stack>
  );
}
