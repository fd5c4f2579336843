// Maintenance windows of a device: the list (in progress, planned, finished), schedule one, cancel one. Times are
// entered and shown in the site time zone.
import { ActionIcon, Badge, Button, Group, Paper, SimpleGrid, Stack, Table, Text, TextInput, Title, Tooltip } from '@mantine/core';
import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type MaintenanceWindow } from '../../../shared/contract';
import { noc } from '../../api/client';
import { messageOf } from '../../forms/errors';
import { DateInput } from '../../forms/DateInput';
import { FormAlert } from '../../forms/FormAlert';
import { TimeInput } from '../../forms/TimeInput';
import { callChecked, useModalForm } from '../../forms/useModalForm';
import { useMay } from '../../frame/permissions';
import { useDateTime, useSiteTimeZone } from '../../site';
import { ConfirmModal } from '../../ui/ConfirmModal';
import { FormModal } from '../../ui/FormModal';
import { TrashIcon } from '../../ui/icons';
import { refreshDevices, useDeviceMaintenance } from './queries';

const LOCAL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/;

/** A date and time typed in the site zone as an ISO instant; anything else stays as typed (the schema refuses it). */
function instantOf(date: string, time: string, timeZone: string): string {
  const m = LOCAL.exec(`${date}T${time}`);
  if (!m) return `${date} ${time}`.trim();
  return new TZDate(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), timeZone).toISOString();
}

function localOf(instant: number, timeZone: string): { date: string; time: string } {
  const local = new TZDate(instant, timeZone);
  return { date: format(local, 'yyyy-MM-dd'), time: format(local, 'HH:mm') };
}

function stateOf(window: MaintenanceWindow, now: number): 'active' | 'planned' | 'past' {
  if (Date.parse(window.endsAt) <= now) return 'past';
  return Date.parse(window.startsAt) <= now ? 'active' : 'planned';
}

const STATE_COLORS = { active: 'violet', planned: 'blue', past: 'gray' } as const;

function AddMaintenanceModal({ deviceId, onClose, onSaved }: { deviceId: number; onClose(): void; onSaved(): void }) {
  const { t } = useTranslation();
  const timeZone = useSiteTimeZone();
  const form = useModalForm(
    () => {
      const start = Math.ceil(Date.now() / 900_000) * 900_000;
      const starts = localOf(start, timeZone);
      const ends = localOf(start + 2 * 3_600_000, timeZone);
      return { startsDate: starts.date, startsTime: starts.time, endsDate: ends.date, endsTime: ends.time, reason: '' };
    },
    (values, errors) =>
      callChecked(errors, 'devices.addMaintenance', {
        id: deviceId,
        startsAt: instantOf(values.startsDate, values.startsTime, timeZone),
        endsAt: instantOf(values.endsDate, values.endsTime, timeZone),
        reason: values.reason,
      }),
    onSaved,
  );
  const { errors } = form;

  return (
    <FormModal title={t('maintenance.addTitle')} form={form} onClose={onClose} size="lg" testId="maintenance">
      <SimpleGrid cols={4} spacing="xs">
        <DateInput label={t('maintenance.startsAt')} {...form.field('startsDate')} error={errors.fields['startsAt']} data-testid="maintenance-starts-date" withAsterisk />
        <TimeInput label=" " aria-label={t('maintenance.startsAt')} {...form.field('startsTime')} error={errors.fields['startsAt'] ? ' ' : undefined} data-testid="maintenance-starts-time" />
        <DateInput label={t('maintenance.endsAt')} {...form.field('endsDate')} error={errors.fields['endsAt']} data-testid="maintenance-ends-date" withAsterisk />
        <TimeInput label=" " aria-label={t('maintenance.endsAt')} {...form.field('endsTime')} error={errors.fields['endsAt'] ? ' ' : undefined} data-testid="maintenance-ends-time" />
      </SimpleGrid>
      <TextInput label={t('maintenance.reason')} placeholder={t('maintenance.reasonPlaceholder')} {...form.text('reason')} data-testid="maintenance-reason" data-autofocus withAsterisk />
    </FormModal>
  );
}

export function MaintenanceSection({ deviceId, onNotice }: { deviceId: number; onNotice(message: string): void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const may = useMay();
  const dateTime = useDateTime();
  const windows = useDeviceMaintenance(deviceId);
  const [adding, setAdding] = useState(false);
  const [cancelling, setCancelling] = useState<MaintenanceWindow | null>(null);
  const now = Date.now();
  const items = windows.data ?? [];
  return (
    <Paper withBorder p="md" bg="white" data-testid="device-maintenance">
      <Stack gap="xs">
        <Group justify="space-between">
          <Title order={5}>{t('maintenance.title')}</Title>
          {may('devices.addMaintenance') && (
            <Button size="xs" variant="default" onClick={() => setAdding(true)} data-testid="maintenance-add">
              {t('maintenance.add')}
            </Button>
          )}
        </Group>
        <Text size="xs" c="dimmed">
          {t('maintenance.hint')}
        </Text>
        <FormAlert message={windows.isError ? messageOf(windows.error, t) : null} />
        {windows.data && items.length === 0 ? (
          <Text size="sm" c="dimmed" data-testid="maintenance-empty">
            {t('maintenance.empty')}
          </Text>
        ) : (
          <Table fz="xs" verticalSpacing={4}>
            <Table.Tbody>
              {items.map((window) => {
                const state = stateOf(window, now);
                return (
                  <Table.Tr key={window.id} data-testid="maintenance-row" data-state={state}>
                    <Table.Td w={100}>
                      <Badge color={STATE_COLORS[state]} variant={state === 'active' ? 'filled' : 'light'}>
                        {t(`maintenance.state.${state}`)}
                      </Badge>
                    </Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>
                      {dateTime(window.startsAt)} – {dateTime(window.endsAt)}
                    </Table.Td>
                    <Table.Td>
                      <Text size="xs">{window.reason}</Text>
                      <Text size="xs" c="dimmed">
                        {t('maintenance.createdBy')}: {window.createdBy}
                      </Text>
                    </Table.Td>
                    <Table.Td w={40}>
                      {may('devices.removeMaintenance') && state !== 'past' && (
                        <Tooltip label={t('maintenance.cancel')}>
                          <ActionIcon variant="subtle" color="red" onClick={() => setCancelling(window)} aria-label={t('maintenance.cancel')} data-testid="maintenance-cancel">
                            <TrashIcon />
                          </ActionIcon>
                        </Tooltip>
                      )}
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        )}
      </Stack>
      {adding && (
        <AddMaintenanceModal
          deviceId={deviceId}
          onClose={() => setAdding(false)}
          onSaved={() => {
            setAdding(false);
            onNotice(t('maintenance.added'));
            refreshDevices(queryClient);
          }}
        />
      )}
      {cancelling && (
        <ConfirmModal
          title={t('maintenance.cancelTitle')}
          text={t('maintenance.cancelConfirm', { start: dateTime(cancelling.startsAt), end: dateTime(cancelling.endsAt), reason: cancelling.reason })}
          confirmLabel={t('maintenance.cancel')}
          action={() => noc.call('devices.removeMaintenance', { id: cancelling.id })}
          onClose={() => setCancelling(null)}
          onDone={() => {
            setCancelling(null);
            onNotice(t('maintenance.cancelled'));
            refreshDevices(queryClient);
          }}
          testId="maintenance-cancel"
        />
      )}
    </Paper>
  );
}
