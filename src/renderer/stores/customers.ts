// The Customers list view (search, status, sort, page): kept while the user opens a customer and comes back.
import { create } from 'zustand';
import type { CustomerStatus } from '../../shared/contract';

export type CustomerSort = 'code' | 'name' | 'status' | 'createdAt';

interface CustomersView {
  search: string;
  status: CustomerStatus | null;
  sort: CustomerSort;
  order: 'asc' | 'desc';
  page: number;
  setSearch(search: string): void;
  setStatus(status: CustomerStatus | null): void;
  /** Clicking the sorted column again reverses it; a new column starts ascending. */
  sortBy(sort: CustomerSort): void;
  setPage(page: number): void;
}

export const useCustomersView = create<CustomersView>()((set) => ({
  search: '',
  status: null,
  sort: 'code',
  order: 'asc',
  page: 1,
  setSearch: (search) => set({ search, page: 1 }),
  setStatus: (status) => set({ status, page: 1 }),
  sortBy: (sort) => set((s) => ({ sort, order: s.sort === sort && s.order === 'asc' ? 'desc' : 'asc', page: 1 })),
  setPage: (page) => set({ page }),
}));
