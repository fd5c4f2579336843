// Handlers of the users domain (admin only, enforced by the dispatcher from the contract).
import { actorOf } from '../core/auth/service';
import type { HandlersOf } from './types';

export const usersHandlers: HandlersOf<'users'> = {
  'users.list': (input, { core }) => core.users.list(input),
  'users.get': (input, { core }) => core.users.get(input.id),
  'users.update': (input, { core, user }) => {
    const { id, ...patch } = input;
    return core.users.update(actorOf(user), id, patch);
  },
  'users.delete': (input, { core, user }) => core.users.delete(actorOf(user), input.id),
};
