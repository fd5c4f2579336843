// The user entity: a NOC staff member who signs in.
import { EntitySchema } from 'typeorm';
import type { Language, Role } from '../../../../shared/contract';

export interface UserRow {
  id: number;
  name: string;
  email: string;
  passwordHash: string;
  role: Role;
  active: boolean;
  language: Language | null;
  tokenVersion: number;
  failedLogins: number;
  lockedUntil: string | null;
  lastLoginAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export const UserEntity = new EntitySchema<UserRow>({
  name: 'User',
  tableName: 'user',
  columns: {
    id: { type: 'integer', primary: true, generated: 'increment' },
    name: { type: 'varchar' },
    email: { type: 'varchar' },
    passwordHash: { type: 'varchar', name: 'password_hash' },
    role: { type: 'varchar' },
    active: { type: 'boolean' },
    language: { type: 'varchar', nullable: true },
    tokenVersion: { type: 'integer', name: 'token_version' },
    failedLogins: { type: 'integer', name: 'failed_logins' },
    lockedUntil: { type: 'varchar', name: 'locked_until', nullable: true },
    lastLoginAt: { type: 'varchar', name: 'last_login_at', nullable: true },
    createdAt: { type: 'varchar', name: 'created_at' },
    updatedAt: { type: 'varchar', name: 'updated_at' },
  },
});
