// One message channel: on/off, its settings, rate and daily cap, the write-only secret, Save (refusals next to their
// fields), and a test send through the saved settings.
import { Alert, Button, Divider, Group, Paper, Stack, Switch, Text, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChannelSettings } from '../../../shared/contract';
import { noc } from '../../api/client';
import { FormAlert } from '../../forms/FormAlert';
import { TypedNumberInput } from '../../forms/TypedNumberInput';
import { useFormErrors } from '../../forms/useFormErrors';
import { useDateTime } from '../../site';
import { draftOf, isDirty, toUpdate, updateSchemaOf, type ChannelDraft } from './channelDraft';
import { EmailFields, TelegramFields, WhatsappFields } from './ChannelFields';
import { ChannelTest } from './ChannelTest';
import { CHANNELS_KEY } from './queries';
import { SecretField } from './SecretField';

function remember(list: ChannelSettings[] | undefined, saved: ChannelSettings): ChannelSettings[] | undefined {
  return list?.map((channel) => (channel.channel === saved.channel ? saved : channel));
}

export function ChannelCard({ saved }: { saved: ChannelSettings }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const dateTime = useDateTime();
  const errors = useFormErrors();
  const [draft, setDraft] = useState<ChannelDraft>(() => draftOf(saved));
  const [busy, setBusy] = useState(false);
  const [clearing, setClearing] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const channel = saved.channel;
  const name = t(`messages.channel.${channel}`);

  const store = (next: ChannelSettings) => queryClient.setQueryData<ChannelSettings[]>(CHANNELS_KEY, (list) => remember(list, next));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setNotice(null);
    const input = errors.validate(updateSchemaOf(channel), toUpdate(draft));
    if (!input) return;
    setBusy(true);
    try {
      const next = await noc.call('channels.update', input);
      store(next);
      setDraft(draftOf(next));
      setNotice(t('messages.saved', { channel: name }));
    } catch (error) {
      errors.fail(error);
    } finally {
      setBusy(false);
    }
  };

  // Clear removes the stored secret now, with the saved settings; edits not yet saved stay in the form.
  const clearSecret = async () => {
    setNotice(null);
    setClearing(true);
    try {
      const next = await noc.call('channels.update', { ...toUpdate(draftOf(saved)), secret: '' });
      store(next);
      setDraft((d) => ({ ...d, secret: '' }));
      setNotice(t('messages.secretCleared', { secret: t(`messages.secret.${channel}`) }));
    } catch (error) {
      errors.fail(error);
    } finally {
      setClearing(false);
    }
  };

  const setConfig = (change: object) => setDraft((d) => ({ ...d, config: { ...d.config, ...change } }) as ChannelDraft);

  return (
    <Paper withBorder p="md" data-testid={`channel-${channel}`}>
      <form ref={errors.formRef} onSubmit={(e) => void submit(e)} noValidate>
        <Stack gap="sm">
          <Group justify="space-between" wrap="nowrap">
            <div>
              <Title order={6}>{name}</Title>
              <Text size="xs" c="dimmed">
                {t(`messages.channelHint.${channel}`)}
                {saved.updatedAt && ` · ${t('messages.updatedAt', { at: dateTime(saved.updatedAt) })}`}
              </Text>
            </div>
            <Switch label={t('messages.enabled')} checked={draft.enabled} onChange={(e) => {
              const enabled = e.currentTarget.checked;
              setDraft((d) => ({ ...d, enabled }));
            }} data-testid={`${channel}-enabled`} />
          </Group>
          {notice && (
            <Alert color="green" variant="light" py={6} withCloseButton onClose={() => setNotice(null)} data-testid={`${channel}-notice`}>
              {notice}
            </Alert>
          )}
          <FormAlert message={errors.general} testId={`${channel}-error`} />
          {draft.channel === 'whatsapp' && <WhatsappFields config={draft.config} onChange={setConfig} errors={errors.fields} />}
          {draft.channel === 'email' && <EmailFields config={draft.config} onChange={setConfig} errors={errors.fields} />}
          {draft.channel === 'telegram' && <TelegramFields config={draft.config} onChange={setConfig} errors={errors.fields} />}
          <Group gap="sm" align="flex-start" wrap="nowrap">
            <TypedNumberInput label={t('messages.ratePerMin')} value={draft.ratePerMin} onChange={(ratePerMin) => setDraft((d) => ({ ...d, ratePerMin }))} error={errors.fields['ratePerMin']} w={140} style={{ flex: 'none' }} data-testid={`${channel}-rate`} />
            <TypedNumberInput label={t('messages.dailyCap')} value={draft.dailyCap} onChange={(dailyCap) => setDraft((d) => ({ ...d, dailyCap }))} error={errors.fields['dailyCap']} w={140} style={{ flex: 'none' }} data-testid={`${channel}-cap`} />
            <SecretField
              channel={channel}
              secretSet={saved.secretSet}
              value={draft.secret}
              onChange={(secret) => setDraft((d) => ({ ...d, secret }))}
              onClear={() => void clearSecret()}
              clearing={clearing}
              error={errors.fields['secret']}
            />
            <Button type="submit" loading={busy} mt={42} style={{ flex: 'none' }} data-testid={`${channel}-save`}>
              {t('messages.save')}
            </Button>
          </Group>
        </Stack>
      </form>
      <Divider my="sm" label={t('messages.test.title')} labelPosition="left" />
      <ChannelTest channel={channel} dirty={isDirty(draft, saved)} />
    </Paper>
  );
}
