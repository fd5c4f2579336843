// Status pills and dots of devices: online green, offline red, unreachable orange, maintenance violet, unknown gray;
// unknown because the device's poller is down: amber, and says so.
import { Badge, Box } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Device, DeviceStatus } from '../../../shared/contract';

export const DEVICE_STATUS_COLORS: Record<DeviceStatus, string> = {
  online: 'green',
  offline: 'red',
  unreachable: 'orange',
  maintenance: 'violet',
  unknown: 'gray',
};

/** A pill keeps its whole word even in a squeezed table column. */
const NO_TRUNCATE = { minWidth: 'max-content', overflow: 'visible' } as const;

export function DeviceStatusDot({ status, size = 9, color }: { status: DeviceStatus; size?: number; color?: string }) {
  return <Box component="span" w={size} h={size} display="inline-block" style={{ borderRadius: '50%', flex: 'none', background: `var(--mantine-color-${color ?? DEVICE_STATUS_COLORS[status]}-6)` }} />;
}

export function DeviceStatusBadge({ status, reason = null, size }: { status: DeviceStatus; reason?: Device['statusReason']; size?: 'sm' | 'md' | 'lg' }) {
  const { t } = useTranslation();
  const pollerDown = status === 'unknown' && reason === 'pollerDown';
  return (
    <Badge
      color={pollerDown ? 'yellow' : DEVICE_STATUS_COLORS[status]}
      variant={status === 'offline' ? 'filled' : 'light'}
      size={size}
      leftSection={status === 'offline' ? undefined : <DeviceStatusDot status={status} size={7} color={pollerDown ? 'yellow' : undefined} />}
      style={NO_TRUNCATE}
      data-testid="device-status"
      data-status={status}
      data-reason={reason ?? undefined}
    >
      {pollerDown ? t('pollers.deviceUnknown') : t(`deviceStatus.${status}`)}
    </Badge>
  );
}
