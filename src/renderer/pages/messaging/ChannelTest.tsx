// "Send test message": sends now through the saved channel and shows the gateway's own answer as it came, with
// whether it counted as sent and how long it took.
import { Badge, Button, Code, Group, Stack, Text, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { operations, type Channel, type OpOutput } from '../../../shared/contract';
import { noc } from '../../api/client';
import { FormAlert } from '../../forms/FormAlert';
import { useFormErrors } from '../../forms/useFormErrors';

const RECIPIENT_PLACEHOLDER: Record<Channel, string> = { whatsapp: '0812 3456 7890', email: 'noc@contoh.net.id', telegram: '-1001234567890' };

export function ChannelTest({ channel, dirty }: { channel: Channel; dirty: boolean }) {
  const { t } = useTranslation();
  const errors = useFormErrors();
  const [to, setTo] = useState('');
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<OpOutput<'channels.test'> | null>(null);

  const send = async (event: FormEvent) => {
    event.preventDefault();
    event.stopPropagation();
    setResult(null);
    const input = errors.validate(operations['channels.test'].input, { channel, to });
    if (!input) return;
    setBusy(true);
    try {
      setResult(await noc.call('channels.test', input));
    } catch (error) {
      errors.fail(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={(e) => void send(e)} noValidate ref={errors.formRef} data-testid={`${channel}-test`}>
      <Stack gap={6}>
        <Group gap="xs" align="flex-start" wrap="nowrap">
          <TextInput
            size="xs"
            label={t(`messages.test.to.${channel}`)}
            placeholder={RECIPIENT_PLACEHOLDER[channel]}
            value={to}
            onChange={(e) => setTo(e.currentTarget.value)}
            error={errors.fields['to']}
            w={260}
            data-testid={`${channel}-test-to`}
          />
          <Button type="submit" size="xs" variant="light" loading={busy} mt={24} style={{ flex: 'none' }} data-testid={`${channel}-test-send`}>
            {t('messages.test.send')}
          </Button>
          {dirty && (
            <Text size="xs" c="orange.8" mt={28}>
              {t('messages.test.usesSaved')}
            </Text>
          )}
        </Group>
        <FormAlert message={errors.general} testId={`${channel}-test-error`} />
        {result && (
          <Stack gap={4} data-testid={`${channel}-test-result`} data-ok={String(result.ok)}>
            <Group gap="xs">
              <Badge color={result.ok ? 'green' : 'red'} variant="light" data-testid={`${channel}-test-status`}>
                {result.ok ? t('messages.test.ok') : t('messages.test.failed')}
              </Badge>
              <Text size="xs" c="dimmed" data-testid={`${channel}-test-duration`}>
                {t('messages.test.duration', { ms: result.durationMs })}
              </Text>
              <Text size="xs" c="dimmed">
                · {t(`messages.test.answer.${channel}`)}
              </Text>
            </Group>
            <Code block fz="xs" mah={140} style={{ overflow: 'auto', whiteSpace: 'pre-wrap', wordBreak: 'break-all' }} data-testid={`${channel}-test-answer`}>
              {result.answer}
            </Code>
          </Stack>
        )}
      </Stack>
    </form>
  );
}
