// The session: first-run check, sign-in, restore from localStorage, sign-out; the token is handed to `noc`.
import { create } from 'zustand';
import { userSchema, type Session, type User } from '../../shared/contract';
import { AppError } from '../../shared/errors';
import { noc } from '../api/client';
import { SESSION_KEY } from '../api/early';

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

interface SavedSession {
  token: string;
  /** The user as last seen, so the app can open at once; auth.me confirms it a moment later. */
  user: User | null;
}

function saveSession(token: string | null, user: User | null = null): void {
  if (token) localStorage.setItem(SESSION_KEY, JSON.stringify({ token, user }));
  else localStorage.removeItem(SESSION_KEY);
  noc.setToken(token);
}

function loadSession(): SavedSession | null {
  try {
    const raw = localStorage.getItem(SESSION_KEY);
    if (!raw) return null;
    const parsed: unknown = JSON.parse(raw);
    if (typeof parsed === 'object' && parsed !== null && 'token' in parsed && typeof parsed.token === 'string') {
      const user = 'user' in parsed ? userSchema.safeParse(parsed.user) : null;
      return { token: parsed.token, user: user?.success ? user.data : null };
    }
  } catch {
    // a damaged entry is the same as no session
  }
  return null;
}

type SetState = (partial: Partial<SessionState>) => void;
let starting: Promise<void> | null = null;

async function runStart(set: SetState): Promise<void> {
  const saved = loadSession();
  if (saved) noc.setToken(saved.token);
  // With a saved session the frame and the page open now and load their data alongside the checks below, instead
  // of after them; a session the server no longer knows ends a moment later, as an expired one does.
  if (saved?.user) set({ phase: 'signedIn', token: saved.token, user: saved.user });
  else set({ phase: 'booting' });
  // Both questions at once: is the database set up, and is the saved session still good.
  const [status, me] = await Promise.allSettled([noc.call('setup.status', {}), saved ? noc.call('auth.me', {}) : Promise.resolve(null)]);
  if (status.status === 'rejected') {
    set({ phase: 'offline' });
    return;
  }
  set({ version: status.value.version });
  if (status.value.needsSetup) {
    saveSession(null);
    set({ phase: 'setup', token: null, user: null });
    return;
  }
  if (!saved) {
    set({ phase: 'signedOut' });
    return;
  }
  if (me.status === 'fulfilled' && me.value) {
    saveSession(saved.token, me.value);
    set({ phase: 'signedIn', token: saved.token, user: me.value });
    return;
  }
  const error = me.status === 'rejected' ? me.reason : null;
  if (error instanceof AppError && error.code === 'UNAUTHENTICATED') {
    saveSession(null);
    set({ phase: 'signedOut', token: null, user: null });
    return;
  }
  set({ phase: 'offline' });
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
    saveSession(null);
    set({ phase: 'signedOut', token: null, user: null, notice: null });
  },

  adopt(session) {
    saveSession(session.token, session.user);
    set({ phase: 'signedIn', token: session.token, user: session.user, notice: null });
  },

  setUser(user) {
    const { token } = get();
    if (token) saveSession(token, user);
    set({ user });
  },

  expire(notice = 'sessionExpired') {
    // Only the first reason counts: the 401s that follow a restore must not replace "the database was restored".
    if (get().phase !== 'signedIn') return;
    saveSession(null);
    set({ phase: 'signedOut', token: null, user: null, notice });
  },
}));
