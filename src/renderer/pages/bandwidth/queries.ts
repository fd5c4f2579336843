// Server state of bandwidth: a device's interfaces, traffic samples over a sliding range, a customer's usage summary,
// top talkers, the monthly report; and the one invalidation a poll or an interface change uses.
import { keepPreviousData, useQuery, type QueryClient } from '@tanstack/react-query';
import { noc } from '../../api/client';
import { DASHBOARD_KEY } from '../alerts/queries';
import { RANGE_MS, type LatencyRange } from '../devices/queries';

export const BANDWIDTH_KEY = ['bandwidth'] as const;

export type TrafficRange = LatencyRange;
export type TrafficTarget = { deviceId: number; ifIndex: number } | { customerId: number };

export const TOP_RANGES = { '1h': 3_600_000, '24h': 86_400_000, '7d': 7 * 86_400_000, '30d': 30 * 86_400_000 } as const;
export type TopRange = keyof typeof TOP_RANGES;

export function useInterfaces(deviceId: number) {
  return useQuery({ queryKey: [...BANDWIDTH_KEY, 'interfaces', deviceId], queryFn: () => noc.call('interfaces.list', { id: deviceId }) });
}

/** The window ends now at fetch time, so a refetch slides it forward. */
export function useTraffic(target: TrafficTarget, range: TrafficRange) {
  return useQuery({
    queryKey: [...BANDWIDTH_KEY, 'traffic', target, range],
    queryFn: async () => {
      const to = new Date();
      const from = new Date(to.getTime() - RANGE_MS[range]);
      const answer = await noc.call('bandwidth.list', { ...target, from: from.toISOString(), to: to.toISOString() });
      return { ...answer, from: from.getTime(), to: to.getTime() };
    },
    placeholderData: keepPreviousData,
  });
}

export function useCustomerUsage(customerId: number) {
  return useQuery({ queryKey: [...BANDWIDTH_KEY, 'summary', customerId], queryFn: () => noc.call('bandwidth.customerSummary', { id: customerId }) });
}

export function useTopTalkers(range: TopRange, limit: number) {
  return useQuery({
    queryKey: [...BANDWIDTH_KEY, 'top', range, limit],
    queryFn: () => {
      const to = new Date();
      return noc.call('bandwidth.top', { from: new Date(to.getTime() - TOP_RANGES[range]).toISOString(), to: to.toISOString(), limit });
    },
    placeholderData: keepPreviousData,
    refetchInterval: 60_000,
  });
}

export function useUsageReport(month: string) {
  return useQuery({ queryKey: [...BANDWIDTH_KEY, 'report', month], queryFn: () => noc.call('bandwidth.report', { month }), placeholderData: keepPreviousData });
}

/** A poll or a mapping change moves every chart, summary, top list and the dashboard's panel. */
export function refreshBandwidth(queryClient: QueryClient): void {
  void queryClient.invalidateQueries({ queryKey: BANDWIDTH_KEY });
  void queryClient.invalidateQueries({ queryKey: DASHBOARD_KEY });
}
