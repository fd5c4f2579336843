// Alerts: one open alert per cause, acknowledged and resolved by people or by the system; and their events.
import { z } from 'zod';
import { messageRefSchema } from '../i18n/messages';
import type { Role } from './define';
import { event, idSchema, listOf, op, pageQuery } from './define';

export const ALERT_TYPES = [
  'device_down',
  'device_up',
  'device_flapping',
  'device_degraded',
  'poller_down',
  'payment_due',
  'payment_overdue',
  'subscription_expiring',
  'subscription_expired',
  'customer_suspended',
  'system',
] as const;
export const alertTypeSchema = z.enum(ALERT_TYPES);
export type AlertType = z.infer<typeof alertTypeSchema>;

export const SEVERITIES = ['critical', 'warning', 'info'] as const;
export const severitySchema = z.enum(SEVERITIES);
export type Severity = z.infer<typeof severitySchema>;

export const ALERT_STATUSES = ['open', 'acknowledged', 'resolved'] as const;
export const alertStatusSchema = z.enum(ALERT_STATUSES);
export type AlertStatus = z.infer<typeof alertStatusSchema>;

export const DOMAINS = ['network', 'billing'] as const;
export const domainSchema = z.enum(DOMAINS);
export type Domain = z.infer<typeof domainSchema>;

/** The domain of each alert type: network alerts go to technicians, billing alerts to staff, all to admins. */
export const ALERT_DOMAIN: Record<AlertType, Domain> = {
  device_down: 'network',
  device_up: 'network',
  device_flapping: 'network',
  device_degraded: 'network',
  poller_down: 'network',
  system: 'network',
  payment_due: 'billing',
  payment_overdue: 'billing',
  subscription_expiring: 'billing',
  subscription_expired: 'billing',
  customer_suspended: 'billing',
};

export const ROLE_DOMAINS: Record<Role, readonly Domain[]> = {
  admin: ['network', 'billing'],
  staff: ['billing'],
  technician: ['network'],
};

export const alertSchema = z.object({
  id: z.number().int(),
  type: alertTypeSchema,
  severity: severitySchema,
  status: alertStatusSchema,
  /** What happened, as a message key: each reader renders it in their language. */
  text: messageRefSchema,
  /** `text` in the site language, for REST clients that show it as it is. */
  message: z.string(),
  domain: domainSchema,
  deviceId: z.number().int().nullable(),
  customerId: z.number().int().nullable(),
  subscriptionId: z.number().int().nullable(),
  invoiceId: z.number().int().nullable(),
  firstSeenAt: z.string(),
  lastSeenAt: z.string(),
  count: z.number().int(),
  acknowledgedAt: z.string().nullable(),
  acknowledgedBy: z.string().nullable(),
  ackNote: z.string().nullable(),
  resolvedAt: z.string().nullable(),
  resolvedBy: z.string().nullable(),
  resolveNote: z.string().nullable(),
});
export type Alert = z.infer<typeof alertSchema>;

export const severityCounts = z.object({ critical: z.number().int(), warning: z.number().int(), info: z.number().int() });
export type SeverityCounts = z.infer<typeof severityCounts>;

export const alertStatsSchema = z.object({
  byStatus: z.record(alertStatusSchema, z.number().int()),
  byType: z.record(z.string(), z.number().int()),
  bySeverity: z.record(severitySchema, z.number().int()),
  open: severityCounts,
});

/** Open (unacknowledged) counts by severity, summed over the caller's domains. */
export const statusSummarySchema = z.object({ open: severityCounts, total: z.number().int() });
export type StatusSummary = z.infer<typeof statusSummarySchema>;

const note = z.string().trim().max(500).optional();
const instant = z.iso.datetime({ offset: true, message: 'An ISO-8601 date-time' });

export const alertFilter = z.strictObject({
  /** `unresolved`: open and acknowledged together, what a NOC works through. */
  status: z.enum([...ALERT_STATUSES, 'unresolved']).optional(),
  type: alertTypeSchema.optional(),
  severity: severitySchema.optional(),
  domain: domainSchema.optional(),
  deviceId: idSchema.optional(),
  customerId: idSchema.optional(),
  subscriptionId: idSchema.optional(),
  invoiceId: idSchema.optional(),
  from: instant.optional(),
  to: instant.optional(),
  ...pageQuery,
});

export const alertsOperations = {
  'alerts.list': op({
    method: 'GET',
    path: '/api/alerts',
    access: 'user',
    summary: "Alerts of the caller's domains, newest activity first",
    input: alertFilter,
    output: listOf(alertSchema),
  }),
  'alerts.stats': op({
    method: 'GET',
    path: '/api/alerts/stats',
    access: 'user',
    summary: "Counts by status, type and severity over the caller's domains",
    input: z.strictObject({}),
    output: alertStatsSchema,
  }),
  'alerts.acknowledgeMany': op({
    method: 'PUT',
    path: '/api/alerts/acknowledge',
    access: 'user',
    summary: 'Acknowledge several open alerts at once (or every open info alert with `allInfo`)',
    input: z.strictObject({ ids: z.array(z.number().int().positive()).max(1000).default([]), allInfo: z.boolean().default(false), note }),
    output: z.object({ acknowledged: z.number().int() }),
  }),
  'alerts.get': op({
    method: 'GET',
    path: '/api/alerts/:id',
    access: 'user',
    summary: 'One alert',
    input: z.strictObject({ id: idSchema }),
    output: alertSchema,
  }),
  'alerts.acknowledge': op({
    method: 'PUT',
    path: '/api/alerts/:id/acknowledge',
    access: 'user',
    summary: 'Acknowledge an open alert, with an optional note; it still resolves itself when the cause ends',
    input: z.strictObject({ id: idSchema, note }),
    output: alertSchema,
  }),
  'alerts.resolve': op({
    method: 'PUT',
    path: '/api/alerts/:id/resolve',
    access: 'user',
    summary: 'Resolve an alert by hand',
    input: z.strictObject({ id: idSchema, note }),
    output: alertSchema,
  }),
} as const;

export function visibleTo(role: Role, domain: Domain): boolean {
  return ROLE_DOMAINS[role].includes(domain);
}

export const alertEvents = {
  'alert.created': event({
    access: 'user',
    summary: 'A new alert was raised',
    payload: alertSchema,
    forRole: (alert: Alert, role: Role) => (visibleTo(role, alert.domain) ? alert : null),
  }),
  'alert.updated': event({
    access: 'user',
    summary: 'An alert repeated, was acknowledged or resolved',
    payload: alertSchema,
    forRole: (alert: Alert, role: Role) => (visibleTo(role, alert.domain) ? alert : null),
  }),
  'status.summary': event({
    access: 'user',
    summary: "Open alert counts by severity over the caller's domains",
    payload: z.record(domainSchema, severityCounts),
    forRole: (byDomain: Record<Domain, SeverityCounts>, role: Role): StatusSummary => summarise(byDomain, role),
  }),
} as const;

export function summarise(byDomain: Partial<Record<Domain, SeverityCounts>>, role: Role): StatusSummary {
  const open = { critical: 0, warning: 0, info: 0 };
  for (const domain of ROLE_DOMAINS[role]) {
    const counts = byDomain[domain];
    if (!counts) continue;
    open.critical += counts.critical;
    open.warning += counts.warning;
    open.info += counts.info;
  }
  return { open, total: open.critical + open.warning + open.info };
}
