// The site runner: the monitor, the SNMP poller, the billing and backup schedules and the outbox run in exactly one
// process per database — the holder of the runner lease (../core/site/lease.ts). Every process that opens the
// database starts this: the holder renews and runs the jobs; the others try to take the lease at the same pace and
// start the jobs the moment they get it (the billing catch-up then runs what the dead holder missed, as after a
// night off). A holder that finds its lease taken (it stalled past the expiry) stops its jobs at once.
import type { Core } from '../core';
import type { Logger } from '../api/dispatcher';
import { startBackupSchedule, type BackupSchedule } from './backups';
import { startBillingSchedule, type BillingSchedule } from './billing';
import { startMessages } from './messages';
import { startMonitorLoop, type MonitorLoop } from './monitor';

export interface SiteRunner {
  /** Whether this process runs the jobs now. */
  readonly holding: boolean;
  /** Resolves after the first attempt to take the lease (and, if taken, once the jobs have started). */
  readonly ready: Promise<void>;
  /** Stops the jobs and gives the lease up, so another process takes over at its next try. */
  stop(): Promise<void>;
}

interface Jobs {
  billing: BillingSchedule;
  backups: BackupSchedule;
  monitor: MonitorLoop;
}

export interface RunnerOptions {
  logger?: Logger & { log?(message: string): void };
  /** Called after the jobs started or stopped here (the desktop shell, tests). */
  onChange?(holding: boolean): void;
  /** Passed to the monitor loop (tests turn fping off). */
  preferFping?: boolean;
}

export function startSiteRunner(core: Core, options: RunnerOptions = {}): SiteRunner {
  const logger = options.logger ?? console;
  const say = (message: string) => (logger.log ?? console.log)(message);
  let jobs: Jobs | null = null;
  let stopped = false;
  // One change at a time: a renewal never runs while the jobs are being started or stopped.
  let chain: Promise<void> = Promise.resolve();

  const startJobs = async () => {
    // Messages first: what the billing catch-up queues is sent at once.
    await startMessages(core);
    const billing = startBillingSchedule(core, logger);
    const backups = startBackupSchedule(core, logger);
    const monitor = await startMonitorLoop(core, logger, { preferFping: options.preferFping });
    jobs = { billing, backups, monitor };
    say(`NOCman runs the monitor and the schedules here (${core.lease.label}); monitor uses ${core.monitor.pingerName}`);
    options.onChange?.(true);
  };

  const stopJobs = async (why: string) => {
    const running = jobs;
    if (!running) return;
    jobs = null;
    running.billing.stop();
    running.backups.stop();
    running.monitor.stop();
    await core.messages.team.stop();
    await core.messages.worker.stop();
    // A catch-up still running finishes its transaction; its effects are idempotent for the next holder.
    await Promise.allSettled([running.billing.caughtUp, running.backups.caughtUp]);
    say(`NOCman stopped the monitor and the schedules here: ${why}`);
    options.onChange?.(false);
  };

  const step = async () => {
    if (stopped) return;
    let holds: boolean;
    try {
      holds = await core.lease.tryHold();
    } catch (error) {
      // The database cannot be written now: while this process cannot renew it must assume it lost the lease by the
      // time it expires; keep running until then only if the jobs are already up.
      logger.error('runner lease: renewal failed', error);
      holds = jobs !== null && performance.now() - lastRenewed < core.lease.timing.ttlMs;
    }
    if (stopped) return;
    if (holds) lastRenewed = performance.now();
    if (holds && !jobs) await startJobs();
    else if (!holds && jobs) await stopJobs('another process holds the runner lease');
  };

  let lastRenewed = -Infinity;
  const tick = () => {
    chain = chain.then(step).catch((error: unknown) => logger.error('runner', error));
    return chain;
  };
  const ready = tick();
  const timer = setInterval(() => void tick(), core.lease.timing.renewMs);
  timer.unref?.();

  return {
    get holding() {
      return jobs !== null;
    },
    ready,
    stop: async () => {
      stopped = true;
      clearInterval(timer);
      await chain;
      const held = jobs !== null;
      await stopJobs('stopping');
      if (held) await core.lease.release().catch((error: unknown) => logger.error('runner lease: release failed', error));
    },
  };
}
