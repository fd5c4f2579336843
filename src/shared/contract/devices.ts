// Network devices, the ping monitor, network logs, latency history, maintenance windows and outages.
import { z } from 'zod';
import { snmpInputSchema, snmpSettingsSchema } from './bandwidth';
import { messageRefSchema } from '../i18n/messages';
import { customerStatusSchema } from './customers';
import { event, idSchema, listOf, noContent, op, pageQuery, queryBoolean, wholeNumber } from './define';

export const DEVICE_TYPES = ['router', 'switch', 'access_point', 'olt', 'server', 'cpe', 'other'] as const;
export const deviceTypeSchema = z.enum(DEVICE_TYPES);
export type DeviceType = z.infer<typeof deviceTypeSchema>;

export const DEVICE_STATUSES = ['online', 'offline', 'unreachable', 'maintenance', 'unknown'] as const;
export const deviceStatusSchema = z.enum(DEVICE_STATUSES);
export type DeviceStatus = z.infer<typeof deviceStatusSchema>;

/** Core devices: when one goes down many customers lose service, so its alert is critical. */
export const CRITICAL_DEVICE_TYPES: readonly DeviceType[] = ['router', 'switch', 'olt', 'server'];

const HOSTNAME = /^(?=.{1,253}$)([a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)(\.[a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*$/;
const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;
const IPV6 = /^[0-9a-fA-F:]+(%[\w.]+)?$/;

export function isHost(value: string): boolean {
  if (IPV4.test(value)) return true;
  if (value.includes(':')) return IPV6.test(value) && value.split(':').length >= 3;
  return HOSTNAME.test(value) && !/^[\d.]+$/.test(value);
}

export const hostSchema = z.string().trim().min(1, { message: 'Required' }).max(253).refine(isHost, { message: 'An IP address or a host name' });

export const deviceSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  type: deviceTypeSchema,
  host: z.string(),
  location: z.string(),
  /** Where it stands, for the map; both or neither. */
  latitude: z.number().nullable(),
  longitude: z.number().nullable(),
  parentId: z.number().int().nullable(),
  monitored: z.boolean(),
  intervalSec: z.number().int(),
  echoCount: z.number().int(),
  timeoutMs: z.number().int(),
  failThreshold: z.number().int(),
  latencyWarnMs: z.number().nullable(),
  lossWarnPct: z.number().nullable(),
  /** `unknown` while the device's poller is down (statusReason `pollerDown`), whatever it last reported. */
  status: deviceStatusSchema,
  statusReason: z.enum(['pollerDown']).nullable(),
  statusSince: z.string().nullable(),
  /** The remote poller that watches it; null: the site itself. */
  pollerId: z.number().int().nullable(),
  pollerName: z.string().nullable(),
  lastCheckAt: z.string().nullable(),
  lastLatencyMs: z.object({ min: z.number(), avg: z.number(), max: z.number() }).nullable(),
  lastLossPct: z.number().nullable(),
  subscriptionIds: z.array(z.number().int()),
  /** SNMP v2c for bandwidth; null until configured. */
  snmp: snmpSettingsSchema.nullable(),
  notes: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Device = z.infer<typeof deviceSchema>;

const deviceFields = {
  name: z.string().trim().min(1, { message: 'Required' }).max(120),
  type: deviceTypeSchema,
  host: hostSchema,
  location: z.string().trim().max(200),
  latitude: z.number().min(-90, { message: 'Between -90 and 90' }).max(90, { message: 'Between -90 and 90' }).nullable(),
  longitude: z.number().min(-180, { message: 'Between -180 and 180' }).max(180, { message: 'Between -180 and 180' }).nullable(),
  parentId: idSchema.nullable(),
  pollerId: idSchema.nullable(),
  subscriptionIds: z.array(z.number().int().positive()).max(5000),
  monitored: z.boolean(),
  intervalSec: z.number().int().min(10).max(3600),
  echoCount: z.number().int().min(1).max(10),
  timeoutMs: z.number().int().min(100).max(10_000),
  failThreshold: z.number().int().min(1).max(20),
  latencyWarnMs: z.number().min(1).max(60_000).nullable(),
  lossWarnPct: z.number().min(1).max(100).nullable(),
  notes: z.string().trim().max(2000),
  snmp: snmpInputSchema,
};

export const maintenanceSchema = z.object({
  id: z.number().int(),
  deviceId: z.number().int(),
  startsAt: z.string(),
  endsAt: z.string(),
  reason: z.string(),
  createdBy: z.string(),
});
export type MaintenanceWindow = z.infer<typeof maintenanceSchema>;

/** What a device log line records: a status change, a manual check, an SNMP poll failure. */
export const DEVICE_LOG_EVENTS = ['status', 'check', 'snmp', 'poller'] as const;
export const deviceLogEventSchema = z.enum(DEVICE_LOG_EVENTS);

export const deviceLogSchema = z.object({
  at: z.string(),
  event: z.string(),
  /** The line as a message key, rendered in the reader's language. */
  text: messageRefSchema,
  /** `text` in the site language, for REST clients. */
  message: z.string(),
  latencyMs: z.number().nullable(),
  lossPct: z.number().nullable(),
});
export type DeviceLogEntry = z.infer<typeof deviceLogSchema>;

/** A line of the network-wide event log: a device log line with the device it belongs to. */
export const networkEventSchema = deviceLogSchema.extend({
  id: z.number().int(),
  deviceId: z.number().int(),
  deviceName: z.string(),
  deviceHost: z.string(),
  deviceType: deviceTypeSchema,
  /** The status a `status` line changed to; null for other lines. */
  status: deviceStatusSchema.nullable(),
});
export type NetworkEvent = z.infer<typeof networkEventSchema>;

export const sweepResultSchema = z.object({
  checked: z.number().int(),
  online: z.number().int(),
  offline: z.number().int(),
  unreachable: z.number().int(),
  durationMs: z.number(),
});

export const AVAILABILITY_WINDOWS = ['24h', '7d', '30d'] as const;
export const availabilitySchema = z.object({
  window: z.enum(AVAILABILITY_WINDOWS),
  from: z.string(),
  to: z.string(),
  /** up / (up + down) in percent, truncated to two decimals; null when the device was neither up nor down. */
  pct: z.number().nullable(),
  upSec: z.number().int(),
  downSec: z.number().int(),
  /** Unreachable (parent down), maintenance and unknown time: counted neither up nor down. */
  excludedSec: z.number().int(),
});
export type Availability = z.infer<typeof availabilitySchema>;

/** One check as the heartbeat strip shows it. */
export const HEARTBEAT_KINDS = ['up', 'degraded', 'down', 'unknown'] as const;
export const heartbeatSchema = z.object({
  at: z.string(),
  kind: z.enum(HEARTBEAT_KINDS),
  latencyMs: z.number().nullable(),
  lossPct: z.number(),
});
export type Heartbeat = z.infer<typeof heartbeatSchema>;

export const MAP_DEVICE_STATES = ['up', 'degraded', 'down', 'unknown', 'maintenance'] as const;
export const mapSchema = z.object({
  devices: z.array(
    z.object({ id: z.number().int(), name: z.string(), type: deviceTypeSchema, host: z.string(), state: z.enum(MAP_DEVICE_STATES), latitude: z.number(), longitude: z.number() }),
  ),
  customers: z.array(
    z.object({
      id: z.number().int(),
      code: z.string(),
      name: z.string(),
      status: customerStatusSchema,
      /** Served by a device that is down now. */
      affected: z.boolean(),
      latitude: z.number(),
      longitude: z.number(),
    }),
  ),
});
export type MapPoints = z.infer<typeof mapSchema>;

const instant = z.iso.datetime({ offset: true, message: 'An ISO-8601 date-time' });
const readers = ['admin', 'staff', 'technician'] as const;
const operators = ['admin', 'technician'] as const;

export const devicesOperations = {
  'devices.list': op({
    method: 'GET',
    path: '/api/devices',
    access: readers,
    summary: 'Devices by search (name, host, location), type, status, location, parent, who monitors them (`site` or a poller id)',
    input: z.strictObject({
      search: z.string().trim().max(120).optional(),
      type: deviceTypeSchema.optional(),
      status: deviceStatusSchema.optional(),
      location: z.string().trim().max(200).optional(),
      parentId: idSchema.optional(),
      /** `site`: the devices this NOCman pings itself; a poller's id: the devices that poller watches. */
      monitoredBy: z.union([z.literal('site'), idSchema]).optional(),
      monitored: queryBoolean.optional(),
      ...pageQuery,
      pageSize: wholeNumber(1, 5000).default(200),
    }),
    output: listOf(deviceSchema),
  }),
  'devices.stats': op({
    method: 'GET',
    path: '/api/devices/stats',
    access: readers,
    summary: 'Devices by status and type, current outages with their affected customers, worst latency',
    input: z.strictObject({}),
    output: z.object({
      total: z.number().int(),
      byStatus: z.record(deviceStatusSchema, z.number().int()),
      byType: z.record(z.string(), z.number().int()),
      outages: z.array(z.object({ deviceId: z.number().int(), name: z.string(), since: z.string(), affectedCustomers: z.number().int() })),
      worstLatency: z.array(z.object({ deviceId: z.number().int(), name: z.string(), avgMs: z.number() })),
    }),
  }),
  'devices.events': op({
    method: 'GET',
    path: '/api/devices/events',
    access: operators,
    summary: 'The network-wide event log: log lines of all devices, newest first, by device, event, new status and time',
    input: z.strictObject({
      deviceId: idSchema.optional(),
      event: deviceLogEventSchema.optional(),
      status: deviceStatusSchema.optional(),
      from: instant.optional(),
      to: instant.optional(),
      ...pageQuery,
    }),
    output: listOf(networkEventSchema),
  }),
  'devices.get': op({ method: 'GET', path: '/api/devices/:id', access: readers, summary: 'One device', input: z.strictObject({ id: idSchema }), output: deviceSchema }),
  'devices.create': op({
    method: 'POST',
    path: '/api/devices',
    access: operators,
    summary: 'Add a device (monitoring defaults: PING_INTERVAL, 3 echoes, 1 s timeout, 3 failures before down)',
    input: z.strictObject({
      ...deviceFields,
      location: deviceFields.location.default(''),
      latitude: deviceFields.latitude.default(null),
      longitude: deviceFields.longitude.default(null),
      parentId: deviceFields.parentId.default(null),
      pollerId: deviceFields.pollerId.default(null),
      subscriptionIds: deviceFields.subscriptionIds.default([]),
      monitored: deviceFields.monitored.default(true),
      intervalSec: deviceFields.intervalSec.optional(),
      echoCount: deviceFields.echoCount.default(3),
      timeoutMs: deviceFields.timeoutMs.default(1000),
      failThreshold: deviceFields.failThreshold.default(3),
      latencyWarnMs: deviceFields.latencyWarnMs.default(null),
      lossWarnPct: deviceFields.lossWarnPct.default(null),
      notes: deviceFields.notes.default(''),
      snmp: deviceFields.snmp.optional(),
    }),
    output: deviceSchema,
    successStatus: 201,
  }),
  'devices.update': op({
    method: 'PUT',
    path: '/api/devices/:id',
    access: operators,
    summary: 'Change a device; a parent that would make a loop is refused',
    input: z.strictObject({ id: idSchema, ...z.object(deviceFields).partial().shape }),
    output: deviceSchema,
  }),
  'devices.delete': op({
    method: 'DELETE',
    path: '/api/devices/:id',
    access: ['admin'],
    summary: 'Delete a device (admin); its children move up to its parent, its log and samples go',
    input: z.strictObject({ id: idSchema }),
    output: noContent,
    successStatus: 204,
  }),
  'devices.logs': op({
    method: 'GET',
    path: '/api/devices/:id/logs',
    access: readers,
    summary: 'The network log of a device: status changes, manual checks, errors; newest first',
    input: z.strictObject({ id: idSchema, ...pageQuery }),
    output: listOf(deviceLogSchema),
  }),
  'devices.check': op({
    method: 'POST',
    path: '/api/devices/:id/check',
    access: operators,
    summary: 'Ping a device now',
    input: z.strictObject({ id: idSchema }),
    output: z.object({ reachable: z.boolean(), latencyMs: z.number().nullable(), lossPct: z.number(), status: deviceStatusSchema }),
  }),
  'devices.latency': op({
    method: 'GET',
    path: '/api/devices/:id/latency',
    access: readers,
    summary: 'Latency and loss between from and to; raw samples up to 2 days, 5-minute rollups up to 31 days, hourly beyond',
    input: z.strictObject({ id: idSchema, from: instant, to: instant }),
    output: z.object({
      resolution: z.enum(['raw', '5m', '1h']),
      points: z.array(z.object({ at: z.string(), min: z.number().nullable(), avg: z.number().nullable(), max: z.number().nullable(), lossPct: z.number() })),
    }),
  }),
  'devices.availability': op({
    method: 'GET',
    path: '/api/devices/:id/availability',
    access: readers,
    summary: 'Availability over 24 h, 7 d and 30 d from the state history: up / (up + down); unreachable, maintenance and unknown time excluded',
    input: z.strictObject({ id: idSchema }),
    output: z.array(availabilitySchema),
  }),
  'devices.availabilityList': op({
    method: 'GET',
    path: '/api/devices/availability',
    access: readers,
    summary: 'Availability of every device over one window (24h, 7d or 30d)',
    input: z.strictObject({ window: z.enum(AVAILABILITY_WINDOWS).default('24h') }),
    output: z.array(z.object({ deviceId: z.number().int(), pct: z.number().nullable() })),
  }),
  'devices.heartbeat': op({
    method: 'GET',
    path: '/api/devices/:id/heartbeat',
    access: readers,
    summary: 'The last checks of a device, oldest first: up, degraded (over its latency or loss threshold), down, unknown (parent down, maintenance)',
    input: z.strictObject({ id: idSchema, limit: wholeNumber(1, 200).default(50) }),
    output: z.array(heartbeatSchema),
  }),
  'devices.map': op({
    method: 'GET',
    path: '/api/map',
    access: readers,
    summary: 'Devices and customers that have coordinates, with their state, for the map',
    input: z.strictObject({}),
    output: mapSchema,
  }),
  'devices.customers': op({
    method: 'GET',
    path: '/api/devices/:id/customers',
    access: readers,
    summary: 'Customers served by the device directly or through its children',
    input: z.strictObject({ id: idSchema }),
    output: z.array(z.object({ customerId: z.number().int(), code: z.string(), name: z.string(), phone: z.string(), subscriptionId: z.number().int(), viaDeviceId: z.number().int() })),
  }),
  'devices.maintenance': op({
    method: 'GET',
    path: '/api/devices/:id/maintenance',
    access: readers,
    summary: 'Maintenance windows of a device, newest first',
    input: z.strictObject({ id: idSchema }),
    output: z.array(maintenanceSchema),
  }),
  'devices.addMaintenance': op({
    method: 'POST',
    path: '/api/devices/:id/maintenance',
    access: operators,
    summary: 'Plan a maintenance window: no alerts for the device (and its children) while it lasts',
    input: z
      .strictObject({ id: idSchema, startsAt: instant, endsAt: instant, reason: z.string().trim().min(3, { message: 'Give a reason' }).max(300) })
      .refine((w) => Date.parse(w.endsAt) > Date.parse(w.startsAt), { path: ['endsAt'], message: 'Must be after the start' }),
    output: maintenanceSchema,
    successStatus: 201,
  }),
  'devices.removeMaintenance': op({
    method: 'DELETE',
    path: '/api/maintenance/:id',
    access: operators,
    summary: 'Cancel a maintenance window',
    input: z.strictObject({ id: idSchema }),
    output: noContent,
    successStatus: 204,
  }),
  'monitor.sweep': op({
    method: 'POST',
    path: '/api/monitor/sweep',
    access: operators,
    summary: 'Check every monitored device now',
    input: z.strictObject({}),
    output: sweepResultSchema,
  }),
} as const;

export const deviceEvents = {
  'device.status': event({
    access: ['admin', 'staff', 'technician'],
    summary: 'A device changed status',
    payload: z.object({ id: z.number().int(), name: z.string(), status: deviceStatusSchema, previous: deviceStatusSchema, at: z.string() }),
  }),
  'monitor.sweep': event({ access: ['admin', 'staff', 'technician'], summary: 'A sweep finished', payload: sweepResultSchema }),
  'device.logged': event({
    access: ['admin', 'staff', 'technician'],
    summary: 'Devices got new log lines (a status change, a manual check): device pages and the event log refetch',
    payload: z.object({ deviceIds: z.array(z.number().int()), at: z.string() }),
  }),
} as const;
