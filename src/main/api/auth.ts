// Handlers of the auth domain: thin calls into the auth and users services.
import { actorOf } from '../core/auth/service';
import { toUser } from '../core/users/service';
import type { HandlersOf } from './types';

export const authHandlers: HandlersOf<'auth'> = {
  'auth.login': (input, { core, meta }) => core.auth.login(input.email, input.password, meta.address),
  'auth.logout': (_input, { core, user }) => core.auth.logout(user),
  // The dispatcher has just loaded the user to authenticate the call: no second query.
  'auth.me': (_input, { user }) => toUser(user),
  'auth.updateProfile': (input, { core, user }) => core.auth.updateProfile(user, input),
  'auth.changePassword': (input, { core, user }) =>
    core.auth.changePassword(user, input.currentPassword, input.newPassword),
  'auth.register': (input, { core, user }) => core.users.create(actorOf(user), input),
};
