// Server state of invoices, payments and billing runs, and the one invalidation every money change uses.
import { keepPreviousData, useQuery, type QueryClient } from '@tanstack/react-query';
import type { OpInput } from '../../../shared/contract';
import { noc } from '../../api/client';
import { DASHBOARD_KEY } from '../alerts/queries';
import { CUSTOMERS_KEY } from '../customers/queries';

export const INVOICES_KEY = ['invoices'] as const;
export const PAYMENTS_KEY = ['payments'] as const;
export const BILLING_JOBS_KEY = ['billing', 'jobs'] as const;

export function useInvoicesList(query: OpInput<'invoices.list'>, enabled = true) {
  return useQuery({
    queryKey: [...INVOICES_KEY, 'list', query],
    queryFn: () => noc.call('invoices.list', query),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useInvoice(id: number) {
  return useQuery({ queryKey: [...INVOICES_KEY, 'one', id], queryFn: () => noc.call('invoices.get', { id }) });
}

export function usePaymentsList(query: OpInput<'payments.list'>) {
  return useQuery({
    queryKey: [...PAYMENTS_KEY, 'list', query],
    queryFn: () => noc.call('payments.list', query),
    placeholderData: keepPreviousData,
  });
}

export function usePaymentStats() {
  return useQuery({ queryKey: [...PAYMENTS_KEY, 'stats'], queryFn: () => noc.call('payments.stats', {}) });
}

export function useBillingJobs() {
  return useQuery({ queryKey: BILLING_JOBS_KEY, queryFn: () => noc.call('billing.jobs', {}) });
}

/** A payment or invoice change moves balances, statistics, the customer's credit and status, and the dashboard. */
export function refreshMoney(queryClient: QueryClient): void {
  void queryClient.invalidateQueries({ queryKey: INVOICES_KEY });
  void queryClient.invalidateQueries({ queryKey: PAYMENTS_KEY });
  void queryClient.invalidateQueries({ queryKey: CUSTOMERS_KEY });
  void queryClient.invalidateQueries({ queryKey: DASHBOARD_KEY });
}
