// A channel's working copy while an admin edits it: numbers as typed, headers as rows, the secret as typed (empty:
// keep the saved one). `toUpdate` turns it into what `channels.update` takes, for its schema to judge.
import { z } from 'zod';
import { CHANNEL_CONFIG_SCHEMAS, channelUpdateSchema, type Channel, type ChannelSettings, type ChannelUpdate, type EmailConfig, type TelegramConfig, type WhatsappConfig } from '../../../shared/contract';
import { numberRequired, type NumberFieldValue } from '../../forms/numbers';

export interface HeaderRow {
  name: string;
  value: string;
}

export type WhatsappDraft = Omit<WhatsappConfig, 'headers'> & { headers: HeaderRow[] };
export type EmailDraft = Omit<EmailConfig, 'port'> & { port: NumberFieldValue };
export type TelegramDraft = TelegramConfig;

interface Common {
  enabled: boolean;
  ratePerMin: NumberFieldValue;
  dailyCap: NumberFieldValue;
  /** The new token or password as typed; empty keeps the saved one. */
  secret: string;
}

export type ChannelDraft =
  | (Common & { channel: 'whatsapp'; config: WhatsappDraft })
  | (Common & { channel: 'email'; config: EmailDraft })
  | (Common & { channel: 'telegram'; config: TelegramDraft });

export function draftOf(settings: ChannelSettings): ChannelDraft {
  const common = { enabled: settings.enabled, ratePerMin: settings.ratePerMin, dailyCap: settings.dailyCap, secret: '' };
  switch (settings.channel) {
    case 'whatsapp':
      return { ...common, channel: 'whatsapp', config: { ...settings.config, headers: Object.entries(settings.config.headers).map(([name, value]) => ({ name, value })) } };
    case 'email':
      return { ...common, channel: 'email', config: { ...settings.config } };
    case 'telegram':
      return { ...common, channel: 'telegram', config: { ...settings.config, chatIds: [...settings.config.chatIds] } };
  }
}

function configOf(draft: ChannelDraft): Record<string, unknown> {
  switch (draft.channel) {
    case 'whatsapp': {
      const rows = draft.config.headers.filter((row) => row.name.trim() !== '' || row.value !== '');
      return { ...draft.config, headers: Object.fromEntries(rows.map((row) => [row.name.trim(), row.value])) };
    }
    case 'email':
      return { ...draft.config, port: numberRequired(draft.config.port) };
    case 'telegram':
      return { ...draft.config };
  }
}

/** What `channels.update` is sent: the secret only when one was typed. */
export function toUpdate(draft: ChannelDraft): ChannelUpdate {
  return {
    channel: draft.channel,
    enabled: draft.enabled,
    ratePerMin: numberRequired(draft.ratePerMin),
    dailyCap: numberRequired(draft.dailyCap),
    config: configOf(draft),
    ...(draft.secret === '' ? {} : { secret: draft.secret }),
  };
}

/** The update schema with the channel's own config schema, so a refusal names the field as the server does (`config.url`). */
export function updateSchemaOf(channel: Channel) {
  return channelUpdateSchema.extend({ config: CHANNEL_CONFIG_SCHEMAS[channel] as unknown as z.ZodType<Record<string, unknown>> });
}

/** Whether the draft differs from the saved channel (a test message uses the saved one). */
export function isDirty(draft: ChannelDraft, saved: ChannelSettings): boolean {
  return draft.secret !== '' || JSON.stringify(toUpdate(draft)) !== JSON.stringify(toUpdate(draftOf(saved)));
}
