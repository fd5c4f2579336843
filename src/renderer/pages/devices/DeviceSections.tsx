// Cards of the device detail: monitoring details, the devices below it, the network log and the affected customers.
import { Anchor, Badge, Group, Paper, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Device } from '../../../shared/contract';
import { messageOf } from '../../forms/errors';
import { FormAlert } from '../../forms/FormAlert';
import { useDateTime, useLanguage, useMessage } from '../../site';
import { ListFooter } from '../../ui/ListFooter';
import { DeviceStatusBadge } from './DeviceBadges';
import { ALL_DEVICES, useDeviceCustomers, useDeviceLogs, useDevicesList } from './queries';
import { formatLoss, formatMs } from './text';

const LOG_PAGE = 15;

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Stack gap={0}>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600} lts={0.3}>
        {label}
      </Text>
      <Text size="sm" component="div">
        {children}
      </Text>
    </Stack>
  );
}

export function DetailsCard({ device, parentName }: { device: Device; parentName: string | null }) {
  const { t } = useTranslation();
  const dateTime = useDateTime();
  const language = useLanguage();
  const none = t('common.none');
  const last = device.lastLatencyMs;
  return (
    <Paper withBorder p="md" bg="white" data-testid="device-details">
      <Stack gap="sm">
        <Title order={5}>{t('devices.details')}</Title>
        <SimpleGrid cols={2} spacing="sm" verticalSpacing="sm">
          <Field label={t('devices.parent')}>
            {device.parentId !== null ? (
              <Anchor component={Link} to={`/devices/${device.parentId}`} size="sm" data-testid="device-parent-link">
                {parentName ?? `#${device.parentId}`}
              </Anchor>
            ) : (
              t('devices.noParent')
            )}
          </Field>
          <Field label={t('pollers.monitoredBy')}>
            <span data-testid="device-monitored-by">{device.pollerName ?? t('pollers.thisSite')}</span>
          </Field>
          <Field label={t('devices.lastCheck')}>{device.lastCheckAt ? dateTime(device.lastCheckAt) : t('devices.never')}</Field>
          <Field label={t('devices.latency')}>
            <Text size="sm" ff="monospace">
              {last ? `${formatMs(last.avg, language)} ms (${formatMs(last.min, language)}–${formatMs(last.max, language)})` : none}
            </Text>
          </Field>
          <Field label={t('devices.loss')}>
            <Text size="sm" ff="monospace" c={(device.lastLossPct ?? 0) > 0 ? 'red.8' : undefined}>
              {device.lastLossPct === null ? none : `${formatLoss(device.lastLossPct, language)}%`}
            </Text>
          </Field>
          <Field label={t('devices.monitoring')}>
            {device.monitored ? `${device.intervalSec} s · ${device.echoCount} × ping · ${device.timeoutMs} ms` : t('devices.notMonitored')}
          </Field>
          <Field label={t('devices.failThreshold')}>{device.failThreshold}</Field>
          <Field label={t('devices.latencyWarnMs')}>{device.latencyWarnMs ?? none}</Field>
          <Field label={t('devices.lossWarnPct')}>{device.lossWarnPct ?? none}</Field>
        </SimpleGrid>
        {device.notes && (
          <Field label={t('devices.notes')}>
            <span style={{ whiteSpace: 'pre-line' }}>{device.notes}</span>
          </Field>
        )}
      </Stack>
    </Paper>
  );
}

export function ChildrenCard({ deviceId }: { deviceId: number }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const children = useDevicesList({ parentId: deviceId, page: 1, pageSize: ALL_DEVICES });
  const items = children.data?.items ?? [];
  return (
    <Paper withBorder p="md" bg="white" data-testid="device-children">
      <Stack gap="xs">
        <Group justify="space-between">
          <Title order={5}>{t('devices.children')}</Title>
          {items.length > 0 && (
            <Text size="xs" c="dimmed">
              {t('devices.total', { count: items.length })}
            </Text>
          )}
        </Group>
        {children.data && items.length === 0 && (
          <Text size="sm" c="dimmed">
            {t('devices.noChildren')}
          </Text>
        )}
        {items.map((child) => (
          <Group key={child.id} gap="sm" wrap="nowrap" py={4} style={{ borderTop: '1px solid var(--mantine-color-gray-2)' }} data-testid="device-child">
            <DeviceStatusBadge status={child.status} reason={child.statusReason} />
            <Stack gap={0} style={{ flex: 1, minWidth: 0 }}>
              <Anchor component={Link} to={`/devices/${child.id}`} size="sm" fw={500}>
                {child.name}
              </Anchor>
              <Text size="xs" c="dimmed">
                {t(`deviceType.${child.type}`)} · <Text span ff="monospace" size="xs">{child.host}</Text>
              </Text>
            </Stack>
            {child.lastLatencyMs && child.status === 'online' && (
              <Text size="xs" ff="monospace" ta="right" style={{ whiteSpace: 'nowrap' }}>
                {formatMs(child.lastLatencyMs.avg, language)} ms
              </Text>
            )}
          </Group>
        ))}
      </Stack>
    </Paper>
  );
}

