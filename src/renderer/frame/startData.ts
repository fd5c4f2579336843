// The first screen's data, asked for before React renders: with a saved session the frame's queries (site settings,
// the alert badge) and the start page's are put in the query cache under the keys the screens use, so the first
// render finds them there (their answers were started even earlier by ../boot.ts) instead of asking after mounting.
import type { QueryClient } from '@tanstack/react-query';
import { DASHBOARD_LATEST_ALERTS } from '../api/early';
import { alertSummaryQuery, alertsListQuery, dashboardStatsQuery } from '../pages/alerts/queries';
import { siteSettingsQuery } from '../site';

/** Starts the queries of the frame and of the page at `route`; a failure shows where the query is used. */
export function prefetchStartData(queryClient: QueryClient, route: string): void {
  void queryClient.prefetchQuery(siteSettingsQuery);
  void queryClient.prefetchQuery(alertSummaryQuery);
  if (route === '/') {
    void queryClient.prefetchQuery(dashboardStatsQuery);
    void queryClient.prefetchQuery(alertsListQuery(DASHBOARD_LATEST_ALERTS));
  }
}
