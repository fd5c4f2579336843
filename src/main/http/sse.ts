// GET /api/events: contract events as Server-Sent Events, filtered by the caller's role, with replay.
import type { Request, Response } from 'express';
import { eventFor, events as eventDefs, type Role } from '../../shared/contract';
import type { Core } from '../core';
import type { BusEvent } from '../core/events';
import type { Dispatcher } from '../api/dispatcher';

export const HEARTBEAT_MS = 15_000;

function frame(event: BusEvent, payload: unknown): string {
  return `id: ${event.id}\nevent: ${event.name}\ndata: ${JSON.stringify({ at: event.at, payload })}\n\n`;
}

/** A change to this user (role, active, password, deletion, profile): the stream's view may no longer be theirs. */
function concernsUser(event: BusEvent, userId: number): boolean {
  return event.name === 'users.changed' && (event as BusEvent<'users.changed'>).payload.id === userId;
}

export class EventStreams {
  private readonly open = new Set<Response>();

  constructor(
    private readonly core: Core,
    private readonly dispatcher: Dispatcher,
    private readonly heartbeatMs = HEARTBEAT_MS,
  ) {}

  /** Called after authentication: streams until the client leaves or its session is revoked. */
  async handle(req: Request, res: Response, token: string): Promise<void> {
    // Changes to the user up to here are already in what authenticate reads; only later ones end the stream (else a
    // replayed change would end every reconnect).
    const readAfter = this.core.events.lastId;
    const user = await this.dispatcher.authenticate(token);
    const role = user.role as Role;
    let ended = false;
    // Any change to the user ends the stream before another frame leaves, without waiting for a heartbeat: a
    // demoted, deactivated, deleted or signed-out user must not read on. The client reconnects with Last-Event-ID:
    // a still valid session resumes with its (possibly new) role and misses nothing; a revoked one gets 401.
    const end = () => {
      if (ended) return;
      ended = true;
      res.end();
    };
    // Each role receives its own view of an event, or nothing (an alert of another domain).
    // Frames of one burst (a storm of alerts) leave in one write: corked until the event loop turns.
    let corked = false;
    const send = (event: BusEvent) => {
      if (ended) return;
      if (event.id > readAfter && concernsUser(event, user.id)) return end();
      const payload = eventFor(eventDefs[event.name], event.payload, role);
      if (payload === null) return;
      if (!corked) {
        corked = true;
        res.cork();
        setImmediate(() => {
          corked = false;
          res.uncork();
        });
      }
      res.write(frame(event, payload));
      // After a restore every session is signed out: the stream says so, then ends.
      if (event.name === 'system.restored') end();
    };

    res.status(200).set({
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-cache, no-transform',
      Connection: 'keep-alive',
      'X-Accel-Buffering': 'no',
    });
    res.flushHeaders();
    res.write('retry: 3000\n\n');
    this.open.add(res);

    const lastId = Number(req.get('Last-Event-ID') ?? NaN);
    if (Number.isInteger(lastId)) {
      for (const missed of this.core.events.since(lastId)) send(missed);
    }
    const unsubscribe = this.core.events.subscribe(send);
    // Logout ends every session of the user without changing the user itself (no users.changed).
    const unwatch = this.core.auth.onSessionsEnded((userId) => {
      if (userId === user.id) end();
    });
    const heartbeat = setInterval(() => {
      res.write(': heartbeat\n\n');
      // A session revoked where no event tells this process (another console on the same database, expiry).
      this.dispatcher.authenticate(token).catch(end);
    }, this.heartbeatMs);
    heartbeat.unref();

    const stop = () => {
      ended = true;
      clearInterval(heartbeat);
      unsubscribe();
      unwatch();
      this.open.delete(res);
    };
    res.on('close', stop);
  }

  closeAll(): void {
    for (const res of this.open) res.end();
    this.open.clear();
  }
}
