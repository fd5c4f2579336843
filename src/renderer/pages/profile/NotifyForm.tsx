// The profile's "Alert notifications": how the signed-in user hears about alerts outside the console — a channel and
// its address, the lowest severity, and on-call hours (both or neither) -> notify.get / notify.update.
import { Alert, Button, Group, Loader, Paper, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { operations, type NotifyPreference } from '../../../shared/contract';
import { noc } from '../../api/client';
import { messageOf } from '../../forms/errors';
import { FormAlert } from '../../forms/FormAlert';
import { TimeInput } from '../../forms/TimeInput';
import { useFormErrors } from '../../forms/useFormErrors';

const NOTIFY_KEY = ['notify'] as const;
const CHANNELS = ['none', 'telegram', 'whatsapp', 'email'] as const;

function NotifyFields({ saved, accountEmail }: { saved: NotifyPreference; accountEmail: string }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const errors = useFormErrors();
  const [values, setValues] = useState<NotifyPreference>(saved);
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const channel = values.channel;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setNotice(null);
    const input = errors.validate(operations['notify.update'].input, { ...values, address: channel === 'none' ? '' : values.address });
    if (!input) return;
    if ((input.onCallStart === null) !== (input.onCallEnd === null)) {
      errors.setField(input.onCallStart === null ? 'onCallStart' : 'onCallEnd', t('quietHours.bothOrNone'));
      return;
    }
    setBusy(true);
    try {
      const next = await noc.call('notify.update', input);
      queryClient.setQueryData(NOTIFY_KEY, next);
      setValues(next);
      setNotice(t('notifyPrefs.saved'));
    } catch (error) {
      errors.fail(error);
    } finally {
      setBusy(false);
    }
  };

  const time = (key: 'onCallStart' | 'onCallEnd') => ({
    value: values[key] ?? '',
    onChange: (value: string) => setValues((v) => ({ ...v, [key]: value === '' ? null : value })),
    error: errors.fields[key],
    w: 120,
  });

  return (
    <form ref={errors.formRef} onSubmit={(e) => void submit(e)} noValidate data-testid="notify-form">
      <Stack gap="sm">
        {notice && (
          <Alert color="green" variant="light" py="xs" withCloseButton onClose={() => setNotice(null)} data-testid="notify-saved">
            {notice}
          </Alert>
        )}
        <FormAlert message={errors.general} testId="notify-error" />
        <Group gap="sm" align="flex-start" wrap="nowrap">
          <Select
            label={t('notifyPrefs.channel')}
            data={CHANNELS.map((value) => ({ value, label: t(`notifyPrefs.channels.${value}`) }))}
            value={channel}
            onChange={(value) => value && setValues((v) => ({ ...v, channel: value as NotifyPreference['channel'] }))}
            allowDeselect={false}
            error={errors.fields['channel']}
            w={150}
            style={{ flex: 'none' }}
            data-testid="notify-channel"
          />
          <TextInput
            label={t(`notifyPrefs.address.${channel}`)}
            description={channel === 'none' ? undefined : t(`notifyPrefs.addressHint.${channel}`)}
            placeholder={t(`notifyPrefs.addressPlaceholder.${channel}`, { email: accountEmail })}
            value={channel === 'none' ? '' : values.address}
            onChange={(e) => {
              const address = e.currentTarget.value;
              setValues((v) => ({ ...v, address }));
            }}
            error={errors.fields['address']}
            disabled={channel === 'none'}
            style={{ flex: 1 }}
            data-testid="notify-address"
          />
        </Group>
        <Group gap="sm" align="flex-start" wrap="nowrap">
          <Select
            label={t('notifyPrefs.minSeverity')}
            data={(['critical', 'warning'] as const).map((value) => ({ value, label: t(`severity.${value}`) }))}
            value={values.minSeverity}
            onChange={(value) => value && setValues((v) => ({ ...v, minSeverity: value as NotifyPreference['minSeverity'] }))}
            allowDeselect={false}
            error={errors.fields['minSeverity']}
            w={150}
            style={{ flex: 'none' }}
            data-testid="notify-severity"
          />
          <div>
            <Text size="sm" fw={500}>
              {t('notifyPrefs.onCall')}
            </Text>
            <Group gap="xs" align="flex-start" wrap="nowrap">
              <TimeInput aria-label={t('notifyPrefs.onCallStart')} placeholder={t('notifyPrefs.onCallStart')} {...time('onCallStart')} data-testid="notify-oncall-start" />
              <Text mt={6}>–</Text>
              <TimeInput aria-label={t('notifyPrefs.onCallEnd')} placeholder={t('notifyPrefs.onCallEnd')} {...time('onCallEnd')} data-testid="notify-oncall-end" />
            </Group>
            <Text size="xs" c="dimmed" mt={2}>
              {t('notifyPrefs.onCallHint')}
            </Text>
          </div>
        </Group>
        <Group justify="flex-end">
          <Button type="submit" loading={busy} data-testid="notify-save">
            {t('notifyPrefs.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

export function NotifyForm({ accountEmail }: { accountEmail: string }) {
  const { t } = useTranslation();
  const notify = useQuery({ queryKey: NOTIFY_KEY, queryFn: () => noc.call('notify.get', {}) });
  return (
    <Paper withBorder p="lg" maw={620} data-testid="notify">
      <Title order={6}>{t('notifyPrefs.title')}</Title>
      <Text size="sm" c="dimmed" mb="sm">
        {t('notifyPrefs.intro')}
      </Text>
      {notify.isPending ? <Loader size="sm" /> : notify.isError ? <FormAlert message={messageOf(notify.error, t)} /> : <NotifyFields saved={notify.data} accountEmail={accountEmail} />}
    </Paper>
  );
}
