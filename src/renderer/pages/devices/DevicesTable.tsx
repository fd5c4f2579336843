// The devices table: status with "since", name, type, host and the poller that watches it, location, parent, last latency
// and loss, last check;
// edit and delete for the roles that may. Long names, locations and parents end in an ellipsis with the whole text as a
// title, so the table fits 1366 px.
import { ActionIcon, Anchor, Badge, Group, Stack, Table, Text, Tooltip } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Device } from '../../../shared/contract';
import { useMay } from '../../frame/permissions';
import { useDateTime, useLanguage } from '../../site';
import { PencilIcon, TrashIcon } from '../../ui/icons';
import { TableHeading } from '../../ui/TableHeading';
import { DeviceStatusBadge } from './DeviceBadges';
import { formatLoss, formatMs, latencyColor } from './text';

/** The poller that watches a device; a device without one is watched by this site. */
export function PollerTag({ name }: { name: string }) {
  const { t } = useTranslation();
  return (
    <Badge display="block" mt={2} size="xs" variant="outline" color="indigo" tt="none" fw={500} maw={130} title={t('pollers.via', { name })} data-testid="device-poller">
      {name}
    </Badge>
  );
}

interface Props {
  devices: Device[];
  names: Map<number, string>;
  onEdit(device: Device): void;
  onDelete(device: Device): void;
}

export function DevicesTable({ devices, names, onEdit, onDelete }: Props) {
  const { t } = useTranslation();
  const may = useMay();
  const dateTime = useDateTime();
  const language = useLanguage();
  const none = t('common.none');
  const actions = may('devices.update') || may('devices.delete');
  return (
    <Table.ScrollContainer minWidth={900} type="native">
      <Table striped highlightOnHover withTableBorder horizontalSpacing={8} data-testid="devices-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={150}>{t('devices.status')}</Table.Th>
            <Table.Th>{t('devices.name')}</Table.Th>
            <Table.Th style={{ whiteSpace: 'nowrap' }}>
              <TableHeading main={t('devices.host')} second={t('pollers.monitoredBy')} />
            </Table.Th>
            <Table.Th>
              <TableHeading main={t('devices.location')} second={t('devices.parent')} />
            </Table.Th>
            <Table.Th ta="right" style={{ whiteSpace: 'nowrap' }}>
              {t('devices.latency')}
            </Table.Th>
            {actions && <Table.Th w={76} aria-label={t('common.actions')} />}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {devices.map((device) => {
            const avg = device.lastLatencyMs?.avg ?? null;
            return (
              <Table.Tr key={device.id} data-testid="device-row" data-device-id={device.id} data-status={device.status}>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>
                  <Stack gap={0}>
                    <DeviceStatusBadge status={device.status} reason={device.statusReason} />
                    {device.statusSince && (device.status !== 'unknown' || device.statusReason === 'pollerDown') && (
                      <Text size="xs" c="dimmed" mt={2} data-testid="device-since">
                        {t('devices.since', { time: dateTime(device.statusSince) })}
                      </Text>
                    )}
                  </Stack>
                </Table.Td>
                <Table.Td>
                  <Anchor component={Link} to={`/devices/${device.id}`} size="sm" fw={600} c="dark" display="block" maw={280} truncate="end" title={device.name} data-testid="device-open">
                    {device.name}
                  </Anchor>
                  <Text size="xs" c={device.monitored ? 'dimmed' : 'orange.8'}>
                    {t(`deviceType.${device.type}`)}
                    {device.monitored ? '' : ` · ${t('devices.notMonitored')}`}
                  </Text>
                </Table.Td>
                <Table.Td ff="monospace" fz="xs" style={{ whiteSpace: 'nowrap' }}>
                  {device.host}
                  {device.pollerName !== null && <PollerTag name={device.pollerName} />}
                </Table.Td>
                <Table.Td>
                  <Text size="sm" maw={260} truncate="end" title={device.location || undefined}>
                    {device.location || none}
                  </Text>
                  {device.parentId !== null ? (
                    <Anchor component={Link} to={`/devices/${device.parentId}`} size="xs" display="block" maw={260} truncate="end" title={names.get(device.parentId)} data-testid="device-parent">
                      ↳ {names.get(device.parentId) ?? `#${device.parentId}`}
                    </Anchor>
                  ) : (
                    <Text size="xs" c="dimmed">
                      {none}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td
                  ta="right"
                  ff="monospace"
                  fz="xs"
                  c={latencyColor(avg, device.latencyWarnMs)}
                  style={{ whiteSpace: 'nowrap' }}
                  title={`${t('devices.lastCheck')}: ${device.lastCheckAt ? dateTime(device.lastCheckAt) : t('devices.never')}`}
                  data-testid="device-latency"
                >
                  {avg === null ? none : `${formatMs(avg, language)} ms`}
                  {(device.lastLossPct ?? 0) > 0 && (
                    <Text span c="red.8" ff="monospace" fz="xs" title={t('devices.loss')} data-testid="device-loss">
                      {' · '}
                      {formatLoss(device.lastLossPct, language)}%
                    </Text>
                  )}
                </Table.Td>
                {actions && (
                  <Table.Td>
                    <Group gap={4} wrap="nowrap" justify="flex-end">
                      {may('devices.update') && (
                        <Tooltip label={t('common.edit')}>
                          <ActionIcon variant="subtle" color="gray" onClick={() => onEdit(device)} aria-label={t('common.edit')} data-testid="device-edit">
                            <PencilIcon />
                          </ActionIcon>
                        </Tooltip>
                      )}
                      {may('devices.delete') && (
                        <Tooltip label={t('common.delete')}>
                          <ActionIcon variant="subtle" color="red" onClick={() => onDelete(device)} aria-label={t('common.delete')} data-testid="device-delete">
                            <TrashIcon />
                          </ActionIcon>
                        </Tooltip>
                      )}
                    </Group>
                  </Table.Td>
                )}
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
