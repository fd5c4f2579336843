// The monitor loop: every few seconds a sweep of the devices whose interval has passed (sweeps never
// overlap), and every five minutes the sample rollups and retention. Uses fping when installed.
import type { Core } from '../core';
import { FpingPinger } from '../core/monitoring/pinger';
import type { Logger } from '../api/dispatcher';

export const TICK_MS = 5_000;
export const ROLLUP_MS = 5 * 60_000;

export interface MonitorLoop {
  stop(): void;
}

export async function startMonitorLoop(core: Core, logger: Logger = console, options: { preferFping?: boolean } = {}): Promise<MonitorLoop> {
  if (options.preferFping !== false && (await FpingPinger.available())) core.monitor.usePinger(new FpingPinger());
  let stopped = false;
  const tick = setInterval(() => {
    if (stopped) return;
    core.monitor.sweepDue().catch((error: unknown) => logger.error('monitor sweep failed', error));
  }, TICK_MS);
  const rollup = setInterval(() => {
    core.rollup.run().catch((error: unknown) => logger.error('sample rollup failed', error));
  }, ROLLUP_MS);
  return {
    stop: () => {
      stopped = true;
      clearInterval(tick);
      clearInterval(rollup);
    },
  };
}
