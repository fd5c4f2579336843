// The typed client `noc`: one interface over Electron IPC (window.noc) or HTTP + SSE, typed by the contract.
import {
  operations,
  type EventName,
  type OperationName,
  type OpInput,
  type OpOutput,
} from '../../shared/contract';
import { AppError, type ErrorBody } from '../../shared/errors';
import { reconnectDelayMs, useConnection, type ConnectionState } from '../stores/connection';
import { dropEarlyResponses, takeEarlyResponse } from './early';

export interface LiveEvent {
  id: number;
  name: EventName;
  at: string;
  payload: unknown;
}

type CallResult = { ok: true; status: number; body: unknown } | { ok: false; status: number; body: ErrorBody };

interface ElectronBridge {
  call(name: string, input: unknown, token: string | null): Promise<CallResult>;
  subscribe(token: string, listener: (event: LiveEvent) => void): () => void;
}

declare global {
  interface Window {
    noc?: ElectronBridge;
    /** In a joined workstation's window (src/preload/join.ts): hands the session to the app's tray. */
    nocDesktop?: { session(token: string | null): void };
  }
}

/** What the HTTP transport tells about reaching the server (stores/connection.ts); absent over Electron IPC. */
export type ConnectionReport = () => ConnectionState;

function toAppError(status: number, body: unknown): AppError {
  if (AppError.isErrorBody(body)) return new AppError(body.error.code, body.error.message, body.error.details);
  return new AppError('INTERNAL', `Unexpected answer (HTTP ${status})`);
}

/** Sign-in and sign-out change nothing a person typed into the site's data: "not saved" would mislead there. */
const NOT_A_CHANGE: ReadonlySet<OperationName> = new Set<OperationName>(['auth.login', 'auth.logout']);

/** The message of UNREACHABLE (forms/errors.ts translates it): a write says it was not saved, a read only that the server is away. */
export const UNREACHABLE_READ = 'Cannot reach the NOCman server';
export const UNREACHABLE_WRITE = 'Not saved: cannot reach the NOCman server';

export function unreachableError(name: OperationName): AppError {
  const write = operations[name].method !== 'GET' && !NOT_A_CHANGE.has(name);
  return new AppError('UNREACHABLE', write ? UNREACHABLE_WRITE : UNREACHABLE_READ, { operation: name, write });
}

/** Builds the HTTP request of an operation from its contract entry. */
export function httpRequestOf(name: OperationName, input: Record<string, unknown>): { url: string; init: RequestInit } {
  const def = operations[name];
  const rest: Record<string, unknown> = { ...input };
  const path = def.path.replace(/:(\w+)/g, (_m, key: string) => {
    const value = rest[key];
    delete rest[key];
    return encodeURIComponent(String(value));
  });
  if (def.method === 'GET' || def.method === 'DELETE') {
    const query = new URLSearchParams();
    for (const [key, value] of Object.entries(rest)) {
      if (value !== undefined && value !== null && value !== '') query.set(key, String(value));
    }
    const qs = query.toString();
    return { url: qs ? `${path}?${qs}` : path, init: { method: def.method } };
  }
  return {
    url: path,
    init: { method: def.method, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(rest) },
  };
}

async function httpCall(name: OperationName, input: Record<string, unknown>, token: string | null, connection?: ConnectionReport): Promise<CallResult> {
  const { url, init } = httpRequestOf(name, input);
  const headers = new Headers(init.headers);
  if (token) headers.set('Authorization', `Bearer ${token}`);
  // The first screen's requests may be on their way already (./early.ts).
  let response = init.method === 'GET' ? await takeEarlyResponse(url, token) : null;
  if (!response) {
    try {
      response = await fetch(url, { ...init, headers });
    } catch {
      connection?.().unreachable();
      return { ok: false, status: 0, body: unreachableError(name).toBody() };
    }
  }
  connection?.().answered();
  if (response.ok) connection?.().dataReceived();
  if (response.status === 204) return { ok: true, status: 204, body: undefined };
  if (response.ok && operations[name].responseType === 'csv') return { ok: true, status: response.status, body: await response.text() };
  if (response.ok && operations[name].responseType === 'pdf') {
    // Base64, as over IPC: one type for both transports.
    const bytes = new Uint8Array(await response.arrayBuffer());
    let binary = '';
    for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
    return { ok: true, status: response.status, body: btoa(binary) };
  }
  const body: unknown = await response.json().catch(() => null);
  if (response.ok) return { ok: true, status: response.status, body };
  return { ok: false, status: response.status, body: AppError.isErrorBody(body) ? body : toAppError(response.status, body).toBody() };
}

/**
 * Frames of `GET /api/events` split off a growing buffer; `rest` is an incomplete frame to keep; `lastId` is the last
 * id any frame carried — also the id-only frame the stream starts with, so a stream lost before its first event
 * still resumes from where it began.
 */
export function parseEventFrames(buffer: string): { events: { id: number; name: EventName; at: string; payload: unknown }[]; rest: string; lastId?: number } {
  const events: { id: number; name: EventName; at: string; payload: unknown }[] = [];
  let lastId: number | undefined;
  let rest = buffer;
  let cut: number;
  while ((cut = rest.indexOf('\n\n')) >= 0) {
    const frame = rest.slice(0, cut);
    rest = rest.slice(cut + 2);
    const fields: Record<string, string> = {};
    for (const line of frame.split('\n')) {
      if (line.startsWith(':')) continue;
      const colon = line.indexOf(':');
      if (colon > 0) fields[line.slice(0, colon)] = line.slice(colon + 1).trimStart();
    }
    if (fields['id'] !== undefined && Number.isInteger(Number(fields['id']))) lastId = Number(fields['id']);
    if (!fields['event'] || !fields['data']) continue;
    const data = JSON.parse(fields['data']) as { at: string; payload: unknown };
    events.push({ id: Number(fields['id']), name: fields['event'] as EventName, at: data.at, payload: data.payload });
  }
  return { events, rest, lastId };
}

