// Server state of customers: list, one customer, its timeline; and the one invalidation every billing change uses.
import { keepPreviousData, useQuery, type QueryClient } from '@tanstack/react-query';
import type { OpInput } from '../../../shared/contract';
import { noc } from '../../api/client';
import { PLANS_KEY } from '../plans/queries';
import { SUBSCRIPTIONS_KEY } from '../subscriptions/queries';

export const CUSTOMERS_KEY = ['customers'] as const;

export function useCustomersList(query: OpInput<'customers.list'>) {
  return useQuery({
    queryKey: [...CUSTOMERS_KEY, 'list', query],
    queryFn: () => noc.call('customers.list', query),
    placeholderData: keepPreviousData,
  });
}

export function useCustomer(id: number) {
  return useQuery({ queryKey: [...CUSTOMERS_KEY, 'one', id], queryFn: () => noc.call('customers.get', { id }) });
}

export function useCustomerHistory(id: number, page: number, pageSize: number) {
  return useQuery({
    queryKey: [...CUSTOMERS_KEY, 'history', id, page, pageSize],
    queryFn: () => noc.call('customers.history', { id, page, pageSize }),
    placeholderData: keepPreviousData,
  });
}

/** A customer, subscription or plan change can touch all three (status cascades, counts, timeline). */
export function refreshBilling(queryClient: QueryClient): void {
  void queryClient.invalidateQueries({ queryKey: CUSTOMERS_KEY });
  void queryClient.invalidateQueries({ queryKey: SUBSCRIPTIONS_KEY });
  void queryClient.invalidateQueries({ queryKey: PLANS_KEY });
}

/** What the customer owes: open invoices, balance, credit, last payment (billing roles only). */
export function useCustomerAccount(id: number, enabled: boolean) {
  return useQuery({ queryKey: [...CUSTOMERS_KEY, 'account', id], queryFn: () => noc.call('customers.account', { id }), enabled });
}
