// Severity and status pills of alerts: critical red, warning orange, info blue; one colour per status.
import { Badge, Box } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { AlertStatus, Severity } from '../../../shared/contract';

export const SEVERITY_COLORS: Record<Severity, string> = { critical: 'red', warning: 'orange', info: 'blue' };
export const ALERT_STATUS_COLORS: Record<AlertStatus, string> = { open: 'red', acknowledged: 'yellow', resolved: 'gray' };

/** A pill keeps its whole word even in a squeezed table column. */
const NO_TRUNCATE = { minWidth: 'max-content', overflow: 'visible' } as const;

export function SeverityDot({ severity, size = 10 }: { severity: Severity; size?: number }) {
  return <Box component="span" w={size} h={size} display="inline-block" style={{ borderRadius: '50%', flex: 'none', background: `var(--mantine-color-${SEVERITY_COLORS[severity]}-6)` }} />;
}

export function SeverityBadge({ severity, muted = false }: { severity: Severity; muted?: boolean }) {
  const { t } = useTranslation();
  return (
    <Badge
      color={muted ? 'gray' : SEVERITY_COLORS[severity]}
      variant={severity === 'critical' && !muted ? 'filled' : 'light'}
      leftSection={<SeverityDot severity={severity} size={7} />}
      style={NO_TRUNCATE}
      data-testid="alert-severity"
      data-severity={severity}
    >
      {t(`severity.${severity}`)}
    </Badge>
  );
}

export function AlertStatusBadge({ status }: { status: AlertStatus }) {
  const { t } = useTranslation();
  return (
    <Badge color={ALERT_STATUS_COLORS[status]} variant={status === 'resolved' ? 'outline' : 'light'} style={NO_TRUNCATE} data-testid="alert-status" data-status={status}>
      {t(`alertStatus.${status}`)}
    </Badge>
  );
}
