// Who is signed in, per window: each window's page subscribes with its own token and role, and the tray acts
// for the most recently focused window that is still signed in. A window that signs out or closes removes
// only its own session.
import type { Language, Role } from '../../shared/contract';
import type { ContentsLike } from './types';

export interface WindowSession {
  token: string;
  role: Role;
  /** The signed-in user's own language; null follows the site's. The tray and notifications speak it. */
  language: Language | null;
}

interface Entry extends WindowSession {
  contents: ContentsLike;
}

export class WindowSessions {
  private readonly byContents = new Map<number, Entry>();
  /** Contents ids, most recently focused last. */
  private focusOrder: number[] = [];
  /** Bumped by every subscribe and sign-out of a window, so a slow subscribe cannot undo a later sign-out. */
  private readonly generations = new Map<number, number>();
  private readonly listeners = new Set<() => void>();

  /** Starts a subscribe of a window; pass the ticket to signIn once the token is checked. */
  begin(contentsId: number): number {
    const next = (this.generations.get(contentsId) ?? 0) + 1;
    this.generations.set(contentsId, next);
    return next;
  }

  /** Records the window's session unless it signed out (or subscribed again) since `ticket`. */
  signIn(contents: ContentsLike, ticket: number, session: WindowSession): boolean {
    if (this.generations.get(contents.id) !== ticket || contents.isDestroyed()) return false;
    const known = this.byContents.has(contents.id);
    this.byContents.set(contents.id, { ...session, contents });
    if (!known) contents.once('destroyed', () => this.forget(contents.id));
    this.focus(contents.id);
    return true;
  }

  signOut(contentsId: number): void {
    this.begin(contentsId);
    if (this.byContents.delete(contentsId)) this.changed();
  }

  /** A window went away: its session and its place in the focus order. */
  forget(contentsId: number): void {
    this.generations.delete(contentsId);
    this.focusOrder = this.focusOrder.filter((id) => id !== contentsId);
    if (this.byContents.delete(contentsId)) this.changed();
  }

  focus(contentsId: number): void {
    this.focusOrder = [...this.focusOrder.filter((id) => id !== contentsId), contentsId];
    this.changed();
  }

  /** The role or language of a window's user changed (a user demoted, or switching language, while signed in). */
  updateUser(contentsId: number, token: string, user: { role: Role; language: Language | null }): void {
    const entry = this.byContents.get(contentsId);
    if (!entry || entry.token !== token || (entry.role === user.role && entry.language === user.language)) return;
    entry.role = user.role;
    entry.language = user.language;
    this.changed();
  }

  /** Signs a window out when its token was revoked, unless it has signed in again meanwhile. */
  revoke(contentsId: number, token: string): void {
    if (this.byContents.get(contentsId)?.token === token) this.signOut(contentsId);
  }

  of(contentsId: number): WindowSession | null {
    const entry = this.byContents.get(contentsId);
    return entry ? { token: entry.token, role: entry.role, language: entry.language } : null;
  }

  /** The session the tray acts with: the most recently focused window still signed in. */
  current(): WindowSession | null {
    for (let i = this.focusOrder.length - 1; i >= 0; i--) {
      const session = this.of(this.focusOrder[i]!);
      if (session) return session;
    }
    return null;
  }

  signedIn(): { contents: ContentsLike; session: WindowSession }[] {
    return [...this.byContents.values()].map((entry) => ({ contents: entry.contents, session: { token: entry.token, role: entry.role, language: entry.language } }));
  }

  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private changed(): void {
    for (const listener of this.listeners) listener();
  }
}
