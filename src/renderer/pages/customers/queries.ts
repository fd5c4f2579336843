// Server state of customers: list, one customer, its timeline; and the one invalidation every billing change uses.
import { keepPreviousData, queryOptions, useQuery, type QueryClient } from '@tanstack/react-query';
import type { CustomerStatus, OpInput } from '../../../shared/contract';
import type { CustomerSort } from '../../stores/customers';
import { noc } from '../../api/client';
import { PLANS_KEY } from '../plans/queries';
import { SUBSCRIPTIONS_KEY } from '../subscriptions/queries';

export const CUSTOMERS_KEY = ['customers'] as const;

export const CUSTOMERS_PAGE_SIZE = 50;

export function customersListQuery(query: OpInput<'customers.list'>) {
  return queryOptions({
    queryKey: [...CUSTOMERS_KEY, 'list', query],
    queryFn: () => noc.call('customers.list', query),
    placeholderData: keepPreviousData,
  });
}

export function useCustomersList(query: OpInput<'customers.list'>) {
  return useQuery(customersListQuery(query));
}

/** The list query of the Customers page for its kept view (search as typed, filters, sort, page). */
export function customersPageInput(view: { search: string; status: CustomerStatus | null; sort: CustomerSort; order: 'asc' | 'desc'; page: number }): OpInput<'customers.list'> {
  return { search: view.search.trim() || undefined, status: view.status ?? undefined, sort: view.sort, order: view.order, page: view.page, pageSize: CUSTOMERS_PAGE_SIZE };
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
