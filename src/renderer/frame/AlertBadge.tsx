// The header's open-alert counts by severity (red, orange, blue pills), live from `status.summary`; a click opens the alert center.
import { Badge, Group, UnstyledButton } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { SEVERITIES } from '../../shared/contract';
import { SEVERITY_COLORS } from '../pages/alerts/AlertBadges';
import { alertsPath } from '../pages/alerts/filters';
import { useAlertSummary } from '../pages/alerts/queries';

export function AlertBadge() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const counts = useAlertSummary().data ?? { critical: 0, warning: 0, info: 0 };
  return (
    <UnstyledButton onClick={() => void navigate(alertsPath({ status: 'open' }))} aria-label={t('alerts.badge', counts)} title={t('alerts.badge', counts)} data-testid="alert-badge">
      <Group gap={4} wrap="nowrap">
        {SEVERITIES.map((severity) => {
          const count = counts[severity];
          return (
            <Badge
              key={severity}
              size="md"
              radius="xl"
              miw={34}
              color={count > 0 ? SEVERITY_COLORS[severity] : 'gray'}
              variant={count > 0 ? 'filled' : 'light'}
              data-testid={`alert-badge-${severity}`}
              data-count={count}
            >
              {count}
            </Badge>
          );
        })}
      </Group>
    </UnstyledButton>
  );
}
