// Turns an event into outbox rows inside the caller's transaction: one row per customer and channel (or per team
// recipient), the text rendered from the template in the recipient's language. `dedupe_key` is unique and rows are
// INSERT OR IGNORE, so an event replayed after a crash, or a job run twice, never queues a message twice.
import type { EntityManager } from 'typeorm';
import { BILLING_CUSTOMER_EVENTS, type Channel, type CustomerEvent, type Language, type MessageEvent, type Settings } from '../../../shared/contract';
import { formatBusinessDate, formatClock, formatDuration, formatLongDateTime, formatNumber, formatRupiah } from '../../../shared/i18n/format';
import { gatewayPhone } from '../../../shared/phone';
import type { ChannelsService } from './channels';
import { insertMany, HISTORY_COLUMNS } from '../billing/sql';
import { renderTemplate, type TemplatesService } from './templates';

/** A placeholder value, formatted per language when the text is rendered. */
export type TemplateParam =
  | string
  | number
  | { rupiah: number }
  | { date: string }
  | { at: string }
  | { clock: string }
  | { sec: number }
  | { period: [string, string] };

export type TemplateParams = Record<string, TemplateParam>;

export interface CustomerMessage {
  event: CustomerEvent;
  customerId: number;
  /** What caused it, unique per event: `invoice:12`, `invoice:12:2026-12-08`, `payment:7`, `outage:3`. */
  cause: string;
  params: TemplateParams;
  attachment?: 'invoice' | 'receipt' | null;
  invoiceId?: number | null;
  paymentId?: number | null;
  deviceId?: number | null;
  /** Not before this instant (the outage delay); default now. */
  notBefore?: Date;
}

export interface TeamMessage {
  event: MessageEvent;
  channel: Channel;
  recipient: string;
  userId: number | null;
  language: Language;
  /** Unique per alert, recipient and repeat period. */
  dedupeKey: string;
  params: TemplateParams;
  alertId: number | null;
  deviceId?: number | null;
}

const COLUMNS = [
  'created_at', 'channel', 'audience', 'event', 'dedupe_key', 'customer_id', 'user_id', 'recipient', 'language', 'subject', 'text', 'attachment',
  'invoice_id', 'payment_id', 'device_id', 'alert_id', 'status', 'reason', 'attempts', 'not_before',
];

/**
 * Formats each parameter for `language` in the site time zone. `memo` keeps what was formatted already: a billing run
 * formats the same due date and the same few periods for thousands of invoices.
 */
export function formatParams(params: TemplateParams, language: Language, timeZone: string, memo?: Map<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(params)) {
    if (typeof value === 'string') out[name] = value;
    else if (typeof value === 'number') out[name] = formatNumber(value, language);
    else if ('rupiah' in value) out[name] = formatRupiah(value.rupiah);
    else {
      const key = memo ? `${language}|${'date' in value ? `d${value.date}` : 'at' in value ? `a${value.at}` : 'clock' in value ? `c${value.clock}` : 'sec' in value ? `s${value.sec}` : `p${value.period[0]}|${value.period[1]}`}` : '';
      const known = memo?.get(key);
      if (known !== undefined) {
        out[name] = known;
        continue;
      }
      let text: string;
      if ('date' in value) text = formatBusinessDate(value.date, language, 'long') ?? '';
      else if ('at' in value) text = formatLongDateTime(value.at, language, timeZone) ?? '';
      else if ('clock' in value) text = formatClock(value.clock, language, timeZone) ?? '';
      else if ('sec' in value) text = formatDuration(value.sec, language);
      else text = `${formatBusinessDate(value.period[0], language, 'long') ?? ''} – ${formatBusinessDate(value.period[1], language, 'long') ?? ''}`;
      memo?.set(key, text);
      out[name] = text;
    }
  }
  return out;
}

interface CustomerContact {
  id: number;
  name: string;
  code: string;
  phone: string;
  email: string | null;
  language: Language | null;
  optOut: number;
}

export class MessageComposer {
  constructor(
    private readonly channels: ChannelsService,
    private readonly templates: TemplatesService,
    private readonly settings: () => Promise<Settings>,
    private readonly now: () => Date,
  ) {}

  /** Renders `event`'s template in `language` with `params` (+ the company name and payment instructions). */
  async render(event: MessageEvent, language: Language, params: TemplateParams, settings: Settings): Promise<{ subject: string; text: string }> {
    return this.renderText(await this.templates.get(event, language), language, params, settings);
  }

  /** Renders a given template (the editor's unsaved text) the same way. */
  async renderText(template: { subject: string; text: string }, language: Language, params: TemplateParams, settings: Settings): Promise<{ subject: string; text: string }> {
    return renderWith(template, language, params, settings);
  }

  /**
   * A renderer for one batch: each event's template read once per language and formatted dates kept, so a billing run
   * of 20,000 invoices does not look up the template and format the same due date 20,000 times.
   */
  private async batchRenderer(pairs: Iterable<[MessageEvent, Language]>, settings: Settings) {
    const templates = new Map<string, { subject: string; text: string }>();
    for (const [event, language] of pairs) {
      const key = `${event}:${language}`;
      if (!templates.has(key)) templates.set(key, await this.templates.get(event, language));
    }
    const memo = new Map<string, string>();
    return (event: MessageEvent, language: Language, params: TemplateParams) => renderWith(templates.get(`${event}:${language}`)!, language, params, settings, memo);
  }

