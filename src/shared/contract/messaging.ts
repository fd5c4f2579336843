// Messages to customers (WhatsApp, e-mail) and to the NOC team (Telegram, WhatsApp, e-mail) from one outbox: the
// channels and their write-only secrets, the templates per event and language, and the outbox itself.
import { z } from 'zod';
import { event, idSchema, listOf, op, pageQuery } from './define';
import { languageSchema } from './users';

export const CHANNELS = ['whatsapp', 'email', 'telegram'] as const;
export const channelSchema = z.enum(CHANNELS);
export type Channel = z.infer<typeof channelSchema>;

/** What a customer hears about. The outage notices go to the customers an outage affects (through the device tree). */
export const CUSTOMER_EVENTS = ['invoiceIssued', 'dueReminder', 'overdue', 'suspended', 'reactivated', 'paymentReceived', 'outageStarted', 'outageEnded'] as const;
/** Billing events wait for the end of the customers' quiet hours; outage notices do not. */
export const BILLING_CUSTOMER_EVENTS = ['invoiceIssued', 'dueReminder', 'overdue', 'suspended', 'reactivated', 'paymentReceived'] as const;
/** What the team hears: an alert, its repeat while unacknowledged, its end, and the summary of a burst. */
export const TEAM_EVENTS = ['teamAlert', 'teamAlertRepeat', 'teamAlertResolved', 'teamSummary'] as const;
export const MESSAGE_EVENTS = [...CUSTOMER_EVENTS, ...TEAM_EVENTS] as const;
export const customerEventSchema = z.enum(CUSTOMER_EVENTS);
export const messageEventSchema = z.enum(MESSAGE_EVENTS);
export type CustomerEvent = z.infer<typeof customerEventSchema>;
export type MessageEvent = z.infer<typeof messageEventSchema>;

/** The placeholders each template may use (`{{customerName}}`); money and dates arrive formatted for the language. */
export const TEMPLATE_PLACEHOLDERS: Record<MessageEvent, readonly string[]> = {
  invoiceIssued: ['customerName', 'customerCode', 'companyName', 'invoiceNumber', 'amount', 'dueDate', 'period', 'paymentInstructions'],
  dueReminder: ['customerName', 'customerCode', 'companyName', 'invoiceNumber', 'amount', 'dueDate', 'paymentInstructions'],
  overdue: ['customerName', 'customerCode', 'companyName', 'invoiceNumber', 'amount', 'dueDate', 'daysOverdue', 'paymentInstructions'],
  suspended: ['customerName', 'customerCode', 'companyName', 'amount', 'paymentInstructions'],
  reactivated: ['customerName', 'customerCode', 'companyName'],
  paymentReceived: ['customerName', 'customerCode', 'companyName', 'amount', 'paidAt', 'receiptNumber', 'invoiceNumber'],
  outageStarted: ['customerName', 'customerCode', 'companyName', 'area', 'since'],
  outageEnded: ['customerName', 'customerCode', 'companyName', 'area', 'since', 'restoredAt', 'duration'],
  teamAlert: ['companyName', 'severity', 'alert', 'at'],
  teamAlertRepeat: ['companyName', 'severity', 'alert', 'at', 'openFor'],
  teamAlertResolved: ['companyName', 'alert', 'at', 'duration'],
  teamSummary: ['companyName', 'count', 'alerts'],
};

export const OUTBOX_STATUSES = ['queued', 'sending', 'sent', 'failed', 'skipped', 'cancelled'] as const;
export const outboxStatusSchema = z.enum(OUTBOX_STATUSES);
export type OutboxStatus = z.infer<typeof outboxStatusSchema>;

/**
 * Why a message was skipped or failed, as a code the screens translate: nothing is retried forever.
 * `settled`: the invoice was paid before the reminder left; `outageShort`: the outage ended within the delay.
 */
