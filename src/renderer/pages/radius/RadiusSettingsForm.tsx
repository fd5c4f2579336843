// RADIUS site settings: the isolation address list and rate limit of suspended customers, and the interim interval
// the NAS is asked for. Admins save only what changed; the contract's schema judges, next to each field.
import { Alert, Button, Group, Paper, SimpleGrid, TextInput, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { operations, type Settings } from '../../../shared/contract';
import { noc } from '../../api/client';
import { FormAlert } from '../../forms/FormAlert';
import { numberRequired, type NumberFieldValue } from '../../forms/numbers';
import { TypedNumberInput } from '../../forms/TypedNumberInput';
import { useFormErrors } from '../../forms/useFormErrors';
import { SETTINGS_KEY } from '../../site';
import { explainFailure, validateRadius } from './text';

/** Hints under the inputs, so the three inputs line up whatever the length of their hints. */
const BELOW: ('label' | 'input' | 'description' | 'error')[] = ['label', 'input', 'error', 'description'];

interface Values {
  radiusIsolirAddressList: string;
  radiusIsolirRateLimit: string;
  radiusInterimIntervalSec: NumberFieldValue;
}

function changesOf(settings: Settings, values: Values): Record<string, unknown> {
  const next = { ...values, radiusInterimIntervalSec: numberRequired(values.radiusInterimIntervalSec) };
  return Object.fromEntries(Object.entries(next).filter(([key, value]) => value !== settings[key as keyof Values] || Number.isNaN(value)));
}

interface Props {
  settings: Settings;
  canEdit: boolean;
  /** Kept by the page: a save changes the settings, which remounts this form (its key). */
  notice: string | null;
  setNotice(notice: string | null): void;
}

export function RadiusSettingsForm({ settings, canEdit, notice, setNotice }: Props) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const errors = useFormErrors();
  const [values, setValues] = useState<Values>({
    radiusIsolirAddressList: settings.radiusIsolirAddressList,
    radiusIsolirRateLimit: settings.radiusIsolirRateLimit,
    radiusInterimIntervalSec: settings.radiusInterimIntervalSec,
  });
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setNotice(null);
    const input = validateRadius(errors, operations['settings.update'].input, changesOf(settings, values), t);
    if (!input) return;
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
      explainFailure(error, errors, t);
    } finally {
      setBusy(false);
    }
  };

  const text = (key: 'radiusIsolirAddressList' | 'radiusIsolirRateLimit') => ({
    value: values[key],
    onChange: (e: { currentTarget: { value: string } }) => {
      const value = e.currentTarget.value;
      setValues((v) => ({ ...v, [key]: value }));
    },
    error: errors.fields[key],
    disabled: !canEdit,
    styles: { input: { fontFamily: 'var(--mantine-font-family-monospace)' } },
    inputWrapperOrder: BELOW,
  });

  return (
    <Paper withBorder p="md" bg="white" component="form" ref={errors.formRef} onSubmit={(e: FormEvent) => void submit(e)} noValidate data-testid="radius-settings">
      <Title order={6} mb="sm">
        {t('radius.settings.title')}
      </Title>
      {notice && (
        <Alert color="green" variant="light" py={6} mb="sm" withCloseButton onClose={() => setNotice(null)} data-testid="radius-settings-notice">
          {notice}
        </Alert>
      )}
      {!canEdit && (
        <Alert color="gray" variant="light" py={6} mb="sm">
          {t('radius.settings.readOnly')}
        </Alert>
      )}
      <FormAlert message={errors.general} testId="radius-settings-error" />
      <SimpleGrid cols={3} spacing="sm">
        <TextInput label={t('radius.settings.addressList')} description={t('radius.settings.addressListHint')} {...text('radiusIsolirAddressList')} data-testid="radius-isolir-list" />
        <TextInput label={t('radius.settings.rateLimit')} description={t('radius.settings.rateLimitHint')} {...text('radiusIsolirRateLimit')} data-testid="radius-isolir-rate" />
        <TypedNumberInput
          label={t('radius.settings.interim')}
          description={t('radius.settings.interimHint')}
          value={values.radiusInterimIntervalSec}
          onChange={(value) => setValues((v) => ({ ...v, radiusInterimIntervalSec: value }))}
          error={errors.fields['radiusInterimIntervalSec']}
          disabled={!canEdit}
          inputWrapperOrder={BELOW}
          data-testid="radius-interim"
        />
      </SimpleGrid>
      {canEdit && (
        <Group justify="flex-end" mt="sm">
          <Button type="submit" loading={busy} data-testid="radius-settings-save">
            {t('radius.settings.save')}
          </Button>
        </Group>
      )}
    </Paper>
  );
}
