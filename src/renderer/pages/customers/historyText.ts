// One timeline entry as a translated sentence plus its "field: from → to" lines, every label and value in the
// reader's language (the server's English summary is only for REST clients and the audit log).
import type { TFunction } from 'i18next';
import type { HistoryEntry } from '../../../shared/contract';
import { formatRupiah } from '../../../shared/money';
import type { TranslationKey } from '../../forms/errors';
import { formatDuration } from '../../format';
import { currentLanguage } from '../../i18n';
import { channelText, eventText, reasonText as messageReasonText } from '../outbox/text';

export interface ChangeLine {
  field: string;
  from: string | null;
  to: string;
}

const HIDDEN_FIELDS = new Set(['planId', 'deletedAt', 'outboxId']);
const MONEY_FIELDS = new Set(['price', 'priceOverride', 'amount', 'amountPaid', 'credit', 'creditBalance', 'total', 'subtotal', 'tax', 'balance']);
const DATE_FIELDS = new Set(['startDate', 'effectiveDate', 'currentPeriodStart', 'currentPeriodEnd', 'periodStart', 'periodEnd', 'issueDate', 'dueDate']);
const INSTANT_FIELDS = new Set(['startedAt', 'endedAt']);

/** How the timeline writes dates: business dates ("4 Des 2026") and instants in the site time zone. */
export interface HistoryFormats {
  date(iso: string): string;
  dateTime(iso: string): string;
}

const STATUS_SETS: Record<string, string> = { subscription: 'subscriptionStatus', invoice: 'invoiceStatus', payment: 'paymentStatus' };

/** Fields a kind already tells in its headline. */
const IN_HEADLINE: Record<string, ReadonlySet<string>> = {
  'subscription.created': new Set(['planName', 'startDate']),
  'invoice.issued': new Set(['number', 'total', 'periodStart', 'periodEnd']),
  'payment.recorded': new Set(['invoiceNumber', 'amount', 'method']),
  'payment.completed': new Set(['invoiceNumber']),
  'payment.allocated': new Set(['invoiceNumber']),
  'invoice.reminded': new Set(['number']),
  'payment.failed': new Set(['invoiceNumber']),
  'payment.cancelled': new Set(['invoiceNumber']),
  'subscription.renewed': new Set(['currentPeriodStart', 'currentPeriodEnd']),
  'outage.started': new Set(['device', 'startedAt']),
  'outage.ended': new Set(['device', 'startedAt', 'endedAt', 'durationSec']),
  'radius.disconnect': new Set(['nas', 'username', 'outcome', 'acctSessionId']),
  'radius.coa': new Set(['nas', 'username', 'outcome', 'acctSessionId']),
  'message.sent': new Set(['channel', 'event', 'reason']),
  'message.failed': new Set(['channel', 'event', 'reason']),
  'message.skipped': new Set(['channel', 'event', 'reason']),
};

/** A CoA/Disconnect outcome (ack, nak, timeout, error) in the reader's language. */
function outcomeText(value: unknown, t: TFunction): string {
  return t(`history.radiusOutcome.${String(value)}` as TranslationKey, { defaultValue: String(value) });
}

/** The invoice number an entry is about: in its changes, else in the (English) summary, else the entity id. */
function invoiceNumberOf(entry: HistoryEntry): string {
  // Invoice entries call it `number`, payment entries `invoiceNumber`.
  const number = entry.changes['number']?.to ?? entry.changes['invoiceNumber']?.to;
  if (typeof number === 'string') return number;
  return /INV\/\d{4}\/\d{2}\/\d+/.exec(entry.summary)?.[0] ?? `#${entry.entityId ?? ''}`;
}

/** A field's name as the forms call it, else the timeline's own names (invoice, payment, outage fields). */
export function fieldLabel(field: string, t: TFunction): string {
  const own = t(`historyFields.${field}` as TranslationKey, { defaultValue: '' });
  if (own) return own;
  return t(`billingFields.${field}` as TranslationKey, { defaultValue: field });
}

