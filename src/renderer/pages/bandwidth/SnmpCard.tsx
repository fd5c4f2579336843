// A device's SNMP settings: on/off, port, the write-only community (kept when left empty), timeout and retries, with
// the last poll and its error; operators edit them in place, the others read them.
import { Button, Group, Paper, PasswordInput, SimpleGrid, Stack, Switch, Text, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { operations, type Device } from '../../../shared/contract';
import { noc } from '../../api/client';
import { FormAlert } from '../../forms/FormAlert';
import { numberRequired as required, type NumberFieldValue } from '../../forms/numbers';
import { TypedNumberInput } from '../../forms/TypedNumberInput';
import { useFormErrors } from '../../forms/useFormErrors';
import { useMay } from '../../frame/permissions';
import { useDateTime } from '../../site';
import { refreshDevices } from '../devices/queries';

interface Values {
  enabled: boolean;
  port: NumberFieldValue;
  community: string;
  timeoutMs: NumberFieldValue;
  retries: NumberFieldValue;
}

function valuesOf(device: Device): Values {
  const snmp = device.snmp;
  return { enabled: snmp?.enabled ?? true, port: snmp?.port ?? 161, community: '', timeoutMs: snmp?.timeoutMs ?? 2000, retries: snmp?.retries ?? 1 };
}

export function SnmpCard({ device, onNotice }: { device: Device; onNotice(message: string): void }) {
  const { t } = useTranslation();
  const may = useMay();
  const dateTime = useDateTime();
  const queryClient = useQueryClient();
  const errors = useFormErrors();
  const [values, setValues] = useState<Values>(() => valuesOf(device));
  const [busy, setBusy] = useState(false);
  const set = <K extends keyof Values>(key: K, value: Values[K]) => setValues((v) => ({ ...v, [key]: value }));
  const editable = may('devices.update');
  const snmp = device.snmp;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const community = values.community.trim();
    if (values.enabled && !community && !snmp?.communitySet) {
      errors.setField('snmp.community', t('snmp.communityRequired'));
      return;
    }
    const input = errors.validate(operations['devices.update'].input, {
      id: device.id,
      snmp: { enabled: values.enabled, port: required(values.port), timeoutMs: required(values.timeoutMs), retries: required(values.retries), ...(community ? { community } : {}) },
    });
    if (!input) return;
    setBusy(true);
    try {
      await noc.call('devices.update', input);
      set('community', '');
      onNotice(t('snmp.saved'));
      refreshDevices(queryClient);
    } catch (error) {
      errors.fail(error);
    } finally {
      setBusy(false);
    }
  };

  const number = (key: 'port' | 'timeoutMs' | 'retries', label: string) => (
    <TypedNumberInput label={label} value={values[key]} onChange={(v) => set(key, v)} disabled={!editable} error={errors.fields[`snmp.${key}`]} data-testid={`snmp-${key}`} />
  );

  return (
    <Paper withBorder p="md" bg="white" data-testid="snmp-card" data-configured={snmp !== null}>
      <form ref={errors.formRef} onSubmit={(e) => void submit(e)} noValidate data-testid="snmp-form">
        <Stack gap="sm">
          <Group justify="space-between" wrap="nowrap">
            <Title order={5}>{t('snmp.title')}</Title>
            <Text size="xs" c="dimmed">
              v2c
            </Text>
          </Group>
          {!snmp && (
            <Text size="xs" c="dimmed">
              {t('snmp.notConfigured')}
            </Text>
          )}
          <FormAlert message={errors.general} />
          <Switch label={t('snmp.enabled')} checked={values.enabled} onChange={(e) => set('enabled', e.currentTarget.checked)} disabled={!editable} data-testid="snmp-enabled" />
          <SimpleGrid cols={2} spacing="sm">
            {number('port', t('snmp.port'))}
            <PasswordInput
              label={t('snmp.community')}
              value={values.community}
              onChange={(e) => set('community', e.currentTarget.value)}
              placeholder={snmp?.communitySet ? t('snmp.communityKeep') : t('snmp.communityNone')}
              autoComplete="off"
              disabled={!editable}
              error={errors.fields['snmp.community']}
              data-testid="snmp-community"
            />
            {number('timeoutMs', t('snmp.timeoutMs'))}
            {number('retries', t('snmp.retries'))}
          </SimpleGrid>
          <SimpleGrid cols={2} spacing="sm">
            <Stack gap={0}>
              <Text size="xs" c="dimmed" tt="uppercase" fw={600} lts={0.3}>
                {t('snmp.lastPoll')}
              </Text>
              <Text size="sm" data-testid="snmp-last-poll">
                {snmp?.lastPollAt ? dateTime(snmp.lastPollAt) : t('devices.never')}
              </Text>
            </Stack>
            <Stack gap={0}>
              <Text size="xs" c="dimmed" tt="uppercase" fw={600} lts={0.3}>
                {t('snmp.lastError')}
              </Text>
              <Text size="sm" c={snmp?.lastError ? 'red.8' : undefined} data-testid="snmp-last-error" style={{ wordBreak: 'break-word' }}>
                {snmp?.lastError ?? t('common.none')}
              </Text>
            </Stack>
          </SimpleGrid>
          {editable && (
            <Group justify="flex-end">
              <Button type="submit" size="xs" loading={busy} data-testid="snmp-save">
                {t('common.save')}
              </Button>
            </Group>
          )}
        </Stack>
      </form>
    </Paper>
  );
}
