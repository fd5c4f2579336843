// Settings → Backups (admins): the last verified backup and the next run, "Back up now" with live progress, the
// schedule and retention settings, and the backups in the folder with Download and Restore.
import { Alert, Loader, Stack, Text } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Backup } from '../../../shared/contract';
import { noc } from '../../api/client';
import { messageOf } from '../../forms/errors';
import { FormAlert } from '../../forms/FormAlert';
import { useSiteSettings } from '../../site';
import { BackupProgress } from './BackupProgress';
import { BackupSchedule } from './BackupSchedule';
import { BackupsSummary } from './BackupsSummary';
import { BackupsTable } from './BackupsTable';
import { downloadBackup } from './download';
import { isActive, useBackupRun } from './progress';
import { refreshBackups, useBackups } from './queries';
import { RestoreModal } from './RestoreModal';

export function BackupsPage() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const settings = useSiteSettings();
  const list = useBackups();
  const { run, requesting } = useBackupRun();
  const [error, setError] = useState<string | null>(null);
  const [info, setInfo] = useState<string | null>(null);
  const [scheduleNotice, setScheduleNotice] = useState<string | null>(null);
  const [restoring, setRestoring] = useState<Backup | null>(null);
  const [downloading, setDownloading] = useState<string | null>(null);
  const busy = requesting || isActive(run);

  const backUpNow = async () => {
    setError(null);
    setInfo(null);
    const store = useBackupRun.getState();
    store.request();
    try {
      store.finish(await noc.call('backups.create', {}));
    } catch (failure) {
      store.finish(null);
      setError(messageOf(failure, t));
    } finally {
      refreshBackups(queryClient);
    }
  };

  const download = async (backup: Backup) => {
    setError(null);
    setInfo(null);
    setDownloading(backup.id);
    try {
      const result = await downloadBackup(backup.id);
      setInfo(result.kind === 'saved' ? t('backups.download.started', { file: result.fileName }) : t('backups.download.local', { path: result.path }));
    } catch (failure) {
      setError(messageOf(failure, t));
    } finally {
      setDownloading(null);
    }
  };

  return (
    <Stack gap="sm" maw={1400} data-testid="backups-page">
      <Text size="sm" c="dimmed">
        {t('backups.intro')}
      </Text>
      <BackupsSummary list={list.data} busy={busy} onBackUp={() => void backUpNow()} />
      {run && <BackupProgress run={run} />}
      {!run && list.data?.running && (
        <Alert color="blue" variant="light" py="xs" icon={<Loader size={14} />}>
          {t('backups.busyElsewhere')}
        </Alert>
      )}
      <FormAlert message={error ?? (list.isError ? messageOf(list.error, t) : null)} testId="backups-error" />
      {info && (
        <Alert color="blue" variant="light" py="xs" withCloseButton onClose={() => setInfo(null)} data-testid="backups-info">
          {info}
        </Alert>
      )}
      {settings.data && (
        <BackupSchedule
          key={JSON.stringify(settings.data)}
          settings={settings.data}
          defaultFolder={settings.data.backupFolder === '' ? (list.data?.folder ?? null) : null}
          notice={scheduleNotice}
          setNotice={setScheduleNotice}
        />
      )}
      {list.isPending ? <Loader size="sm" /> : <BackupsTable items={list.data?.items ?? []} onDownload={(b) => void download(b)} onRestore={setRestoring} downloading={downloading} />}
      {restoring && <RestoreModal backup={restoring} onClose={() => setRestoring(null)} />}
    </Stack>
  );
}
