// Handlers of the system domain.
import type { HandlersOf } from './types';

export const systemHandlers: HandlersOf<'system'> = {
  'system.health': async (_input, { core }) => {
    const db = await core.db.health.state(() => core.db.probe());
    const holder = await core.lease.holder().catch(() => null);
    return {
      status: db.state === 'ok' ? 'ok' : 'degraded',
      version: core.version,
      uptimeSec: Math.round((core.clock.now().getTime() - core.startedAt.getTime()) / 1000),
      database: db.state,
      databaseError: db.code ? { code: db.code, at: (db.at ?? core.clock.now()).toISOString() } : null,
      defaultPingIntervalSec: core.devices.defaultIntervalSec,
      runner: { instance: core.instanceId, holding: holder?.id === core.instanceId, holder },
    };
  },
};
