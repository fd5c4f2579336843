// Handlers of the system domain.
import type { HandlersOf } from './types';

export const systemHandlers: HandlersOf<'system'> = {
  'system.health': async (_input, { core }) => {
    await core.db.dataSource.query('SELECT 1');
    return {
      status: 'ok',
      version: core.version,
      uptimeSec: Math.round((core.clock.now().getTime() - core.startedAt.getTime()) / 1000),
      database: 'ok',
    };
  },
};
