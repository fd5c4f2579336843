// Billing runs: the five jobs with their times, the occurrence each last ran for and its result; an admin can run
// them all now and watch each job start and finish live (`billing.progress`), with the results and durations.
import { Alert, Badge, Button, Group, Loader, Paper, Stack, Table, Text } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { BILLING_JOBS, type BillingJob } from '../../../shared/contract';
import { noc } from '../../api/client';
import { messageOf, type TranslationKey } from '../../forms/errors';
import { FormAlert } from '../../forms/FormAlert';
import { ConfirmModal } from '../../ui/ConfirmModal';
import { useMay } from '../../frame/permissions';
import { useDateTime } from '../../site';
import { useBillingRun, type JobProgress } from '../../stores/billing';
import { BILLING_JOBS_KEY, refreshMoney, useBillingJobs } from './queries';

/** `{ invoices: 3, failed: 0 }` as "3 invoices issued · 0 failed" in the UI language. */
function useResultText(): (result: Record<string, number> | null) => string {
  const { t } = useTranslation();
  return (result) => {
    if (!result) return t('common.none');
    const parts = Object.entries(result).map(([key, count]) => t(`billingRuns.results.${key}` as TranslationKey, { count, defaultValue: `${key}: ${count}` }));
    return parts.length > 0 ? parts.join(' · ') : t('billingRuns.nothing');
  };
}

function ProgressCell({ progress }: { progress: JobProgress | undefined }) {
  const { t } = useTranslation();
  const resultText = useResultText();
  if (!progress) return <Text size="sm" c="dimmed">{t('common.none')}</Text>;
  if (progress.phase === 'waiting') {
    return (
      <Badge color="gray" variant="light" data-testid="run-phase" data-phase="waiting">
        {t('billingRuns.waiting')}
      </Badge>
    );
  }
  if (progress.phase === 'started') {
    return (
      <Group gap={6} data-testid="run-phase" data-phase="started">
        <Loader size={12} />
        <Text size="sm" c="blue.8">
          {t('billingRuns.started')}
        </Text>
      </Group>
    );
  }
  return (
    <Stack gap={0} data-testid="run-phase" data-phase="finished">
      <Text size="sm" fw={500} data-testid="run-result">
        {resultText(progress.result)}
      </Text>
      {progress.durationMs !== null && (
        <Text size="xs" c="dimmed" data-testid="run-duration">
          {t('billingRuns.duration', { ms: progress.durationMs })}
        </Text>
      )}
    </Stack>
  );
}

export function BillingRunsPage() {
  const { t } = useTranslation();
  const may = useMay();
  const queryClient = useQueryClient();
  const dateTime = useDateTime();
  const resultText = useResultText();
  const jobs = useBillingJobs();
  const run = useBillingRun();
  const [error, setError] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const byName = new Map((jobs.data ?? []).map((job) => [job.name, job]));

  const runNow = async () => {
    setError(null);
    run.start(BILLING_JOBS);
    try {
      const answer = await noc.call('billing.run', {});
      run.finish(answer.jobs);
    } catch (failure) {
      run.finish(null);
      setError(messageOf(failure, t));
    } finally {
      void queryClient.invalidateQueries({ queryKey: BILLING_JOBS_KEY });
      refreshMoney(queryClient);
    }
  };

  return (
    <Stack gap="sm" maw={1400}>
      <Group justify="space-between" wrap="nowrap" align="flex-start">
        <Text size="sm" c="dimmed" maw={800}>
          {t('billingRuns.intro')}
        </Text>
        {may('billing.run') && (
          <Button onClick={() => setConfirming(true)} loading={run.running} data-testid="billing-run-now">
            {t('billingRuns.runNow')}
          </Button>
        )}
      </Group>
      {confirming && (
        // The modal closes as soon as the run starts: its progress is shown live in the table, not behind a dialog.
        <ConfirmModal
          title={t('billingRuns.confirmTitle')}
          text={t('billingRuns.confirmText')}
          confirmLabel={t('billingRuns.confirmRun')}
          action={() => {
            void runNow();
            return Promise.resolve();
          }}
          onClose={() => setConfirming(false)}
          onDone={() => setConfirming(false)}
          testId="billing-run-confirm"
        />
      )}
      {!may('billing.run') && (
        <Alert color="gray" variant="light" py="xs">
          {t('billingRuns.adminOnly')}
        </Alert>
      )}
      <FormAlert message={error ?? (jobs.isError ? messageOf(jobs.error, t) : null)} testId="billing-error" />
      {run.totalMs !== null && !run.running && (
        <Alert color="green" variant="light" py="xs" data-testid="billing-run-done">
          {t('billingRuns.done', { ms: run.totalMs })}
        </Alert>
      )}
      <Paper bg="white">
        <Table.ScrollContainer minWidth={1000} type="native">
          <Table withTableBorder striped data-testid="billing-jobs">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('billingRuns.job')}</Table.Th>
                <Table.Th w={70}>{t('billingRuns.time')}</Table.Th>
                <Table.Th>{t('billingRuns.lastRunFor')}</Table.Th>
                <Table.Th>{t('billingRuns.lastFinishedAt')}</Table.Th>
                <Table.Th>{t('billingRuns.lastResult')}</Table.Th>
                {run.jobs && <Table.Th w={260}>{t('billingRuns.runTitle')}</Table.Th>}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {BILLING_JOBS.map((name: BillingJob) => {
                const job = byName.get(name);
                return (
                  <Table.Tr key={name} data-testid={`billing-job-${name}`}>
                    <Table.Td fw={500} style={{ whiteSpace: 'nowrap' }}>
                      {t(`billingRuns.jobs.${name}`)}
                    </Table.Td>
                    <Table.Td ff="monospace">{job?.time ?? ''}</Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>{job?.lastRunFor ? dateTime(job.lastRunFor) : t('billingRuns.never')}</Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>{job?.lastFinishedAt ? dateTime(job.lastFinishedAt) : t('billingRuns.never')}</Table.Td>
                    <Table.Td data-testid="job-last-result">
                      <Text size="sm" c={job?.lastResult ? undefined : 'dimmed'}>
                        {resultText(job?.lastResult ?? null)}
                      </Text>
                    </Table.Td>
                    {run.jobs && (
                      <Table.Td>
                        <ProgressCell progress={run.jobs[name]} />
                      </Table.Td>
                    )}
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Paper>
    </Stack>
  );
}
