// The NAS tab: the routers that ask FreeRADIUS (secret shown only as set / not set), add / edit / delete for admins,
// and the RADIUS settings below.
import { Badge, Button, Group, Loader, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Nas } from '../../../shared/contract';
import { noc } from '../../api/client';
import { messageOf } from '../../forms/errors';
import { FormAlert } from '../../forms/FormAlert';
import { useMay } from '../../frame/permissions';
import { useSiteSettings } from '../../site';
import { ConfirmModal } from '../../ui/ConfirmModal';
import { Notice } from '../../ui/Notice';
import { NasFormModal } from './NasFormModal';
import { NAS_KEY, useNasList } from './queries';
import { RadiusSettingsForm } from './RadiusSettingsForm';

type Dialog = { kind: 'create' } | { kind: 'edit'; nas: Nas } | { kind: 'delete'; nas: Nas };

export function NasPanel() {
  const { t } = useTranslation();
  const may = useMay();
  const queryClient = useQueryClient();
  const list = useNasList();
  const settings = useSiteSettings();
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [settingsNotice, setSettingsNotice] = useState<string | null>(null);
  const canEdit = may('radius.nas.update');
  const items = list.data ?? [];
  const done = (message: string) => {
    setDialog(null);
    setNotice(message);
    void queryClient.invalidateQueries({ queryKey: NAS_KEY });
  };

  return (
    <Stack gap="sm" data-testid="radius-nas">
      <Notice message={notice} onClose={() => setNotice(null)} testId="nas-notice" />
      <FormAlert message={list.isError ? messageOf(list.error, t) : null} testId="nas-error" />
      <Paper withBorder bg="white">
        <Group justify="space-between" px="md" pt="sm" pb="xs">
          <Title order={6}>{t('radius.nas.title')}</Title>
          {may('radius.nas.create') && (
            <Button size="xs" onClick={() => setDialog({ kind: 'create' })} data-testid="nas-add">
              {t('radius.nas.add')}
            </Button>
          )}
        </Group>
        {list.isPending ? (
          <Loader size="sm" m="md" />
        ) : (
          <Table striped verticalSpacing={6} data-testid="nas-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('radius.nas.name')}</Table.Th>
                <Table.Th>{t('radius.nas.address')}</Table.Th>
                <Table.Th>{t('radius.nas.vendor')}</Table.Th>
                <Table.Th ta="right">{t('radius.nas.coaPort')}</Table.Th>
                <Table.Th>{t('radius.nas.secret')}</Table.Th>
                {canEdit && <Table.Th />}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.length === 0 && (
                <Table.Tr>
                  <Table.Td colSpan={6}>
                    <Text size="sm" c="dimmed" py="sm" data-testid="nas-empty">
                      {t('radius.nas.empty')}
                    </Text>
                  </Table.Td>
                </Table.Tr>
              )}
              {items.map((nas) => (
                <Table.Tr key={nas.id} data-testid="nas-row" data-name={nas.name}>
                  <Table.Td fw={500}>{nas.name}</Table.Td>
                  <Table.Td ff="monospace" fz="sm">
                    {nas.address}
                  </Table.Td>
                  <Table.Td fz="sm">{t(`radius.vendor.${nas.vendor}`)}</Table.Td>
                  <Table.Td ta="right" ff="monospace" fz="sm">
                    {nas.coaPort}
                  </Table.Td>
                  <Table.Td>
                    <Badge color={nas.secretSet ? 'green' : 'red'} variant="light" tt="none" data-testid="nas-secret-state" data-set={nas.secretSet}>
                      {nas.secretSet ? `✓ ${t('radius.nas.secretSet')}` : t('radius.nas.secretMissing')}
                    </Badge>
                  </Table.Td>
                  {canEdit && (
                    <Table.Td>
                      <Group gap={6} justify="flex-end" wrap="nowrap">
                        <Button size="compact-sm" variant="default" onClick={() => setDialog({ kind: 'edit', nas })} data-testid="nas-edit">
                          {t('common.edit')}
                        </Button>
                        {may('radius.nas.delete') && (
                          <Button size="compact-sm" variant="light" color="red" onClick={() => setDialog({ kind: 'delete', nas })} data-testid="nas-delete">
                            {t('common.delete')}
                          </Button>
                        )}
                      </Group>
                    </Table.Td>
                  )}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Paper>
      {settings.data && <RadiusSettingsForm key={JSON.stringify(settings.data)} settings={settings.data} canEdit={may('settings.update')} notice={settingsNotice} setNotice={setSettingsNotice} />}

      {dialog?.kind === 'create' && <NasFormModal nas={null} onClose={() => setDialog(null)} onSaved={(nas) => done(t('radius.nas.created', { name: nas.name }))} />}
      {dialog?.kind === 'edit' && <NasFormModal nas={dialog.nas} onClose={() => setDialog(null)} onSaved={(nas) => done(t('radius.nas.updated', { name: nas.name }))} />}
      {dialog?.kind === 'delete' && (
        <ConfirmModal
          title={t('radius.nas.deleteTitle')}
          text={t('radius.nas.deleteConfirm', { name: dialog.nas.name, address: dialog.nas.address })}
          confirmLabel={t('common.delete')}
          action={() => noc.call('radius.nas.delete', { id: dialog.nas.id })}
          onClose={() => setDialog(null)}
          onDone={() => done(t('radius.nas.deleted', { name: dialog.nas.name }))}
          testId="nas-delete"
        />
      )}
    </Stack>
  );
}
