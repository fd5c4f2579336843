// Users: create, list, change and delete accounts, keeping at least one active administrator.
import type { EntityManager } from 'typeorm';
import type { Role, User } from '../../../shared/contract';
import { AppError } from '../../../shared/errors';
import type { Actor } from '../actor';
import { diffFields, type AuditService } from '../audit/service';
import type { PasswordHasher } from '../auth/passwords';
import type { Clock } from '../clock';
import { isUniqueViolation, type Database } from '../db/database';
import { UserEntity, type UserRow } from '../db/entities/User';
import type { EventBus } from '../events';

export function toUser(row: UserRow): User {
  return {
    id: row.id,
    name: row.name,
    email: row.email,
    role: row.role,
    active: Boolean(row.active),
    language: row.language,
    lockedUntil: row.lockedUntil,
    lastLoginAt: row.lastLoginAt,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

export interface NewUser {
  name: string;
  email: string;
  password: string;
  role: Role;
}

export interface UserPatch {
  name?: string;
  email?: string;
  role?: Role;
  active?: boolean;
  password?: string;
  unlock?: true;
  language?: User['language'];
}

export interface UserQuery {
  search?: string;
  role?: Role;
  active?: boolean;
  page: number;
  pageSize: number;
}

const emailTaken = () =>
  new AppError('CONFLICT', 'A user with this email already exists', {
    fields: [{ field: 'email', message: 'Already in use' }],
  });

export class UsersService {
  constructor(
    private readonly db: Database,
    private readonly hasher: PasswordHasher,
    private readonly audit: AuditService,
    private readonly events: EventBus,
    private readonly clock: Clock,
  ) {}

  async count(): Promise<number> {
    return this.db.dataSource.getRepository(UserEntity).count();
  }

  async findRow(id: number): Promise<UserRow | null> {
    return this.db.dataSource.getRepository(UserEntity).findOneBy({ id });
  }

  async findByEmail(email: string): Promise<UserRow | null> {
    return this.db.dataSource
      .getRepository(UserEntity)
      .createQueryBuilder('u')
      .where('u.email = :email COLLATE NOCASE', { email })
      .getOne();
  }

  async get(id: number): Promise<User> {
    const row = await this.findRow(id);
    if (!row) throw new AppError('NOT_FOUND', `User ${id} not found`);
    return toUser(row);
  }

  async list(query: UserQuery): Promise<{ items: User[]; total: number; page: number; pageSize: number }> {
    const qb = this.db.dataSource.getRepository(UserEntity).createQueryBuilder('u');
    if (query.search) {
      const like = `%${query.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      qb.andWhere("(u.name LIKE :like ESCAPE '\\' OR u.email LIKE :like ESCAPE '\\')", { like });
    }
    if (query.role) qb.andWhere('u.role = :role', { role: query.role });
    if (query.active !== undefined) qb.andWhere('u.active = :active', { active: query.active ? 1 : 0 });
    qb.orderBy('u.name', 'ASC').addOrderBy('u.id', 'ASC');
    qb.skip((query.page - 1) * query.pageSize).take(query.pageSize);
    const [rows, total] = await qb.getManyAndCount();
    return { items: rows.map(toUser), total, page: query.page, pageSize: query.pageSize };
  }

  /** Creates a user; `manager` lets setup create the first admin inside its own transaction. */
  async create(actor: Actor, input: NewUser, manager?: EntityManager): Promise<User> {
    const passwordHash = await this.hasher.hash(input.password);
    const work = async (em: EntityManager) => {
      const now = this.clock.now().toISOString();
      const row: Omit<UserRow, 'id'> = {
        name: input.name,
        email: input.email,
        passwordHash,
        role: input.role,
        active: true,
        language: null,
        tokenVersion: 0,
        failedLogins: 0,
        lockedUntil: null,
        lastLoginAt: null,
        createdAt: now,
        updatedAt: now,
      };
      try {
        const result = await em.insert(UserEntity, row);
        const id = Number(result.identifiers[0]!['id']);
        await this.audit.record(em, {
          actor,
          operation: 'users.create',
          entity: 'user',
          entityId: id,
          changes: diffFields(null, { name: input.name, email: input.email, role: input.role, password: true }),
        });
        return toUser({ ...row, id });
      } catch (error) {
        if (isUniqueViolation(error, 'email')) throw emailTaken();
        throw error;
      }
    };
    const user = manager ? await work(manager) : await this.db.write(work);
    this.events.emit('users.changed', { id: user.id, action: 'created', user });
    return user;
  }

  async update(actor: Actor, id: number, patch: UserPatch, operation = 'users.update'): Promise<User> {
    const passwordHash = patch.password === undefined ? undefined : await this.hasher.hash(patch.password);
    const user = await this.db.write(async (em) => {
      const before = await em.findOneBy(UserEntity, { id });
      if (!before) throw new AppError('NOT_FOUND', `User ${id} not found`);
      const removesAdmin =
        before.role === 'admin' && Boolean(before.active) && ((patch.role && patch.role !== 'admin') || patch.active === false);
      if (removesAdmin) await this.assertAnotherActiveAdmin(em, id);

      const next: Partial<UserRow> = {};
      if (patch.name !== undefined) next.name = patch.name;
      if (patch.email !== undefined) next.email = patch.email;
      if (patch.role !== undefined) next.role = patch.role;
      if (patch.active !== undefined) next.active = patch.active;
      if (patch.language !== undefined) next.language = patch.language;
      const changes = diffFields(before, next);
      if (passwordHash !== undefined) {
        next.passwordHash = passwordHash;
        changes['password'] = { from: null, to: null };
      }
      if (passwordHash !== undefined || patch.unlock) {
        next.failedLogins = 0;
        next.lockedUntil = null;
        if (before.lockedUntil) changes['lockedUntil'] = { from: before.lockedUntil, to: null };
      }
      // A new password, a demotion or a deactivation ends every session of the account at once.
      if (passwordHash !== undefined || 'role' in changes || patch.active === false) {
        next.tokenVersion = before.tokenVersion + 1;
      }
      if (Object.keys(changes).length === 0) return toUser(before);
      next.updatedAt = this.clock.now().toISOString();
      try {
        await em.update(UserEntity, { id }, next);
      } catch (error) {
        if (isUniqueViolation(error, 'email')) throw emailTaken();
        throw error;
      }
      await this.audit.record(em, { actor, operation, entity: 'user', entityId: id, changes });
      return toUser({ ...before, ...next });
    });
    this.events.emit('users.changed', { id, action: 'updated', user });
    return user;
  }

  async delete(actor: Actor, id: number): Promise<void> {
    if (actor.id === id) throw new AppError('CONFLICT', 'You cannot delete your own account');
    await this.db.write(async (em) => {
      const before = await em.findOneBy(UserEntity, { id });
      if (!before) throw new AppError('NOT_FOUND', `User ${id} not found`);
      if (before.role === 'admin' && before.active) await this.assertAnotherActiveAdmin(em, id);
      await em.delete(UserEntity, { id });
      await this.audit.record(em, {
        actor,
        operation: 'users.delete',
        entity: 'user',
        entityId: id,
        changes: { name: { from: before.name, to: null }, email: { from: before.email, to: null }, role: { from: before.role, to: null } },
      });
    });
    this.events.emit('users.changed', { id, action: 'deleted', user: null });
  }

  private async assertAnotherActiveAdmin(em: EntityManager, exceptId: number): Promise<void> {
    const others = await em
      .getRepository(UserEntity)
      .createQueryBuilder('u')
      .where("u.role = 'admin' AND u.active = 1 AND u.id != :id", { id: exceptId })
      .getCount();
    if (others === 0) {
      throw new AppError('CONFLICT', 'The last active administrator cannot be deleted, deactivated or demoted');
    }
  }
}
