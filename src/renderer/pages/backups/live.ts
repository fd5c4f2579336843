// Backup events into the UI: progress into its store (the list and dashboard refetch when a backup ends); a restore
// signs this console out with a message that the database was restored.
import type { QueryClient } from '@tanstack/react-query';
import type { EventPayload } from '../../../shared/contract';
import type { LiveEvent } from '../../api/client';
import { useSession } from '../../stores/session';
import { useBackupRun } from './progress';
import { refreshBackups } from './queries';

export function backupEventHandler(queryClient: QueryClient): { handle(event: LiveEvent): boolean } {
  return {
    handle(event) {
      switch (event.name) {
        case 'backup.progress': {
          const progress = event.payload as EventPayload<'backup.progress'>;
          useBackupRun.getState().progress(progress);
          if (progress.phase === 'verified' || progress.phase === 'failed') refreshBackups(queryClient);
          return true;
        }
        case 'system.restored':
          useSession.getState().expire('databaseRestored');
          return true;
        default:
          return false;
      }
    },
  };
}
