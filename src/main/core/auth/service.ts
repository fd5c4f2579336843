// Sign-in, sessions, lockout after repeated wrong passwords, own profile and password, first-run setup.
import type { Session } from '../../../shared/contract';
import { AppError } from '../../../shared/errors';
import type { Actor } from '../actor';
import type { AuditService } from '../audit/service';
import type { Clock } from '../clock';
import type { Database } from '../db/database';
import { UserEntity, type UserRow } from '../db/entities/User';
import { toUser, type UserPatch, type UsersService } from '../users/service';
import type { PasswordHasher } from './passwords';
import type { TokenService } from './tokens';

export const MAX_FAILED_LOGINS = 5;
export const LOCKOUT_MS = 15 * 60 * 1000;
const MAX_TRACKED_UNKNOWN = 10_000;

const badCredentials = () => new AppError('UNAUTHENTICATED', 'Invalid email or password');
const locked = (untilMs: number, nowMs: number) =>
  new AppError('RATE_LIMITED', 'Too many failed sign-in attempts; try again later', {
    retryAfterSec: Math.max(1, Math.ceil((untilMs - nowMs) / 1000)),
  });

export function actorOf(user: UserRow): Actor {
  return { id: user.id, name: user.name, role: user.role };
}

export class AuthService {
  /** Failed attempts for emails that have no account, so their answers match those of real accounts. */
  private readonly unknownEmails = new Map<string, { failures: number; lockedUntil: number }>();

  constructor(
    private readonly db: Database,
    private readonly users: UsersService,
    private readonly hasher: PasswordHasher,
    private readonly tokens: TokenService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async login(email: string, password: string): Promise<Session> {
    const nowMs = this.clock.now().getTime();
    const user = await this.users.findByEmail(email);
    if (!user) return this.failUnknown(email.toLowerCase(), password, nowMs);

    const lockedUntil = user.lockedUntil ? Date.parse(user.lockedUntil) : 0;
    if (lockedUntil > nowMs) throw locked(lockedUntil, nowMs);

    const ok = await this.hasher.verify(password, user.passwordHash);
    if (!ok) return this.failKnown(user, nowMs);
    if (!user.active) throw new AppError('UNAUTHENTICATED', 'This account is deactivated');

    const now = new Date(nowMs).toISOString();
    await this.db.write(async (em) => {
      await em.update(UserEntity, { id: user.id }, { failedLogins: 0, lockedUntil: null, lastLoginAt: now });
      await this.audit.record(em, {
        actor: actorOf(user),
        operation: 'auth.login',
        entity: 'user',
        entityId: user.id,
        changes: { lastLoginAt: { from: user.lastLoginAt, to: now } },
      });
    });
    return this.sessionFor({ ...user, failedLogins: 0, lockedUntil: null, lastLoginAt: now });
  }

  private async failKnown(user: UserRow, nowMs: number): Promise<never> {
    const failures = user.failedLogins + 1;
    const lockNow = failures >= MAX_FAILED_LOGINS;
    const lockedUntil = lockNow ? new Date(nowMs + LOCKOUT_MS).toISOString() : null;
    await this.db.write(async (em) => {
      await em.update(UserEntity, { id: user.id }, { failedLogins: lockNow ? 0 : failures, lockedUntil });
      if (lockNow) {
        await this.audit.record(em, {
          actor: actorOf(user),
          operation: 'auth.lockout',
          entity: 'user',
          entityId: user.id,
          changes: { lockedUntil: { from: null, to: lockedUntil } },
        });
      }
    });
    if (lockNow) throw locked(nowMs + LOCKOUT_MS, nowMs);
    throw badCredentials();
  }

  private async failUnknown(email: string, password: string, nowMs: number): Promise<never> {
    const entry = this.unknownEmails.get(email);
    if (entry && entry.lockedUntil > nowMs) throw locked(entry.lockedUntil, nowMs);
    await this.hasher.verifyAgainstNothing(password);
    const failures = (entry && entry.lockedUntil === 0 ? entry.failures : 0) + 1;
    if (this.unknownEmails.size >= MAX_TRACKED_UNKNOWN) this.forgetExpired(nowMs);
    if (failures >= MAX_FAILED_LOGINS) {
      this.unknownEmails.set(email, { failures: 0, lockedUntil: nowMs + LOCKOUT_MS });
      throw locked(nowMs + LOCKOUT_MS, nowMs);
    }
    this.unknownEmails.set(email, { failures, lockedUntil: 0 });
    throw badCredentials();
  }

  private forgetExpired(nowMs: number): void {
    for (const [email, entry] of this.unknownEmails) {
      if (entry.lockedUntil <= nowMs) this.unknownEmails.delete(email);
    }
    if (this.unknownEmails.size >= MAX_TRACKED_UNKNOWN) this.unknownEmails.clear();
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
  }

  async changePassword(user: UserRow, currentPassword: string, newPassword: string): Promise<Session> {
    const ok = await this.hasher.verify(currentPassword, user.passwordHash);
    if (!ok) throw AppError.validation('currentPassword', 'The current password is not correct');
    await this.users.update(actorOf(user), user.id, { password: newPassword }, 'auth.changePassword');
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