/** A stream that ran this long and then ended is tried again at once, before anything says "offline". */
const QUIET_RETRY_AFTER_MS = 5000;
/** The server writes a heartbeat every 15 s (src/main/http/sse.ts): this long without a byte, the host is gone. */
export const STREAM_STALL_MS = 40_000;

export interface SubscribeOptions {
  connection?: ConnectionReport;
  /** [0, 1): the back-off's jitter. */
  random?: () => number;
}

/**
 * Reads `GET /api/events` with fetch (so the token stays in a header). After a drop it reconnects with back-off
 * (1 s, 2, 4 … 30 s, jittered; "try now" cuts the wait) and Last-Event-ID, so the server replays what was missed.
 */
export function httpSubscribe(token: string, listener: (event: LiveEvent) => void, { connection, random = Math.random }: SubscribeOptions = {}): () => void {
  let stopped = false;
  let lastId: number | null = null;
  let controller = new AbortController();
  let wake: (() => void) | null = null;
  connection?.().streamStarted();
  /** When the current connection opened (performance.now), null until it does. */
  let openedAt: number | null = null;
  // Waiting: try now. Open: reconnect, which proves the server is there (or finds it is not).
  const unwatch = connection?.().onRetryNow(() => {
    if (wake) wake();
    else if (openedAt !== null) controller.abort();
  });

  const wait = (ms: number) =>
    new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        wake = null;
        resolve();
      };
      const timer = setTimeout(done, ms);
      wake = done;
    });

  /** One connection, until it ends (or throws); 'refused' when the session is no longer good. */
  const readOnce = async (): Promise<'ended' | 'refused'> => {
    controller = new AbortController();
    openedAt = null;
    const headers: Record<string, string> = { Authorization: `Bearer ${token}`, Accept: 'text/event-stream' };
    if (lastId !== null) headers['Last-Event-ID'] = String(lastId);
    connection?.().streamConnecting();
    const response = await fetch('/api/events', { headers, signal: controller.signal });
    if (response.status === 401 || response.status === 403) return 'refused';
    if (!response.ok || !response.body) throw new Error(`events: HTTP ${response.status}`);
    connection?.().streamOpen();
    openedAt = performance.now();
    let lastByteAt = openedAt;
    const watchdog = setInterval(() => {
      if (performance.now() - lastByteAt > STREAM_STALL_MS) controller.abort();
    }, 5000);
    try {
      const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
      let buffer = '';
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return 'ended';
        lastByteAt = performance.now();
        const parsed = parseEventFrames(buffer + value);
        buffer = parsed.rest;
        if (parsed.lastId !== undefined && parsed.events.length === 0) lastId = parsed.lastId;
        for (const event of parsed.events) {
          lastId = event.id;
          connection?.().dataReceived();
          listener(event);
        }
      }
    } finally {
      clearInterval(watchdog);
    }
  };

  const run = async () => {
    let attempt = 0;
    while (!stopped) {
      try {
        if ((await readOnce()) === 'refused') return;
      } catch {
        // could not connect, or the connection broke: the same back-off below
      }
      if (stopped) return;
      // A stream that ran a while and then ended (a graceful restart, a changed user, a proxy's timeout, the host
      // killed) is tried again at once, before anything says "offline"; a short-lived one backs off, so a server that
      // ends every stream at once is not hammered.
      if (openedAt !== null && performance.now() - openedAt >= QUIET_RETRY_AFTER_MS) {
        attempt = 0;
        continue;
      }
      const delay = reconnectDelayMs(attempt, random());
      attempt = Math.min(attempt + 1, 30);
      connection?.().streamLost(delay);
      await wait(delay);
    }
  };
  let finished = false;
  const finish = () => {
    if (finished) return;
    finished = true;
    unwatch?.();
    connection?.().streamStopped();
  };
  void run().finally(finish);
  return () => {
    stopped = true;
    controller.abort();
    wake?.();
    finish();
  };
}

export interface NocClient {
  readonly transport: 'electron' | 'http';
  setToken(token: string | null): void;
  call<N extends OperationName>(name: N, input: OpInput<N>): Promise<OpOutput<N>>;
  subscribe(listener: (event: LiveEvent) => void): () => void;
}

/** `connection` is told whether the server is reachable (HTTP only: over IPC the main process is local). */
export function createClient(bridge: ElectronBridge | undefined, connection?: ConnectionReport): NocClient {
  let token: string | null = null;
  return {
    transport: bridge ? 'electron' : 'http',
    setToken(next) {
      // Early answers belong to the saved session the app started with; a new sign-in or a sign-out drops them.
      if (token !== null && next !== token) dropEarlyResponses();
      if (next !== token && typeof window !== 'undefined') window.nocDesktop?.session(next);
      token = next;
    },
    async call(name, input) {
      const raw = (input ?? {}) as Record<string, unknown>;
      const result = bridge ? await bridge.call(name, raw, token) : await httpCall(name, raw, token, connection);
      if (!result.ok) throw toAppError(result.status, result.body);
      return result.body as OpOutput<typeof name>;
    },
    subscribe(listener) {
      if (!token) return () => undefined;
      return bridge ? bridge.subscribe(token, listener) : httpSubscribe(token, listener, { connection });
    },
  };
}

const bridge = typeof window !== 'undefined' ? window.noc : undefined;
export const noc: NocClient = createClient(bridge, bridge ? undefined : useConnection.getState);
