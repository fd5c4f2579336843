// Server state of devices: filtered lists, the whole inventory (tree, parent select), one device and its log,
// latency, customers and maintenance windows; and the one invalidation every device change uses.
import { keepPreviousData, queryOptions, useQuery, type QueryClient } from '@tanstack/react-query';
import type { DeviceStatus, DeviceType, OpInput } from '../../../shared/contract';
import { noc } from '../../api/client';
import { DASHBOARD_KEY } from '../alerts/queries';

export const DEVICES_KEY = ['devices'] as const;
export const DEVICE_LISTS_KEY = [...DEVICES_KEY, 'list'] as const;
export const DEVICE_ONE_KEY = [...DEVICES_KEY, 'one'] as const;

/** The largest page the contract allows: a small ISP's whole inventory in one answer (tree, parent select). */
export const ALL_DEVICES = 5000;

export type LatencyRange = 'hour1' | 'hour6' | 'day' | 'week' | 'month';
export const RANGE_MS: Record<LatencyRange, number> = { hour1: 3_600_000, hour6: 6 * 3_600_000, day: 86_400_000, week: 7 * 86_400_000, month: 30 * 86_400_000 };

export const DEVICES_PAGE_SIZE = 50;

export function devicesListQuery(query: OpInput<'devices.list'>) {
  return queryOptions({
    queryKey: [...DEVICE_LISTS_KEY, query],
    queryFn: () => noc.call('devices.list', query),
    placeholderData: keepPreviousData,
  });
}

export function useDevicesList(query: OpInput<'devices.list'>, enabled = true) {
  return useQuery({ ...devicesListQuery(query), enabled });
}

/** The list query of the Devices page for its kept view (search as typed, filters, page). */
export function devicesPageInput(view: { search: string; type: DeviceType | null; status: DeviceStatus | null; location: string | null; monitoredBy: string | null; page: number }): OpInput<'devices.list'> {
  const monitoredBy = view.monitoredBy === null ? undefined : view.monitoredBy === 'site' ? 'site' : Number(view.monitoredBy);
  return { search: view.search.trim() || undefined, type: view.type ?? undefined, status: view.status ?? undefined, location: view.location ?? undefined, monitoredBy, page: view.page, pageSize: DEVICES_PAGE_SIZE };
}

export function useAllDevices(enabled = true) {
  return useDevicesList({ page: 1, pageSize: ALL_DEVICES }, enabled);
}

export function useDevice(id: number) {
  return useQuery({ queryKey: [...DEVICE_ONE_KEY, id], queryFn: () => noc.call('devices.get', { id }) });
}

export function useDeviceStats() {
  return useQuery({ queryKey: [...DEVICES_KEY, 'stats'], queryFn: () => noc.call('devices.stats', {}) });
}

export function useDeviceLogs(id: number, page: number, pageSize: number) {
  return useQuery({
    queryKey: [...DEVICES_KEY, 'logs', id, page, pageSize],
    queryFn: () => noc.call('devices.logs', { id, page, pageSize }),
    placeholderData: keepPreviousData,
  });
}

/** The window ends now at fetch time, so a refetch (live event) slides it forward. */
export function useDeviceLatency(id: number, range: LatencyRange) {
  return useQuery({
    queryKey: [...DEVICES_KEY, 'latency', id, range],
    queryFn: async () => {
      const to = new Date();
      const from = new Date(to.getTime() - RANGE_MS[range]);
      const answer = await noc.call('devices.latency', { id, from: from.toISOString(), to: to.toISOString() });
      return { ...answer, from: from.getTime(), to: to.getTime() };
    },
    placeholderData: keepPreviousData,
  });
}

/** Keyed under the devices, so a sweep's live event refetches them. */
export function useDeviceAvailability(id: number) {
  return useQuery({ queryKey: [...DEVICES_KEY, 'availability', id], queryFn: () => noc.call('devices.availability', { id }), placeholderData: keepPreviousData });
}

export function useDeviceHeartbeat(id: number) {
  return useQuery({ queryKey: [...DEVICES_KEY, 'heartbeat', id], queryFn: () => noc.call('devices.heartbeat', { id, limit: 50 }), placeholderData: keepPreviousData });
}

export function useDeviceCustomers(id: number) {
  return useQuery({ queryKey: [...DEVICES_KEY, 'customers', id], queryFn: () => noc.call('devices.customers', { id }) });
}

export function useDeviceMaintenance(id: number) {
  return useQuery({ queryKey: [...DEVICES_KEY, 'maintenance', id], queryFn: () => noc.call('devices.maintenance', { id }) });
}

/** A device change can touch every list, the tree, the stats and the dashboard's network panel. */
export function refreshDevices(queryClient: QueryClient): void {
  void queryClient.invalidateQueries({ queryKey: DEVICES_KEY });
  void queryClient.invalidateQueries({ queryKey: DASHBOARD_KEY });
}
