// RADIUS: access credentials per subscription, the NAS list, sessions and rejects, and the bridge FreeRADIUS's rlm_rest calls.
import { z } from 'zod';
import { idSchema, listOf, noContent, op, pageQuery, queryBoolean } from './define';

export const SERVICE_TYPES = ['pppoe', 'hotspot'] as const;
export const serviceTypeSchema = z.enum(SERVICE_TYPES);
export type ServiceType = z.infer<typeof serviceTypeSchema>;

export const NAS_VENDORS = ['mikrotik', 'generic'] as const;
export const nasVendorSchema = z.enum(NAS_VENDORS);

/** Why an Access-Request was refused; written to the reject log with the username, NAS and MAC. */
export const REJECT_REASONS = [
  'unknown_user',
  'terminated',
  'cancelled',
  'expired',
  'not_started',
  'wrong_mac',
  'wrong_service',
  'bad_password',
  'rejected',
] as const;
export const rejectReasonSchema = z.enum(REJECT_REASONS);
export type RejectReason = z.infer<typeof rejectReasonSchema>;

/** Outcome of a Disconnect-Request or CoA-Request (RFC 5176); `error` when it could not be sent (no NAS, no secret). */
export const COA_OUTCOMES = ['ack', 'nak', 'timeout', 'error'] as const;
export const coaOutcomeSchema = z.enum(COA_OUTCOMES);
export type CoaOutcome = z.infer<typeof coaOutcomeSchema>;

const MAC = /^([0-9A-Fa-f]{2}[:-]){5}[0-9A-Fa-f]{2}$|^[0-9A-Fa-f]{4}\.[0-9A-Fa-f]{4}\.[0-9A-Fa-f]{4}$|^[0-9A-Fa-f]{12}$/;

/** `aa-bb-cc-dd-ee-ff`, `aabb.ccdd.eeff`, `AABBCCDDEEFF` → `AA:BB:CC:DD:EE:FF`; null when it is not a MAC address. */
export function normaliseMac(text: string): string | null {
  const trimmed = text.trim();
  if (!MAC.test(trimmed)) return null;
  const hex = trimmed.replace(/[^0-9A-Fa-f]/g, '').toUpperCase();
  return hex.match(/../g)!.join(':');
}

export const ipv4Schema = z.ipv4({ message: 'An IPv4 address like 10.0.0.5' });
export const macSchema = z
  .string()
  .max(20)
  .refine((v) => normaliseMac(v) !== null, { message: 'A MAC address like AA:BB:CC:DD:EE:FF' })
  .transform((v) => normaliseMac(v)!);
export const radiusUsernameSchema = z
  .string()
  .trim()
  .min(3, { message: 'At least 3 characters' })
  .max(64)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._@-]*$/, { message: 'Letters, digits and . _ @ - only' });

export const accessCredentialsSchema = z.object({
  subscriptionId: z.number().int(),
  customerId: z.number().int(),
  username: z.string(),
  /** The PPPoE/hotspot password: admin and staff read it; null for technicians. */
  password: z.string().nullable(),
  serviceType: serviceTypeSchema,
  staticIp: z.string().nullable(),
  macBinding: z.string().nullable(),
  passwordChangedAt: z.string(),
  /** The last accept or reject FreeRADIUS reported (post-auth). */
  lastAuthAt: z.string().nullable(),
  lastAuthResult: z.enum(['accept', 'reject']).nullable(),
  updatedAt: z.string(),
});
export type AccessCredentials = z.infer<typeof accessCredentialsSchema>;

export const nasSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  address: z.string(),
  vendor: nasVendorSchema,
  coaPort: z.number().int(),
  /** The RADIUS secret is written, never read back. */
  secretSet: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Nas = z.infer<typeof nasSchema>;

const nasFields = {
  name: z.string().trim().min(1, { message: 'Required' }).max(80),
  address: ipv4Schema,
  secret: z
    .string()
    .min(8, { message: 'At least 8 characters' })
    .max(128)
    .regex(/^[\x21-\x7e]+$/, { message: 'Printable ASCII without spaces' }),
  vendor: nasVendorSchema,
  coaPort: z.number().int().min(1).max(65535),
};

