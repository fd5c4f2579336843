// A joined workstation's main process talking to its host: the signed-in user's session (handed over by the window),
// a few reads, and the host's live events over SSE — through an https agent pinned to the host's certificate, with
// `Last-Event-ID` after a reconnect and a back-off of 1 s, 2, 4 … 30 s while the host does not answer. The tray and
// the notifications of a joined app are drawn from these events (src/main/electron/joinedTray.ts). No electron here.
import type { IncomingMessage } from 'node:http';
import http from 'node:http';
import https from 'node:https';
import type { Agent } from 'node:http';
import type { EventName } from '../../../shared/contract';

export interface RemoteEvent {
  id: number;
  name: EventName;
  at: string;
  payload: unknown;
}

export type RemoteState = 'connecting' | 'online' | 'offline' | 'signed-out';

export interface RemoteSiteOptions {
  /** The host's address, `https://noc-server:5443`. */
  url: string;
  /**
   * The pinned agent (src/main/core/site/pin.ts pinnedHttpsAgent), or a function giving the current one (the pin can
   * change when the user trusts a new certificate); plain http only in tests without TLS.
   */
  agent?: Agent | (() => Agent | undefined);
  onEvent(event: RemoteEvent): void;
  onState?(state: RemoteState): void;
  /** Back-off bounds (tests shorten them). */
  firstRetryMs?: number;
  maxRetryMs?: number;
}

export class RemoteSite {
  private token: string | null = null;
  private lastId: number | null = null;
  private request: http.ClientRequest | null = null;
  private retry: NodeJS.Timeout | null = null;
  private attempt = 0;
  private generation = 0;
  private current: RemoteState = 'signed-out';

  constructor(private readonly options: RemoteSiteOptions) {}

  get state(): RemoteState {
    return this.current;
  }

  /** The window signed in (a token) or out (null): the event stream follows the session. */
  setToken(token: string | null): void {
    if (token === this.token) return;
    this.token = token;
    this.lastId = null;
    this.disconnect();
    if (token) this.connect();
    else this.setState('signed-out');
  }

  stop(): void {
    this.token = null;
    this.disconnect();
  }

  /** A GET of the host's API with the session: the parsed answer, or an error with the HTTP status. */
  get<T>(path: string): Promise<T> {
    return this.send<T>('GET', path);
  }

  /** A PUT/POST with a JSON body. */
  send<T>(method: string, path: string, body?: unknown): Promise<T> {
    return new Promise((resolve, reject) => {
      const data = body === undefined ? undefined : JSON.stringify(body);
      const headers: Record<string, string> = { Accept: 'application/json' };
      if (this.token) headers['Authorization'] = `Bearer ${this.token}`;
      if (data) headers['Content-Type'] = 'application/json';
      const req = this.transport().request(new URL(path, this.options.url), { method, agent: this.agent(), headers, timeout: 10_000 }, (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => {
          const status = res.statusCode ?? 0;
          if (status >= 200 && status < 300) return resolve((text ? JSON.parse(text) : undefined) as T);
          reject(Object.assign(new Error(`${method} ${path}: HTTP ${status}`), { status }));
        });
      });
      req.on('timeout', () => req.destroy(new Error(`${method} ${path}: no answer`)));
      req.on('error', reject);
      req.end(data);
    });
  }

  private agent(): Agent | undefined {
    const agent = this.options.agent;
    return typeof agent === 'function' ? agent() : agent;
  }

  private transport(): typeof https | typeof http {
    return this.options.url.startsWith('https:') ? https : http;
  }

  private setState(state: RemoteState): void {
    if (state === this.current) return;
    this.current = state;
    this.options.onState?.(state);
  }

  private disconnect(): void {
    this.generation += 1;
    if (this.retry) clearTimeout(this.retry);
    this.retry = null;
    this.request?.destroy();
    this.request = null;
  }

  private connect(): void {
    const token = this.token;
    if (!token) return;
    const generation = ++this.generation;
    if (this.current !== 'offline') this.setState('connecting');
    const headers: Record<string, string> = { Authorization: `Bearer ${token}`, Accept: 'text/event-stream' };
    if (this.lastId !== null) headers['Last-Event-ID'] = String(this.lastId);
    const req = this.transport().request(new URL('/api/events', this.options.url), { agent: this.agent(), headers });
    this.request = req;
    req.on('response', (res: IncomingMessage) => {
      if (generation !== this.generation) return void res.destroy();
      if (res.statusCode === 401 || res.statusCode === 403) {
        // The session ended on the host (sign-out elsewhere, restore, demotion): nothing more to read with it.
        res.destroy();
        this.token = null;
        this.setState('signed-out');
        return;
      }
      if (res.statusCode !== 200) {
        res.destroy();
        return this.later(generation);
      }
      this.attempt = 0;
      this.setState('online');
      let buffer = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        buffer += chunk;
        let cut: number;
        while ((cut = buffer.indexOf('\n\n')) >= 0) {
          const frame = buffer.slice(0, cut);
          buffer = buffer.slice(cut + 2);
          this.frame(frame);
        }
      });
      res.on('end', () => this.later(generation));
      res.on('error', () => this.later(generation));
    });
    req.on('error', () => this.later(generation));
    req.end();
  }

  private frame(frame: string): void {
    const fields: Record<string, string> = {};
    for (const line of frame.split('\n')) {
      if (line.startsWith(':')) continue;
      const colon = line.indexOf(':');
      if (colon > 0) fields[line.slice(0, colon)] = line.slice(colon + 1).trimStart();
    }
    // An id-only frame marks where the stream starts: remembered, nothing to hand on.
    if (fields['id'] !== undefined && Number.isInteger(Number(fields['id']))) this.lastId = Number(fields['id']);
    if (!fields['event'] || !fields['data'] || !fields['id']) return;
    try {
      const data = JSON.parse(fields['data']) as { at: string; payload: unknown };
      this.lastId = Number(fields['id']);
      this.options.onEvent({ id: this.lastId, name: fields['event'] as EventName, at: data.at, payload: data.payload });
    } catch {
      // a frame that is not ours is skipped
    }
  }

  /** The stream dropped or could not start: offline, and another try after the back-off. */
  private later(generation: number): void {
    if (generation !== this.generation || !this.token || this.retry) return;
    this.request = null;
    this.setState('offline');
    const first = this.options.firstRetryMs ?? 1000;
    const delay = Math.min(this.options.maxRetryMs ?? 30_000, first * 2 ** this.attempt);
    this.attempt += 1;
    this.retry = setTimeout(() => {
      this.retry = null;
      if (generation === this.generation) this.connect();
    }, delay);
    this.retry.unref?.();
  }
}
