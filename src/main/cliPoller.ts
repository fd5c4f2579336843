// `nocman poller --site URL --key KEY`: a remote poller at a POP (src/main/poller/agent.ts). One poller per data
// folder: a second one on the same folder would send the same batches twice over, so it refuses to start.
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { POLLER_KEY } from '../shared/contract';
import { NetSnmpClient } from './core/bandwidth/snmp';
import { systemClock } from './core/clock';
import { FpingPinger, PingPackagePinger } from './core/monitoring/pinger';
import { aliveServer, claimPidFile } from './pidFile';
import { PollerAgent } from './poller/agent';
import { APP_VERSION } from './version';

export const POLLER_USAGE = `Usage: nocman poller --site URL --key KEY [--data-dir DIR] [--fingerprint SHA256]

Environment: NOCMAN_POLLER_SITE, NOCMAN_POLLER_KEY (keeps the key out of the process list),
NOCMAN_POLLER_DIR, NOCMAN_POLLER_FINGERPRINT.

The key is the one the site showed once when the poller was added (Pollers → Add). With an https site, the
certificate seen first is pinned into DIR/site-fingerprint unless --fingerprint gives it; a changed certificate
is refused (batches stay on disk). Sweeps wait in DIR/queue until the site acknowledges them.`;

export async function pollerCommand(argv: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: { site: { type: 'string' }, key: { type: 'string' }, 'data-dir': { type: 'string' }, fingerprint: { type: 'string' }, help: { type: 'boolean' } },
    strict: true,
  });
  if (values.help) {
    console.log(POLLER_USAGE);
    return 0;
  }
  const site = values.site ?? env['NOCMAN_POLLER_SITE'];
  const key = values.key ?? env['NOCMAN_POLLER_KEY'];
  const dataDir = path.resolve(values['data-dir'] ?? env['NOCMAN_POLLER_DIR'] ?? path.join(os.homedir(), '.nocman-poller'));
  const fingerprint = values.fingerprint ?? env['NOCMAN_POLLER_FINGERPRINT'];
  let url: URL | null = null;
  try {
    url = site ? new URL(site) : null;
  } catch {
    url = null;
  }
  if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:')) {
    console.error(`nocman poller: --site must be the site's address, like https://noc.example:5443 (given: ${site ?? 'nothing'})\n\n${POLLER_USAGE}`);
    return 2;
  }
  if (!key || !POLLER_KEY.test(key)) {
    console.error(`nocman poller: --key must be the poller key the site showed (npk_ and 43 characters)\n\n${POLLER_USAGE}`);
    return 2;
  }
  const other = aliveServer(dataDir);
  if (other) {
    console.error(`nocman poller: another poller (pid ${other}) uses ${dataDir}; one poller per data folder`);
    return 1;
  }
  const pinger = (await FpingPinger.available()) ? new FpingPinger() : new PingPackagePinger();
  const agent = new PollerAgent({ site: url.origin, key, dataDir, pinger, snmp: new NetSnmpClient(), clock: systemClock, version: APP_VERSION, hostname: os.hostname(), fingerprint });
  const release = claimPidFile(dataDir);
  await agent.start();
  console.log(`NOCman poller running (${pinger.name}); data in ${dataDir}`);
  process.on('unhandledRejection', (reason: unknown) => console.error('nocman poller: unhandled rejection (kept running)', reason));
  await new Promise<void>((resolve) => {
    const stop = (signal: string) => {
      console.log(`NOCman poller stopping (${signal}); ${agent.backlog} batches stay on disk`);
      void agent.stop().finally(() => {
        release();
        resolve();
      });
    };
    process.once('SIGINT', () => stop('SIGINT'));
    process.once('SIGTERM', () => stop('SIGTERM'));
  });
  return 0;
}