export const radiusSessionSchema = z.object({
  id: z.number().int(),
  subscriptionId: z.number().int().nullable(),
  customerId: z.number().int().nullable(),
  customerCode: z.string().nullable(),
  customerName: z.string().nullable(),
  username: z.string(),
  nasAddress: z.string(),
  nasName: z.string().nullable(),
  acctSessionId: z.string(),
  framedIp: z.string().nullable(),
  mac: z.string().nullable(),
  startedAt: z.string(),
  updatedAt: z.string(),
  stoppedAt: z.string().nullable(),
  online: z.boolean(),
  /** Bytes from the customer (Acct-Input, upload) and to the customer (Acct-Output, download), gigawords included. */
  inputBytes: z.number(),
  outputBytes: z.number(),
  terminateCause: z.string().nullable(),
});
export type RadiusSession = z.infer<typeof radiusSessionSchema>;

export const radiusRejectSchema = z.object({
  id: z.number().int(),
  at: z.string(),
  username: z.string(),
  nasAddress: z.string().nullable(),
  nasName: z.string().nullable(),
  mac: z.string().nullable(),
  reason: rejectReasonSchema,
  /** FreeRADIUS's Module-Failure-Message, for rejects it reported itself. */
  message: z.string().nullable(),
  subscriptionId: z.number().int().nullable(),
  customerId: z.number().int().nullable(),
});
export type RadiusReject = z.infer<typeof radiusRejectSchema>;

export const coaResultSchema = z.object({
  sessionId: z.number().int(),
  outcome: coaOutcomeSchema,
  /** RFC 5176 Error-Cause of a NAK, when the NAS sent one. */
  errorCause: z.number().int().nullable(),
  message: z.string().nullable(),
});
export type CoaResult = z.infer<typeof coaResultSchema>;

// ---- the bridge: FreeRADIUS rlm_rest with body = 'json' ----

/** One attribute as rlm_rest encodes it: `{"type":"string","value":["cust000123"]}` (enumerated integers by name). */
export const radiusAttributeSchema = z.looseObject({
  type: z.string().max(32).optional(),
  value: z.array(z.union([z.string().max(4096), z.number()])).min(1).max(64),
});
const attribute = radiusAttributeSchema.optional();

/** The request's attributes; the ones NOCman reads are validated, any other passes through unread. */
export const radiusRequestSchema = z.looseObject({
  'User-Name': attribute,
  'User-Password': attribute,
  'NAS-IP-Address': attribute,
  'NAS-Identifier': attribute,
  'Packet-Src-IP-Address': attribute,
  'Calling-Station-Id': attribute,
  'Framed-IP-Address': attribute,
  'Framed-Protocol': attribute,
  'Service-Type': attribute,
  'Acct-Status-Type': attribute,
  'Acct-Session-Id': attribute,
  'Acct-Session-Time': attribute,
  'Acct-Input-Octets': attribute,
  'Acct-Output-Octets': attribute,
  'Acct-Input-Gigawords': attribute,
  'Acct-Output-Gigawords': attribute,
  'Acct-Terminate-Cause': attribute,
  'Post-Auth-Type': attribute,
  'Module-Failure-Message': attribute,
});
export type RadiusRequest = z.infer<typeof radiusRequestSchema>;

/**
 * What the bridge answers, sent over HTTP as it is (responseType `radius`): 200 with the attributes keyed by list
 * (`{"control:Cleartext-Password":"…","reply:Mikrotik-Rate-Limit":"10M/20M"}`), 204 without a body, or 401 (rlm_rest
 * reads it as reject) with `{"reply:Reply-Message":"…"}`.
 */
export const radiusReplySchema = z.object({
  status: z.union([z.literal(200), z.literal(204), z.literal(401)]),
  attributes: z.record(z.string(), z.union([z.string(), z.number()])),
});
export type RadiusReply = z.infer<typeof radiusReplySchema>;

const readers = ['admin', 'staff', 'technician'] as const;
const billingWriters = ['admin', 'staff'] as const;

function bridge(path: string, summary: string) {
  return op({ method: 'POST', path, access: 'bridge', summary, input: radiusRequestSchema, output: radiusReplySchema, responseType: 'radius' });
}

