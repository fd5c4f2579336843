// The typed client `noc`: one interface over Electron IPC (window.noc) or HTTP + SSE, typed by the contract.
import {
  operations,
  type EventName,
  type OperationName,
  type OpInput,
  type OpOutput,
} from '../../shared/contract';
import { AppError, type ErrorBody } from '../../shared/errors';
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
  }
}

function toAppError(status: number, body: unknown): AppError {
  if (AppError.isErrorBody(body)) return new AppError(body.error.code, body.error.message, body.error.details);
  return new AppError(status === 0 ? 'INTERNAL' : 'INTERNAL', `Unexpected answer (HTTP ${status})`);
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

async function httpCall(name: OperationName, input: Record<string, unknown>, token: string | null): Promise<CallResult> {
  const { url, init } = httpRequestOf(name, input);
  const headers = new Headers(init.headers);
  if (token) headers.set('Authorization', `Bearer ${token}`);
  // The first screen's requests may be on their way already (./early.ts).
  let response = init.method === 'GET' ? await takeEarlyResponse(url, token) : null;
  if (!response) {
    try {
      response = await fetch(url, { ...init, headers });
    } catch {
      return { ok: false, status: 0, body: new AppError('INTERNAL', 'Cannot reach the NOCman server').toBody() };
    }
  }
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

/** Reads `GET /api/events` with fetch (so the token stays in a header), reconnecting with Last-Event-ID. */
function httpSubscribe(token: string, listener: (event: LiveEvent) => void): () => void {
  let stopped = false;
  let lastId: number | null = null;
  let controller = new AbortController();

  const run = async () => {
    while (!stopped) {
      controller = new AbortController();
      try {
        const headers: Record<string, string> = { Authorization: `Bearer ${token}`, Accept: 'text/event-stream' };
        if (lastId !== null) headers['Last-Event-ID'] = String(lastId);
        const response = await fetch('/api/events', { headers, signal: controller.signal });
        if (response.status === 401 || response.status === 403) return;
        if (!response.ok || !response.body) throw new Error(`events: HTTP ${response.status}`);
        const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
        let buffer = '';
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          buffer += value;
          let cut: number;
          while ((cut = buffer.indexOf('\n\n')) >= 0) {
            const frame = buffer.slice(0, cut);
            buffer = buffer.slice(cut + 2);
            const fields: Record<string, string> = {};
            for (const line of frame.split('\n')) {
              if (line.startsWith(':')) continue;
              const colon = line.indexOf(':');
              if (colon > 0) fields[line.slice(0, colon)] = line.slice(colon + 1).trimStart();
            }
            if (!fields['event'] || !fields['data']) continue;
            const data = JSON.parse(fields['data']) as { at: string; payload: unknown };
            lastId = Number(fields['id']);
            listener({ id: lastId, name: fields['event'] as EventName, at: data.at, payload: data.payload });
          }
        }
      } catch {
        if (stopped) return;
      }
      await new Promise((resolve) => setTimeout(resolve, 3000));
    }
  };
  void run();
  return () => {
    stopped = true;
    controller.abort();
  };
}

export interface NocClient {
  readonly transport: 'electron' | 'http';
  setToken(token: string | null): void;
  call<N extends OperationName>(name: N, input: OpInput<N>): Promise<OpOutput<N>>;
  subscribe(listener: (event: LiveEvent) => void): () => void;
}

export function createClient(bridge: ElectronBridge | undefined): NocClient {
  let token: string | null = null;
  return {
    transport: bridge ? 'electron' : 'http',
    setToken(next) {
      // Early answers belong to the saved session the app started with; a new sign-in or a sign-out drops them.
      if (token !== null && next !== token) dropEarlyResponses();
      token = next;
    },
    async call(name, input) {
      const raw = (input ?? {}) as Record<string, unknown>;
      const result = bridge ? await bridge.call(name, raw, token) : await httpCall(name, raw, token);
      if (!result.ok) throw toAppError(result.status, result.body);
      return result.body as OpOutput<typeof name>;
    },
    subscribe(listener) {
      if (!token) return () => undefined;
      return bridge ? bridge.subscribe(token, listener) : httpSubscribe(token, listener);
    },
  };
}

export const noc: NocClient = createClient(typeof window !== 'undefined' ? window.noc : undefined);