  /**
   * Queues `messages` to their customers in `em`'s transaction: WhatsApp to a mobile number, e-mail to an address,
   * on every enabled channel, for the events the site sends. Opted-out customers and numbers WhatsApp cannot reach
   * get a `skipped` row with the reason (and a timeline entry); nothing is queued while no channel is enabled.
   * Answers how many rows were written (a replay writes none).
   */
  async customers(em: EntityManager, messages: CustomerMessage[]): Promise<number> {
    if (messages.length === 0) return 0;
    const settings = await this.settings();
    const wanted = messages.filter((m) => settings.customerMessageEvents.includes(m.event));
    const enabled = [...(await this.channels.enabled())].filter((c) => c !== 'telegram');
    if (wanted.length === 0 || enabled.length === 0) return 0;
    const contacts = new Map<number, CustomerContact>();
    const ids = [...new Set(wanted.map((m) => m.customerId))];
    for (let i = 0; i < ids.length; i += 500) {
      const chunk = ids.slice(i, i + 500);
      const rows = (await em.query(
        `SELECT id, name, code, phone, email, language, messages_opt_out AS optOut FROM customer WHERE id IN (${chunk.map(() => '?').join(',')}) AND deleted_at IS NULL`,
        chunk,
      )) as CustomerContact[];
      for (const row of rows) contacts.set(row.id, row);
    }
    const pairs = new Map<string, [MessageEvent, Language]>();
    for (const m of wanted) {
      const contact = contacts.get(m.customerId);
      const language = contact?.language ?? settings.language;
      pairs.set(`${m.event}:${language}`, [m.event, language]);
    }
    const render = await this.batchRenderer(pairs.values(), settings);
    const now = this.now();
    const at = now.toISOString();
    const queued: unknown[][] = [];
    const skipped: { row: unknown[]; customerId: number; channel: Channel; event: CustomerEvent; reason: string }[] = [];
    for (const m of wanted) {
      const contact = contacts.get(m.customerId);
      if (!contact) continue;
      const language = contact.language ?? settings.language;
      const params = { customerName: contact.name, customerCode: contact.code, ...m.params };
      const { subject, text } = render(m.event, language, params);
      const notBefore = (m.notBefore ?? now).toISOString();
      for (const channel of enabled) {
        let recipient: string;
        let reason: string | null = null;
        if (channel === 'whatsapp') {
          const phone = contact.phone ? gatewayPhone(contact.phone) : null;
          recipient = phone ?? contact.phone ?? '';
          if (!contact.phone) reason = 'noPhone';
          else if (!phone) reason = 'invalidPhone';
        } else {
          // Most customers here have no e-mail: no address, no row (WhatsApp is the channel they read).
          if (!contact.email) continue;
          recipient = contact.email;
        }
        if (contact.optOut) reason = 'optedOut';
        const row = [
          at, channel, 'customer', m.event, `${m.event}:${m.cause}:customer:${m.customerId}:${channel}`, m.customerId, null, recipient, language,
          channel === 'email' ? subject : null, text, channel === 'email' ? (m.attachment ?? null) : null, m.invoiceId ?? null, m.paymentId ?? null,
          m.deviceId ?? null, null, reason ? 'skipped' : 'queued', reason, 0, notBefore,
        ];
        if (reason) skipped.push({ row, customerId: m.customerId, channel, event: m.event, reason });
        else queued.push(row);
      }
    }
    const before = await changesTotal(em);
    await insertOrIgnore(em, queued);
    let written = (await changesTotal(em)) - before;
    // A skip is rare (opted out, a landline): one at a time, with its timeline entry when the row is new.
    for (const s of skipped) {
      const mark = await changesTotal(em);
      await insertOrIgnore(em, [s.row]);
      if ((await changesTotal(em)) === mark) continue;
      written++;
      await insertMany(em, 'history', HISTORY_COLUMNS, [[
        at, null, 'system', s.customerId, 'customer', s.customerId, 'message.skipped', `${s.channel} ${s.event} skipped: ${s.reason}`,
        JSON.stringify({ channel: { from: null, to: s.channel }, event: { from: null, to: s.event }, reason: { from: null, to: s.reason } }), null,
      ]]);
    }
    return written;
  }

  /** Queues team messages (already addressed by the team notifier) in `em`'s transaction. */
  async team(em: EntityManager, messages: TeamMessage[]): Promise<number> {
    if (messages.length === 0) return 0;
    const settings = await this.settings();
    const at = this.now().toISOString();
    const rows: unknown[][] = [];
    const render = await this.batchRenderer(messages.map((m) => [m.event, m.language]), settings);
    for (const m of messages) {
      const { subject, text } = render(m.event, m.language, m.params);
      rows.push([
        at, m.channel, 'team', m.event, m.dedupeKey, null, m.userId, m.recipient, m.language, m.channel === 'email' ? subject : null, text, null,
        null, null, m.deviceId ?? null, m.alertId, 'queued', null, 0, at,
      ]);
    }
    const before = await changesTotal(em);
    await insertOrIgnore(em, rows);
    return (await changesTotal(em)) - before;
  }
}

function renderWith(template: { subject: string; text: string }, language: Language, params: TemplateParams, settings: Settings, memo?: Map<string, string>): { subject: string; text: string } {
  const values = {
    companyName: settings.companyName || 'NOCman',
    paymentInstructions: settings.paymentInstructions,
    ...formatParams(params, language, settings.timeZone, memo),
  };
  return { subject: renderTemplate(template.subject, values), text: renderTemplate(template.text, values) };
}

/** Whether `event` is a billing message (held back during the customers' quiet hours). */
export function isBillingEvent(event: string): boolean {
  return (BILLING_CUSTOMER_EVENTS as readonly string[]).includes(event);
}

async function changesTotal(em: EntityManager): Promise<number> {
  const [row] = (await em.query('SELECT total_changes() AS n')) as [{ n: number }];
  return row.n;
}

async function insertOrIgnore(em: EntityManager, rows: unknown[][]): Promise<void> {
  await insertMany(em, 'outbox', COLUMNS, rows, 'INSERT OR IGNORE');
}
