// Handlers of the subscriptions domain.
import { actorOf } from '../core/auth/service';
import type { HandlersOf } from './types';

export const subscriptionsHandlers: HandlersOf<'subscriptions'> = {
  'subscriptions.list': (input, { core }) => core.subscriptions.list(input),
  'subscriptions.get': (input, { core }) => core.subscriptions.get(input.id),
  'subscriptions.create': (input, { core, user }) => core.subscriptions.create(actorOf(user), input),
  'subscriptions.update': (input, { core, user }) => {
    const { id, ...patch } = input;
    return core.subscriptions.update(actorOf(user), id, patch);
  },
  'subscriptions.setStatus': (input, { core, user }) =>
    core.subscriptions.setStatus(actorOf(user), input.id, input.status, input.reason),
  'subscriptions.delete': (input, { core, user }) => core.subscriptions.delete(actorOf(user), input.id),
};
