// Sign-in, sessions, lockout after repeated wrong passwords, own profile and password, first-run setup.
import type { EntityManager } from 'typeorm';
import type { Session } from '../../../shared/contract';
import { AppError } from '../../../shared/errors';
import type { Actor } from '../actor';
import type { AuditService } from '../audit/service';
import type { Clock } from '../clock';
import type { Database } from '../db/database';
import { UserEntity, type UserRow } from '../db/entities/User';
import { toUser, type UserPatch, type UsersService } from '../users/service';
import { WorkGate, type GatePass } from './gate';
import {
  afterFailure,
  afterSuccess,
  badCredentials,
  lockedError,
  released,
  reserveAttempt,
  type LockState,
  type Reservation,
} from './lockout';
import type { PasswordHasher } from './passwords';
import { LoginThrottle, type LoginTicket } from './throttle';
import type { TokenService } from './tokens';

export { LOCKOUT_MS, MAX_FAILED_LOGINS } from './lockout';

/** The address of a sign-in that names none (a direct call in process). */
export const LOCAL_ADDRESS = 'local';
const MAX_TRACKED_UNKNOWN = 10_000;
const NO_LOCK: LockState = { failedLogins: 0, lockedUntilMs: 0 };

export function actorOf(user: UserRow): Actor {
  return { id: user.id, name: user.name, role: user.role };
}

function stateOf(row: UserRow): LockState {
  return { failedLogins: row.failedLogins, lockedUntilMs: row.lockedUntil ? Date.parse(row.lockedUntil) : 0 };
}

function sameState(a: LockState, b: LockState): boolean {
  return a.failedLogins === b.failedLogins && a.lockedUntilMs === b.lockedUntilMs;
}

/**
 * Wrong passwords are limited three ways (README, "Sign-in limits"):
 * - per account, counted in the database before the password is checked, so parallel guesses cannot outrun the
 *   count: MAX_FAILED_LOGINS tries, then the account is locked for LOCKOUT_MS;
 * - the lock binds only addresses that failed on the account in the window: a stranger who keeps locking the
 *   only admin cannot lock the admin out, who signs in from any address the stranger has not used;
 * - per address (LoginThrottle), over all accounts, so one address cannot spray guesses at many accounts
 *   (and gets a fresh-address exemption at most once per account).
 * Password checks run through a small gate (WorkGate): a flood is answered RATE_LIMITED instead of queueing
 * bcrypt work without end.
 */
export class AuthService {
  /** Lock states of emails that have no account, so their answers match those of real accounts. */
  private readonly unknownEmails = new Map<string, LockState>();
  private readonly throttle = new LoginThrottle();
  private readonly gate = new WorkGate();
  private readonly sessionsEnded = new Set<(userId: number) => void>();

