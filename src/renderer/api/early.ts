// The first screen's requests, started as the entry begins to run (../boot.ts, index.html's first script, runs
// before the libraries are evaluated and React renders): the session check, the frame's and the start page's data
// are on their way while the code is still starting up. `noc.call` takes an answer from here when it asks for the
// same URL with the same token soon after; anything else asks the server as usual. Over HTTP only: IPC has no wait.
// This module imports no library, so that it can run first.
import type { OperationName } from '../../shared/contract';

/** Where the session store keeps the saved session (read here before the store exists). */
export const SESSION_KEY = 'nocman.session';
/** An early answer older than this is not handed out: a later call wants today's figures, not the start-up ones. */
export const EARLY_MAX_AGE_MS = 10_000;

/** The dashboard's latest open alerts, as its card asks for them (the dashboard uses this very input). */
export const DASHBOARD_LATEST_ALERTS = { status: 'open', page: 1, pageSize: 8 } as const;

type EarlyRequest = readonly [name: OperationName, input: Record<string, unknown>, url: string];

/**
 * The GET requests of the first screen: the operation, its input as the screen asks it, and the URL `httpRequestOf`
 * builds for them (written out, as this module may not import the contract; tests/shared/early.test.ts checks).
 */
export const EARLY_REQUESTS: { always: readonly EarlyRequest[]; signedIn: readonly EarlyRequest[]; pages: Record<string, readonly EarlyRequest[]> } = {
  /** Asked at every start (stores/session.ts). */
  always: [['setup.status', {}, '/api/setup']],
  /** Asked with a saved session: the session check and the frame's data (site settings, the alert badge). */
  signedIn: [
    ['auth.me', {}, '/api/auth/me'],
    ['settings.get', {}, '/api/settings'],
    ['alerts.stats', {}, '/api/alerts/stats'],
  ],
  /** The start page's data by route, with a saved session: the dashboard's figures and latest open alerts. */
  pages: {
    '/': [
      ['dashboard.stats', {}, '/api/dashboard/stats'],
      ['alerts.list', DASHBOARD_LATEST_ALERTS, '/api/alerts?status=open&page=1&pageSize=8'],
    ],
  },
};

interface Early {
  token: string | null;
  startedAt: number;
  response: Promise<Response | null>;
}

const early = new Map<string, Early>();
let pending = 0;

/** How many early requests have not been answered yet (or failed). */
export function earlyRequestsPending(): number {
  return pending;
}

function savedToken(storage: Storage): string | null {
  try {
    const parsed: unknown = JSON.parse(storage.getItem(SESSION_KEY) ?? 'null');
    if (typeof parsed === 'object' && parsed !== null && 'token' in parsed && typeof parsed.token === 'string') return parsed.token;
  } catch {
    // a damaged entry is no session; the session store says so in its own time
  }
  return null;
}

function start(url: string, token: string | null): void {
  const headers: Record<string, string> = token ? { Authorization: `Bearer ${token}` } : {};
  // A failed request (server gone) is answered by `null`: the caller then asks again itself and sees the failure.
  pending++;
  const response = fetch(url, { method: 'GET', headers })
    .catch(() => null)
    .finally(() => pending--);
  early.set(url, { token, startedAt: performance.now(), response });
}

/** Starts the requests of the first screen at `path` (the route part of the address, e.g. `/`). */
export function startEarlyRequests(path: string, storage: Storage): void {
  const token = savedToken(storage);
  for (const [, , url] of EARLY_REQUESTS.always) start(url, null);
  if (!token) return;
  for (const [, , url] of [...EARLY_REQUESTS.signedIn, ...(EARLY_REQUESTS.pages[path] ?? [])]) start(url, token);
}

/**
 * The early answer to `GET url` with `token`, once: the first caller takes it, later ones ask the server. `setup.status`
 * is asked without a token and answered alike for anyone, so it is handed out whatever the caller's token.
 */
export function takeEarlyResponse(url: string, token: string | null): Promise<Response | null> | null {
  const entry = early.get(url);
  if (!entry) return null;
  early.delete(url);
  if (performance.now() - entry.startedAt > EARLY_MAX_AGE_MS) return null;
  if (entry.token !== null && entry.token !== token) return null;
  return entry.response;
}

/** Forgets every early answer not taken yet (a sign-in or sign-out: they were asked for the previous session). */
export function dropEarlyResponses(): void {
  early.clear();
}
