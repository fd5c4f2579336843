// Server state of the outbox: the filtered list and the counts (the dashboard's failures of the last 24 hours).
import { keepPreviousData, useQuery, type QueryClient } from '@tanstack/react-query';
import type { OpInput } from '../../../shared/contract';
import { noc } from '../../api/client';
import { CUSTOMERS_KEY } from '../customers/queries';

export const OUTBOX_KEY = ['outbox'] as const;

export function useOutboxList(query: OpInput<'outbox.list'>) {
  return useQuery({
    queryKey: [...OUTBOX_KEY, 'list', query],
    queryFn: () => noc.call('outbox.list', query),
    placeholderData: keepPreviousData,
  });
}

export function useOutboxStats(enabled = true) {
  return useQuery({ queryKey: [...OUTBOX_KEY, 'stats'], queryFn: () => noc.call('outbox.stats', {}), enabled });
}

/** A message queued, sent, failed or skipped: the outbox, its counts, and the customers' timelines (message lines). */
export function refreshOutbox(queryClient: QueryClient): void {
  void queryClient.invalidateQueries({ queryKey: OUTBOX_KEY });
  void queryClient.invalidateQueries({ queryKey: [...CUSTOMERS_KEY, 'history'] });
}
