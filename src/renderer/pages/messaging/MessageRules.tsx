// Which customer events are sent, customers' quiet hours, the outage notice delay, the lowest severity for the team's
// group chats and the repeat of unacknowledged critical alerts: site settings, saved through settings.update.
import { Alert, Button, Checkbox, Group, Paper, Select, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { CUSTOMER_EVENTS, operations, type CustomerEvent, type Settings } from '../../../shared/contract';
import { noc } from '../../api/client';
import { FormAlert } from '../../forms/FormAlert';
import { TimeInput } from '../../forms/TimeInput';
import { TypedNumberInput } from '../../forms/TypedNumberInput';
import { useFormErrors } from '../../forms/useFormErrors';
import { SETTINGS_KEY } from '../../site';
import { changesOf, type SettingsDraft } from '../settings/draft';

const RULE_FIELDS = ['customerMessageEvents', 'customerQuietStart', 'customerQuietEnd', 'outageNoticeDelayMin', 'teamMinSeverity', 'teamRepeatMin'] as const;

/** Only this panel's fields: the rest of the settings may have changed elsewhere meanwhile and must not be sent back. */
function ruleChanges(settings: Settings, values: SettingsDraft): Record<string, unknown> {
  const all = changesOf(settings, values) as Record<string, unknown>;
  return Object.fromEntries(RULE_FIELDS.filter((field) => field in all).map((field) => [field, all[field]]));
}

export function MessageRules({ settings }: { settings: Settings }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const errors = useFormErrors();
  const [values, setValues] = useState<SettingsDraft>(settings);
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setNotice(null);
    const input = errors.validate(operations['settings.update'].input, ruleChanges(settings, values));
    if (!input) return;
    if ((values.customerQuietStart === null) !== (values.customerQuietEnd === null)) {
      errors.setField(values.customerQuietStart === null ? 'customerQuietStart' : 'customerQuietEnd', t('quietHours.bothOrNone'));
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
      setValues(saved);
      setNotice(t('common.saved'));
    } catch (error) {
      errors.fail(error);
    } finally {
      setBusy(false);
    }
  };

  const time = (key: 'customerQuietStart' | 'customerQuietEnd') => ({
    value: values[key] ?? '',
    onChange: (value: string) => setValues((v) => ({ ...v, [key]: value === '' ? null : value })),
    error: errors.fields[key],
    w: 130,
  });
  // Kept in the contract's order whatever order they were ticked in, so an unchanged set is no change.
  const setEvents = (events: string[]) => setValues((v) => ({ ...v, customerMessageEvents: CUSTOMER_EVENTS.filter((e) => events.includes(e)) }));

  return (
    <form ref={errors.formRef} onSubmit={(e) => void submit(e)} noValidate data-testid="message-rules">
      <Stack gap="sm" maw={980}>
        {notice && (
          <Alert color="green" variant="light" py={6} withCloseButton onClose={() => setNotice(null)} data-testid="message-rules-notice">
            {notice}
          </Alert>
        )}
        <FormAlert message={errors.general} />
        <Paper withBorder p="md">
          <Title order={6}>{t('messages.rules.customerEvents')}</Title>
          <Text size="xs" c="dimmed" mb="sm">
            {t('messages.rules.customerEventsHint')}
          </Text>
          <Checkbox.Group value={values.customerMessageEvents} onChange={setEvents} error={errors.fields['customerMessageEvents']} data-testid="rules-events">
            <SimpleGrid cols={4} spacing="xs" verticalSpacing="xs">
              {CUSTOMER_EVENTS.map((event: CustomerEvent) => (
                <Checkbox key={event} value={event} label={t(`messages.events.${event}`)} size="sm" data-testid={`rules-event-${event}`} />
              ))}
            </SimpleGrid>
          </Checkbox.Group>
          <Group gap="xl" align="flex-start" mt="md" wrap="nowrap">
            <div>
              <Text size="sm" fw={500}>
                {t('messages.rules.quiet')}
              </Text>
              <Group gap="sm" align="flex-start" wrap="nowrap">
                <TimeInput label={t('messages.rules.quietStart')} {...time('customerQuietStart')} data-testid="rules-quiet-start" />
                <TimeInput label={t('messages.rules.quietEnd')} {...time('customerQuietEnd')} data-testid="rules-quiet-end" />
              </Group>
              <Text size="xs" c="dimmed" maw={420} mt={4}>
                {t('messages.rules.quietHint')}
              </Text>
            </div>
            <TypedNumberInput
              label={t('messages.rules.outageDelay')}
              description={t('messages.rules.outageDelayHint')}
              value={values.outageNoticeDelayMin}
              onChange={(value) => setValues((v) => ({ ...v, outageNoticeDelayMin: value }))}
              error={errors.fields['outageNoticeDelayMin']}
              w={300}
              mt={22}
              data-testid="rules-outage-delay"
            />
          </Group>
        </Paper>
        <Paper withBorder p="md">
          <Title order={6} mb="sm">
            {t('messages.rules.team')}
          </Title>
          <Group gap="md" align="flex-start" wrap="nowrap">
            <Select
              label={t('messages.rules.teamMinSeverity')}
              data={(['critical', 'warning'] as const).map((value) => ({ value, label: t(`severity.${value}`) }))}
              value={values.teamMinSeverity}
              onChange={(value) => value && setValues((v) => ({ ...v, teamMinSeverity: value as Settings['teamMinSeverity'] }))}
              allowDeselect={false}
              error={errors.fields['teamMinSeverity']}
              w={260}
              data-testid="rules-team-severity"
            />
            <TypedNumberInput
              label={t('messages.rules.teamRepeat')}
              description={t('messages.rules.teamRepeatHint')}
              value={values.teamRepeatMin}
              onChange={(value) => setValues((v) => ({ ...v, teamRepeatMin: value }))}
              error={errors.fields['teamRepeatMin']}
              w={380}
              data-testid="rules-team-repeat"
            />
          </Group>
        </Paper>
        <Group justify="flex-end">
          <Button type="submit" loading={busy} data-testid="message-rules-save">
            {t('messages.rules.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
