// Bandwidth from the routers over SNMP v2c: interfaces, their mapping to subscriptions, traffic samples and
// per-customer usage summaries.
import { z } from 'zod';
import { idSchema, op, wholeNumber } from './define';

export const interfaceSchema = z.object({
  deviceId: z.number().int(),
  ifIndex: z.number().int(),
  name: z.string(),
  descr: z.string(),
  alias: z.string(),
  speedMbps: z.number().nullable(),
  operUp: z.boolean(),
  monitored: z.boolean(),
  subscriptionId: z.number().int().nullable(),
});
export type NetworkInterface = z.infer<typeof interfaceSchema>;

/** A device's SNMP settings as they leave the main process: the community is written, never read back. */
export const snmpSettingsSchema = z.object({
  enabled: z.boolean(),
  version: z.literal('2c'),
  port: z.number().int(),
  timeoutMs: z.number().int(),
  retries: z.number().int(),
  communitySet: z.boolean(),
  lastPollAt: z.string().nullable(),
  lastError: z.string().nullable(),
});

export const snmpInputSchema = z.strictObject({
  enabled: z.boolean().default(true),
  port: z.number().int().min(1).max(65535).default(161),
  community: z.string().min(1).max(64).optional(),
  timeoutMs: z.number().int().min(100).max(30_000).default(2000),
  retries: z.number().int().min(0).max(5).default(1),
});

const instant = z.iso.datetime({ offset: true, message: 'An ISO-8601 date-time' });
const readers = ['admin', 'staff', 'technician'] as const;
const operators = ['admin', 'technician'] as const;

export const bandwidthOperations = {
  'interfaces.list': op({
    method: 'GET',
    path: '/api/devices/:id/interfaces',
    access: readers,
    summary: 'Interfaces of a device (from the last discovery)',
    input: z.strictObject({ id: idSchema }),
    output: z.array(interfaceSchema),
  }),
  'interfaces.discover': op({
    method: 'POST',
    path: '/api/devices/:id/interfaces/discover',
    access: operators,
    summary: 'Walk IF-MIB on the device and update its interfaces (their monitoring and mapping stay)',
    input: z.strictObject({ id: idSchema }),
    output: z.array(interfaceSchema),
  }),
  'interfaces.update': op({
    method: 'PUT',
    path: '/api/devices/:id/interfaces/:ifIndex',
    access: operators,
    summary: 'Monitor an interface and assign it to a subscription',
    input: z.strictObject({ id: idSchema, ifIndex: wholeNumber(1, 2_147_483_647), monitored: z.boolean().optional(), subscriptionId: idSchema.nullable().optional() }),
    output: interfaceSchema,
  }),
  'bandwidth.list': op({
    method: 'GET',
    path: '/api/bandwidth',
    access: readers,
    summary: 'Traffic samples by device, interface or customer between from and to; the resolution follows the range',
    input: z.strictObject({ deviceId: idSchema.optional(), ifIndex: wholeNumber(1, 2_147_483_647).optional(), customerId: idSchema.optional(), from: instant, to: instant }),
    output: z.object({
      resolution: z.enum(['raw', '1h', '1d']),
      items: z.array(z.object({ at: z.string(), deviceId: z.number().int(), ifIndex: z.number().int(), ifName: z.string(), inBps: z.number(), outBps: z.number(), inBytes: z.number(), outBytes: z.number() })),
    }),
  }),
  'bandwidth.customerSummary': op({
    method: 'GET',
    path: '/api/bandwidth/customer/:id/summary',
    access: readers,
    summary: "A customer's usage over a period (default: the last 30 days): GB, average, peak, 95th percentile, days over the plan's speed",
    input: z.strictObject({ id: idSchema, from: instant.optional(), to: instant.optional() }),
    output: z.object({
      customerId: z.number().int(),
      from: z.string(),
      to: z.string(),
      interfaces: z.number().int(),
      totalInGB: z.number(),
      totalOutGB: z.number(),
      avgInMbps: z.number(),
      avgOutMbps: z.number(),
      peakInMbps: z.number(),
      peakOutMbps: z.number(),
      p95InMbps: z.number(),
      p95OutMbps: z.number(),
      planDownloadMbps: z.number().nullable(),
      daysOverPlan: z.number().int(),
    }),
  }),
  'bandwidth.top': op({
    method: 'GET',
    path: '/api/bandwidth/top',
    access: readers,
    summary: 'Top talkers: interfaces by traffic between from and to (default the last hour), with the throughput now',
    input: z.strictObject({ from: instant.optional(), to: instant.optional(), limit: wholeNumber(1, 100).default(10) }),
    output: z.object({
      totalInBps: z.number(),
      totalOutBps: z.number(),
      items: z.array(z.object({ deviceId: z.number().int(), deviceName: z.string(), ifIndex: z.number().int(), ifName: z.string(), subscriptionId: z.number().int().nullable(), customerName: z.string().nullable(), inBytes: z.number(), outBytes: z.number(), inBps: z.number(), outBps: z.number() })),
    }),
  }),
  'bandwidth.report': op({
    method: 'GET',
    path: '/api/bandwidth/report',
    access: readers,
    summary: 'Usage per customer for a month (YYYY-MM): GB, peak, 95th percentile, days over the plan',
    input: z.strictObject({ month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, { message: 'A month written YYYY-MM' }) }),
    output: z.array(z.object({ customerId: z.number().int(), code: z.string(), name: z.string(), planDownloadMbps: z.number().nullable(), totalInGB: z.number(), totalOutGB: z.number(), peakOutMbps: z.number(), p95OutMbps: z.number(), daysOverPlan: z.number().int() })),
  }),
  'bandwidth.reportCsv': op({
    method: 'GET',
    path: '/api/bandwidth/report/export',
    access: readers,
    summary: 'The monthly usage report as CSV',
    input: z.strictObject({ month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, { message: 'A month written YYYY-MM' }) }),
    output: z.string(),
    responseType: 'csv',
  }),
  'bandwidth.poll': op({
    method: 'POST',
    path: '/api/bandwidth/poll',
    access: operators,
    summary: 'Poll every monitored interface now',
    input: z.strictObject({}),
    output: z.object({ devices: z.number().int(), interfaces: z.number().int(), failed: z.number().int(), durationMs: z.number() }),
  }),
} as const;
