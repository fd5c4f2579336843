// The backup schedule in the site settings: on/off, time of day (site time), folder, and how many daily, weekly and
// monthly backups are kept. Numbers stay as typed; the contract's schema and the server judge them, next to each field.
import { Alert, Button, Group, Paper, SimpleGrid, Switch, Text, TextInput, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { operations, type Settings } from '../../../shared/contract';
import { AppError } from '../../../shared/errors';
import { noc } from '../../api/client';
import { FormAlert } from '../../forms/FormAlert';
import { TimeInput } from '../../forms/TimeInput';
import { TypedNumberInput } from '../../forms/TypedNumberInput';
import { useFormErrors } from '../../forms/useFormErrors';
import { SETTINGS_KEY } from '../../site';
import { changesOf, type SettingsDraft } from '../settings/draft';
import { BACKUPS_KEY } from './queries';

type KeepField = 'backupKeepDaily' | 'backupKeepWeekly' | 'backupKeepMonthly';
const KEEP_FIELDS: readonly [KeepField, 'keepDaily' | 'keepWeekly' | 'keepMonthly'][] = [
  ['backupKeepDaily', 'keepDaily'],
  ['backupKeepWeekly', 'keepWeekly'],
  ['backupKeepMonthly', 'keepMonthly'],
];

const ABSOLUTE_FOLDER = /^([a-zA-Z]:[\\/]|[\\/])/;

/** The server's refusal of a folder it cannot write to names the system's code (`EACCES`). */
function unwritableCode(error: unknown): string | null {
  if (!(error instanceof AppError)) return null;
  const issue = error.details?.fields?.find((f) => f.field === 'backupFolder');
  const match = issue ? /^NOCman cannot write to this folder \(([^)]+)\)/.exec(issue.message) : null;
  return match?.[1] ?? null;
}

interface Props {
  settings: Settings;
  /** Where backups go when the folder setting is empty. */
  defaultFolder: string | null;
  notice: string | null;
  setNotice(notice: string | null): void;
}

export function BackupSchedule({ settings, defaultFolder, notice, setNotice }: Props) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const errors = useFormErrors();
  const [values, setValues] = useState<SettingsDraft>(settings);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setNotice(null);
    const changes = changesOf(settings, values);
    const input = errors.validate(operations['settings.update'].input, changes);
    if (!input) {
      const folder = values.backupFolder.trim();
      if (folder !== '' && !ABSOLUTE_FOLDER.test(folder)) errors.setField('backupFolder', t('backups.schedule.folderAbsolute'));
      return;
    }
    if (Object.keys(input).length === 0) {
      setNotice(t('settings.noChanges'));
      return;
    }
    setBusy(true);
    try {
      const saved = await noc.call('settings.update', input);
      queryClient.setQueryData(SETTINGS_KEY, saved);
      void queryClient.invalidateQueries({ queryKey: BACKUPS_KEY });
      setNotice(t('common.saved'));
    } catch (error) {
      errors.fail(error);
      const code = unwritableCode(error);
      if (code) errors.setField('backupFolder', t('backups.schedule.folderUnwritable', { code }));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Paper withBorder p="md" bg="white" component="form" onSubmit={(e: FormEvent) => void submit(e)} noValidate data-testid="backup-schedule">
      <Group justify="space-between" mb="sm" wrap="nowrap">
        <Title order={6}>{t('backups.schedule.title')}</Title>
        <Switch
          label={t('backups.schedule.enabled')}
          checked={values.backupEnabled}
          onChange={(e) => {
            const checked = e.currentTarget.checked;
            setValues((v) => ({ ...v, backupEnabled: checked }));
          }}
          error={errors.fields['backupEnabled']}
          data-testid="backup-enabled"
        />
      </Group>
      {notice && (
        <Alert color="green" variant="light" py={6} mb="sm" withCloseButton onClose={() => setNotice(null)} data-testid="backup-schedule-notice">
          {notice}
        </Alert>
      )}
      <FormAlert message={errors.general} testId="backup-schedule-error" />
      <Group gap="sm" align="flex-start" wrap="nowrap" mb="sm">
        <TimeInput
          label={t('backups.schedule.time')}
          value={values.backupTime}
          onChange={(value) => setValues((v) => ({ ...v, backupTime: value }))}
          error={errors.fields['backupTime']}
          w={150}
          style={{ flex: 'none' }}
          data-testid="backup-time"
        />
        <TextInput
          label={t('backups.schedule.folder')}
          description={t('backups.schedule.folderHint')}
          placeholder={defaultFolder ?? undefined}
          value={values.backupFolder}
          onChange={(e) => {
            const value = e.currentTarget.value;
            setValues((v) => ({ ...v, backupFolder: value }));
          }}
          error={errors.fields['backupFolder']}
          styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
          style={{ flex: 1 }}
          data-testid="backup-folder"
        />
      </Group>
      <Group gap="sm" align="flex-end" wrap="nowrap">
        <SimpleGrid cols={3} spacing="sm" style={{ flex: 'none' }} w={420}>
          {KEEP_FIELDS.map(([field, label]) => (
            <TypedNumberInput
              key={field}
              label={t(`backups.schedule.${label}`)}
              value={values[field]}
              onChange={(value) => setValues((v) => ({ ...v, [field]: value }))}
              error={errors.fields[field]}
              data-testid={`backup-${label}`}
            />
          ))}
        </SimpleGrid>
        <Text size="xs" c="dimmed" style={{ flex: 1 }} mb={errors.fields['backupKeepDaily'] || errors.fields['backupKeepWeekly'] || errors.fields['backupKeepMonthly'] ? 24 : 6}>
          {t('backups.schedule.keepHint')}
        </Text>
        <Button type="submit" loading={busy} style={{ flex: 'none' }} data-testid="backup-schedule-save">
          {t('backups.schedule.save')}
        </Button>
      </Group>
    </Paper>
  );
}
