// Live events to the windows over IPC: each signed-in window gets its own role's view of an event (or nothing),
// in order, and a window whose session was revoked stops receiving at once.
import { eventFor, events as eventDefs, type Role } from '../../shared/contract';
import type { Dispatcher } from '../api/dispatcher';
import type { BusEvent, EventBus } from '../core/events';
import type { WindowSessions } from './sessions';

export const EVENT_CHANNEL = 'noc:event';

export function relayEvents(bus: EventBus, dispatcher: Dispatcher, sessions: WindowSessions): () => void {
  // One chain per window, so that an event never overtakes the one before it.
  const chains = new Map<number, Promise<void>>();

  const deliver = async (event: BusEvent, contentsId: number, token: string): Promise<void> => {
    const entry = sessions.signedIn().find((s) => s.contents.id === contentsId);
    if (!entry || entry.session.token !== token || entry.contents.isDestroyed()) return;
    let role: Role;
    try {
      // The current role, not the one at sign-in: a demoted or deactivated user sees less, or nothing, at once.
      role = (await dispatcher.authenticate(token)).role as Role;
    } catch {
      sessions.revoke(contentsId, token);
      return;
    }
    sessions.updateRole(contentsId, token, role);
    const payload = eventFor(eventDefs[event.name], event.payload, role);
    if (payload === null || entry.contents.isDestroyed()) return;
    entry.contents.send(EVENT_CHANNEL, { ...event, payload });
  };
  const deliverSafely = async (event: BusEvent, contentsId: number, token: string): Promise<void> => {
    try {
      await deliver(event, contentsId, token);
    } catch {
      // a window closing mid-send must not stall its chain
    }
  };

  const unsubscribe = bus.subscribe((event) => {
    for (const { contents, session } of sessions.signedIn()) {
      const id = contents.id;
      const next = (chains.get(id) ?? Promise.resolve()).then(() => deliverSafely(event, id, session.token));
      chains.set(id, next);
      void next.finally(() => {
        if (chains.get(id) === next) chains.delete(id);
      });
    }
  });
  return unsubscribe;
}
