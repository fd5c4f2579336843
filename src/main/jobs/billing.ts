// The billing schedule: on start, every occurrence missed while the console was off runs (oldest first);
// then node-cron fires each job at its site time, and re-plans when the times or the time zone change.
import cron, { type ScheduledTask } from 'node-cron';
import { BILLING_JOBS, type BillingJob } from '../../shared/contract';
import type { Core } from '../core';
import { JOB_TIME, occurrences } from '../core/billing/runner';
import type { Logger } from '../api/dispatcher';

export interface BillingSchedule {
  /** Resolves when the start-up catch-up has finished. */
  caughtUp: Promise<void>;
  stop(): void;
}

export function startBillingSchedule(core: Core, logger: Logger = console): BillingSchedule {
  let tasks: ScheduledTask[] = [];
  let planned = '';

  const plan = async () => {
    const settings = await core.settings.get();
    const key = JSON.stringify([settings.timeZone, ...BILLING_JOBS.map((job) => settings[JOB_TIME[job]])]);
    if (key === planned) return;
    planned = key;
    for (const task of tasks) void task.stop();
    tasks = BILLING_JOBS.map((job: BillingJob) => {
      const [hour, minute] = (settings[JOB_TIME[job]] as string).split(':').map(Number);
      return cron.schedule(
        `${minute} ${hour} * * *`,
        async () => {
          const now = core.clock.now();
          const at = occurrences(settings[JOB_TIME[job]] as string, settings.timeZone, null, now).at(-1) ?? now;
          try {
            await core.billing.runScheduled(job, at);
          } catch (error) {
            logger.error(`billing job ${job} failed`, error);
          }
        },
        { timezone: settings.timeZone, name: `billing:${job}` },
      );
    });
  };

  const unsubscribe = core.events.subscribe((event) => {
    if (event.name === 'settings.updated') void plan().catch((error: unknown) => logger.error('billing schedule', error));
  });
  const caughtUp = core.billing
    .catchUp()
    .then((results) => {
      if (results.length > 0) console.log(`NOCman billing caught up ${results.length} missed job run(s)`);
    })
    .catch((error: unknown) => logger.error('billing catch-up failed', error))
    .then(plan)
    .catch((error: unknown) => logger.error('billing schedule', error));

  return {
    caughtUp,
    stop: () => {
      unsubscribe();
      for (const task of tasks) void task.stop();
    },
  };
}
