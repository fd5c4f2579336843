// The network-wide event log (like LibreNMS's eventlog): every device's log lines, newest first, filtered by device,
// event, new status and a date range (site days), each line in the reader's language. It follows the live events:
// every status change and monitor sweep refetches it (src/renderer/pages/devices/live.ts invalidates ['devices', …]),
// so it does not poll.
import { Group, Paper, Select, Stack, Table, Text, Title } from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { DEVICE_LOG_EVENTS, DEVICE_STATUSES, type DeviceStatus } from '../../../shared/contract';
import { noc } from '../../api/client';
import { messageOf } from '../../forms/errors';
import { FormAlert } from '../../forms/FormAlert';
import { formatNumber } from '../../format';
import { useDateTime, useLanguage, useMessage, useSiteTimeZone } from '../../site';
import { DateInput } from '../../forms/DateInput';
import { addDaysIso, startOfDateInZone } from '../../../shared/dates';
import { ListFooter } from '../../ui/ListFooter';

const PAGE_SIZE = 50;

type EventKind = (typeof DEVICE_LOG_EVENTS)[number];

export function EventLogPage() {
  const { t } = useTranslation();
  const render = useMessage();
  const dateTime = useDateTime();
  const language = useLanguage();
  const [deviceId, setDeviceId] = useState<number | undefined>();
  const [event, setEvent] = useState<EventKind | undefined>();
  const [status, setStatus] = useState<DeviceStatus | undefined>();
  const [fromDate, setFromDate] = useState('');
  const [toDate, setToDate] = useState('');
  const [page, setPage] = useState(1);
  const timeZone = useSiteTimeZone();
  // Whole site days: from the start of `fromDate` to the end of `toDate` in the site time zone.
  const rangeError = fromDate && toDate && toDate < fromDate ? t('eventLog.toBeforeFrom') : null;
  const from = fromDate ? startOfDateInZone(fromDate, timeZone).toISOString() : undefined;
  const to = toDate && !rangeError ? startOfDateInZone(addDaysIso(toDate, 1), timeZone).toISOString() : undefined;
  const query = { deviceId, event, status, from, to, page, pageSize: PAGE_SIZE };
  const list = useQuery({
    queryKey: ['devices', 'events', query],
    queryFn: () => noc.call('devices.events', query),
    placeholderData: keepPreviousData,
    enabled: !rangeError,
  });
  const devices = useQuery({ queryKey: ['devices', 'events', 'names'], queryFn: () => noc.call('devices.list', { page: 1, pageSize: 5000 }) });
  const items = list.data?.items ?? [];

  return (
    <Stack gap="sm" data-testid="event-log-page">
      <Title order={3}>{t('eventLog.title')}</Title>
      <Group gap="xs" wrap="wrap">
        <Select
          size="xs" w={240} searchable clearable placeholder={t('eventLog.allDevices')} aria-label={t('eventLog.device')} data-testid="event-log-device"
          data={(devices.data?.items ?? []).map((d) => ({ value: String(d.id), label: d.name }))}
          value={deviceId === undefined ? null : String(deviceId)}
          onChange={(v) => { setPage(1); setDeviceId(v ? Number(v) : undefined); }}
        />
        <Select
          size="xs" w={180} clearable placeholder={t('eventLog.allEvents')} aria-label={t('eventLog.event')} data-testid="event-log-event"
          data={DEVICE_LOG_EVENTS.map((e) => ({ value: e, label: t(`eventLog.kind.${e}`) }))}
          value={event ?? null}
          onChange={(v) => { setPage(1); setEvent((v as EventKind | null) ?? undefined); }}
        />
        <Select
          size="xs" w={180} clearable placeholder={t('eventLog.allStatuses')} aria-label={t('devices.status')} data-testid="event-log-status"
          data={DEVICE_STATUSES.map((s) => ({ value: s, label: t(`deviceStatus.${s}`) }))}
          value={status ?? null}
          onChange={(v) => { setPage(1); setStatus((v as DeviceStatus | null) ?? undefined); }}
        />
        <Text size="xs" c="dimmed">{t('eventLog.from')}</Text>
        <DateInput size="xs" w={120} aria-label={t('eventLog.from')} value={fromDate} onChange={(v) => { setPage(1); setFromDate(v); }} data-testid="event-log-from" />
        <Text size="xs" c="dimmed">{t('eventLog.to')}</Text>
        <DateInput size="xs" w={120} aria-label={t('eventLog.to')} value={toDate} error={rangeError} onChange={(v) => { setPage(1); setToDate(v); }} data-testid="event-log-to" />
      </Group>
      <FormAlert message={list.isError ? messageOf(list.error, t) : null} />
      <Paper withBorder>
        <Table striped highlightOnHover verticalSpacing={4} fz="sm" data-testid="event-log-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={190}>{t('eventLog.at')}</Table.Th>
              <Table.Th w={220}>{t('eventLog.device')}</Table.Th>
              <Table.Th w={170}>{t('eventLog.event')}</Table.Th>
              <Table.Th>{t('eventLog.message')}</Table.Th>
              <Table.Th w={90} ta="right">{t('eventLog.latency')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((entry) => (
              <Table.Tr key={entry.id} data-testid="event-log-entry" data-event={entry.event}>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>{dateTime(entry.at)}</Table.Td>
                <Table.Td>
                  <Link to={`/devices/${entry.deviceId}`}>{entry.deviceName}</Link>{' '}
                  <Text span size="xs" c="dimmed">{entry.deviceHost}</Text>
                </Table.Td>
                <Table.Td>{t(`eventLog.kind.${entry.event as EventKind}`, { defaultValue: entry.event })}</Table.Td>
                <Table.Td data-testid="event-log-message">{render(entry.text)}</Table.Td>
                <Table.Td ta="right">{entry.latencyMs === null ? '' : `${formatNumber(entry.latencyMs, language)} ms`}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        {list.isSuccess && items.length === 0 && (
          <Text size="sm" c="dimmed" p="sm">{t('eventLog.empty')}</Text>
        )}
      </Paper>
      <ListFooter data={list.data} onPage={setPage} testId="event-log-footer" />
    </Stack>
  );
}
