// Alert events into the query cache: patch the rows at once, refetch the lists (a burst is one refetch), badge counts.
import type { QueryClient } from '@tanstack/react-query';
import type { Alert, DashboardStats, StatusSummary } from '../../../shared/contract';
import type { LiveEvent } from '../../api/client';
import { coalesce } from '../../api/coalesce';
import { useAlertsLive } from '../../stores/alerts';
import { ALERT_LISTS_KEY, ALERT_SUMMARY_KEY, DASHBOARD_KEY } from './queries';

type AlertPage = { items: Alert[]; total: number; page: number; pageSize: number };

/** Returns the handler of alert events and a function that cancels a pending refetch. */
export function alertEventHandler(queryClient: QueryClient): { handle(event: LiveEvent): boolean; dispose(): void } {
  const refetch = coalesce(() => {
    void queryClient.invalidateQueries({ queryKey: ALERT_LISTS_KEY });
    void queryClient.invalidateQueries({ queryKey: DASHBOARD_KEY });
  });
  const refetchSoon = refetch.request;

  const handle = (event: LiveEvent): boolean => {
    switch (event.name) {
      case 'alert.created': {
        const alert = event.payload as Alert;
        useAlertsLive.getState().markFresh(alert.id);
        if (alert.severity === 'critical') useAlertsLive.getState().toast(alert);
        refetchSoon();
        return true;
      }
      case 'alert.updated': {
        const alert = event.payload as Alert;
        queryClient.setQueriesData<AlertPage>({ queryKey: ALERT_LISTS_KEY }, (page) =>
          page ? { ...page, items: page.items.map((row) => (row.id === alert.id ? alert : row)) } : page,
        );
        useAlertsLive.getState().markFresh(alert.id);
        // A resolved critical alert needs no toast any more.
        if (alert.status !== 'open') useAlertsLive.getState().dismiss(alert.id);
        refetchSoon();
        return true;
      }
      case 'status.summary': {
        const summary = event.payload as StatusSummary;
        queryClient.setQueryData(ALERT_SUMMARY_KEY, summary.open);
        queryClient.setQueryData<DashboardStats>(DASHBOARD_KEY, (stats) => (stats ? { ...stats, alerts: summary } : stats));
        return true;
      }
      default:
        return false;
    }
  };

  return {
    handle,
    dispose: refetch.cancel,
  };
}
