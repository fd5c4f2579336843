// Server state of subscriptions: the filtered list (the screen) and one customer's subscriptions (the detail).
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { OpInput } from '../../../shared/contract';
import { noc } from '../../api/client';

export const SUBSCRIPTIONS_KEY = ['subscriptions'] as const;

export function useSubscriptionsList(query: OpInput<'subscriptions.list'>) {
  return useQuery({
    queryKey: [...SUBSCRIPTIONS_KEY, 'list', query],
    queryFn: () => noc.call('subscriptions.list', query),
    placeholderData: keepPreviousData,
  });
}
