// Status pills and dots of devices: online green, offline red, unreachable orange, maintenance violet, unknown gray.
import { Badge, Box } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { DeviceStatus } from '../../../shared/contract';

export const DEVICE_STATUS_COLORS: Record<DeviceStatus, string> = {
  online: 'green',
  offline: 'red',
  unreachable: 'orange',
  maintenance: 'violet',
  unknown: 'gray',
};

/** A pill keeps its whole word even in a squeezed table column. */
const NO_TRUNCATE = { minWidth: 'max-content', overflow: 'visible' } as const;

export function DeviceStatusDot({ status, size = 9 }: { status: DeviceStatus; size?: number }) {
  return <Box component="span" w={size} h={size} display="inline-block" style={{ borderRadius: '50%', flex: 'none', background: `var(--mantine-color-${DEVICE_STATUS_COLORS[status]}-6)` }} />;
}

export function DeviceStatusBadge({ status, size }: { status: DeviceStatus; size?: 'sm' | 'md' | 'lg' }) {
  const { t } = useTranslation();
  return (
    <Badge
      color={DEVICE_STATUS_COLORS[status]}
      variant={status === 'offline' ? 'filled' : 'light'}
      size={size}
      leftSection={status === 'offline' ? undefined : <DeviceStatusDot status={status} size={7} />}
      style={NO_TRUNCATE}
      data-testid="device-status"
      data-status={status}
    >
      {t(`deviceStatus.${status}`)}
    </Badge>
  );
}
