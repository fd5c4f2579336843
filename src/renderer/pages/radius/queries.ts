// Server state of RADIUS: sessions (polled, the contract declares no RADIUS events), rejects, the NAS list, and one
// subscription's access credentials; one invalidation for everything a disconnect or an edit changes.
import { keepPreviousData, useQuery, type QueryClient } from '@tanstack/react-query';
import type { AccessCredentials, OpInput } from '../../../shared/contract';
import { noc } from '../../api/client';

export const RADIUS_KEY = ['radius'] as const;
const SESSIONS_KEY = [...RADIUS_KEY, 'sessions'] as const;
const REJECTS_KEY = [...RADIUS_KEY, 'rejects'] as const;
export const NAS_KEY = [...RADIUS_KEY, 'nas'] as const;
const CREDENTIALS_KEY = [...RADIUS_KEY, 'credentials'] as const;

/** Accounting has no live event: sessions and rejects are read again this often while shown. */
export const POLL_MS = 15_000;

export function useRadiusSessions(query: OpInput<'radius.sessions.list'>, enabled = true) {
  return useQuery({
    queryKey: [...SESSIONS_KEY, query],
    queryFn: () => noc.call('radius.sessions.list', query),
    placeholderData: keepPreviousData,
    refetchInterval: POLL_MS,
    enabled,
  });
}

export function useRadiusRejects(query: OpInput<'radius.rejects.list'>) {
  return useQuery({
    queryKey: [...REJECTS_KEY, query],
    queryFn: () => noc.call('radius.rejects.list', query),
    placeholderData: keepPreviousData,
    refetchInterval: POLL_MS,
  });
}

export function useNasList(enabled = true) {
  return useQuery({ queryKey: NAS_KEY, queryFn: () => noc.call('radius.nas.list', {}), enabled });
}

export function useAccessCredentials(subscriptionId: number) {
  return useQuery({ queryKey: [...CREDENTIALS_KEY, subscriptionId], queryFn: () => noc.call('radius.credentials.get', { id: subscriptionId }) });
}

export function refreshRadius(queryClient: QueryClient): void {
  void queryClient.invalidateQueries({ queryKey: RADIUS_KEY });
}

/** The answer of an edit is the new state: shown at once, not after a refetch. */
export function storeCredentials(queryClient: QueryClient, credentials: AccessCredentials): void {
  queryClient.setQueryData([...CREDENTIALS_KEY, credentials.subscriptionId], credentials);
}
