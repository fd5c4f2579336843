// Availability over 24 h / 7 d / 30 d (computed by the server from the state history) and the heartbeat strip of the
// last checks; both are keyed under the devices, so every sweep's live event refreshes them.
import { Box, Group, Paper, SimpleGrid, Stack, Text, Title, Tooltip } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Availability, Heartbeat } from '../../../shared/contract';
import { formatDuration, formatLongDateTime, formatPercent } from '../../format';
import { useLanguage, useSiteTimeZone } from '../../site';
import { useDeviceAvailability, useDeviceHeartbeat } from './queries';
import { formatLoss, formatMs } from './text';

export const HEARTBEAT_COLOR: Record<Heartbeat['kind'], string> = {
  up: 'var(--mantine-color-green-6)',
  degraded: 'var(--mantine-color-orange-5)',
  down: 'var(--mantine-color-red-6)',
  unknown: 'var(--mantine-color-gray-4)',
};

function AvailabilityFigure({ window }: { window: Availability }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const color = window.pct === null ? 'dimmed' : window.pct >= 99.5 ? 'green.8' : window.pct >= 95 ? 'orange.8' : 'red.7';
  const detail = t('availability.detail', {
    up: formatDuration(window.upSec, language),
    down: formatDuration(window.downSec, language),
    excluded: formatDuration(window.excludedSec, language),
  });
  return (
    <Tooltip label={detail} withArrow>
      <Box data-testid={`availability-${window.window}`} data-pct={window.pct ?? ''}>
        <Text size="xs" c="dimmed">
          {t(`availability.${window.window}`)}
        </Text>
        <Text fw={600} size="lg" c={color} style={{ whiteSpace: 'nowrap' }}>
          {window.pct === null ? t('availability.none') : `${formatPercent(window.pct, language)}%`}
        </Text>
      </Box>
    </Tooltip>
  );
}

function HeartbeatStrip({ beats }: { beats: Heartbeat[] }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const timeZone = useSiteTimeZone();
  if (beats.length === 0) {
    return (
      <Text size="sm" c="dimmed" data-testid="heartbeat-empty">
        {t('heartbeat.empty')}
      </Text>
    );
  }
  const tip = (beat: Heartbeat) => {
    const time = formatLongDateTime(beat.at, language, timeZone) ?? '';
    const kind = t(`heartbeat.kind.${beat.kind}`);
    if (beat.latencyMs === null) return t('heartbeat.noReply', { time, kind });
    return t('heartbeat.tip', { time, kind, latency: `${formatMs(beat.latencyMs, language)} ms`, loss: `${formatLoss(beat.lossPct, language)}%` });
  };
  return (
    <Group gap={3} wrap="nowrap" data-testid="heartbeat" data-count={beats.length} aria-label={t('heartbeat.count', { count: beats.length })}>
      {beats.map((beat) => (
        <Tooltip key={beat.at} label={tip(beat)} withArrow openDelay={50}>
          <Box w={8} h={26} data-kind={beat.kind} data-at={beat.at} style={{ background: HEARTBEAT_COLOR[beat.kind], borderRadius: 2, flex: '0 0 auto' }} />
        </Tooltip>
      ))}
    </Group>
  );
}

export function HealthCard({ deviceId }: { deviceId: number }) {
  const { t } = useTranslation();
  const availability = useDeviceAvailability(deviceId);
  const heartbeat = useDeviceHeartbeat(deviceId);
  const beats = heartbeat.data ?? [];
  return (
    <Paper withBorder p="md" bg="white" data-testid="device-health">
      <Group justify="space-between" align="flex-start" wrap="wrap" gap="lg">
        <Stack gap={6} style={{ minWidth: 0 }}>
          <Group gap="sm">
            <Title order={5}>{t('heartbeat.title')}</Title>
            {beats.length > 0 && (
              <Text size="xs" c="dimmed">
                {t('heartbeat.count', { count: beats.length })}
              </Text>
            )}
          </Group>
          <HeartbeatStrip beats={beats} />
          <Group gap="md">
            {(['up', 'degraded', 'down', 'unknown'] as const).map((kind) => (
              <Group key={kind} gap={5} wrap="nowrap">
                <Box w={9} h={9} style={{ background: HEARTBEAT_COLOR[kind], borderRadius: 2 }} />
                <Text size="xs" c="dimmed">
                  {t(`heartbeat.kind.${kind}`)}
                </Text>
              </Group>
            ))}
          </Group>
        </Stack>
        <Stack gap={4}>
          <Tooltip label={t('availability.hint')} multiline w={320} withArrow>
            <Title order={5} style={{ cursor: 'help' }}>
              {t('availability.title')}
            </Title>
          </Tooltip>
          <SimpleGrid cols={3} spacing="lg" data-testid="availability">
            {(availability.data ?? []).map((w) => (
              <AvailabilityFigure key={w.window} window={w} />
            ))}
          </SimpleGrid>
        </Stack>
      </Group>
    </Paper>
  );
}