export const radiusOperations = {
  'radius.credentials.get': op({
    method: 'GET',
    path: '/api/subscriptions/:id/access',
    access: readers,
    summary: "A subscription's PPPoE/hotspot access: username, password (admin and staff only), service type, static IP, MAC binding",
    input: z.strictObject({ id: idSchema }),
    output: accessCredentialsSchema,
  }),
  'radius.credentials.update': op({
    method: 'PUT',
    path: '/api/subscriptions/:id/access',
    access: billingWriters,
    summary: 'Change the username, service type, static IP or MAC binding of a subscription',
    input: z.strictObject({
      id: idSchema,
      username: radiusUsernameSchema.optional(),
      serviceType: serviceTypeSchema.optional(),
      staticIp: ipv4Schema.nullable().optional(),
      macBinding: macSchema.nullable().optional(),
    }),
    output: accessCredentialsSchema,
  }),
  'radius.credentials.resetPassword': op({
    method: 'POST',
    path: '/api/subscriptions/:id/access/password',
    access: billingWriters,
    summary: 'Generate a new access password; the answer shows it',
    input: z.strictObject({ id: idSchema }),
    output: z.object({ subscriptionId: z.number().int(), username: z.string(), password: z.string() }),
  }),
  'radius.nas.list': op({
    method: 'GET',
    path: '/api/radius/nas',
    access: ['admin', 'technician'],
    summary: 'The NAS list (routers that ask FreeRADIUS); secrets are never returned',
    input: z.strictObject({}),
    output: z.array(nasSchema),
  }),
  'radius.nas.create': op({
    method: 'POST',
    path: '/api/radius/nas',
    access: ['admin'],
    summary: 'Add a NAS with its RADIUS secret',
    input: z.strictObject({ ...nasFields, vendor: nasFields.vendor.default('mikrotik'), coaPort: nasFields.coaPort.default(3799) }),
    output: nasSchema,
    successStatus: 201,
  }),
  'radius.nas.update': op({
    method: 'PUT',
    path: '/api/radius/nas/:id',
    access: ['admin'],
    summary: 'Change a NAS; a secret left out keeps the stored one',
    input: z.strictObject({ id: idSchema, ...z.object(nasFields).partial().shape }),
    output: nasSchema,
  }),
  'radius.nas.delete': op({
    method: 'DELETE',
    path: '/api/radius/nas/:id',
    access: ['admin'],
    summary: 'Remove a NAS',
    input: z.strictObject({ id: idSchema }),
    output: noContent,
    successStatus: 204,
  }),
  'radius.sessions.list': op({
    method: 'GET',
    path: '/api/radius/sessions',
    access: readers,
    summary: 'Sessions from accounting: online first, then the most recent closed ones',
    input: z.strictObject({
      subscriptionId: idSchema.optional(),
      customerId: idSchema.optional(),
      nasId: idSchema.optional(),
      online: queryBoolean.optional(),
      search: z.string().trim().max(80).optional(),
      ...pageQuery,
    }),
    output: listOf(radiusSessionSchema),
  }),
  'radius.sessions.disconnect': op({
    method: 'POST',
    path: '/api/radius/sessions/:id/disconnect',
    access: readers,
    summary: 'Send a Disconnect-Request (RFC 5176) for a live session to its NAS; the answer is on the timeline too',
    input: z.strictObject({ id: idSchema }),
    output: coaResultSchema,
  }),
  'radius.rejects.list': op({
    method: 'GET',
    path: '/api/radius/rejects',
    access: readers,
    summary: 'Recent Access-Rejects with their reason, newest first (kept 30 days, at most 100,000)',
    input: z.strictObject({
      username: z.string().trim().max(64).optional(),
      reason: rejectReasonSchema.optional(),
      subscriptionId: idSchema.optional(),
      customerId: idSchema.optional(),
      ...pageQuery,
    }),
    output: listOf(radiusRejectSchema),
  }),
  'radius.authorize': bridge('/api/radius/authorize', 'FreeRADIUS authorize: the password for FreeRADIUS to check and the reply attributes, or a reject'),
  'radius.authenticate': bridge('/api/radius/authenticate', 'FreeRADIUS authenticate (PAP through NOCman): 204 when User-Password is right, else reject'),
  'radius.accounting': bridge('/api/radius/accounting', 'FreeRADIUS accounting: Start, Interim-Update, Stop, Accounting-On/Off → sessions and usage (204)'),
  'radius.postAuth': bridge('/api/radius/post-auth', "FreeRADIUS post-auth: records the accept or the reject (with FreeRADIUS's reason) (204)"),
} as const;
