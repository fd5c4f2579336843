// The top of Settings → Backups: the last verified backup and its age, the next scheduled run, the folder, and
// "Back up now".
import { Button, Group, Paper, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { BackupList } from '../../../shared/contract';
import { FRESHNESS_COLORS, freshnessOf } from './freshness';
import { useAgo, useLongDateTime } from './when';

function Fact({ label, children, testId, grow }: { label: string; children: ReactNode; testId: string; grow?: boolean }) {
  return (
    <Stack gap={2} data-testid={testId} style={grow ? { flex: 1, minWidth: 0 } : { flex: 'none' }}>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600} lts={0.4}>
        {label}
      </Text>
      {children}
    </Stack>
  );
}

interface Props {
  list: BackupList | undefined;
  busy: boolean;
  onBackUp(): void;
}

export function BackupsSummary({ list, busy, onBackUp }: Props) {
  const { t } = useTranslation();
  const longDateTime = useLongDateTime();
  const ago = useAgo();
  const last = list?.lastVerified ?? null;
  const newest = list?.items[0] ?? null;
  const freshness = freshnessOf(last?.finishedAt ?? null, newest?.status === 'failed');
  const color = `${FRESHNESS_COLORS[freshness]}.8`;
  return (
    <Paper withBorder p="md" bg="white" data-testid="backups-summary">
      <Group gap="xl" wrap="nowrap" align="flex-start">
        <Fact label={t('backups.lastVerified')} testId="backups-last-verified">
          {last ? (
            <Text size="sm" fw={600} c={color} data-freshness={freshness} data-testid="backups-last-verified-time" style={{ whiteSpace: 'nowrap' }}>
              {longDateTime(last.finishedAt)}
              <Text span size="sm" fw={400} c="dimmed" ml={6}>
                ({ago(last.finishedAt)})
              </Text>
            </Text>
          ) : (
            <Text size="sm" fw={600} c="red.8" data-freshness="critical" data-testid="backups-last-verified-time">
              {list ? t('backups.none') : t('common.none')}
            </Text>
          )}
        </Fact>
        <Fact label={t('backups.nextRun')} testId="backups-next-run">
          <Text size="sm" fw={500} c={list && !list.nextRunAt ? 'orange.8' : undefined} style={{ whiteSpace: 'nowrap' }}>
            {!list ? t('common.none') : list.nextRunAt ? longDateTime(list.nextRunAt) : t('backups.scheduleOff')}
          </Text>
        </Fact>
        <Fact label={t('backups.folder')} testId="backups-folder" grow>
          <Text size="sm" ff="monospace" truncate="end" title={list?.folder}>
            {list?.folder ?? t('common.none')}
          </Text>
        </Fact>
        <Button onClick={onBackUp} loading={busy} disabled={!list} style={{ flex: 'none' }} data-testid="backups-run-now">
          {t('backups.backUpNow')}
        </Button>
      </Group>
    </Paper>
  );
}
