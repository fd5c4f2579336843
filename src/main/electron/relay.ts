// Live events to the windows over IPC: each signed-in window gets its own role's view of an event (or nothing),
// in order, and a window whose session was revoked stops receiving at once.
import { eventFor, events as eventDefs, type Role } from '../../shared/contract';
import type { Dispatcher } from '../api/dispatcher';
import type { BusEvent, EventBus } from '../core/events';
import type { WindowSessions } from './sessions';
import type { ContentsLike } from './types';

export const EVENT_CHANNEL = 'noc:event';

interface Queued {
  event: BusEvent;
  /** The window's session when the event happened: a window signed in as someone else since gets none of it. */
  token: string;
}

export function relayEvents(bus: EventBus, dispatcher: Dispatcher, sessions: WindowSessions): () => void {
  const queues = new Map<number, Queued[]>();
  const draining = new Set<number>();

  /** Sends one batch with one check of the session: a storm of 1,000 alerts is not 1,000 look-ups per window. */
  const deliver = async (contents: ContentsLike, batch: Queued[]): Promise<void> => {
    const token = sessions.of(contents.id)?.token;
    const own = batch.filter((queued) => queued.token === token);
    if (!token || own.length === 0 || contents.isDestroyed()) return;
    let role: Role;
    try {
      // The current role, not the one at sign-in: a demoted or deactivated user sees less, or nothing, at once.
      const user = await dispatcher.authenticate(token);
      role = user.role as Role;
      sessions.updateUser(contents.id, token, { role, language: user.language });
    } catch {
      sessions.revoke(contents.id, token);
      return;
    }
    for (const { event } of own) {
      const payload = eventFor(eventDefs[event.name], event.payload, role);
      if (payload === null) continue;
      if (contents.isDestroyed()) return;
      contents.send(EVENT_CHANNEL, { ...event, payload });
    }
  };

  // One drain per window at a time, so that an event never overtakes the one before it.
  const drain = async (contents: ContentsLike): Promise<void> => {
    draining.add(contents.id);
    try {
      for (let batch = queues.get(contents.id); batch; batch = queues.get(contents.id)) {
        queues.delete(contents.id);
        await deliver(contents, batch).catch(() => undefined);
      }
    } finally {
      draining.delete(contents.id);
    }
  };

  return bus.subscribe((event) => {
    for (const { contents, session } of sessions.signedIn()) {
      const queue = queues.get(contents.id) ?? [];
      queue.push({ event, token: session.token });
      queues.set(contents.id, queue);
      if (!draining.has(contents.id)) void drain(contents);
    }
  });
}
