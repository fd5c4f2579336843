// The Devices list view (search, filters, table/tiles/tree, page): kept while the user opens a device and comes back.
import { create } from 'zustand';
import type { DeviceStatus, DeviceType } from '../../shared/contract';

export type DevicesLayout = 'table' | 'tiles' | 'tree';

interface DevicesView {
  search: string;
  type: DeviceType | null;
  status: DeviceStatus | null;
  location: string | null;
  /** 'site' or a poller's id (as a string, the Select's value). */
  monitoredBy: string | null;
  layout: DevicesLayout;
  page: number;
  setSearch(search: string): void;
  setType(type: DeviceType | null): void;
  setStatus(status: DeviceStatus | null): void;
  setLocation(location: string | null): void;
  setMonitoredBy(monitoredBy: string | null): void;
  setLayout(layout: DevicesLayout): void;
  setPage(page: number): void;
}

export const useDevicesView = create<DevicesView>()((set) => ({
  search: '',
  type: null,
  status: null,
  location: null,
  monitoredBy: null,
  layout: 'table',
  page: 1,
  setSearch: (search) => set({ search, page: 1 }),
  setType: (type) => set({ type, page: 1 }),
  setStatus: (status) => set({ status, page: 1 }),
  setLocation: (location) => set({ location, page: 1 }),
  setMonitoredBy: (monitoredBy) => set({ monitoredBy, page: 1 }),
  setLayout: (layout) => set({ layout }),
  setPage: (page) => set({ page }),
}));
