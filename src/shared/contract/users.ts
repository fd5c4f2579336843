// Users, sessions and first-run setup: the operations of the auth, users and setup domains.
import { z } from 'zod';
import {
  emailSchema,
  emptyInput,
  idSchema,
  listOf,
  noContent,
  op,
  pageQuery,
  passwordSchema,
  personNameSchema,
  queryBoolean,
  roleSchema,
} from './define';

export const languageSchema = z.enum(['id', 'en']);
export type Language = z.infer<typeof languageSchema>;

/** A user as it leaves the main process: never with its password hash. */
export const userSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  email: z.string(),
  role: roleSchema,
  active: z.boolean(),
  language: languageSchema.nullable(),
  lockedUntil: z.string().nullable(),
  lastLoginAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type User = z.infer<typeof userSchema>;

export const sessionSchema = z.object({ token: z.string(), expiresAt: z.string(), user: userSchema });
export type Session = z.infer<typeof sessionSchema>;

export const setupOperations = {
  'setup.status': op({
    method: 'GET',
    path: '/api/setup',
    access: 'public',
    summary: 'Whether the first administrator still has to be created',
    input: emptyInput,
    output: z.object({ needsSetup: z.boolean(), version: z.string() }),
  }),
  'setup.createAdmin': op({
    method: 'POST',
    path: '/api/setup',
    access: 'public',
    summary: 'Create the first administrator (only while no user exists) and sign in',
    input: z.strictObject({ name: personNameSchema, email: emailSchema, password: passwordSchema }),
    output: sessionSchema,
    successStatus: 201,
  }),
} as const;

export const authOperations = {
  'auth.login': op({
    method: 'POST',
    path: '/api/auth/login',
    access: 'public',
    summary: 'Sign in with email and password',
    input: z.strictObject({ email: emailSchema, password: z.string().min(1, { message: 'Required' }).max(128) }),
    output: sessionSchema,
  }),
  'auth.logout': op({
    method: 'POST',
    path: '/api/auth/logout',
    access: 'user',
    summary: "Sign out: revokes every session of the signed-in user",
    input: emptyInput,
    output: noContent,
    successStatus: 204,
  }),
  'auth.me': op({
    method: 'GET',
    path: '/api/auth/me',
    access: 'user',
    summary: 'The signed-in user',
    input: emptyInput,
    output: userSchema,
  }),
  'auth.updateProfile': op({
    method: 'PUT',
    path: '/api/auth/profile',
    access: 'user',
    summary: 'Change your own name, email or language',
    input: z.strictObject({
      name: personNameSchema.optional(),
      email: emailSchema.optional(),
      language: languageSchema.nullable().optional(),
    }),
    output: userSchema,
  }),
  'auth.changePassword': op({
    method: 'PUT',
    path: '/api/auth/change-password',
    access: 'user',
    summary: 'Change your own password: other sessions are revoked, a new token is returned',
    input: z.strictObject({ currentPassword: z.string().min(1, { message: 'Required' }).max(128), newPassword: passwordSchema }),
    output: sessionSchema,
  }),
  'auth.register': op({
    method: 'POST',
    path: '/api/auth/register',
    access: ['admin'],
    summary: 'Create a user (admin)',
    input: z.strictObject({ name: personNameSchema, email: emailSchema, password: passwordSchema, role: roleSchema }),
    output: userSchema,
    successStatus: 201,
  }),
} as const;

export const userListQuery = z.strictObject({
  search: z.string().trim().max(120).optional(),
  role: roleSchema.optional(),
  active: queryBoolean.optional(),
  ...pageQuery,
});

export const usersOperations = {
  'users.list': op({
    method: 'GET',
    path: '/api/users',
    access: ['admin'],
    summary: 'List users, searching name and email',
    input: userListQuery,
    output: listOf(userSchema),
  }),
  'users.get': op({
    method: 'GET',
    path: '/api/users/:id',
    access: ['admin'],
    summary: 'One user',
    input: z.strictObject({ id: idSchema }),
    output: userSchema,
  }),
  'users.update': op({
    method: 'PUT',
    path: '/api/users/:id',
    access: ['admin'],
    summary: 'Change a user: name, email, role, active, password (unlocks a locked account)',
    input: z.strictObject({
      id: idSchema,
      name: personNameSchema.optional(),
      email: emailSchema.optional(),
      role: roleSchema.optional(),
      active: z.boolean().optional(),
      password: passwordSchema.optional(),
      unlock: z.literal(true).optional(),
    }),
    output: userSchema,
  }),
  'users.delete': op({
    method: 'DELETE',
    path: '/api/users/:id',
    access: ['admin'],
    summary: 'Delete a user (never the last active admin, never yourself)',
    input: z.strictObject({ id: idSchema }),
    output: noContent,
    successStatus: 204,
  }),
} as const;
