// Handlers of the RADIUS domain: credentials (the password only for admin and staff), the NAS list, sessions,
// rejects, and the bridge FreeRADIUS calls (the dispatcher has checked its key).
import { actorOf } from '../core/auth/service';
import type { HandlersOf } from './types';

export const radiusHandlers: HandlersOf<'radius'> = {
  'radius.credentials.get': (input, { core, user }) => core.radius.credentials.get(input.id, user.role !== 'technician'),
  'radius.credentials.update': (input, { core, user }) => {
    const { id, ...patch } = input;
    return core.radius.credentials.update(actorOf(user), id, patch);
  },
  'radius.credentials.resetPassword': (input, { core, user }) => core.radius.credentials.resetPassword(actorOf(user), input.id),
  'radius.nas.list': (_input, { core }) => core.radius.nas.list(),
  'radius.nas.create': (input, { core, user }) => core.radius.nas.create(actorOf(user), input),
  'radius.nas.update': (input, { core, user }) => {
    const { id, ...patch } = input;
    return core.radius.nas.update(actorOf(user), id, patch);
  },
  'radius.nas.delete': (input, { core, user }) => core.radius.nas.delete(actorOf(user), input.id),
  'radius.sessions.list': async (input, { core }) => {
    await core.radius.sessions.maintain();
    return core.radius.sessions.list(input);
  },
  'radius.sessions.disconnect': (input, { core, user }) => core.radius.followUp.disconnect(actorOf(user), input.id),
  'radius.rejects.list': (input, { core }) => core.radius.sessions.rejects(input),
  'radius.authorize': (input, { core }) => core.radius.authorize(input),
  'radius.authenticate': (input, { core }) => core.radius.authenticate(input),
  'radius.accounting': (input, { core }) => core.radius.accounting(input),
  'radius.postAuth': (input, { core }) => core.radius.postAuth(input),
};
