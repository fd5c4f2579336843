// Handlers of the settings domain.
import { actorOf } from '../core/auth/service';
import type { HandlersOf } from './types';

export const settingsHandlers: HandlersOf<'settings'> = {
  'settings.get': (_input, { core }) => core.settings.get(),
  'settings.update': async (input, { core, user }) => {
    if (input.backupFolder) core.backups.checkFolder(input.backupFolder);
    return core.settings.update(actorOf(user), input);
  },
};
