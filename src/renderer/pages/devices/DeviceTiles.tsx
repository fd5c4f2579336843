// The tile grid: devices grouped by status (problems first), one tile per device with its latency and "since".
import { Group, Paper, SimpleGrid, Stack, Text, UnstyledButton } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { Device, DeviceStatus } from '../../../shared/contract';
import { useDateTime, useLanguage } from '../../site';
import { DEVICE_STATUS_COLORS, DeviceStatusDot } from './DeviceBadges';
import { formatLoss, formatMs } from './text';

/** Problems first: what needs a technician is at the top. */
const ORDER: readonly DeviceStatus[] = ['offline', 'unreachable', 'maintenance', 'unknown', 'online'];

function Tile({ device }: { device: Device }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const dateTime = useDateTime();
  const language = useLanguage();
  const pollerDown = device.statusReason === 'pollerDown' && device.status === 'unknown';
  const color = pollerDown ? 'yellow' : DEVICE_STATUS_COLORS[device.status];
  const avg = device.lastLatencyMs?.avg ?? null;
  const problem = device.status === 'offline' || device.status === 'unreachable';
  return (
    <UnstyledButton onClick={() => void navigate(`/devices/${device.id}`)} aria-label={t('devices.open', { name: device.name })} data-testid="device-tile" data-device-id={device.id} data-status={device.status}>
      <Paper withBorder p="xs" bg={problem ? `${color}.0` : 'white'} style={{ borderLeft: `4px solid var(--mantine-color-${color}-6)` }} h="100%">
        <Stack gap={2}>
          <Text size="sm" fw={600} truncate="end" title={device.name}>
            {device.name}
          </Text>
          <Text size="xs" c="dimmed" truncate="end" title={device.location}>
            {t(`deviceType.${device.type}`)} ·{' '}
            <Text span ff="monospace" size="xs">
              {device.host}
            </Text>
            {device.location ? ` · ${device.location}` : ''}
          </Text>
          <Group gap={6} wrap="nowrap" justify="space-between">
            <Text size="xs" fw={600} c={`${color}.8`} style={{ whiteSpace: 'nowrap' }}>
              {pollerDown ? t('pollers.deviceUnknown') : t(`deviceStatus.${device.status}`)}
            </Text>
            <Text size="xs" ff="monospace" style={{ whiteSpace: 'nowrap' }}>
              {avg !== null && device.status === 'online' ? `${formatMs(avg, language)} ms` : ''}
              {device.status === 'online' && (device.lastLossPct ?? 0) > 0 ? ` · ${formatLoss(device.lastLossPct, language)}%` : ''}
            </Text>
          </Group>
          {device.statusSince && (device.status !== 'unknown' || pollerDown) && (
            <Text size="xs" c="dimmed" truncate="end">
              {t('devices.since', { time: dateTime(device.statusSince) })}
            </Text>
          )}
        </Stack>
      </Paper>
    </UnstyledButton>
  );
}

export function DeviceTiles({ devices }: { devices: Device[] }) {
  const { t } = useTranslation();
  return (
    <Stack gap="md" data-testid="devices-tiles">
      {ORDER.map((status) => {
        const group = devices.filter((d) => d.status === status);
        if (group.length === 0) return null;
        return (
          <Stack key={status} gap={6} data-testid={`devices-tiles-${status}`}>
            <Group gap={6}>
              <DeviceStatusDot status={status} />
              <Text size="xs" fw={700} tt="uppercase" c="dimmed" lts={0.4}>
                {t(`deviceStatus.${status}`)} · {group.length}
              </Text>
            </Group>
            <SimpleGrid cols={{ base: 1, xs: 2, md: 3, lg: 4 }} spacing="xs" verticalSpacing="xs">
              {group.map((device) => (
                <Tile key={device.id} device={device} />
              ))}
            </SimpleGrid>
          </Stack>
        );
      })}
    </Stack>
  );
}