export function LogCard({ deviceId }: { deviceId: number }) {
  const { t } = useTranslation();
  const render = useMessage();
  const dateTime = useDateTime();
  const language = useLanguage();
  const [page, setPage] = useState(1);
  const logs = useDeviceLogs(deviceId, page, LOG_PAGE);
  const items = logs.data?.items ?? [];
  return (
    <Paper withBorder p="md" bg="white" data-testid="device-log">
      <Stack gap="xs">
        <Title order={5}>{t('devices.log')}</Title>
        <FormAlert message={logs.isError ? messageOf(logs.error, t) : null} />
        {logs.data && items.length === 0 ? (
          <Text size="sm" c="dimmed" data-testid="device-log-empty">
            {t('devices.logEmpty')}
          </Text>
        ) : (
          <Table fz="xs" verticalSpacing={4} striped>
            <Table.Tbody>
              {items.map((entry, index) => (
                <Table.Tr key={`${entry.at}-${index}`} data-testid="device-log-entry" data-event={entry.event}>
                  <Table.Td style={{ whiteSpace: 'nowrap' }} c="dimmed" w={150}>
                    {dateTime(entry.at)}
                  </Table.Td>
                  <Table.Td w={100}>
                    <Badge color={entry.event === 'status' ? 'blue' : 'gray'} variant="light" style={{ minWidth: 'max-content' }}>
                      {t(`devices.logEvent.${entry.event === 'check' ? 'check' : 'status'}`)}
                    </Badge>
                  </Table.Td>
                  <Table.Td data-testid="device-log-message">{render(entry.text)}</Table.Td>
                  <Table.Td ta="right" ff="monospace" style={{ whiteSpace: 'nowrap' }}>
                    {[entry.latencyMs !== null ? `${formatMs(entry.latencyMs, language)} ms` : null, entry.lossPct ? `${formatLoss(entry.lossPct, language)}%` : null].filter(Boolean).join(' · ')}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
        <ListFooter data={logs.data} onPage={setPage} testId="device-log" />
      </Stack>
    </Paper>
  );
}

/** The customers below a device: "affected" only while it is down; an online router's are just downstream. */
export function CustomersCard({ deviceId, names, down }: { deviceId: number; names: Map<number, string>; down: boolean }) {
  const { t } = useTranslation();
  const customers = useDeviceCustomers(deviceId);
  const items = customers.data ?? [];
  const distinct = new Set(items.map((c) => c.customerId)).size;
  return (
    <Paper withBorder p="md" bg="white" data-testid="device-customers">
      <Stack gap="xs">
        <Group justify="space-between">
          <Title order={5} data-testid="device-customers-title">
            {t(down ? 'downstream.affected' : 'downstream.title')}
          </Title>
          {distinct > 0 && (
            <Badge color={down ? 'red' : 'blue'} variant="light" data-testid="device-customers-count" data-count={distinct}>
              {distinct}
            </Badge>
          )}
        </Group>
        <Text size="xs" c="dimmed">
          {t('devices.customersHint')}
        </Text>
        <FormAlert message={customers.isError ? messageOf(customers.error, t) : null} />
        {customers.data && items.length === 0 ? (
          <Text size="sm" c="dimmed" data-testid="device-customers-empty">
            {t('devices.customersEmpty')}
          </Text>
        ) : (
          <Table fz="xs" verticalSpacing={4}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('devices.customer')}</Table.Th>
                <Table.Th>{t('devices.phone')}</Table.Th>
                <Table.Th>{t('devices.subscription')}</Table.Th>
                <Table.Th>{t('devices.via')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((c) => (
                <Table.Tr key={`${c.customerId}-${c.subscriptionId}`} data-testid="device-customer">
                  <Table.Td>
                    <Anchor component={Link} to={`/customers/${c.customerId}`} size="xs">
                      <Text span ff="monospace" size="xs">
                        {c.code}
                      </Text>{' '}
                      {c.name}
                    </Anchor>
                  </Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>
                    <Anchor href={`tel:${c.phone}`} size="xs">
                      {c.phone}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>#{c.subscriptionId}</Table.Td>
                  <Table.Td>
                    {c.viaDeviceId === deviceId ? (
                      t('devices.direct')
                    ) : (
                      <Anchor component={Link} to={`/devices/${c.viaDeviceId}`} size="xs">
                        {names.get(c.viaDeviceId) ?? `#${c.viaDeviceId}`}
                      </Anchor>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Stack>
    </Paper>
  );
}
