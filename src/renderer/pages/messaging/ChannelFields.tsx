// The settings each channel has: a WhatsApp gateway shows only the fields its preset uses; e-mail's SMTP server;
// Telegram's Bot API address and group chats. Errors come by the contract's field names (`config.url`).
import { ActionIcon, Button, Group, Select, SimpleGrid, Stack, TagsInput, Text, Textarea, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { WHATSAPP_PRESETS } from '../../../shared/contract';
import { TypedNumberInput } from '../../forms/TypedNumberInput';
import type { EmailDraft, HeaderRow, TelegramDraft, WhatsappDraft } from './channelDraft';

interface FieldsProps<C> {
  config: C;
  onChange(change: Partial<C>): void;
  errors: Record<string, string>;
  disabled?: boolean;
}

/** The first error under a prefix: `config.headers.X Y` belongs to the headers block. */
function errorUnder(errors: Record<string, string>, prefix: string): string | undefined {
  return Object.entries(errors).find(([field]) => field === prefix || field.startsWith(`${prefix}.`))?.[1];
}

const MONO = { input: { fontFamily: 'var(--mantine-font-family-monospace)' } };
const TOKENS = { phone: '{{phone}}', text: '{{text}}', token: '{{token}}' };

function HeaderRows({ rows, onChange, error }: { rows: HeaderRow[]; onChange(rows: HeaderRow[]): void; error: string | undefined }) {
  const { t } = useTranslation();
  const set = (index: number, change: Partial<HeaderRow>) => onChange(rows.map((row, i) => (i === index ? { ...row, ...change } : row)));
  return (
    <Stack gap={4} data-testid="wa-headers">
      <Text size="sm" fw={500}>
        {t('messages.headers')}
      </Text>
      {rows.map((row, index) => (
        <Group key={index} gap="xs" wrap="nowrap">
          <TextInput size="xs" w={200} placeholder={t('messages.headerName')} aria-label={t('messages.headerName')} value={row.name} onChange={(e) => set(index, { name: e.currentTarget.value })} styles={MONO} data-testid="wa-header-name" />
          <TextInput size="xs" style={{ flex: 1 }} placeholder={t('messages.headerValue')} aria-label={t('messages.headerValue')} value={row.value} onChange={(e) => set(index, { value: e.currentTarget.value })} styles={MONO} data-testid="wa-header-value" />
          <ActionIcon variant="subtle" color="gray" aria-label={t('messages.removeHeader')} onClick={() => onChange(rows.filter((_, i) => i !== index))} data-testid="wa-header-remove">
            ×
          </ActionIcon>
        </Group>
      ))}
      {error && (
        <Text size="xs" c="red" data-testid="wa-headers-error">
          {error}
        </Text>
      )}
      <Group>
        <Button size="compact-xs" variant="subtle" onClick={() => onChange([...rows, { name: '', value: '' }])} data-testid="wa-header-add">
          + {t('messages.addHeader')}
        </Button>
      </Group>
    </Stack>
  );
}

export function WhatsappFields({ config, onChange, errors, disabled }: FieldsProps<WhatsappDraft>) {
  const { t } = useTranslation();
  const generic = config.preset === 'generic';
  return (
    <Stack gap="xs">
      <Group gap="sm" align="flex-start" wrap="nowrap">
        <Select
          label={t('messages.preset')}
          data={WHATSAPP_PRESETS.map((preset) => ({ value: preset, label: t(`messages.presets.${preset}`) }))}
          value={config.preset}
          onChange={(value) => value && onChange({ preset: value as WhatsappDraft['preset'] })}
          allowDeselect={false}
          w={150}
          style={{ flex: 'none' }}
          disabled={disabled}
          data-testid="wa-preset"
        />
        <TextInput label={t(`messages.url.${config.preset}`)} value={config.url} onChange={(e) => onChange({ url: e.currentTarget.value })} error={errors['config.url']} styles={MONO} style={{ flex: 1 }} disabled={disabled} data-testid="wa-url" />
        {config.preset === 'waha' && (
          <TextInput label={t('messages.session')} value={config.session} onChange={(e) => onChange({ session: e.currentTarget.value })} error={errors['config.session']} w={150} disabled={disabled} data-testid="wa-session" />
        )}
      </Group>
      {generic && (
        <>
          <Group gap="sm" wrap="nowrap">
            <Select label={t('messages.method')} data={['POST', 'GET']} value={config.method} onChange={(value) => value && onChange({ method: value as WhatsappDraft['method'] })} allowDeselect={false} w={110} disabled={disabled} data-testid="wa-method" />
            <Select
              label={t('messages.contentType')}
              data={(['json', 'form'] as const).map((type) => ({ value: type, label: t(`messages.contentTypes.${type}`) }))}
              value={config.contentType}
              onChange={(value) => value && onChange({ contentType: value as WhatsappDraft['contentType'] })}
              allowDeselect={false}
              w={210}
              disabled={disabled || config.method === 'GET'}
              data-testid="wa-content-type"
            />
          </Group>
          <HeaderRows rows={config.headers} onChange={(headers) => onChange({ headers })} error={errorUnder(errors, 'config.headers')} />
          <Textarea
            label={t('messages.bodyTemplate')}
            description={t('messages.bodyHint', TOKENS)}
            value={config.bodyTemplate}
            onChange={(e) => onChange({ bodyTemplate: e.currentTarget.value })}
            error={errors['config.bodyTemplate']}
            autosize
            minRows={2}
            maxRows={6}
            styles={MONO}
            disabled={disabled || config.method === 'GET'}
            data-testid="wa-body"
          />
        </>
      )}
    </Stack>
  );
}

export function EmailFields({ config, onChange, errors, disabled }: FieldsProps<EmailDraft>) {
  const { t } = useTranslation();
  return (
    <Stack gap="xs">
      <Group gap="sm" align="flex-start" wrap="nowrap">
        <TextInput label={t('messages.host')} placeholder="smtp.contoh.net.id" value={config.host} onChange={(e) => onChange({ host: e.currentTarget.value })} error={errors['config.host']} style={{ flex: 1 }} disabled={disabled} data-testid="email-host" />
        <TypedNumberInput label={t('messages.port')} value={config.port} onChange={(port) => onChange({ port })} error={errors['config.port']} w={90} hideControls disabled={disabled} data-testid="email-port" />
        <Select
          label={t('messages.security')}
          data={(['tls', 'starttls', 'none'] as const).map((value) => ({ value, label: t(`messages.securities.${value}`) }))}
          value={config.security}
          onChange={(value) => value && onChange({ security: value as EmailDraft['security'] })}
          allowDeselect={false}
          w={170}
          disabled={disabled}
          data-testid="email-security"
        />
      </Group>
      <SimpleGrid cols={2} spacing="sm">
        <TextInput label={t('messages.user')} value={config.user} onChange={(e) => onChange({ user: e.currentTarget.value })} error={errors['config.user']} disabled={disabled} data-testid="email-user" />
        <TextInput label={t('messages.from')} placeholder={t('messages.fromPlaceholder')} value={config.from} onChange={(e) => onChange({ from: e.currentTarget.value })} error={errors['config.from']} disabled={disabled} data-testid="email-from" />
      </SimpleGrid>
    </Stack>
  );
}

export function TelegramFields({ config, onChange, errors, disabled }: FieldsProps<TelegramDraft>) {
  const { t } = useTranslation();
  return (
    <Group gap="sm" align="flex-start" wrap="nowrap">
      <TextInput label={t('messages.apiBase')} description={t('messages.apiBaseHint')} value={config.apiBase} onChange={(e) => onChange({ apiBase: e.currentTarget.value })} error={errors['config.apiBase']} styles={MONO} w={300} style={{ flex: 'none' }} disabled={disabled} data-testid="tg-api" />
      <TagsInput
        label={t('messages.chatIds')}
        description={t('messages.chatIdsHint')}
        value={config.chatIds}
        onChange={(chatIds) => onChange({ chatIds: chatIds.map((id) => id.trim()).filter(Boolean) })}
        splitChars={[',', ' ']}
        error={errorUnder(errors, 'config.chatIds')}
        style={{ flex: 1 }}
        disabled={disabled}
        data-testid="tg-chat-ids"
      />
    </Group>
  );
}
