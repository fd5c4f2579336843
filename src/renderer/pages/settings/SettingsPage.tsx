// Settings: company identity, time zone, currency, PPN, default language, quiet hours, billing; admin saves only what changed.
import { Alert, Button, Group, Loader, Paper, Select, SimpleGrid, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { mayAccess, operations, type Settings } from '../../../shared/contract';
import { noc } from '../../api/client';
import { messageOf } from '../../forms/errors';
import { FormAlert } from '../../forms/FormAlert';
import { TimeInput } from '../../forms/TimeInput';
import { TypedNumberInput } from '../../forms/TypedNumberInput';
import { useFormErrors } from '../../forms/useFormErrors';
import { SETTINGS_KEY, useSiteSettings } from '../../site';
import { useSession } from '../../stores/session';
import { BillingSettingsSection } from './BillingSettingsSection';
import { changesOf, type SettingsDraft } from './draft';
import { MonitoringSettingsSection } from './MonitoringSettingsSection';
import { SettingsLinkCard } from './SettingsLinkCard';

const TIME_ZONES = ['Asia/Jakarta', 'Asia/Makassar', 'Asia/Jayapura', 'UTC'] as const;
type KnownZone = (typeof TIME_ZONES)[number];

function isKnownZone(zone: string): zone is KnownZone {
  return (TIME_ZONES as readonly string[]).includes(zone);
}

interface FormProps {
  settings: Settings;
  canEdit: boolean;
  /** Kept by the page: a save changes the settings, which remounts this form (its key). */
  notice: string | null;
  setNotice(notice: string | null): void;
}

function SettingsForm({ settings, canEdit, notice, setNotice }: FormProps) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const errors = useFormErrors();
  const [values, setValues] = useState<SettingsDraft>(settings);
  const [busy, setBusy] = useState(false);
  // A zone set elsewhere (the API) stays selectable even if it is not one of the common ones.
  const zones: readonly string[] = isKnownZone(values.timeZone) ? TIME_ZONES : [...TIME_ZONES, values.timeZone];
  const zoneLabel = (zone: string) => (isKnownZone(zone) ? t(`settings.tz.${zone}`) : zone);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setNotice(null);
    const input = errors.validate(operations['settings.update'].input, changesOf(settings, values));
    if (!input) return;
    // One bound alone would silently mean "no quiet hours": ask for both or neither.
    if ((values.quietHoursStart === null) !== (values.quietHoursEnd === null)) {
      errors.setField(values.quietHoursStart === null ? 'quietHoursStart' : 'quietHoursEnd', t('quietHours.bothOrNone'));
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
      setNotice(t('common.saved'));
    } catch (error) {
      errors.fail(error);
    } finally {
      setBusy(false);
    }
  };

  const text = (key: 'companyName' | 'companyTaxId') => ({
    value: values[key],
    onChange: (e: { currentTarget: { value: string } }) => {
      const value = e.currentTarget.value;
      setValues((v) => ({ ...v, [key]: value }));
    },
    error: errors.fields[key],
    disabled: !canEdit,
  });

  const time = (key: 'quietHoursStart' | 'quietHoursEnd') => ({
    value: values[key] ?? '',
    onChange: (value: string) => setValues((v) => ({ ...v, [key]: value === '' ? null : value })),
    error: errors.fields[key],
    disabled: !canEdit,
    w: 160,
  });

  return (
    <form ref={errors.formRef} onSubmit={(e) => void submit(e)} noValidate data-testid="settings-form">
      <Stack gap="md" maw={820}>
        {!canEdit && (
          <Alert color="gray" variant="light" py="xs" data-testid="settings-readonly">
            {t('settings.readOnly')}
          </Alert>
        )}
        <FormAlert message={errors.general} />
        <Paper withBorder p="md">
          <Title order={6} mb="sm">
            {t('settings.company')}
          </Title>
          <Stack gap="sm">
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
              <TextInput label={t('settings.companyName')} {...text('companyName')} data-testid="settings-company-name" />
              <TextInput label={t('settings.companyTaxId')} {...text('companyTaxId')} data-testid="settings-tax-id" />
            </SimpleGrid>
            <Textarea
              label={t('settings.companyAddress')}
              value={values.companyAddress}
              onChange={(e) => setValues({ ...values, companyAddress: e.currentTarget.value })}
              error={errors.fields['companyAddress']}
              disabled={!canEdit}
              autosize
              minRows={2}
              data-testid="settings-address"
            />
          </Stack>
        </Paper>
        <Paper withBorder p="md">
          <Title order={6} mb="sm">
            {t('settings.regional')}
          </Title>
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            <Select
              label={t('settings.timeZone')}
              data={zones.map((zone) => ({ value: zone, label: zoneLabel(zone) }))}
              value={values.timeZone}
              onChange={(value) => setValues({ ...values, timeZone: value ?? values.timeZone })}
              error={errors.fields['timeZone']}
              disabled={!canEdit}
              data-testid="settings-time-zone"
            />
            <Select
              label={t('settings.language')}
              data={[
                { value: 'id', label: t('lang.id') },
                { value: 'en', label: t('lang.en') },
              ]}
              value={values.language}
              onChange={(value) => setValues({ ...values, language: value === 'en' ? 'en' : 'id' })}
              error={errors.fields['language']}
              disabled={!canEdit}
              data-testid="settings-language"
            />
            <TextInput label={t('settings.currency')} value={values.currency} readOnly disabled data-testid="settings-currency" />
            <TypedNumberInput
              label={t('settings.taxRate')}
              value={values.taxRate}
              onChange={(value) => setValues({ ...values, taxRate: value })}
              step={0.5}
              error={errors.fields['taxRate']}
              disabled={!canEdit}
              data-testid="settings-tax-rate"
            />
          </SimpleGrid>
        </Paper>
        <Paper withBorder p="md">
          <Title order={6} mb={4}>
            {t('quietHours.title')}
          </Title>
          <Text size="xs" c="dimmed" mb="sm" data-testid="settings-quiet-hint">
            {t('quietHours.hint')}
          </Text>
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            <TimeInput label={t('quietHours.start')} {...time('quietHoursStart')} data-testid="settings-quiet-start" />
            <TimeInput label={t('quietHours.end')} {...time('quietHoursEnd')} data-testid="settings-quiet-end" />
          </SimpleGrid>
        </Paper>
        <BillingSettingsSection values={values} onChange={(change) => setValues((v) => ({ ...v, ...change }))} fieldErrors={errors.fields} canEdit={canEdit} />
        <MonitoringSettingsSection values={values} onChange={(change) => setValues((v) => ({ ...v, ...change }))} fieldErrors={errors.fields} canEdit={canEdit} />
        <SettingsLinkCard id="messages" to="/settings/messages" operation="channels.list" title={t('messages.nav')} text={t('messages.settingsLinkText')} open={t('messages.settingsLinkOpen')} />
        <SettingsLinkCard id="backups" to="/settings/backups" operation="backups.list" title={t('backups.title')} text={t('backups.settingsLink.text')} open={t('backups.settingsLink.open')} />
        {canEdit && (
          // Saved from the bottom of a long page: the bar stays in view, and so does what became of the save.
          <Group justify="flex-end" gap="xs" py="xs" bg="var(--mantine-color-body)" style={{ position: 'sticky', bottom: 0, zIndex: 2, borderTop: '1px solid var(--mantine-color-gray-3)' }}>
            {notice && (
              <Text size="sm" c="green.8" fw={500} mr="auto" role="status" data-testid="settings-notice">
                ✓ {notice}
              </Text>
            )}
            <Button variant="default" onClick={() => setValues(settings)} disabled={busy}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={busy} data-testid="settings-save">
              {t('common.save')}
            </Button>
          </Group>
        )}
      </Stack>
    </form>
  );
}

export function SettingsPage() {
  const { t } = useTranslation();
  const role = useSession((s) => s.user?.role ?? null);
  const settings = useSiteSettings();
  const [notice, setNotice] = useState<string | null>(null);
  if (settings.isPending) return <Loader size="sm" />;
  if (settings.isError) return <FormAlert message={messageOf(settings.error, t)} />;
  const canEdit = mayAccess(operations['settings.update'].access, role);
  return <SettingsForm key={JSON.stringify(settings.data)} settings={settings.data} canEdit={canEdit} notice={notice} setNotice={setNotice} />;
}
