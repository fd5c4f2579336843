// Server state of remote pollers: the list (the Pollers page, the device form's "Monitored by"), refetched on
// `pollers.changed` and, while shown, every 15 s: last contact, backlog and lag change with every batch, which
// raises no event.
import { queryOptions, useQuery, type QueryClient } from '@tanstack/react-query';
import { noc } from '../../api/client';

export const POLLERS_KEY = ['pollers'] as const;
export const POLLERS_REFRESH_MS = 15_000;

export const pollersQuery = queryOptions({ queryKey: POLLERS_KEY, queryFn: () => noc.call('pollers.list', {}) });

export function usePollers({ enabled = true, live = false }: { enabled?: boolean; live?: boolean } = {}) {
  return useQuery({ ...pollersQuery, enabled, refetchInterval: live ? POLLERS_REFRESH_MS : false });
}

export function refreshPollers(queryClient: QueryClient): void {
  void queryClient.invalidateQueries({ queryKey: POLLERS_KEY });
}
