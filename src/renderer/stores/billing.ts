// The billing run in progress: each job's phase from `billing.progress` events, then the results with durations.
import { create } from 'zustand';
import type { BillingJob, EventPayload, JobResult } from '../../shared/contract';

export interface JobProgress {
  phase: 'waiting' | 'started' | 'finished';
  result: Record<string, number> | null;
  durationMs: number | null;
}

interface BillingRunState {
  running: boolean;
  /** Null before the first run of this session. */
  jobs: Partial<Record<BillingJob, JobProgress>> | null;
  totalMs: number | null;
  start(jobs: readonly BillingJob[]): void;
  progress(event: EventPayload<'billing.progress'>): void;
  finish(results: JobResult[] | null): void;
  reset(): void;
}

export const useBillingRun = create<BillingRunState>()((set) => ({
  running: false,
  jobs: null,
  totalMs: null,
  start(jobs) {
    set({ running: true, totalMs: null, jobs: Object.fromEntries(jobs.map((job) => [job, { phase: 'waiting', result: null, durationMs: null }])) });
  },
  progress(event) {
    // A run started elsewhere (another console, the scheduler) shows here too.
    set((s) => {
      const before = s.jobs?.[event.job];
      if (before?.phase === 'finished' && event.phase === 'started' && !s.running) return s;
      return { jobs: { ...s.jobs, [event.job]: { phase: event.phase, result: event.result, durationMs: before?.durationMs ?? null } } };
    });
  },
  finish(results) {
    set((s) => {
      if (!results) return { running: false };
      const jobs = { ...s.jobs };
      for (const r of results) jobs[r.name] = { phase: 'finished', result: r.result, durationMs: r.durationMs };
      return { running: false, jobs, totalMs: results.reduce((sum, r) => sum + r.durationMs, 0) };
    });
  },
  reset() {
    set({ running: false, jobs: null, totalMs: null });
  },
}));
