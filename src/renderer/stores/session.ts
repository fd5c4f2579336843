// The session: first-run check, sign-in, restore from localStorage, sign-out; the token is handed to `noc`.
import { create } from 'zustand';
import type { Session, User } from '../../shared/contract';
import { AppError } from '../../shared/errors';
import { noc } from '../api/client';

const SESSION_KEY = 'nocman.session';

export type SessionPhase = 'booting' | 'setup' | 'signedOut' | 'signedIn' | 'offline';
export type SessionNotice = 'sessionExpired' | 'databaseRestored';

interface SessionState {
  phase: SessionPhase;
  token: string | null;
  user: User | null;
  version: string;
  /** Why the last session ended without the user asking (expired token, a restore), shown on the sign-in screen. */
  notice: SessionNotice | null;
  start(): Promise<void>;
  createAdmin(input: { name: string; email: string; password: string }): Promise<void>;
  login(input: { email: string; password: string }): Promise<void>;
  logout(): Promise<void>;
  /** Takes over a new session (after a password change). */
  adopt(session: Session): void;
  setUser(user: User): void;
  /** Drops the session locally, e.g. when a call answers UNAUTHENTICATED or the database was restored. */
  expire(notice?: SessionNotice): void;
}

function saveToken(token: string | null): void {
  if (token) localStorage.setItem(SESSION_KEY, JSON.stringify({ token }));
  else localStorage.removeItem(SESSION_KEY);
  noc.setToken(token);
}

function loadToken(): string | null {
  try {
    const raw = localStorage.getItem(SESSION_KEY);
    if (!raw) return null;
    const parsed: unknown = JSON.parse(raw);
    if (typeof parsed === 'object' && parsed !== null && 'token' in parsed && typeof parsed.token === 'string') {
      return parsed.token;
    }
  } catch {
    // a damaged entry is the same as no session
  }
  return null;
}

type SetState = (partial: Partial<SessionState>) => void;
let starting: Promise<void> | null = null;

async function runStart(set: SetState): Promise<void> {
  set({ phase: 'booting' });
  let status: { needsSetup: boolean; version: string };
  try {
    status = await noc.call('setup.status', {});
  } catch {
    set({ phase: 'offline' });
    return;
  }
  set({ version: status.version });
  if (status.needsSetup) {
    saveToken(null);
    set({ phase: 'setup', token: null, user: null });
    return;
  }
  const token = loadToken();
  if (!token) {
    set({ phase: 'signedOut' });
    return;
  }
  noc.setToken(token);
  try {
    const user = await noc.call('auth.me', {});
    set({ phase: 'signedIn', token, user });
  } catch (error) {
    if (error instanceof AppError && error.code === 'UNAUTHENTICATED') {
      saveToken(null);
      set({ phase: 'signedOut', token: null, user: null });
      return;
    }
    set({ phase: 'offline' });
  }
}

export const useSession = create<SessionState>()((set, get) => ({
  phase: 'booting',
  token: null,
  user: null,
  version: '',
  notice: null,

  start() {
    // StrictMode and a quick "try again" may ask twice: one check at a time.
    starting ??= runStart(set).finally(() => {
      starting = null;
    });
    return starting;
  },

  async createAdmin(input) {
    get().adopt(await noc.call('setup.createAdmin', input));
  },

  async login(input) {
    get().adopt(await noc.call('auth.login', input));
  },

  async logout() {
    try {
      await noc.call('auth.logout', {});
    } catch {
      // signing out locally is what matters; the server session expires on its own
    }
    saveToken(null);
    set({ phase: 'signedOut', token: null, user: null, notice: null });
  },

  adopt(session) {
    saveToken(session.token);
    set({ phase: 'signedIn', token: session.token, user: session.user, notice: null });
  },

  setUser(user) {
    set({ user });
  },

  expire(notice = 'sessionExpired') {
    // Only the first reason counts: the 401s that follow a restore must not replace "the database was restored".
    if (get().phase !== 'signedIn') return;
    saveToken(null);
    set({ phase: 'signedOut', token: null, user: null, notice });
  },
}));
