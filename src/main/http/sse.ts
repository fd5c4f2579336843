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

export class EventStreams {
  private readonly open = new Set<Response>();

  constructor(
    private readonly core: Core,
    private readonly dispatcher: Dispatcher,
    private readonly heartbeatMs = HEARTBEAT_MS,
  ) {}

  /** Called after authentication: streams until the client leaves or its session is revoked. */
  async handle(req: Request, res: Response, token: string): Promise<void> {
    const user = await this.dispatcher.authenticate(token);
    const role = user.role as Role;
    // Each role receives its own view of an event, or nothing (an alert of another domain).
    // Frames of one burst (a storm of alerts) leave in one write: corked until the event loop turns.
    let corked = false;
    const send = (event: BusEvent) => {
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
      if (event.name === 'system.restored') res.end();
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
    const heartbeat = setInterval(() => {
      res.write(': heartbeat\n\n');
      // A revoked session (logout, password change, deactivation) loses its stream at the next beat.
      this.dispatcher.authenticate(token).catch(() => res.end());
    }, this.heartbeatMs);
    heartbeat.unref();

    const stop = () => {
      clearInterval(heartbeat);
      unsubscribe();
      this.open.delete(res);
    };
    res.on('close', stop);
  }

  closeAll(): void {
    for (const res of this.open) res.end();
    this.open.clear();
  }
}