export const OUTBOX_REASONS = [
  'optedOut', 'noPhone', 'invalidPhone', 'noEmail', 'noChatId', 'channelOff', 'outageShort', 'settled', 'acknowledged', 'resolved', 'rejected', 'attempts', 'cancelled',
] as const;
export const outboxReasonSchema = z.enum(OUTBOX_REASONS);
export type OutboxReason = z.infer<typeof outboxReasonSchema>;

export const outboxMessageSchema = z.object({
  id: z.number().int(),
  createdAt: z.string(),
  channel: channelSchema,
  audience: z.enum(['customer', 'team']),
  event: messageEventSchema,
  customerId: z.number().int().nullable(),
  customerName: z.string().nullable(),
  userId: z.number().int().nullable(),
  /** `62…` phone, e-mail address or Telegram chat id. */
  recipient: z.string(),
  language: languageSchema,
  subject: z.string().nullable(),
  text: z.string(),
  /** A PDF sent with an e-mail: the invoice or the receipt. */
  attachment: z.enum(['invoice', 'receipt']).nullable(),
  status: outboxStatusSchema,
  reason: outboxReasonSchema.nullable(),
  attempts: z.number().int(),
  /** Not sent before this instant: the outage delay, quiet hours, the daily cap, or the back-off after a failure. */
  notBefore: z.string(),
  lastAttemptAt: z.string().nullable(),
  sentAt: z.string().nullable(),
  /** The gateway's or server's own answer to the last attempt (status and body, cut at 2,000 characters). */
  answer: z.string().nullable(),
});
export type OutboxMessage = z.infer<typeof outboxMessageSchema>;

export const outboxStatsSchema = z.object({
  byStatus: z.record(outboxStatusSchema, z.number().int()),
  /** Messages that failed in the last 24 hours: the dashboard's count. */
  failedLast24h: z.number().int(),
  /** Sent today (site day) per channel, against the daily cap. */
  sentToday: z.record(channelSchema, z.number().int()),
});
export type OutboxStats = z.infer<typeof outboxStatsSchema>;

// ---- channels ----

export const WHATSAPP_PRESETS = ['fonnte', 'waha', 'generic'] as const;
export const whatsappPresetSchema = z.enum(WHATSAPP_PRESETS);

const httpUrl = z
  .string()
  .trim()
  .max(500)
  .refine((v) => v === '' || /^https?:\/\/[^\s]+$/.test(v), { message: 'An http(s) address' });
const headerName = z.string().regex(/^[A-Za-z0-9-]{1,64}$/, { message: 'A header name' });

export const whatsappConfigSchema = z.strictObject({
  preset: whatsappPresetSchema,
  /** Fonnte: https://api.fonnte.com/send; WAHA: the server's base address; generic: the full request address. */
  url: httpUrl,
  /** WAHA's session name. */
  session: z.string().trim().max(64),
  /** Generic only: method, extra headers (not secret: the token goes in the secret and is written as `{{token}}`). */
  method: z.enum(['POST', 'GET']),
  headers: z.record(headerName, z.string().max(500)),
  /** Generic only: the request body with `{{phone}}`, `{{text}}` and `{{token}}` (JSON-escaped in a JSON body). */
  bodyTemplate: z.string().max(4000),
  contentType: z.enum(['json', 'form']),
});
export type WhatsappConfig = z.infer<typeof whatsappConfigSchema>;

export const emailConfigSchema = z.strictObject({
  host: z.string().trim().max(253),
  port: z.number().int().min(1).max(65535),
  /** `tls`: TLS from the start (465); `starttls`: upgrade required (587); `none`: plain (a relay on the LAN). */
  security: z.enum(['tls', 'starttls', 'none']),
  user: z.string().trim().max(200),
  from: z.string().trim().max(200),
});
export type EmailConfig = z.infer<typeof emailConfigSchema>;

export const telegramConfigSchema = z.strictObject({
  /** The Bot API address (https://api.telegram.org, or a local Bot API server). */
  apiBase: httpUrl,
  /** Group chats that get the network alerts at or above the team severity (`-100…` ids). */
  chatIds: z.array(z.string().regex(/^-?\d{1,20}$/, { message: 'A Telegram chat id' })).max(10),
});
export type TelegramConfig = z.infer<typeof telegramConfigSchema>;

