// Server state of the Users screen: the list query key, shared with the live-event sync.
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { OpInput } from '../../../shared/contract';
import { noc } from '../../api/client';

export const USERS_KEY = ['users'] as const;

export function useUsersList(query: OpInput<'users.list'>) {
  return useQuery({
    queryKey: [...USERS_KEY, query],
    queryFn: () => noc.call('users.list', query),
    placeholderData: keepPreviousData,
  });
}
