// Access credentials per subscription: a username from the customer code, a generated password sealed at rest
// (AES-256-GCM), the service type, an optional static IP and MAC binding. Changes go on the customer's timeline.
import { randomInt } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { AccessCredentials, ServiceType } from '../../../shared/contract';
import { AppError } from '../../../shared/errors';
import type { Actor } from '../actor';
import type { FieldChanges } from '../audit/service';
import type { Clock } from '../clock';
import { insertMany } from '../billing/sql';
import { isUniqueViolation, type Database } from '../db/database';
import type { HistoryService } from '../history/service';
import type { SecretBox } from './keys';

/** No 0/O, 1/l/I: a technician reads it aloud or types it into a modem. */
const PASSWORD_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';
const PASSWORD_LENGTH = 10;

export function generatePassword(): string {
  let password = '';
  for (let i = 0; i < PASSWORD_LENGTH; i++) password += PASSWORD_ALPHABET[randomInt(PASSWORD_ALPHABET.length)];
  return password;
}

/** `CUST-000123` → `cust000123`. */
export function usernameFromCode(code: string): string {
  return code.toLowerCase().replace(/[^a-z0-9]/g, '');
}

export const passwordContext = (subscriptionId: number) => `radius-password:${subscriptionId}`;

/** `cust000123`, or `cust000123-2`, `-3` … for a customer's further subscriptions. */
function freeUsername(taken: Set<string>, base: string): string {
  for (let n = 1; ; n++) {
    const candidate = n === 1 ? base : `${base}-${n}`;
    if (!taken.has(candidate.toLowerCase())) return candidate;
  }
}

interface CredentialRow {
  subscriptionId: number;
  customerId: number;
  username: string;
  passwordEnc: string;
  serviceType: ServiceType;
  staticIp: string | null;
  macBinding: string | null;
  passwordChangedAt: string;
  lastAuthAt: string | null;
  lastAuthResult: 'accept' | 'reject' | null;
  updatedAt: string;
}

const SELECT = `SELECT rc.subscription_id AS subscriptionId, s.customer_id AS customerId, rc.username, rc.password_enc AS passwordEnc,
  rc.service_type AS serviceType, rc.static_ip AS staticIp, rc.mac_binding AS macBinding, rc.password_changed_at AS passwordChangedAt,
  rc.last_auth_at AS lastAuthAt, rc.last_auth_result AS lastAuthResult, rc.updated_at AS updatedAt
  FROM radius_credential rc JOIN subscription s ON s.id = rc.subscription_id`;

export interface CredentialsPatch {
  username?: string;
  serviceType?: ServiceType;
  staticIp?: string | null;
  macBinding?: string | null;
}

export class CredentialsService {
  constructor(
    private readonly db: Database,
    private readonly box: SecretBox,
    private readonly history: HistoryService,
    private readonly clock: Clock,
  ) {}

  /** Gives every listed subscription without credentials a free username and a new password (caller's transaction). */
  async provision(em: EntityManager, subscriptionIds?: number[]): Promise<number> {
    if (subscriptionIds && subscriptionIds.length > 500) {
      let made = 0;
      for (let i = 0; i < subscriptionIds.length; i += 500) made += await this.provision(em, subscriptionIds.slice(i, i + 500));
      return made;
    }
    const filter = subscriptionIds ? `AND s.id IN (${subscriptionIds.map(() => '?').join(',') || 'NULL'})` : '';
    const missing = (await em.query(
      `SELECT s.id, c.code FROM subscription s JOIN customer c ON c.id = s.customer_id
       LEFT JOIN radius_credential rc ON rc.subscription_id = s.id WHERE rc.subscription_id IS NULL AND s.deleted_at IS NULL ${filter} ORDER BY s.id`,
      subscriptionIds ?? [],
    )) as { id: number; code: string }[];
    if (missing.length === 0) return 0;
    const taken = await this.takenUsernames(em, missing.map((sub) => usernameFromCode(sub.code)));
    const now = this.clock.now().toISOString();
    const rows = missing.map((sub) => {
      const username = freeUsername(taken, usernameFromCode(sub.code));
      taken.add(username.toLowerCase());
      return [sub.id, username, this.box.seal(generatePassword(), passwordContext(sub.id)), now, now, now];
    });
    // Many at once (a CSV import, the first start after an upgrade): multi-row INSERTs, not one statement each.
    await insertMany(em, 'radius_credential', ['subscription_id', 'username', 'password_enc', 'password_changed_at', 'created_at', 'updated_at'], rows);
    return missing.length;
  }

  /** Usernames in use that could collide with these bases (`base` and `base-N`), lower-cased. */
  private async takenUsernames(em: EntityManager, bases: string[]): Promise<Set<string>> {
    const query = bases.length > 50
      ? em.query('SELECT username FROM radius_credential')
      : em.query(`SELECT username FROM radius_credential WHERE ${bases.map(() => "(username = ? OR username LIKE ? || '-%')").join(' OR ')}`, bases.flatMap((b) => [b, b]));
    return new Set(((await query) as { username: string }[]).map((r) => r.username.toLowerCase()));
  }

