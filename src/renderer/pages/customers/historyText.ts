// One timeline entry as a translated sentence plus its "field: from → to" lines (the server summary is English).
import type { TFunction } from 'i18next';
import type { HistoryEntry } from '../../../shared/contract';
import { formatRupiah } from '../../../shared/money';
import type { TranslationKey } from '../../forms/errors';

export interface ChangeLine {
  field: string;
  from: string | null;
  to: string;
}

const HIDDEN_FIELDS = new Set(['planId', 'deletedAt']);
const MONEY_FIELDS = new Set(['price', 'priceOverride']);
const DATE_FIELDS = new Set(['startDate', 'effectiveDate', 'currentPeriodStart', 'currentPeriodEnd']);

function fieldLabel(field: string, t: TFunction): string {
  const key = `billingFields.${field}` as TranslationKey;
  return t(key, { defaultValue: field });
}

function valueText(entry: HistoryEntry, field: string, value: unknown, t: TFunction, date: (iso: string) => string): string {
  if (value === null || value === undefined || value === '') return t('common.none');
  if (typeof value === 'boolean') return value ? t('common.yes') : t('common.no');
  if (MONEY_FIELDS.has(field) && typeof value === 'number') return formatRupiah(value);
  if (DATE_FIELDS.has(field) && typeof value === 'string') return date(value);
  if (field === 'status' && typeof value === 'string') {
    const key = (entry.entity === 'subscription' ? `subscriptionStatus.${value}` : `customerStatus.${value}`) as TranslationKey;
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
    default:
      return entry.summary;
  }
}

/** The changed fields worth showing; a creation shows only what was set. */
export function changeLinesOf(entry: HistoryEntry, t: TFunction, date: (iso: string) => string): ChangeLine[] {
  if (entry.kind.endsWith('.deleted')) return [];
  const created = entry.kind.endsWith('.created');
  const lines: ChangeLine[] = [];
  for (const [field, change] of Object.entries(entry.changes)) {
    if (HIDDEN_FIELDS.has(field)) continue;
    if (entry.kind === 'subscription.created' && (field === 'planName' || field === 'startDate')) continue;
    if (created && (change.to === null || change.to === '' || change.to === undefined)) continue;
    lines.push({
      field: fieldLabel(field, t),
      from: created ? null : valueText(entry, field, change.from, t, date),
      to: valueText(entry, field, change.to, t, date),
    });
  }
  return lines;
}

/** A reason as people read it: a machine code `auto.<name>:<id>` becomes a translated sentence, free text stays. */
export function reasonText(reason: string, t: TFunction): string {
  const match = /^auto\.(\w+):(\d+)$/.exec(reason);
  if (!match) return reason;
  const [, name = '', id = ''] = match;
  if (name === 'subscriptionStarted') return t('history.autoReason.subscriptionStarted', { id });
  return t('history.autoReason.other', { name, id });
}
