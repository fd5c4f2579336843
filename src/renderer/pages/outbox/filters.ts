// The outbox's filters live in the URL (`#/outbox?status=failed`) so the dashboard and a customer's page can link to them.
import {
  CHANNELS,
  MESSAGE_EVENTS,
  OUTBOX_STATUSES,
  type Channel,
  type MessageEvent,
  type OpInput,
  type OutboxStatus,
} from '../../../shared/contract';

export interface OutboxFilters {
  status: OutboxStatus | null;
  channel: Channel | null;
  audience: 'customer' | 'team' | null;
  event: MessageEvent | null;
  search: string | null;
  customer: number | null;
  page: number;
}

function pick<T extends string>(values: readonly T[], raw: string | null): T | null {
  return raw !== null && (values as readonly string[]).includes(raw) ? (raw as T) : null;
}

function positive(raw: string | null): number | null {
  const n = Number(raw);
  return raw !== null && Number.isInteger(n) && n > 0 ? n : null;
}

export function readOutboxFilters(params: URLSearchParams): OutboxFilters {
  return {
    status: pick(OUTBOX_STATUSES, params.get('status')),
    channel: pick(CHANNELS, params.get('channel')),
    audience: pick(['customer', 'team'] as const, params.get('audience')),
    event: pick(MESSAGE_EVENTS, params.get('event')),
    search: params.get('search')?.trim() || null,
    customer: positive(params.get('customer')),
    page: positive(params.get('page')) ?? 1,
  };
}

/** The URL of the outbox with these filters; page 1 is left out. */
export function outboxPath(filters: Partial<OutboxFilters>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filters)) {
    if (value === null || value === undefined || (key === 'page' && value === 1)) continue;
    params.set(key, String(value));
  }
  const qs = params.toString();
  return qs ? `/outbox?${qs}` : '/outbox';
}

export function outboxQueryOf(filters: OutboxFilters, pageSize: number): OpInput<'outbox.list'> {
  return {
    status: filters.status ?? undefined,
    channel: filters.channel ?? undefined,
    audience: filters.audience ?? undefined,
    event: filters.event ?? undefined,
    search: filters.search ?? undefined,
    customerId: filters.customer ?? undefined,
    page: filters.page,
    pageSize,
  };
}
