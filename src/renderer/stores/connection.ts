// Whether the browser transport reaches the NOCman server: online, offline since when, reconnecting; when data last
// came in and when the event stream tries again. Fed by the HTTP transport (api/client.ts), read by the frame's banner
// and by the query cache (frame/connectionSync.ts). The Electron transport never reports here: its main process is local.
import { create } from 'zustand';

export type ConnectionStatus = 'online' | 'offline' | 'reconnecting';

/** The event stream's wait before reconnect attempt `attempt` (0 = the first after a drop): 1 s, 2, 4 … 30 s. */
export const RECONNECT_BASE_MS = 1000;
export const RECONNECT_MAX_MS = 30_000;

/**
 * Exponential back-off with jitter: between 70 % and 100 % of min(30 s, 1 s × 2^attempt), so the workstations of a
 * site that lost its host together do not all knock at the same instant when it is back. `random` is in [0, 1).
 */
export function reconnectDelayMs(attempt: number, random: number): number {
  const ceiling = Math.min(RECONNECT_MAX_MS, RECONNECT_BASE_MS * 2 ** Math.max(0, Math.min(attempt, 30)));
  return Math.round(ceiling * (0.7 + 0.3 * Math.min(Math.max(random, 0), 1)));
}

export interface ConnectionState {
  status: ConnectionStatus;
  /** When the server was first found unreachable in this outage (ISO), null while online. */
  offlineSince: string | null;
  /** The last successful answer or live event (ISO), null before any. */
  lastDataAt: string | null;
  /** When the event stream tries again (ISO), null while online or while an attempt is under way. */
  nextRetryAt: string | null;
  /** Times the connection came back after an outage: a change tells the query cache to catch up. */
  reconnects: number;
  /** Event streams running; without one, an answer alone says the server is back. */
  streams: number;

  /** A call or an event brought data. */
  dataReceived(): void;
  /** The server answered something (any HTTP status): it is reachable. */
  answered(): void;
  /** A call could not reach the server (fetch threw). */
  unreachable(): void;
  streamStarted(): void;
  streamStopped(): void;
  /** The event stream is trying to connect. */
  streamConnecting(): void;
  /** The event stream is open: the server is reachable and live again. */
  streamOpen(): void;
  /** The event stream dropped or could not connect; it tries again after `retryInMs`. */
  streamLost(retryInMs: number): void;
  /** "Try now": the event stream stops waiting and connects at once (an open one reconnects, to check). */
  retryNow(): void;
  /** The transport's way to be woken by `retryNow` (and by an answer while offline). */
  onRetryNow(wake: () => void): () => void;
}

export type ConnectionStore = ReturnType<typeof createConnectionStore>;

/** `now` is the wall clock (injected so the transitions are tested without waiting). */
export function createConnectionStore(now: () => Date = () => new Date()) {
  const wakers = new Set<() => void>();
  const wakeAll = () => {
    for (const wake of [...wakers]) wake();
  };
  return create<ConnectionState>()((set, get) => ({
    status: 'online',
    offlineSince: null,
    lastDataAt: null,
    nextRetryAt: null,
    reconnects: 0,
    streams: 0,

    dataReceived() {
      set({ lastDataAt: now().toISOString() });
    },

    answered() {
      const { status, streams } = get();
      if (status === 'online') return;
      // With a stream, the stream says when live data flows again (and catches up); it is asked to try at once.
      if (streams > 0) wakeAll();
      else set((s) => ({ status: 'online', offlineSince: null, nextRetryAt: null, reconnects: s.reconnects + 1 }));
    },

    unreachable() {
      if (get().status !== 'online') return;
      set({ status: 'offline', offlineSince: now().toISOString() });
      // A stream that looks open may not have noticed yet (a cut cable sends nothing): it checks at once.
      wakeAll();
    },

    streamStarted() {
      set((s) => ({ streams: s.streams + 1 }));
    },

    streamStopped() {
      set((s) => ({ streams: Math.max(0, s.streams - 1) }));
    },

    streamConnecting() {
      if (get().status === 'online') return;
      set({ status: 'reconnecting', nextRetryAt: null });
    },

    streamOpen() {
      if (get().status === 'online') return;
      set((s) => ({ status: 'online', offlineSince: null, nextRetryAt: null, reconnects: s.reconnects + 1 }));
    },

    streamLost(retryInMs) {
      const at = now();
      set((s) => ({
        status: 'offline',
        offlineSince: s.offlineSince ?? at.toISOString(),
        nextRetryAt: new Date(at.getTime() + retryInMs).toISOString(),
      }));
    },

    retryNow() {
      wakeAll();
    },

    onRetryNow(wake) {
      wakers.add(wake);
      return () => {
        wakers.delete(wake);
      };
    },
  }));
}

export const useConnection = createConnectionStore();
