// What the signed-in role may do, read from the contract's access lists (the server enforces the same).
import { useCallback } from 'react';
import { mayAccess, operations, type OperationName } from '../../shared/contract';
import { useSession } from '../stores/session';

/** `may('customers.delete')`: whether to show the control that calls this operation. */
export function useMay(): (name: OperationName) => boolean {
  const role = useSession((s) => s.user?.role ?? null);
  return useCallback((name) => mayAccess(operations[name].access, role), [role]);
}