  constructor(
    private readonly db: Database,
    private readonly users: UsersService,
    private readonly hasher: PasswordHasher,
    private readonly tokens: TokenService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /** `address` is the client's (the socket's over HTTP, `ipc` for the desktop app). */
  async login(email: string, password: string, address: string = LOCAL_ADDRESS): Promise<Session> {
    const nowMs = this.clock.now().getTime();
    const account = email.trim().toLowerCase();
    const ticket = this.throttle.admit(address, account, nowMs);
    // A flood is refused here, before any database or bcrypt work.
    const pass = this.gate.enter();
    try {
      const user = await this.users.findByEmail(email);
      const session = user
        ? await this.signInKnown(user, password, ticket, pass, nowMs)
        : await this.failUnknown(account, password, ticket, pass, nowMs);
      this.throttle.succeeded(ticket);
      return session;
    } finally {
      pass.leave();
    }
  }

  private async signInKnown(user: UserRow, password: string, ticket: LoginTicket, pass: GatePass, nowMs: number): Promise<Session> {
    const known = stateOf(user);
    // A locked account refuses an address that failed on it without a transaction: floods stay cheap.
    if (known.lockedUntilMs > nowMs && !ticket.freshForAccount) throw lockedError(known.lockedUntilMs, nowMs);
    const { row, reservation } = await this.reserveKnown(user.id, ticket, nowMs);
    const ok = await this.checkPassword(
      pass,
      () => this.hasher.verify(password, row.passwordHash),
      () => this.releaseKnown(row.id, reservation),
    );
    if (!ok) return this.failKnown(row.id, reservation, nowMs);
    if (!row.active) {
      await this.releaseKnown(row.id, reservation);
      throw new AppError('UNAUTHENTICATED', 'This account is deactivated');
    }
    return this.succeedKnown(row.id, reservation, nowMs);
  }

  /** Takes one of the account's tries in one transaction (BEGIN IMMEDIATE: also across processes). */
  private async reserveKnown(id: number, ticket: LoginTicket, nowMs: number): Promise<{ row: UserRow; reservation: Reservation }> {
    const outcome = await this.db.write(async (em) => {
      const row = await em.findOneBy(UserEntity, { id });
      if (!row) return null;
      const result = reserveAttempt(stateOf(row), ticket.freshForAccount, nowMs);
      await this.saveLockState(em, row, result.next);
      if (!result.ok && result.newLock) await this.auditLockout(em, row, result.lockedUntilMs);
      return { row, result };
    });
    if (!outcome) throw badCredentials(); // deleted while signing in
    if (!outcome.result.ok) throw lockedError(outcome.result.lockedUntilMs, nowMs);
    return { row: outcome.row, reservation: outcome.result.reservation };
  }

  private async failKnown(id: number, reservation: Reservation, nowMs: number): Promise<never> {
    const error = await this.db.write(async (em) => {
      const row = await em.findOneBy(UserEntity, { id });
      if (!row) return badCredentials();
      const failure = afterFailure(stateOf(row), reservation, nowMs);
      await this.saveLockState(em, row, failure.next);
      if (failure.newLock) await this.auditLockout(em, row, failure.next.lockedUntilMs);
      return failure.error;
    });
    throw error;
  }

  private async succeedKnown(id: number, reservation: Reservation, nowMs: number): Promise<Session> {
    const now = new Date(nowMs).toISOString();
    const row = await this.db.write(async (em) => {
      const before = await em.findOneByOrFail(UserEntity, { id });
      await this.saveLockState(em, before, afterSuccess(stateOf(before), reservation), { lastLoginAt: now });
      await this.audit.record(em, {
        actor: actorOf(before),
        operation: 'auth.login',
        entity: 'user',
        entityId: id,
        changes: { lastLoginAt: { from: before.lastLoginAt, to: now } },
      });
      return em.findOneByOrFail(UserEntity, { id });
    });
    return this.sessionFor(row);
  }

  private async releaseKnown(id: number, reservation: Reservation): Promise<void> {
    await this.db.write(async (em) => {
      const row = await em.findOneBy(UserEntity, { id });
      if (row) await this.saveLockState(em, row, released(stateOf(row), reservation));
    });
  }

  private async saveLockState(em: EntityManager, row: UserRow, next: LockState, extra: Partial<UserRow> = {}): Promise<void> {
    if (sameState(stateOf(row), next) && Object.keys(extra).length === 0) return;
    const lockedUntil = next.lockedUntilMs > 0 ? new Date(next.lockedUntilMs).toISOString() : null;
    await em.update(UserEntity, { id: row.id }, { failedLogins: next.failedLogins, lockedUntil, ...extra });
  }

  private async auditLockout(em: EntityManager, row: UserRow, lockedUntilMs: number): Promise<void> {
    await this.audit.record(em, {
      actor: actorOf(row),
      operation: 'auth.lockout',
      entity: 'user',
      entityId: row.id,
      changes: { lockedUntil: { from: row.lockedUntil, to: new Date(lockedUntilMs).toISOString() } },
    });
  }

  /** An email without an account follows the same rules in memory, and checks against a dummy hash. */
  private async failUnknown(account: string, password: string, ticket: LoginTicket, pass: GatePass, nowMs: number): Promise<never> {
    const result = reserveAttempt(this.unknownState(account), ticket.freshForAccount, nowMs);
    this.setUnknown(account, result.next, nowMs);
    if (!result.ok) throw lockedError(result.lockedUntilMs, nowMs);
    const { reservation } = result;
    await this.checkPassword(
      pass,
      () => this.hasher.verifyAgainstNothing(password),
      () => this.setUnknown(account, released(this.unknownState(account), reservation), nowMs),
    );
    const failure = afterFailure(this.unknownState(account), reservation, nowMs);
    this.setUnknown(account, failure.next, nowMs);
    throw failure.error;
  }

  private unknownState(account: string): LockState {
    return this.unknownEmails.get(account) ?? NO_LOCK;
  }

  private setUnknown(account: string, state: LockState, nowMs: number): void {
    if (sameState(state, NO_LOCK)) {
      this.unknownEmails.delete(account);
      return;
    }
    if (!this.unknownEmails.has(account) && this.unknownEmails.size >= MAX_TRACKED_UNKNOWN) this.forgetUnknown(nowMs);
    this.unknownEmails.set(account, state);
  }

  /** Memory stays bounded: ended locks go first, then the oldest entries. */
  private forgetUnknown(nowMs: number): void {
    for (const [account, state] of this.unknownEmails) {
      if (state.lockedUntilMs > 0 && state.lockedUntilMs <= nowMs) this.unknownEmails.delete(account);
    }
    for (const account of this.unknownEmails.keys()) {
      if (this.unknownEmails.size < MAX_TRACKED_UNKNOWN) break;
      this.unknownEmails.delete(account);
    }
  }

  /** Runs a password check in its turn; a check that failed to run gives its try back. */
  private async checkPassword(pass: GatePass, check: () => Promise<boolean>, giveBack: () => Promise<void> | void): Promise<boolean> {
    try {
      return await pass.run(check);
    } catch (error) {
      await giveBack();
      throw error;
    }
  }

  sessionFor(user: UserRow): Session {
    const { token, expiresAt } = this.tokens.issue(user.id, user.tokenVersion);
    return { token, expiresAt, user: toUser(user) };
  }

  /** The user behind a bearer token, or UNAUTHENTICATED if it was revoked, expired or the user is gone. */
  async authenticate(token: string): Promise<UserRow> {
    const claims = this.tokens.verify(token);
    const user = await this.users.findRow(Number(claims.sub));
    if (!user || !user.active || user.tokenVersion !== claims.ver) {
      throw new AppError('UNAUTHENTICATED', 'Session expired or invalid; please sign in again');
    }
    return user;
  }

  /** Calls `listener` with a user's id when all its sessions end (logout, own password change). */
  onSessionsEnded(listener: (userId: number) => void): () => void {
    this.sessionsEnded.add(listener);
    return () => this.sessionsEnded.delete(listener);
  }

  private endedSessionsOf(userId: number): void {
    for (const listener of this.sessionsEnded) {
      try {
        listener(userId);
      } catch {
        // one failing listener must not keep the others from hearing it
      }
    }
  }

  async logout(user: UserRow): Promise<void> {
    await this.db.write(async (em) => {
      await em.increment(UserEntity, { id: user.id }, 'tokenVersion', 1);
      await this.audit.record(em, {
        actor: actorOf(user),
        operation: 'auth.logout',
        entity: 'user',
        entityId: user.id,
        changes: {},
      });
    });
    this.endedSessionsOf(user.id);
  }

  async changePassword(user: UserRow, currentPassword: string, newPassword: string): Promise<Session> {
    const ok = await this.hasher.verify(currentPassword, user.passwordHash);
    if (!ok) throw AppError.validation('currentPassword', 'The current password is not correct');
    await this.users.update(actorOf(user), user.id, { password: newPassword }, 'auth.changePassword');
    this.endedSessionsOf(user.id);
    const fresh = await this.users.findRow(user.id);
    return this.sessionFor(fresh!);
  }

  async updateProfile(user: UserRow, patch: Pick<UserPatch, 'name' | 'email' | 'language'>) {
    return this.users.update(actorOf(user), user.id, patch, 'auth.updateProfile');
  }

  async needsSetup(): Promise<boolean> {
    return (await this.users.count()) === 0;
  }

  /** Creates the first admin; refused once any user exists, also when two calls race. */
  async createFirstAdmin(input: { name: string; email: string; password: string }, actor: Actor): Promise<Session> {
    const user = await this.db.write(async (em) => {
      const existing = await em.count(UserEntity);
      if (existing > 0) throw new AppError('CONFLICT', 'Setup is already complete; sign in instead');
      const created = await this.users.create(actor, { ...input, role: 'admin' }, em);
      // Setup signs the new admin in.
      await em.update(UserEntity, { id: created.id }, { lastLoginAt: this.clock.now().toISOString() });
      return created;
    });
    const row = await this.users.findRow(user.id);
    return this.sessionFor(row!);
  }
}
