// How a message's event, reason and recipient read in the reader's language (the table, the timeline, the dialogs).
import type { TFunction } from 'i18next';
import type { OutboxMessage, OutboxStatus } from '../../../shared/contract';
import type { TranslationKey } from '../../forms/errors';

export const OUTBOX_STATUS_COLORS: Record<OutboxStatus, string> = {
  queued: 'gray',
  sending: 'blue',
  sent: 'green',
  failed: 'red',
  skipped: 'orange',
  cancelled: 'dark',
};

/** Reasons a resend cannot cure: the customer said no, or the number or address is not there. */
const FINAL_REASONS = new Set(['optedOut', 'invalidPhone', 'noPhone']);

export function mayResend(m: Pick<OutboxMessage, 'status' | 'reason'>): boolean {
  return (m.status === 'failed' || m.status === 'skipped' || m.status === 'cancelled') && !FINAL_REASONS.has(m.reason ?? '');
}

/** Why the resend button is missing on a stopped message, or null. */
export function isFinalReason(reason: string | null): boolean {
  return FINAL_REASONS.has(reason ?? '');
}

export function eventText(event: string, t: TFunction): string {
  return t(`outbox.events.${event}` as TranslationKey, { defaultValue: event });
}

export function channelText(channel: string, t: TFunction): string {
  return t(`outbox.channels.${channel}` as TranslationKey, { defaultValue: channel });
}

/** `attempts` says how many tries it took; the others are a short sentence. */
export function reasonText(reason: string, t: TFunction, attempts = 8): string {
  return t(`outbox.reasons.${reason}` as TranslationKey, { count: attempts, defaultValue: reason });
}

/** Who the message is for: a customer's name, a team member, or the team's group chat. */
export function recipientLabel(m: Pick<OutboxMessage, 'audience' | 'customerName' | 'customerId' | 'userId'>, t: TFunction): string {
  if (m.audience === 'customer') return m.customerName ?? `#${m.customerId ?? ''}`;
  return m.userId !== null ? t('outbox.teamMember', { id: m.userId }) : t('outbox.teamChat');
}
