// Outbox events into the UI: 'outbox.changed' refetches the outbox, its counts and the timelines, once per burst.
import type { QueryClient } from '@tanstack/react-query';
import type { LiveEvent } from '../../api/client';
import { coalesce } from '../../api/coalesce';
import { refreshOutbox } from './queries';

export function outboxEventHandler(queryClient: QueryClient): { handle(event: LiveEvent): boolean; dispose(): void } {
  const refetch = coalesce(() => refreshOutbox(queryClient));
  return {
    handle(event) {
      if (event.name !== 'outbox.changed') return false;
      refetch.request();
      return true;
    },
    dispose: refetch.cancel,
  };
}
