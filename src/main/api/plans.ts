// Handlers of the plans domain.
import { actorOf } from '../core/auth/service';
import type { HandlersOf } from './types';

export const plansHandlers: HandlersOf<'plans'> = {
  'plans.list': (input, { core }) => core.plans.list(input),
  'plans.get': (input, { core }) => core.plans.get(input.id),
  'plans.create': (input, { core, user }) => core.plans.create(actorOf(user), input),
  'plans.update': (input, { core, user }) => {
    const { id, ...patch } = input;
    return core.plans.update(actorOf(user), id, patch);
  },
  'plans.delete': (input, { core, user }) => core.plans.delete(actorOf(user), input.id),
};
