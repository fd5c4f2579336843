// The "Monitoring" part of the settings form: reference hosts of the self-check, flapping limits, raw sample retention,
// and the map's tile address (empty: the map fetches nothing).
import { Paper, SimpleGrid, Stack, TagsInput, TextInput, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { isHost } from '../../../shared/contract';
import { TypedNumberInput } from '../../forms/TypedNumberInput';
import type { SettingsDraft } from './draft';

type NumberField = 'flapChanges' | 'flapWindowMin' | 'sampleRetentionDays';
const NUMBER_FIELDS: readonly NumberField[] = ['flapChanges', 'flapWindowMin', 'sampleRetentionDays'];
const MAX_HOSTS = 5;

interface Props {
  values: SettingsDraft;
  onChange(change: Partial<SettingsDraft>): void;
  fieldErrors: Record<string, string>;
  canEdit: boolean;
}

export function MonitoringSettingsSection({ values, onChange, fieldErrors, canEdit }: Props) {
  const { t } = useTranslation();
  const hosts = values.pingReferenceHosts;
  const invalid = hosts.find((host) => !isHost(host));
  // No maxTags: Mantine would drop a sixth host typed after a comma without a word; it is shown and refused instead.
  // The schema names the failing entry (`pingReferenceHosts.2`); the whole input shows it.
  const serverError = Object.entries(fieldErrors).find(([field]) => field.startsWith('pingReferenceHosts'))?.[1];
  const hostError = invalid ? t('settingsMonitoring.hostInvalid', { host: invalid }) : hosts.length > MAX_HOSTS ? t('settingsMonitoring.tooManyHosts') : serverError;
  return (
    <Paper withBorder p="md" data-testid="settings-monitoring">
      <Title order={6} mb="sm">
        {t('settingsMonitoring.title')}
      </Title>
      <Stack gap="sm">
        <TagsInput
          label={t('settingsMonitoring.referenceHosts')}
          description={t('settingsMonitoring.referenceHostsHint')}
          placeholder={hosts.length < MAX_HOSTS ? t('settingsMonitoring.referenceHostsPlaceholder') : undefined}
          value={hosts}
          onChange={(next) => onChange({ pingReferenceHosts: next.map((host) => host.trim()).filter(Boolean) })}
          splitChars={[',', ' ']}
          clearable
          error={hostError}
          disabled={!canEdit}
          data-testid="settings-reference-hosts"
        />
        <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
          {NUMBER_FIELDS.map((field) => (
            <TypedNumberInput
              key={field}
              label={t(`settingsMonitoring.${field}`)}
              value={values[field]}
              onChange={(value) => onChange({ [field]: value })}
              error={fieldErrors[field]}
              disabled={!canEdit}
              data-testid={`settings-${field}`}
            />
          ))}
        </SimpleGrid>
        <TextInput
          label={t('map.tileUrl')}
          description={t('map.tileUrlHint')}
          placeholder="https://tile.openstreetmap.org/{z}/{x}/{y}.png"
          value={values.mapTileUrl}
          onChange={(e) => onChange({ mapTileUrl: e.currentTarget.value })}
          error={fieldErrors['mapTileUrl']}
          disabled={!canEdit}
          ff="monospace"
          data-testid="settings-mapTileUrl"
        />
      </Stack>
    </Paper>
  );
}
