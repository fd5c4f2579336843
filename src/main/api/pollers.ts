// Handlers of remote pollers: people list, add and revoke them; pollers (by their key, checked by the dispatcher)
// fetch their assignment and send their batches.
import { AppError } from '../../shared/errors';
import { actorOf } from '../core/auth/service';
import type { PollerIdentity } from '../core/pollers/service';
import type { HandlersOf } from './types';

function pollerOf(poller: PollerIdentity | null): PollerIdentity {
  if (!poller) throw new AppError('UNAUTHENTICATED', 'A poller key is required');
  return poller;
}

export const pollersHandlers: HandlersOf<'pollers'> = {
  'pollers.list': (_input, { core }) => core.pollers.list(),
  'pollers.create': (input, { core, user }) => core.pollers.create(actorOf(user), input.name),
  'pollers.revoke': (input, { core, user }) => core.pollers.revoke(actorOf(user), input.id),
};

export const pollerHandlers: HandlersOf<'poller'> = {
  'poller.assignment': (_input, { core, poller }) => core.pollers.assignment(pollerOf(poller)),
  'poller.report': (input, { core, poller }) => core.pollers.report(pollerOf(poller), input),
};
