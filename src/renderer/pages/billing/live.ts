// Billing events into the UI: run progress into its store; a changed invoice refreshes the money lists (a burst is one refetch).
import type { QueryClient } from '@tanstack/react-query';
import type { EventPayload } from '../../../shared/contract';
import type { LiveEvent } from '../../api/client';
import { coalesce } from '../../api/coalesce';
import { useBillingRun } from '../../stores/billing';
import { BILLING_JOBS_KEY, refreshMoney } from './queries';

export function billingEventHandler(queryClient: QueryClient): { handle(event: LiveEvent): boolean; dispose(): void } {
  const refetch = coalesce(() => {
    refreshMoney(queryClient);
  });
  const refetchSoon = refetch.request;

  const handle = (event: LiveEvent): boolean => {
    switch (event.name) {
      case 'billing.progress': {
        const progress = event.payload as EventPayload<'billing.progress'>;
        useBillingRun.getState().progress(progress);
        if (progress.phase === 'finished') {
          void queryClient.invalidateQueries({ queryKey: BILLING_JOBS_KEY });
          refetchSoon();
        }
        return true;
      }
      case 'invoice.changed':
        refetchSoon();
        return true;
      default:
        return false;
    }
  };

  return {
    handle,
    dispose: refetch.cancel,
  };
}
