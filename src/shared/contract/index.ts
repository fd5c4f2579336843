// The contract: every operation and event of NOCman, declared once. Transports and the client derive from it.
import type { z } from 'zod';
import { event } from './define';
import { accountOperations } from './account';
import { alertEvents, alertsOperations } from './alerts';
import { backupEvents, backupsOperations } from './backups';
import { bandwidthOperations } from './bandwidth';
import { billingEvents, billingOperations } from './billing';
import { customersOperations } from './customers';
import { dashboardOperations } from './dashboard';
import { deviceEvents, devicesOperations } from './devices';
import { messagingEvents, messagingOperations } from './messaging';
import { plansOperations } from './plans';
import { pollerEvents, pollersOperations } from './pollers';
import { radiusOperations } from './radius';
import { settingsOperations, settingsSchema } from './settings';
import { subscriptionsOperations } from './subscriptions';
import { systemOperations } from './system';
import { authOperations, setupOperations, usersOperations, userSchema } from './users';
import { z as zod } from 'zod';

export * from './account';
export * from './alerts';
export * from './backups';
export * from './bandwidth';
export * from './billing';
export * from './customers';
export * from './dashboard';
export * from './devices';
export * from './define';
export * from './history';
export * from './messaging';
export * from './plans';
export * from './pollers';
export * from './radius';
export * from './subscriptions';
export * from './system';
export * from './settings';
export * from './users';

export const operations = {
  ...systemOperations,
  ...setupOperations,
  ...authOperations,
  ...usersOperations,
  ...settingsOperations,
  ...plansOperations,
  ...customersOperations,
  ...accountOperations,
  ...subscriptionsOperations,
  ...alertsOperations,
  ...dashboardOperations,
  ...billingOperations,
  ...devicesOperations,
  ...bandwidthOperations,
  ...backupsOperations,
  ...radiusOperations,
  ...messagingOperations,
  ...pollersOperations,
} as const;

export type Operations = typeof operations;
export type OperationName = keyof Operations;
/** What a caller sends (before defaults and coercion). */
export type OpInput<N extends OperationName> = z.input<Operations[N]['input']>;
/** What a handler receives (after validation). */
export type OpParsedInput<N extends OperationName> = z.output<Operations[N]['input']>;
export type OpOutput<N extends OperationName> = z.output<Operations[N]['output']>;

export const events = {
  'settings.updated': event({ access: 'user', summary: 'Site settings changed', payload: settingsSchema }),
  'users.changed': event({
    access: ['admin'],
    summary: 'A user was created, changed or deleted',
    payload: zod.object({ id: zod.number().int(), action: zod.enum(['created', 'updated', 'deleted']), user: userSchema.nullable() }),
  }),
  ...alertEvents,
  ...billingEvents,
  ...deviceEvents,
  ...backupEvents,
  ...messagingEvents,
  ...pollerEvents,
} as const;

export type Events = typeof events;
export type EventName = keyof Events;
export type EventPayload<E extends EventName> = z.output<Events[E]['payload']>;

export const operationNames = Object.keys(operations) as OperationName[];
export const eventNames = Object.keys(events) as EventName[];
