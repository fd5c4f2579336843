// The one path every call takes, whatever the transport: authenticate -> authorize -> validate -> call -> map errors.
import { z } from 'zod';
import { mayAccess, operations, type OperationName, type Role } from '../../shared/contract';
import { AppError, type ErrorBody, type FieldIssue } from '../../shared/errors';
import type { Core } from '../core';
import type { UserRow } from '../core/db/entities/User';
import { alertsHandlers, dashboardHandlers } from './alerts';
import { authHandlers } from './auth';
import { backupsHandlers } from './backups';
import { bandwidthHandlers, interfacesHandlers } from './bandwidth';
import { billingHandlers, invoicesHandlers, paymentsHandlers } from './billing';
import { customersHandlers } from './customers';
import { devicesHandlers, monitorHandlers } from './devices';
import { channelsHandlers, notifyHandlers, outboxHandlers, templatesHandlers } from './messaging';
import { plansHandlers } from './plans';
import { pollerHandlers, pollersHandlers } from './pollers';
import type { PollerIdentity } from '../core/pollers/service';
import { radiusHandlers } from './radius';
import { settingsHandlers } from './settings';
import { setupHandlers } from './setup';
import { subscriptionsHandlers } from './subscriptions';
import { systemHandlers } from './system';
import { IN_PROCESS, type Handlers, type RequestMeta, type UserContext } from './types';
import { usersHandlers } from './users';

export const handlers: Handlers = {
  ...systemHandlers,
  ...setupHandlers,
  ...authHandlers,
  ...usersHandlers,
  ...settingsHandlers,
  ...plansHandlers,
  ...customersHandlers,
  ...subscriptionsHandlers,
  ...alertsHandlers,
  ...dashboardHandlers,
  ...invoicesHandlers,
  ...paymentsHandlers,
  ...billingHandlers,
  ...devicesHandlers,
  ...monitorHandlers,
  ...interfacesHandlers,
  ...bandwidthHandlers,
  ...outboxHandlers,
  ...channelsHandlers,
  ...templatesHandlers,
  ...notifyHandlers,
  ...backupsHandlers,
  ...radiusHandlers,
  ...pollersHandlers,
  ...pollerHandlers,
};

export type CallResult = { ok: true; status: number; body: unknown } | { ok: false; status: number; body: ErrorBody };

export interface Logger {
  error(message: string, detail?: unknown): void;
}

export function fieldIssues(error: z.ZodError): FieldIssue[] {
  return error.issues.map((issue) => {
    if (issue.code === 'unrecognized_keys') {
      return { field: issue.keys.join(','), message: 'Unknown field' };
    }
    return { field: issue.path.map(String).join('.') || 'input', message: issue.message };
  });
}

export function toErrorBody(error: unknown, logger: Logger): { status: number; body: ErrorBody } {
  if (error instanceof AppError) return { status: error.status, body: error.toBody() };
  if (error instanceof z.ZodError) {
    const fields = fieldIssues(error);
    const first = fields[0]!;
    const app = new AppError('VALIDATION_FAILED', `${first.field}: ${first.message}`, { fields });
    return { status: app.status, body: app.toBody() };
  }
  logger.error('unexpected error', error);
  const internal = new AppError('INTERNAL', 'Internal error; it has been logged');
  return { status: internal.status, body: internal.toBody() };
}

export interface Dispatcher {
  /** Runs one operation; never throws: failures come back as the error shape with its HTTP status. */
  call(name: string, input: unknown, token: string | null, meta?: RequestMeta): Promise<CallResult>;
  /** The signed-in user of a token, for transports that hold a session (the SSE stream). */
  authenticate(token: string | null): Promise<UserRow>;
}

export function createDispatcher(core: Core, logger: Logger = console): Dispatcher {
  const authenticate = async (token: string | null): Promise<UserRow> => {
    if (!token) throw new AppError('UNAUTHENTICATED', 'Sign in first');
    return core.auth.authenticate(token);
  };

  const call = async (name: string, input: unknown, token: string | null, meta: RequestMeta = IN_PROCESS): Promise<CallResult> => {
    try {
      if (!Object.hasOwn(operations, name)) throw new AppError('NOT_FOUND', `Unknown operation ${name}`);
      const opName = name as OperationName;
      const def = operations[opName];
      // Who first, then what: an anonymous or forbidden caller learns nothing about the input schema.
      let user: UserRow | null = null;
      let poller: PollerIdentity | null = null;
      if (def.access === 'poller') {
        // A remote poller, by its key over HTTP; no user session (nor IPC) ever reaches these.
        if (meta.transport !== 'http') throw new AppError('UNAUTHENTICATED', `${opName} answers remote pollers over HTTP only`);
        poller = await core.pollers.authenticate(meta.pollerKey);
      } else if (def.access === 'bridge') {
        // FreeRADIUS, by the bridge key over HTTP; no user session (nor IPC) ever reaches these.
        if (meta.transport !== 'http' || !core.radius.acceptsBridgeKey(meta.bridgeKey)) {
          throw new AppError('UNAUTHENTICATED', `${opName} answers FreeRADIUS with the bridge key (X-NOCman-Bridge-Key) only`);
        }
      } else if (def.access !== 'public') {
        user = await authenticate(token);
        if (!mayAccess(def.access, user.role as Role)) {
          throw new AppError('FORBIDDEN', `Your role (${user.role}) may not use ${opName}`);
        }
      }
      const parsed: unknown = def.input.parse(input ?? {});
      const handler = handlers[opName] as (input: unknown, ctx: UserContext) => Promise<unknown>;
      const result = await handler(parsed, { core, user: user as UserRow, meta, poller });
      if (def.successStatus === 204) return { ok: true, status: 204, body: undefined };
      // The output schema is the last gate: whatever a service returns, only declared fields leave.
      const checked = def.output.safeParse(result);
      if (!checked.success) throw new Error(`${opName} returned a value outside its contract: ${checked.error.message}`);
      const body: unknown = checked.data;
      return { ok: true, status: def.successStatus ?? 200, body };
    } catch (error) {
      // A read-only, full or damaged database is named with what to do, not hidden behind INTERNAL.
      return { ok: false, ...toErrorBody(core.db.translate(error), logger) };
    }
  };

  return { call, authenticate };
}