  /** Subscriptions created before RADIUS (or by a path that did not provision) get their credentials now. */
  async provisionMissing(): Promise<number> {
    const [row] = (await this.db.dataSource.query(
      `SELECT 1 AS x FROM subscription s LEFT JOIN radius_credential rc ON rc.subscription_id = s.id WHERE rc.subscription_id IS NULL AND s.deleted_at IS NULL LIMIT 1`,
    )) as unknown[];
    if (!row) return 0;
    return this.db.write((em) => this.provision(em));
  }

  private async row(subscriptionId: number, em: EntityManager = this.db.dataSource.manager): Promise<CredentialRow | null> {
    const [row] = (await em.query(`${SELECT} WHERE rc.subscription_id = ? AND s.deleted_at IS NULL`, [subscriptionId])) as CredentialRow[];
    return row ?? null;
  }

  private async liveRow(subscriptionId: number, em?: EntityManager): Promise<CredentialRow> {
    const found = await this.row(subscriptionId, em);
    if (found) return found;
    const [sub] = (await this.db.dataSource.query('SELECT id FROM subscription WHERE id = ? AND deleted_at IS NULL', [subscriptionId])) as unknown[];
    if (!sub) throw new AppError('NOT_FOUND', `Subscription ${subscriptionId} not found`);
    // A subscription without credentials yet (created before RADIUS): they are made on first sight.
    await this.db.write((tx) => this.provision(tx, [subscriptionId]));
    const made = await this.row(subscriptionId);
    if (!made) throw new AppError('NOT_FOUND', `Subscription ${subscriptionId} not found`);
    return made;
  }

  private view(row: CredentialRow, withPassword: boolean): AccessCredentials {
    const { passwordEnc, ...rest } = row;
    return { ...rest, password: withPassword ? this.box.open(passwordEnc, passwordContext(row.subscriptionId)) : null };
  }

  async get(subscriptionId: number, withPassword: boolean): Promise<AccessCredentials> {
    return this.view(await this.liveRow(subscriptionId), withPassword);
  }

  async update(actor: Actor, subscriptionId: number, patch: CredentialsPatch): Promise<AccessCredentials> {
    const before = await this.liveRow(subscriptionId);
    const changes: FieldChanges = {};
    for (const field of ['username', 'serviceType', 'staticIp', 'macBinding'] as const) {
      const value = patch[field];
      if (value !== undefined && value !== before[field]) changes[field] = { from: before[field], to: value };
    }
    if (Object.keys(changes).length === 0) return this.view(before, true);
    const now = this.clock.now().toISOString();
    await this.db.write(async (em) => {
      const next = { ...before, ...patch };
      try {
        await em.query(
          'UPDATE radius_credential SET username = ?, service_type = ?, static_ip = ?, mac_binding = ?, updated_at = ? WHERE subscription_id = ?',
          [next.username, next.serviceType, next.staticIp, next.macBinding, now, subscriptionId],
        );
      } catch (error) {
        if (isUniqueViolation(error, 'username')) throw conflict('username', `The username ${next.username} is already used`);
        if (isUniqueViolation(error, 'static_ip')) throw conflict('staticIp', `${next.staticIp ?? ''} is already the static IP of another subscription`);
        throw error;
      }
      await this.history.record(em, {
        actor, customerId: before.customerId, entity: 'subscription', entityId: subscriptionId, kind: 'radius.credentials',
        summary: `Access of subscription #${subscriptionId}: changed ${Object.keys(changes).join(', ')}`, changes,
      });
    });
    return this.view((await this.row(subscriptionId))!, true);
  }

  async resetPassword(actor: Actor, subscriptionId: number): Promise<{ subscriptionId: number; username: string; password: string }> {
    const before = await this.liveRow(subscriptionId);
    const password = generatePassword();
    const now = this.clock.now().toISOString();
    await this.db.write(async (em) => {
      await em.query('UPDATE radius_credential SET password_enc = ?, password_changed_at = ?, updated_at = ? WHERE subscription_id = ?', [
        this.box.seal(password, passwordContext(subscriptionId)), now, now, subscriptionId,
      ]);
      // The timeline and the audit log say that it changed, never what it is.
      await this.history.record(em, {
        actor, customerId: before.customerId, entity: 'subscription', entityId: subscriptionId, kind: 'radius.password',
        summary: `Access password of subscription #${subscriptionId} changed`, changes: { password: { from: null, to: '[changed]' } },
      });
    });
    return { subscriptionId, username: before.username, password };
  }
}

function conflict(field: string, message: string): AppError {
  return new AppError('CONFLICT', message, { fields: [{ field, message }] });
}
