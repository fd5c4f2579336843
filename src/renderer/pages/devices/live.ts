// Device events into the query cache: a status change patches the rows at once, then lists, stats and the dashboard
// are refetched once per burst (a sweep that changes 50 devices is one refetch).
import type { QueryClient } from '@tanstack/react-query';
import type { Device, EventPayload } from '../../../shared/contract';
import type { LiveEvent } from '../../api/client';
import { coalesce } from '../../api/coalesce';
import { DASHBOARD_KEY } from '../alerts/queries';
import { DEVICE_LISTS_KEY, DEVICE_ONE_KEY, DEVICES_KEY } from './queries';

type DevicePage = { items: Device[]; total: number; page: number; pageSize: number };

export function deviceEventHandler(queryClient: QueryClient): { handle(event: LiveEvent): boolean; dispose(): void } {
  const refetch = coalesce(() => {
    void queryClient.invalidateQueries({ queryKey: DEVICES_KEY });
    void queryClient.invalidateQueries({ queryKey: DASHBOARD_KEY });
  });
  const refetchSoon = refetch.request;

  const handle = (event: LiveEvent): boolean => {
    switch (event.name) {
      case 'device.status': {
        const change = event.payload as EventPayload<'device.status'>;
        const patch = (device: Device): Device => (device.id === change.id ? { ...device, status: change.status, statusReason: null, statusSince: change.at } : device);
        queryClient.setQueriesData<DevicePage>({ queryKey: DEVICE_LISTS_KEY }, (page) => (page ? { ...page, items: page.items.map(patch) } : page));
        queryClient.setQueryData<Device>([...DEVICE_ONE_KEY, change.id], (device) => (device ? patch(device) : device));
        refetchSoon();
        return true;
      }
      case 'monitor.sweep':
      case 'device.logged':
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
