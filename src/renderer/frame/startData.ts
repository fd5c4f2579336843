// A page's data, asked for before the page renders, under the keys the page itself uses: the frame's and the start
// page's queries before the first render (their answers were started even earlier by ../boot.ts), and a main list's
// first page while the pointer is on its sidebar link (alongside its chunk, not after the page has mounted).
import type { QueryClient } from '@tanstack/react-query';
import { DASHBOARD_LATEST_ALERTS } from '../api/early';
import { alertSummaryQuery, alertsListQuery, dashboardStatsQuery } from '../pages/alerts/queries';
import { customersListQuery, customersPageInput } from '../pages/customers/queries';
import { ALL_DEVICES, devicesListQuery, devicesPageInput } from '../pages/devices/queries';
import { siteSettingsQuery } from '../site';
import { useCustomersView } from '../stores/customers';
import { useDevicesView } from '../stores/devices';

/** Data younger than this is not asked for again by a passing pointer. */
const FRESH_MS = 10_000;

/** Starts the queries of the page at `route` (`/customers`) as it will ask them; pages not listed load their own. */
export function prefetchPageData(queryClient: QueryClient, route: string): Promise<unknown> {
  switch (route) {
    case '/':
      return Promise.all([
        queryClient.prefetchQuery({ ...dashboardStatsQuery, staleTime: FRESH_MS }),
        queryClient.prefetchQuery({ ...alertsListQuery(DASHBOARD_LATEST_ALERTS), staleTime: FRESH_MS }),
      ]);
    case '/customers':
      return queryClient.prefetchQuery({ ...customersListQuery(customersPageInput(useCustomersView.getState())), staleTime: FRESH_MS });
    case '/devices': {
      const view = useDevicesView.getState();
      return Promise.all([
        view.layout !== 'tree' && queryClient.prefetchQuery({ ...devicesListQuery(devicesPageInput(view)), staleTime: FRESH_MS }),
        queryClient.prefetchQuery({ ...devicesListQuery({ page: 1, pageSize: ALL_DEVICES }), staleTime: FRESH_MS }),
      ]);
    }
  }
  return Promise.resolve();
}

/**
 * Before the first render, with a saved session: the frame's queries (site settings, the alert badge) and the page's;
 * settled (answered or failed, never rejected) when all of them are.
 */
export function prefetchStartData(queryClient: QueryClient, route: string): Promise<unknown> {
  return Promise.all([queryClient.prefetchQuery(siteSettingsQuery), queryClient.prefetchQuery(alertSummaryQuery), prefetchPageData(queryClient, route)]);
}
