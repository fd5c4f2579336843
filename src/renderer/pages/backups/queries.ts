// Server state of backups: the list with its folder, last verified backup and next scheduled run.
import { useQuery, type QueryClient } from '@tanstack/react-query';
import { noc } from '../../api/client';
import { DASHBOARD_KEY } from '../alerts/queries';

export const BACKUPS_KEY = ['backups'] as const;

export function useBackups() {
  return useQuery({ queryKey: BACKUPS_KEY, queryFn: () => noc.call('backups.list', {}) });
}

/** A backup ended (here, in another console or on schedule): the list and the dashboard card change. */
export function refreshBackups(queryClient: QueryClient): void {
  void queryClient.invalidateQueries({ queryKey: BACKUPS_KEY });
  void queryClient.invalidateQueries({ queryKey: DASHBOARD_KEY });
}
