// The monitor loop: every few seconds a sweep of the devices whose interval has passed (sweeps never
// overlap), every five minutes the sample rollups and retention, and the SNMP bandwidth poll on its own
// interval. Uses fping when installed.
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
    // Remote pollers that went silent: their devices unknown, one alert each.
    core.pollers.checkSilence().catch((error: unknown) => logger.error('poller silence check failed', error));
  }, TICK_MS);
  const rollup = setInterval(() => {
    core.rollup.run().catch((error: unknown) => logger.error('sample rollup failed', error));
    core.bandwidth.rollup().catch((error: unknown) => logger.error('bandwidth rollup failed', error));
  }, ROLLUP_MS);
  // SNMP counters every bandwidthIntervalSec; a silent agent backs off by itself (device_snmp.next_try_at).
  let lastPoll = 0;
  const bandwidth = setInterval(() => {
    void core.settings
      .get()
      .then((settings) => {
        if (stopped || Date.now() - lastPoll < settings.bandwidthIntervalSec * 1000) return;
        lastPoll = Date.now();
        return core.bandwidth.poll();
      })
      // Also while a restore swaps the database file: a failed read must never become an unhandled rejection.
      .catch((error: unknown) => logger.error('bandwidth poll failed', error));
  }, TICK_MS);
  return {
    stop: () => {
      stopped = true;
      clearInterval(tick);
      clearInterval(rollup);
      clearInterval(bandwidth);
    },
  };
}
