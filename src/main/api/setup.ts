// Handlers of first-run setup.
import { SYSTEM_ACTOR } from '../core/actor';
import type { HandlersOf } from './types';

export const setupHandlers: HandlersOf<'setup'> = {
  'setup.status': async (_input, { core }) => ({ needsSetup: await core.auth.needsSetup(), version: core.version }),
  'setup.createAdmin': (input, { core }) => core.auth.createFirstAdmin(input, { ...SYSTEM_ACTOR, name: 'setup' }),
};
