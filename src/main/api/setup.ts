// Handlers of first-run setup; over HTTP only under a Host this server serves (DNS rebinding).
import { AppError } from '../../shared/errors';
import { SYSTEM_ACTOR } from '../core/actor';
import type { Core } from '../core';
import { isServedHost } from './hosts';
import type { HandlersOf, RequestMeta } from './types';

/**
 * Before the first admin exists anyone may create it: a web page that rebinds its own name to this server's address
 * would do it from a visitor's browser. Such a request carries that page's name as its Host, so HTTP setup answers
 * only under an IP literal, localhost or a listed name (NOCMAN_ALLOWED_HOSTS, the bound host). IPC has no Host.
 */
function assertServedHost(core: Core, meta: RequestMeta): void {
  if (meta.transport !== 'http' || isServedHost(meta.host, core.config.allowedHosts ?? [])) return;
  throw new AppError(
    'FORBIDDEN',
    'First-run setup answers only on an address this server serves: open it by IP address or localhost, or list the name in NOCMAN_ALLOWED_HOSTS',
  );
}

export const setupHandlers: HandlersOf<'setup'> = {
  // Once set up, the status tells nothing worth rebinding for, and the sign-in page must load under any name.
  'setup.status': async (_input, { core, meta }) => {
    const needsSetup = await core.auth.needsSetup();
    if (needsSetup) assertServedHost(core, meta);
    return { needsSetup, version: core.version };
  },
  'setup.createAdmin': (input, { core, meta }) => {
    assertServedHost(core, meta);
    return core.auth.createFirstAdmin(input, { ...SYSTEM_ACTOR, name: 'setup' });
  },
};
