// Runs the billing jobs one at a time: on schedule, by hand, and on start for every occurrence missed while
// the console was off — each as of the time it should have run, in order.
import type { BillingJob, JobResult, Settings } from '../../../shared/contract';
import { BILLING_JOBS } from '../../../shared/contract';
import { addDaysIso, dateInZone, startOfDateInZone } from '../../../shared/dates';
import type { Clock } from '../clock';
import type { Database } from '../db/database';
import type { EventBus } from '../events';
import type { SettingsService } from '../settings/service';
import type { BillingFollowUp } from './followup';
import type { InvoiceGenerator } from './generate';

/** The settings key holding each job's time of day. Generation runs right after renewal. */
export const JOB_TIME: Record<BillingJob, keyof Settings> = {
  renew: 'jobTimeRenew',
  generate: 'jobTimeRenew',
  expiryWarnings: 'jobTimeExpiryWarnings',
  dueReminders: 'jobTimeDueReminders',
  overdue: 'jobTimeOverdue',
};

/** A console off for longer than this catches up only this far back. */
export const MAX_CATCH_UP_DAYS = 400;

export interface Occurrence {
  job: BillingJob;
  at: Date;
}

function minutesOf(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number) as [number, number];
  return h * 60 + m;
}

/** The instants a daily `time` fell on in `timeZone` after `after` (exclusive) up to `upTo` (inclusive). */
export function occurrences(time: string, timeZone: string, after: Date | null, upTo: Date): Date[] {
  const last = dateInZone(upTo, timeZone);
  const floor = addDaysIso(last, -MAX_CATCH_UP_DAYS);
  let day = after ? dateInZone(after, timeZone) : addDaysIso(last, -1);
  if (day < floor) day = floor;
  const result: Date[] = [];
  for (; day <= last; day = addDaysIso(day, 1)) {
    const at = new Date(startOfDateInZone(day, timeZone).getTime() + minutesOf(time) * 60_000);
    if (at <= upTo && (!after || at > after)) result.push(at);
  }
  // Never run before: only the latest occurrence, not yesterday's too.
  return after ? result : result.slice(-1);
}

export class BillingRunner {
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly db: Database,
    private readonly settings: SettingsService,
    private readonly generator: InvoiceGenerator,
    private readonly followUp: BillingFollowUp,
    private readonly events: EventBus,
    private readonly clock: Clock,
  ) {}

  /** One run at a time, whoever asks (cron, catch-up, the Run button). */
  private exclusive<T>(work: () => Promise<T>): Promise<T> {
    const run = this.queue.then(work);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async execute(job: BillingJob, at: Date, settings: Settings): Promise<JobResult> {
    const asOf = dateInZone(at, settings.timeZone);
    const started = performance.now();
    this.events.emit('billing.progress', { job, asOf, phase: 'started', result: null });
    await this.db.run((em) =>
      em.query(`INSERT INTO job_run (name, last_started_at) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET last_started_at = excluded.last_started_at`, [
        job,
        this.clock.now().toISOString(),
      ]),
    );
    let result: Record<string, number>;
    switch (job) {
      case 'renew':
        result = await this.followUp.renew(asOf);
        break;
      case 'generate':
        result = await this.generator.run(asOf, settings);
        break;
      case 'expiryWarnings':
        result = await this.followUp.expiryWarnings(asOf, settings);
        break;
      case 'dueReminders':
        result = await this.followUp.dueReminders(asOf, settings);
        break;
      case 'overdue':
        result = await this.followUp.overdue(asOf, settings);
        break;
    }
    this.events.emit('billing.progress', { job, asOf, phase: 'finished', result });
    return { name: job, asOf, result, durationMs: Math.round(performance.now() - started) };
  }

  private async record(result: JobResult, scheduledFor: Date | null): Promise<void> {
    const finished = this.clock.now().toISOString();
    await this.db.run((em) =>
      em.query(
        `UPDATE job_run SET last_finished_at = ?, last_result = ?, last_run_for = COALESCE(?, last_run_for) WHERE name = ?`,
        [finished, JSON.stringify(result.result), scheduledFor ? scheduledFor.toISOString() : null, result.name],
      ),
    );
  }

  /** Every job now, in order (the Run button): does not move the schedule's bookkeeping. */
  runAll(): Promise<JobResult[]> {
    return this.exclusive(async () => {
      const settings = await this.settings.get();
      const now = this.clock.now();
      const results: JobResult[] = [];
      for (const job of BILLING_JOBS) {
        const result = await this.execute(job, now, settings);
        await this.record(result, null);
        results.push(result);
      }
      return results;
    });
  }

  /** One scheduled occurrence (a cron tick), unless it already ran. */
  runScheduled(job: BillingJob, at: Date): Promise<JobResult | null> {
    return this.exclusive(async () => {
      const last = await this.lastRunFor(job);
      if (last && last >= at) return null;
      const result = await this.execute(job, at, await this.settings.get());
      await this.record(result, at);
      return result;
    });
  }

  /** Every occurrence missed since the last run of each job, oldest first, each as of its own time. */
  catchUp(): Promise<JobResult[]> {
    return this.exclusive(async () => {
      const settings = await this.settings.get();
      const now = this.clock.now();
      const missed: Occurrence[] = [];
      for (const job of BILLING_JOBS) {
        const time = settings[JOB_TIME[job]] as string;
        for (const at of occurrences(time, settings.timeZone, await this.lastRunFor(job), now)) missed.push({ job, at });
      }
      missed.sort((a, b) => a.at.getTime() - b.at.getTime() || BILLING_JOBS.indexOf(a.job) - BILLING_JOBS.indexOf(b.job));
      const results: JobResult[] = [];
      for (const { job, at } of missed) {
        const result = await this.execute(job, at, settings);
        await this.record(result, at);
        results.push(result);
      }
      return results;
    });
  }

  private async lastRunFor(job: BillingJob): Promise<Date | null> {
    const rows = (await this.db.dataSource.query('SELECT last_run_for AS lastRunFor FROM job_run WHERE name = ?', [job])) as { lastRunFor: string | null }[];
    return rows[0]?.lastRunFor ? new Date(rows[0].lastRunFor) : null;
  }

  async status() {
    const settings = await this.settings.get();
    const rows = (await this.db.dataSource.query(
      'SELECT name, last_run_for AS lastRunFor, last_finished_at AS lastFinishedAt, last_result AS lastResult FROM job_run',
    )) as { name: BillingJob; lastRunFor: string | null; lastFinishedAt: string | null; lastResult: string | null }[];
    const byName = new Map(rows.map((r) => [r.name, r]));
    return BILLING_JOBS.map((name) => {
      const row = byName.get(name);
      return {
        name,
        time: settings[JOB_TIME[name]] as string,
        lastRunFor: row?.lastRunFor ?? null,
        lastFinishedAt: row?.lastFinishedAt ?? null,
        lastResult: row?.lastResult ? (JSON.parse(row.lastResult) as Record<string, number>) : null,
      };
    });
  }
}