function valueText(entry: HistoryEntry, field: string, value: unknown, t: TFunction, formats: HistoryFormats): string {
  // A customer without a message language gets the site's.
  if (field === 'language' && entry.entity === 'customer' && value === null) return t('outbox.customer.siteLanguage');
  if (value === null || value === undefined || value === '') return t('common.none');
  if (typeof value === 'boolean') return value ? t('common.yes') : t('common.no');
  if (MONEY_FIELDS.has(field) && typeof value === 'number') return formatRupiah(value);
  if (DATE_FIELDS.has(field) && typeof value === 'string') return formats.date(value);
  if (INSTANT_FIELDS.has(field) && typeof value === 'string') return formats.dateTime(value);
  if (field === 'durationSec' && typeof value === 'number') return formatDuration(value, currentLanguage());
  if (field === 'invoiceStatus' && typeof value === 'string') return t(`invoiceStatus.${value}` as TranslationKey, { defaultValue: value });
  if (field === 'password') return t('history.radiusPasswordHidden');
  if (field === 'language' && typeof value === 'string') return t(`lang.${value}` as TranslationKey, { defaultValue: value });
  if (field === 'method' && typeof value === 'string') return t(`paymentMethod.${value}` as TranslationKey, { defaultValue: value });
  if (field === 'status' && typeof value === 'string') {
    const key = `${STATUS_SETS[entry.entity] ?? 'customerStatus'}.${value}` as TranslationKey;
    return t(key, { defaultValue: value });
  }
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

export function headlineOf(entry: HistoryEntry, t: TFunction, date: (iso: string) => string): string {
  const id = entry.entityId ?? '';
  const to = (field: string) => entry.changes[field]?.to;
  switch (entry.kind) {
    case 'customer.created':
      return t('history.customerCreated');
    case 'customer.updated':
      return t('history.customerUpdated');
    case 'customer.status':
      return t('history.customerStatus');
    case 'customer.deleted':
      return t('history.customerDeleted');
    case 'subscription.created':
      return t('history.subscriptionCreated', { plan: String(to('planName') ?? ''), date: date(String(to('startDate') ?? '')) });
    case 'subscription.updated':
      return t('history.subscriptionUpdated', { id });
    case 'subscription.planChanged':
      return t('history.subscriptionPlanChanged', { id });
    case 'subscription.status':
      return t('history.subscriptionStatus', { id });
    case 'subscription.deleted':
      return t('history.subscriptionDeleted', { id });
    case 'subscription.renewed':
      return t('history.subscriptionRenewed', { id, start: date(String(to('currentPeriodStart') ?? '')), end: date(String(to('currentPeriodEnd') ?? '')) });
    case 'invoice.issued':
      return t('history.invoiceIssued', {
        number: invoiceNumberOf(entry),
        total: formatRupiah(Number(to('total') ?? 0)),
        start: date(String(to('periodStart') ?? '')),
        end: date(String(to('periodEnd') ?? '')),
      });
    case 'invoice.overdue':
      return t('history.invoiceOverdue', { number: invoiceNumberOf(entry) });
    case 'invoice.void':
      return t('history.invoiceVoid', { number: invoiceNumberOf(entry) });
    case 'payment.recorded':
      return t('history.paymentRecorded', {
        amount: formatRupiah(Number(to('amount') ?? 0)),
        method: t(`paymentMethod.${String(to('method'))}` as TranslationKey, { defaultValue: String(to('method')) }),
        number: invoiceNumberOf(entry),
      });
    case 'payment.completed':
      return t('history.paymentCompleted', { number: invoiceNumberOf(entry) });
    case 'payment.allocated':
      return t('opsHistory.paymentAllocated', { number: invoiceNumberOf(entry) });
    case 'invoice.reminded':
      return t('opsHistory.invoiceReminded', { number: invoiceNumberOf(entry) });
    case 'payment.failed':
      return t('history.paymentFailed', { number: invoiceNumberOf(entry) });
    case 'payment.cancelled':
      return t('history.paymentCancelled', { number: invoiceNumberOf(entry) });
    case 'outage.started':
      return t('outage.started', { device: String(to('device') ?? '') });
    case 'outage.ended':
      return t('outage.ended', { device: String(to('device') ?? ''), duration: formatDuration(Number(to('durationSec') ?? 0), currentLanguage()) });
    case 'radius.credentials':
      return t('history.radiusCredentials', { id });
    case 'radius.password':
      return t('history.radiusPassword', { id });
    case 'radius.disconnect':
    case 'radius.coa':
      return t(entry.kind === 'radius.coa' ? 'history.radiusCoa' : 'history.radiusDisconnect', {
        username: String(to('username') ?? ''),
        nas: String(to('nas') ?? ''),
        outcome: outcomeText(to('outcome'), t),
      });
    case 'message.sent':
    case 'message.failed':
    case 'message.skipped': {
      const status = entry.kind.slice('message.'.length) as 'sent' | 'failed' | 'skipped';
      const reason = to('reason');
      const params = { channel: channelText(String(to('channel') ?? ''), t), event: eventText(String(to('event') ?? ''), t) };
      if (status === 'sent') return t('messageHistory.sent', params);
      if (typeof reason !== 'string' || reason === '') return t(status === 'failed' ? 'messageHistory.failedNoReason' : 'messageHistory.skippedNoReason', params);
      return t(status === 'failed' ? 'messageHistory.failed' : 'messageHistory.skipped', { ...params, reason: messageReasonText(reason, t) });
    }
    default:
      return entry.summary;
  }
}

/** The changed fields worth showing; a creation shows only what was set. */
export function changeLinesOf(entry: HistoryEntry, t: TFunction, formats: HistoryFormats): ChangeLine[] {
  if (entry.kind.endsWith('.deleted')) return [];
  const created = entry.kind.endsWith('.created') || entry.kind === 'invoice.issued' || entry.kind === 'payment.recorded' || entry.kind === 'subscription.renewed' || entry.kind.startsWith('message.');
  const told = IN_HEADLINE[entry.kind];
  const lines: ChangeLine[] = [];
  for (const [field, change] of Object.entries(entry.changes)) {
    if (HIDDEN_FIELDS.has(field)) continue;
    if (told?.has(field)) continue;
    if (created && (change.to === null || change.to === '' || change.to === undefined)) continue;
    lines.push({
      field: fieldLabel(field, t),
      from: created ? null : valueText(entry, field, change.from, t, formats),
      to: valueText(entry, field, change.to, t, formats),
    });
  }
  return lines;
}

/** A reason as people read it: a machine code `auto.<name>:<id>` becomes a translated sentence, free text stays. */
export function reasonText(reason: string, t: TFunction): string {
  if (reason === 'auto.accessChanged') return t('history.autoReason.accessChanged');
  const match = /^auto\.(\w+):(\S+)$/.exec(reason);
  if (!match) return reason;
  const [, name = '', id = ''] = match;
  if (name === 'subscriptionStarted') return t('history.autoReason.subscriptionStarted', { id });
  if (name === 'overdue') return t('history.autoReason.overdue', { id });
  if (name === 'paid') return t('history.autoReason.paid', { id });
  if (name === 'expired') return t('history.autoReason.expired', { id });
  return t('history.autoReason.other', { name, id });
}
