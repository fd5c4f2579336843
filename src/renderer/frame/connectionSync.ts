// Keeps the query cache in step with the connection (stores/connection.ts): while the server cannot be reached,
// queries pause and keep their data on screen instead of turning into errors; when it is back, every query is
// fetched again once, so what changed meanwhile shows.
import { onlineManager, type DefaultOptions, type Query, type QueryClient } from '@tanstack/react-query';
import { AppError } from '../../shared/errors';
import type { ConnectionStore } from '../stores/connection';

export function isUnreachable(error: unknown): boolean {
  return error instanceof AppError && error.code === 'UNREACHABLE';
}

/**
 * A query's retry rule: a read that could not reach the server tries again, and TanStack Query holds that retry
 * (paused, data kept) while offline; any answer of the server (an error too) is shown as it is.
 */
export function retryWhileUnreachable(_failureCount: number, error: unknown): boolean {
  return isUnreachable(error);
}

/**
 * For the query cache's onError. A read paused offline whose screen closed (the user went to another page) gives up
 * with UNREACHABLE when it resumes; it keeps what it had instead of showing an error on the next visit, which
 * fetches it again.
 */
export function keepDataOnUnreachable(error: unknown, query: Query<unknown, unknown, unknown, readonly unknown[]>): void {
  if (!isUnreachable(error)) return;
  query.setState({
    ...query.state,
    status: query.state.data === undefined ? 'pending' : 'success',
    error: null,
    fetchFailureCount: 0,
    fetchFailureReason: null,
    isInvalidated: true,
  });
}

/**
 * The query client's defaults: a read that cannot reach the server waits for it with its data on screen; a write is
 * sent at once and fails clearly when the server is away, never queued to go later without the user knowing.
 */
export const QUERY_DEFAULTS: DefaultOptions = {
  queries: { retry: retryWhileUnreachable, refetchOnWindowFocus: false },
  mutations: { networkMode: 'always', retry: false },
};

/** Wires the connection into TanStack Query's online state and the catch-up; returns the unwiring. */
export function syncQueriesWithConnection(queryClient: QueryClient, store: ConnectionStore): () => void {
  // The browser's own online/offline events say nothing about the NOCman server: the connection decides.
  onlineManager.setEventListener((setOnline) => {
    setOnline(store.getState().status === 'online');
    return store.subscribe((state, previous) => {
      if ((state.status === 'online') !== (previous.status === 'online')) setOnline(state.status === 'online');
    });
  });
  const unsubscribe = store.subscribe((state, previous) => {
    // Fetches that were paused have just resumed: they are not asked twice.
    if (state.reconnects !== previous.reconnects) void queryClient.invalidateQueries(undefined, { cancelRefetch: false });
  });
  return () => {
    unsubscribe();
    onlineManager.setEventListener((setOnline) => {
      setOnline(true);
      return undefined;
    });
  };
}
