// Server state of alerts: the filtered list, the open counts of the header badge, and the dashboard's figures.
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import type { OpInput, SeverityCounts } from '../../../shared/contract';
import { noc } from '../../api/client';

export const ALERTS_KEY = ['alerts'] as const;
export const ALERT_LISTS_KEY = [...ALERTS_KEY, 'list'] as const;
/** Open (unacknowledged) counts by severity; kept current by `status.summary` events. */
export const ALERT_SUMMARY_KEY = [...ALERTS_KEY, 'summary'] as const;
export const DASHBOARD_KEY = ['dashboard'] as const;

/** The filtered list's query; also started before the first render for the start page (frame/startData.ts). */
export function alertsListQuery(query: OpInput<'alerts.list'>) {
  return queryOptions({
    queryKey: [...ALERT_LISTS_KEY, query],
    queryFn: () => noc.call('alerts.list', query),
    placeholderData: keepPreviousData,
  });
}

export function useAlertsList(query: OpInput<'alerts.list'>) {
  return useQuery(alertsListQuery(query));
}

export const alertSummaryQuery = queryOptions<SeverityCounts>({
  queryKey: ALERT_SUMMARY_KEY,
  queryFn: async () => (await noc.call('alerts.stats', {})).open,
});

export function useAlertSummary() {
  return useQuery(alertSummaryQuery);
}

export const dashboardStatsQuery = queryOptions({ queryKey: DASHBOARD_KEY, queryFn: () => noc.call('dashboard.stats', {}) });

export function useDashboardStats() {
  return useQuery(dashboardStatsQuery);
}
