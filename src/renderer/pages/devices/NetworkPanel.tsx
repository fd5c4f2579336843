// The dashboard's network panel: devices by status (each linking to the filtered list), current outages with their
// affected customers (linking to the device), and the devices with the highest latency.
import { Anchor, Badge, Box, Group, Paper, SimpleGrid, Stack, Text, Title, UnstyledButton } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { DEVICE_STATUSES, type DashboardStats, type DeviceStatus } from '../../../shared/contract';
import { useDateTime, useLanguage } from '../../site';
import { useDevicesView } from '../../stores/devices';
import { DEVICE_STATUS_COLORS } from './DeviceBadges';
import { formatMs } from './text';

type Network = NonNullable<DashboardStats['network']>;

function Heading({ children }: { children: string }) {
  return (
    <Title order={6} c="dimmed" tt="uppercase" fz={11} lts={0.5}>
      {children}
    </Title>
  );
}

function StatusFigure({ status, count }: { status: DeviceStatus; count: number }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const color = DEVICE_STATUS_COLORS[status];
  const open = () => {
    const view = useDevicesView.getState();
    view.setSearch('');
    view.setType(null);
    view.setLocation(null);
    view.setStatus(status);
    if (view.layout === 'tree') view.setLayout('table');
    void navigate('/devices');
  };
  return (
    <UnstyledButton onClick={open} data-testid={`dashboard-devices-${status}`} data-count={count}>
      <Stack gap={0}>
        <Text fz={22} fw={700} lh={1.2} c={count > 0 && status !== 'online' ? `${color}.8` : count > 0 ? 'green.8' : 'dimmed'}>
          {count}
        </Text>
        <Group gap={4} wrap="nowrap">
          <Box w={7} h={7} style={{ borderRadius: '50%', background: `var(--mantine-color-${color}-6)`, flex: 'none' }} />
          <Text size="xs" c="dimmed" truncate="end">
            {t(`deviceStatus.${status}`)}
          </Text>
        </Group>
      </Stack>
    </UnstyledButton>
  );
}

export function NetworkPanel({ network }: { network: Network }) {
  const { t } = useTranslation();
  const dateTime = useDateTime();
  const language = useLanguage();
  return (
    <Paper withBorder p="md" bg="white" data-testid="dashboard-network">
      <Stack gap="sm">
        <Group justify="space-between" wrap="nowrap">
          <Heading>{t('networkPanel.title')}</Heading>
          <Anchor component={Link} to="/devices" size="xs">
            {t('networkPanel.devices', { count: network.total })}
          </Anchor>
        </Group>
        <SimpleGrid cols={5} spacing="xs">
          {DEVICE_STATUSES.map((status) => (
            <StatusFigure key={status} status={status} count={network.byStatus[status] ?? 0} />
          ))}
        </SimpleGrid>
        <Stack gap={4}>
          <Heading>{t('networkPanel.outages')}</Heading>
          {network.outages.length === 0 ? (
            <Text size="sm" c="dimmed" data-testid="dashboard-outages-empty">
              {t('networkPanel.noOutages')}
            </Text>
          ) : (
            network.outages.map((outage) => (
              <Group key={outage.deviceId} gap="sm" wrap="nowrap" py={4} style={{ borderTop: '1px solid var(--mantine-color-gray-2)' }} data-testid="dashboard-outage" data-device-id={outage.deviceId}>
                <Box w={9} h={9} style={{ borderRadius: '50%', background: 'var(--mantine-color-red-6)', flex: 'none' }} />
                <Anchor component={Link} to={`/devices/${outage.deviceId}`} size="sm" fw={600} c="dark" style={{ flex: 1, minWidth: 0 }} truncate="end">
                  {outage.name}
                </Anchor>
                <Badge color={outage.affectedCustomers > 0 ? 'red' : 'gray'} variant="light" style={{ minWidth: 'max-content', textTransform: 'none' }} data-testid="dashboard-outage-affected" data-count={outage.affectedCustomers}>
                  {t('networkPanel.affected', { count: outage.affectedCustomers })}
                </Badge>
                <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
                  {t('devices.since', { time: dateTime(outage.since) })}
                </Text>
              </Group>
            ))
          )}
        </Stack>
        <Stack gap={4}>
          <Heading>{t('networkPanel.worstLatency')}</Heading>
          {network.worstLatency.length === 0 ? (
            <Text size="sm" c="dimmed">
              {t('networkPanel.noLatency')}
            </Text>
          ) : (
            network.worstLatency.map((row) => (
              <Group key={row.deviceId} gap="sm" wrap="nowrap" py={3} style={{ borderTop: '1px solid var(--mantine-color-gray-2)' }} data-testid="dashboard-latency">
                <Anchor component={Link} to={`/devices/${row.deviceId}`} size="sm" style={{ flex: 1, minWidth: 0 }} truncate="end">
                  {row.name}
                </Anchor>
                <Text size="sm" ff="monospace" c={row.avgMs > 100 ? 'orange.8' : undefined}>
                  {formatMs(row.avgMs, language)} ms
                </Text>
              </Group>
            ))
          )}
        </Stack>
      </Stack>
    </Paper>
  );
}
