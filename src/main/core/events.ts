// The in-process event bus: services publish contract events, transports (IPC, SSE) deliver them by role.
import type { EventName, EventPayload } from '../../shared/contract';

export interface BusEvent<E extends EventName = EventName> {
  id: number;
  name: E;
  at: string;
  payload: EventPayload<E>;
  /** Raised by another process on the same database and read from the event journal (./site/journal.ts). */
  foreign?: true;
}

export type BusListener = (event: BusEvent) => void;

export class EventBus {
  private nextId = 1;
  private readonly listeners = new Set<BusListener>();
  private readonly recent: BusEvent[] = [];

  constructor(
    private readonly now: () => Date,
    private readonly bufferSize = 500,
  ) {}

  emit<E extends EventName>(name: E, payload: EventPayload<E>): void {
    this.deliver({ id: this.nextId++, name, at: this.now().toISOString(), payload } as BusEvent);
  }

  /**
   * An event another process raised on the same database (read from the journal): this process's listeners — the
   * tray, the desktop windows, the runner's jobs — hear it as if raised here, with its own time.
   */
  emitForeign(name: EventName, at: string, payload: unknown): void {
    this.deliver({ id: this.nextId++, name, at, payload, foreign: true } as BusEvent);
  }

  private deliver(event: BusEvent): void {
    this.recent.push(event);
    if (this.recent.length > this.bufferSize) this.recent.shift();
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch {
        // a failing subscriber must not stop delivery to the others
      }
    }
  }

  subscribe(listener: BusListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The id of the latest event emitted (0 before the first). */
  get lastId(): number {
    return this.nextId - 1;
  }

  /** Events after `lastId` still in the buffer, for a client that reconnects. */
  since(lastId: number): BusEvent[] {
    return this.recent.filter((event) => event.id > lastId);
  }
}
