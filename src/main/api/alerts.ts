// Handlers of the alerts and dashboard domains: the caller's role limits what they see.
import { actorOf } from '../core/auth/service';
import type { HandlersOf } from './types';

export const alertsHandlers: HandlersOf<'alerts'> = {
  'alerts.list': (input, { core, user }) => core.alerts.list(user.role, input),
  'alerts.stats': (_input, { core, user }) => core.alerts.stats(user.role),
  'alerts.get': (input, { core, user }) => core.alerts.get(user.role, input.id),
  'alerts.acknowledge': (input, { core, user }) => core.alerts.acknowledge(actorOf(user), user.role, input.id, input.note),
  'alerts.resolve': (input, { core, user }) => core.alerts.resolve(actorOf(user), user.role, input.id, input.note),
  'alerts.acknowledgeMany': async (input, { core, user }) => ({
    acknowledged: await core.alerts.acknowledgeMany(actorOf(user), user.role, input.ids, input.allInfo, input.note),
  }),
};

export const dashboardHandlers: HandlersOf<'dashboard'> = {
  'dashboard.stats': (_input, { core, user }) => core.dashboard.stats(user.role),
};
