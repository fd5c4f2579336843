// How an operation and an event are declared: the one place a name, REST route, roles and schemas meet.
import { z } from 'zod';

export const ROLES = ['admin', 'staff', 'technician'] as const;
export const roleSchema = z.enum(ROLES);
export type Role = z.infer<typeof roleSchema>;

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

/**
 * `public`: no session needed; `user`: any signed-in role; `bridge`: FreeRADIUS's rlm_rest with the bridge key (header
 * `X-NOCman-Bridge-Key`, HTTP only), never a user session; `poller`: a remote poller with its key (header
 * `X-NOCman-Poller-Key`, HTTP only), never a user session; otherwise the roles listed.
 */
export type Access = 'public' | 'user' | 'bridge' | 'poller' | readonly Role[];

export interface OperationDef<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  method: HttpMethod;
  path: string;
  access: Access;
  summary: string;
  input: I;
  output: O;
  /** HTTP status of success: 200 by default, 201 for create, 204 for delete (no body). */
  successStatus?: 200 | 201 | 204;
  /** `csv`: a CSV document, sent over HTTP as `text/csv`; `pdf`: base64 of a PDF, sent over HTTP as `application/pdf`. */
  /** `file`: the handler answers `{ path, fileName, contentType }` and HTTP streams that file as a download. */
  /** `radius`: the handler answers `{ status, attributes }` and HTTP sends the attributes as they are with that status. */
  responseType?: 'json' | 'csv' | 'pdf' | 'file' | 'radius';
}

export function op<I extends z.ZodType, O extends z.ZodType>(def: OperationDef<I, O>): OperationDef<I, O> {
  return def;
}

export interface EventDef<P extends z.ZodType = z.ZodType> {
  /** Roles that receive the event; `user` means every signed-in role. */
  access: 'user' | readonly Role[];
  summary: string;
  payload: P;
  /** What one role receives of the payload: null to send nothing (e.g. an alert of another domain). */
  forRole?: (payload: never, role: Role) => unknown;
}

export function event<P extends z.ZodType>(def: EventDef<P>): EventDef<P> {
  return def;
}

/** The payload a role receives of an event, or null when it receives nothing. */
export function eventFor(def: EventDef, payload: unknown, role: Role): unknown {
  if (!mayAccess(def.access, role)) return null;
  return def.forRole ? (def.forRole as (p: unknown, r: Role) => unknown)(payload, role) : payload;
}

export function mayAccess(access: Access, role: Role | null): boolean {
  if (access === 'public') return true;
  // Bridge operations answer the bridge key, never a user's role.
  if (access === 'bridge' || access === 'poller' || role === null) return false;
  if (access === 'user') return true;
  return access.includes(role);
}

// ---- shared schema pieces ----

/** Plain decimal digits, the one spelling of a whole number in a URL: no sign, space, exponent, hex, fraction or leading zero. */
const PLAIN_DIGITS = /^(0|[1-9][0-9]*)$/;

/**
 * A whole number from a URL or a JSON body, in [min, max] (min >= 0): a JSON number, or a string of plain
 * decimal digits. `0x1`, `1e0`, ` 1`, `+1`, `1.0` and `01` are refused, not read as 1: one number has one
 * spelling, so a leading zero is an error rather than a guess (octal or decimal?). Never coerced or clamped.
 */
export function wholeNumber(min: number, max: number = Number.MAX_SAFE_INTEGER) {
  const range = z.number().int().min(min).max(max);
  const message = min >= 1 ? 'Expected a positive whole number' : 'Expected a whole number';
  return z.union([range, z.string().regex(PLAIN_DIGITS).transform(Number).pipe(range)], { error: message });
}

/** An id in a path, a query or a body: a positive safe integer, as a JSON number or plain digits from the URL. */
export const idSchema = wholeNumber(1);

// ---- bulk operations ----

/** Most ids a bulk operation takes in one call. */
export const BULK_MAX = 1000;
export const bulkIdsSchema = z
  .array(idSchema)
  .min(1, { message: 'Select at least one' })
  .max(BULK_MAX, { message: `At most ${BULK_MAX} at once` })
  .refine((ids) => new Set(ids).size === ids.length, { message: 'An id is listed twice' });

/** What a bulk operation did with each id it was given, in the order given. */
export function bulkResultOf<O extends readonly [string, ...string[]]>(outcomes: O) {
  return z.object({
    done: z.number().int(),
    results: z.array(z.object({ id: z.number().int(), outcome: z.enum(outcomes) })),
  });
}

export const emptyInput = z.strictObject({});
export const noContent = z.void();

export const pageQuery = {
  page: wholeNumber(1).default(1),
  pageSize: wholeNumber(1, 200).default(50),
};

export function listOf<T extends z.ZodType>(item: T) {
  return z.object({
    items: z.array(item),
    total: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
  });
}

/** Query-string booleans arrive as 'true'/'false'. */
export const queryBoolean = z.union([z.boolean(), z.enum(['true', 'false']).transform((v) => v === 'true')]);

export const emailSchema = z.string().trim().toLowerCase().max(254).pipe(z.email({ message: 'Enter a valid email address' }));
export const passwordSchema = z
  .string()
  .min(8, { message: 'At least 8 characters' })
  .max(128, { message: 'At most 128 characters' });
export const personNameSchema = z.string().trim().min(1, { message: 'Required' }).max(120);
export const isoDateTime = z.string();
