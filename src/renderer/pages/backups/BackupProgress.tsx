// The running or last backup of this session as three steps — copying, checking, verified or failed — live from
// `backup.progress` events.
import { Group, Loader, Paper, Text, ThemeIcon } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useLanguage } from '../../site';
import type { BackupPhase, BackupRun } from './progress';
import { formatMegabytes } from './when';

const ORDER: Record<BackupPhase, number> = { copying: 0, verifying: 1, verified: 2, failed: 2 };

function Step({ label, state, testId }: { label: string; state: 'pending' | 'active' | 'done' | 'failed'; testId: string }) {
  const color = state === 'failed' ? 'red' : state === 'done' ? 'green' : 'gray';
  return (
    <Group gap={6} wrap="nowrap" data-testid={testId} data-state={state}>
      {state === 'active' ? (
        <Loader size={14} />
      ) : (
        <ThemeIcon size={16} radius="xl" color={color} variant={state === 'pending' ? 'light' : 'filled'}>
          <Text fz={10} fw={700} lh={1}>
            {state === 'failed' ? '✕' : state === 'done' ? '✓' : ''}
          </Text>
        </ThemeIcon>
      )}
      <Text size="sm" fw={state === 'active' ? 600 : 400} c={state === 'pending' ? 'dimmed' : undefined} style={{ whiteSpace: 'nowrap' }}>
        {label}
      </Text>
    </Group>
  );
}

function stepState(step: number, phase: BackupPhase): 'pending' | 'active' | 'done' | 'failed' {
  const at = ORDER[phase];
  if (phase === 'failed' && step === 2) return 'failed';
  if (step < at || (step === 2 && phase === 'verified')) return 'done';
  return step === at ? 'active' : 'pending';
}

export function BackupProgress({ run }: { run: BackupRun }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const ended = run.phase === 'verified' || run.phase === 'failed';
  const backup = run.backup;
  const outcome =
    run.phase === 'verified' && backup?.sizeBytes != null
      ? t('backups.progressVerified', { size: t('backups.table.sizeMb', { size: formatMegabytes(backup.sizeBytes, language) }) })
      : run.phase === 'failed'
        ? t('backups.progressFailed', { reason: backup?.errorCode ? t(`backups.error.${backup.errorCode}`) : t('errors.code.INTERNAL') })
        : null;
  const border = run.phase === 'failed' ? 'red' : run.phase === 'verified' ? 'green' : 'blue';
  return (
    <Paper
      withBorder
      px="md"
      py="xs"
      bg="white"
      style={{ borderLeft: `4px solid var(--mantine-color-${border}-6)` }}
      data-testid="backup-progress"
      data-phase={run.phase}
      data-seen={run.seen.join(',')}
      data-backup-id={run.id}
    >
      <Group gap="lg" wrap="nowrap">
        <Text size="sm" ff="monospace" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
          {run.id}
        </Text>
        <Step label={t('backups.phase.copying')} state={stepState(0, run.phase)} testId="backup-step-copying" />
        <Text c="dimmed">→</Text>
        <Step label={t('backups.phase.verifying')} state={stepState(1, run.phase)} testId="backup-step-verifying" />
        <Text c="dimmed">→</Text>
        <Step
          label={run.phase === 'failed' ? t('backups.phase.failed') : t('backups.phase.verified')}
          state={stepState(2, run.phase)}
          testId="backup-step-result"
        />
        {ended && outcome && (
          <Text size="sm" c={run.phase === 'failed' ? 'red.8' : 'green.8'} ml="auto" data-testid="backup-outcome" truncate="end">
            {outcome}
          </Text>
        )}
      </Group>
    </Paper>
  );
}
