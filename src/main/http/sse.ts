// GET /api/events: contract events as Server-Sent Events, filtered by the caller's role, with replay. The events come
// from the journal (../core/site/journal.ts): those of every process on the database, with ids that survive a restart.
import type { Request, Response } from 'express';
import { eventFor, events as eventDefs, type Role } from '../../shared/contract';
import type { Core } from '../core';
import type { JournalEvent } from '../core/site/journal';
import type { Dispatcher } from '../api/dispatcher';

export const HEARTBEAT_MS = 15_000;

function frame(event: JournalEvent, payload: unknown): string {
  return `id: ${event.id}\nevent: ${event.name}\ndata: ${JSON.stringify({ at: event.at, payload })}\n\n`;
}

/** A change to this user (role, active, password, deletion, profile): the stream's view may no longer be theirs. */
function concernsUser(event: JournalEvent, userId: number): boolean {
  return event.name === 'users.changed' && (event.payload as { id: number }).id === userId;
}

export class EventStreams {
  private readonly open = new Set<Response>();
  private closed = false;

  constructor(
    private readonly core: Core,
    private readonly dispatcher: Dispatcher,
    private readonly heartbeatMs = HEARTBEAT_MS,
  ) {}

  /** Called after authentication: streams until the client leaves or its session is revoked. */
  async handle(req: Request, res: Response, token: string): Promise<void> {
    // Changes to the user up to here are already in what authenticate reads; only later ones end the stream (else a
    // replayed change would end every reconnect).
    const readAfter = this.core.journal.lastId;
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
    const send = (event: JournalEvent) => {
      if (ended) return;
      if (event.id > readAfter && concernsUser(event, user.id)) return end();
      const payload = eventFor(eventDefs[event.name], event.payload as never, role);
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

    if (this.closed) {
      // The server is closing: a stream opened now would hold its close open (the client retries elsewhere or later).
      res.status(503).set({ Connection: 'close', 'Retry-After': '3' }).end();
      return;
    }
    res.status(200).set({
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-cache, no-transform',
      Connection: 'keep-alive',
      'X-Accel-Buffering': 'no',
    });
    res.flushHeaders();
    res.write('retry: 3000\n\n');
    this.open.add(res);

    // Live events that arrive while the replay is read wait for it, so none overtakes a missed one.
    const early: JournalEvent[] = [];
    let replaying = true;
    const unsubscribe = this.core.journal.subscribe((event) => (replaying ? early.push(event) : send(event)));
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

    // Replay and live events meet here: an event both replayed and heard live leaves once. (Only here: after a
    // restore the journal's ids start again lower, and live events are sent as they come.)
    let replayedUpTo = -1;
    const lastId = Number(req.get('Last-Event-ID') ?? NaN);
    if (!Number.isInteger(lastId)) {
      // Where the stream starts, as an id-only frame (it sets the client's last event id and dispatches nothing): a
      // client that loses the stream before its first event still resumes from here, and misses nothing.
      res.write(`id: ${this.core.journal.lastId}\n\n`);
    } else {
      try {
        for (const missed of await this.core.journal.since(lastId)) {
          send(missed);
          replayedUpTo = missed.id;
        }
      } catch {
        // the journal cannot be read now: the client reloads its screens after a reconnect anyway
      }
    }
    replaying = false;
    for (const event of early) if (event.id > replayedUpTo) send(event);
  }

  /** Ends every stream; the server is closing, so a client that asks again at once is not streamed to any more. */
  closeAll(): void {
    this.closed = true;
    for (const res of this.open) res.end();
    this.open.clear();
  }
}