export const channelCommon = {
  enabled: z.boolean(),
  /** Messages per minute at most (gateways ban floods; a self-hosted gateway on the LAN may take up to 6,000). */
  ratePerMin: z.number().int().min(1).max(6000),
  /** Messages per site day at most; the rest wait for the next day. */
  dailyCap: z.number().int().min(1).max(100_000),
};

export const channelSettingsSchema = z.discriminatedUnion('channel', [
  z.object({ channel: z.literal('whatsapp'), ...channelCommon, config: whatsappConfigSchema, secretSet: z.boolean(), updatedAt: z.string().nullable() }),
  z.object({ channel: z.literal('email'), ...channelCommon, config: emailConfigSchema, secretSet: z.boolean(), updatedAt: z.string().nullable() }),
  z.object({ channel: z.literal('telegram'), ...channelCommon, config: telegramConfigSchema, secretSet: z.boolean(), updatedAt: z.string().nullable() }),
]);
export type ChannelSettings = z.infer<typeof channelSettingsSchema>;

/** The config schema of each channel: `channels.update` checks `config` against its channel's (fields `config.*`). */
export const CHANNEL_CONFIG_SCHEMAS = { whatsapp: whatsappConfigSchema, email: emailConfigSchema, telegram: telegramConfigSchema } as const;

/**
 * `secret`: the token or password, written and never read back; absent keeps it, '' clears it. `config` is one
 * object for every channel on the wire and is checked against CHANNEL_CONFIG_SCHEMAS[channel] by the service.
 */
export const channelUpdateSchema = z.strictObject({
  channel: channelSchema,
  ...channelCommon,
  config: z.record(z.string(), z.unknown()),
  secret: z.string().max(2000).optional(),
});
export type ChannelUpdate = z.infer<typeof channelUpdateSchema>;

export const channelTestResultSchema = z.object({
  ok: z.boolean(),
  /** The gateway's own answer (HTTP status and body, or the SMTP server's reply), as it came. */
  answer: z.string(),
  durationMs: z.number().int(),
});

// ---- templates ----

export const templateSchema = z.object({
  event: messageEventSchema,
  language: languageSchema,
  /** E-mail subject; chat messages use only the text. */
  subject: z.string(),
  text: z.string(),
  /** True while it is the built-in text (never edited, or reset). */
  isDefault: z.boolean(),
  placeholders: z.array(z.string()),
});
export type MessageTemplate = z.infer<typeof templateSchema>;

const templateKey = { event: messageEventSchema, language: languageSchema };

// ---- the team: each user's own channel ----

export const notifySchema = z.object({
  channel: z.enum(['none', 'telegram', 'whatsapp', 'email']),
  /** Telegram chat id, phone or e-mail address; the account's e-mail when empty for e-mail. */
  address: z.string(),
  minSeverity: z.enum(['critical', 'warning']),
  /** On-call hours (site time); both null: always. */
  onCallStart: z.string().nullable(),
  onCallEnd: z.string().nullable(),
});
export type NotifyPreference = z.infer<typeof notifySchema>;

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { message: 'A time written HH:MM' });

