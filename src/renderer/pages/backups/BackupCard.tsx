// The admin dashboard's backup card: the last good backup (time and age), orange after 26 h, red after 48 h or when
// the last backup failed, and the way to Settings → Backups.
import { Anchor, Box, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { DashboardStats } from '../../../shared/contract';
import { FRESHNESS_COLORS, freshnessOf } from './freshness';
import { useAgo, useLongDateTime } from './when';

export function BackupCard({ backups }: { backups: NonNullable<DashboardStats['backups']> }) {
  const { t } = useTranslation();
  const longDateTime = useLongDateTime();
  const ago = useAgo();
  const freshness = freshnessOf(backups.lastVerifiedAt, backups.lastFailedAt !== null);
  const color = FRESHNESS_COLORS[freshness];
  return (
    <Paper withBorder p="md" bg="white" style={{ borderLeft: `4px solid var(--mantine-color-${color}-6)` }} data-testid="dashboard-backups" data-freshness={freshness}>
      <Group justify="space-between" mb="xs" wrap="nowrap">
        <Title order={6} c="dimmed" tt="uppercase" fz={11} lts={0.5}>
          {t('backups.card.title')}
        </Title>
        <Anchor component={Link} to="/settings/backups" size="xs" data-testid="dashboard-backups-link">
          {t('backups.card.open')} →
        </Anchor>
      </Group>
      <Group gap="sm" wrap="nowrap" align="flex-start">
        <Box w={10} h={10} mt={6} style={{ flex: 'none', borderRadius: '50%', background: `var(--mantine-color-${color}-6)` }} />
        <Stack gap={2} style={{ minWidth: 0 }}>
          {backups.lastVerifiedAt ? (
            <>
              <Text size="xs" c="dimmed">
                {t('backups.card.lastGood')}
              </Text>
              <Text size="sm" fw={600} c={`${color}.8`} data-testid="dashboard-backups-time">
                {longDateTime(backups.lastVerifiedAt)}
              </Text>
              <Text size="xs" c="dimmed" data-testid="dashboard-backups-age">
                {ago(backups.lastVerifiedAt)}
                {backups.lastVerifiedId && (
                  <Text span size="xs" ff="monospace" ml={6}>
                    {backups.lastVerifiedId}
                  </Text>
                )}
              </Text>
            </>
          ) : (
            <Text size="sm" fw={600} c="red.8" data-testid="dashboard-backups-time">
              {t('backups.card.none')}
            </Text>
          )}
          {backups.lastFailedAt && (
            <Text size="xs" c="red.8" fw={500} data-testid="dashboard-backups-failed">
              {t('backups.card.failed', { time: longDateTime(backups.lastFailedAt) })}
            </Text>
          )}
          {!backups.enabled && (
            <Text size="xs" c="orange.8" data-testid="dashboard-backups-off">
              {t('backups.card.off')}
            </Text>
          )}
        </Stack>
      </Group>
    </Paper>
  );
}
