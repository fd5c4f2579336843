// The backup in progress, from `backup.progress` events (this console's button, another admin, the schedule) and the
// answer of "Back up now": its phase and the phases this console saw live.
import { create } from 'zustand';
import type { Backup, BackupKind, EventPayload } from '../../../shared/contract';

export type BackupPhase = EventPayload<'backup.progress'>['phase'];

export interface BackupRun {
  id: string;
  kind: BackupKind;
  phase: BackupPhase;
  backup: Backup | null;
  /** Phases received as events, in order (the answer alone adds none). */
  seen: BackupPhase[];
}

interface BackupRunState {
  /** This console asked for a backup and waits for the answer. */
  requesting: boolean;
  run: BackupRun | null;
  request(): void;
  progress(event: EventPayload<'backup.progress'>): void;
  /** The answer of backups.create, or null when the call itself failed. */
  finish(backup: Backup | null): void;
  reset(): void;
}

export function isActive(run: BackupRun | null): boolean {
  return run !== null && (run.phase === 'copying' || run.phase === 'verifying');
}

export const useBackupRun = create<BackupRunState>()((set) => ({
  requesting: false,
  run: null,
  request() {
    set({ requesting: true, run: null });
  },
  progress(event) {
    set((s) => {
      const same = s.run?.id === event.id;
      return { run: { id: event.id, kind: event.kind, phase: event.phase, backup: event.backup, seen: [...(same ? s.run!.seen : []), event.phase] } };
    });
  },
  finish(backup) {
    set((s) => {
      if (!backup) return { requesting: false };
      const seen = s.run?.id === backup.id ? s.run.seen : [];
      return { requesting: false, run: { id: backup.id, kind: backup.kind, phase: backup.status, backup, seen } };
    });
  },
  reset() {
    set({ requesting: false, run: null });
  },
}));