export const messagingOperations = {
  'outbox.list': op({
    method: 'GET',
    path: '/api/outbox',
    access: ['admin', 'staff'],
    summary: 'The outbox, newest first: filter by status, channel, audience, event, customer, or text',
    input: z.strictObject({
      status: outboxStatusSchema.optional(),
      channel: channelSchema.optional(),
      audience: z.enum(['customer', 'team']).optional(),
      event: messageEventSchema.optional(),
      customerId: idSchema.optional(),
      search: z.string().trim().max(120).optional(),
      ...pageQuery,
    }),
    output: listOf(outboxMessageSchema),
  }),
  'outbox.stats': op({
    method: 'GET',
    path: '/api/outbox/stats',
    access: ['admin', 'staff'],
    summary: 'Outbox counts by status, failures of the last 24 hours, and messages sent today per channel',
    input: z.strictObject({}),
    output: outboxStatsSchema,
  }),
  'outbox.resend': op({
    method: 'POST',
    path: '/api/outbox/:id/resend',
    access: ['admin', 'staff'],
    summary: 'Queue a failed, skipped or cancelled message again (attempts start over)',
    input: z.strictObject({ id: idSchema }),
    output: outboxMessageSchema,
  }),
  'outbox.cancel': op({
    method: 'POST',
    path: '/api/outbox/:id/cancel',
    access: ['admin', 'staff'],
    summary: 'Cancel a queued message',
    input: z.strictObject({ id: idSchema }),
    output: outboxMessageSchema,
  }),
  'channels.list': op({
    method: 'GET',
    path: '/api/channels',
    access: ['admin'],
    summary: 'The message channels with their settings; secrets only as `secretSet`',
    input: z.strictObject({}),
    output: z.array(channelSettingsSchema),
  }),
  'channels.update': op({
    method: 'PUT',
    path: '/api/channels/:channel',
    access: ['admin'],
    summary: 'Change a channel; `secret` (token, password) is written, never read back',
    input: channelUpdateSchema,
    output: channelSettingsSchema,
  }),
  'channels.test': op({
    method: 'POST',
    path: '/api/channels/:channel/test',
    access: ['admin'],
    summary: "Send a test message now through the saved channel and answer with the gateway's own reply",
    input: z.strictObject({ channel: channelSchema, to: z.string().trim().min(1, { message: 'Required' }).max(200) }),
    output: channelTestResultSchema,
  }),
  'templates.list': op({
    method: 'GET',
    path: '/api/templates',
    access: ['admin'],
    summary: 'Message templates of every event in both languages, with their placeholders',
    input: z.strictObject({}),
    output: z.array(templateSchema),
  }),
  'templates.update': op({
    method: 'PUT',
    path: '/api/templates/:event/:language',
    access: ['admin'],
    summary: 'Change a template; a placeholder the event does not have is refused',
    input: z.strictObject({ ...templateKey, subject: z.string().trim().max(200), text: z.string().trim().min(1, { message: 'Required' }).max(2000) }),
    output: templateSchema,
  }),
  'templates.reset': op({
    method: 'POST',
    path: '/api/templates/:event/:language/reset',
    access: ['admin'],
    summary: 'Back to the built-in text',
    input: z.strictObject(templateKey),
    output: templateSchema,
  }),
  'templates.preview': op({
    method: 'POST',
    path: '/api/templates/preview',
    access: ['admin'],
    summary: "A template (saved, or the text given) rendered with real data: a customer's latest invoice, payment and outage",
    input: z.strictObject({
      ...templateKey,
      subject: z.string().max(200).optional(),
      text: z.string().max(2000).optional(),
      customerId: idSchema.optional(),
    }),
    output: z.object({ subject: z.string(), text: z.string(), unknown: z.array(z.string()) }),
  }),
  'notify.get': op({
    method: 'GET',
    path: '/api/me/notify',
    access: 'user',
    summary: 'How the signed-in user hears about alerts: channel, address, minimum severity, on-call hours',
    input: z.strictObject({}),
    output: notifySchema,
  }),
  'notify.update': op({
    method: 'PUT',
    path: '/api/me/notify',
    access: 'user',
    summary: 'Change how the signed-in user hears about alerts',
    input: z.strictObject({
      channel: notifySchema.shape.channel,
      address: z.string().trim().max(200),
      minSeverity: notifySchema.shape.minSeverity,
      onCallStart: hhmm.nullable(),
      onCallEnd: hhmm.nullable(),
    }),
    output: notifySchema,
  }),
} as const;

export const messagingEvents = {
  'outbox.changed': event({
    access: ['admin', 'staff'],
    summary: 'Outbox messages were queued, sent, failed or skipped: counts by status',
    payload: z.object({ byStatus: z.record(z.string(), z.number().int()), failedLast24h: z.number().int() }),
  }),
} as const;
