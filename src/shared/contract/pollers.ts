// Remote pollers: headless `nocman poller` processes at the POPs that ping (and poll over SNMP) the devices assigned
// to them and report to the site in batches. People list, create and revoke them; the pollers themselves fetch their
// assignment and send their batches with their key (header `X-NOCman-Poller-Key`), never with a user session.
import { z } from 'zod';
import { event, idSchema, op } from './define';

export const POLLER_STATES = ['new', 'up', 'down', 'revoked'] as const;
export const pollerStateSchema = z.enum(POLLER_STATES);
export type PollerState = z.infer<typeof pollerStateSchema>;

export const pollerSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  /** The last four characters of the key, to tell keys apart; the key itself is never shown again. */
  keyHint: z.string(),
  /** `new`: never reported; `up`; `down`: silent for longer than allowed; `revoked`: its key is refused. */
  state: pollerStateSchema,
  version: z.string().nullable(),
  hostname: z.string().nullable(),
  lastContactAt: z.string().nullable(),
  /** Sweeps the poller holds on its disk, not yet delivered (as of its last contact). */
  backlog: z.number().int(),
  devices: z.number().int(),
  /** The time of the newest sweep applied, and how long that sweep took at the poller. */
  lastSweepAt: z.string().nullable(),
  sweepMs: z.number().int().nullable(),
  /** From the newest applied sweep's start to its arrival at the site. */
  lagMs: z.number().int().nullable(),
  downSince: z.string().nullable(),
  createdAt: z.string(),
  revokedAt: z.string().nullable(),
});
export type Poller = z.infer<typeof pollerSchema>;

/** A poller key: `npk_` and 43 base64url characters (32 random bytes). */
export const POLLER_KEY = /^npk_[A-Za-z0-9_-]{43}$/;

/** What a poller must watch: its devices with their ping settings, and SNMP where enabled. */
export const assignmentSchema = z.object({
  poller: z.object({ id: z.number().int(), name: z.string() }),
  /** Changes whenever the assignment does: the poller refetches when a batch answer names another. */
  revision: z.string(),
  /** Seconds without a batch after which the site calls the poller down. */
  silenceSec: z.number().int(),
  devices: z.array(
    z.object({
      id: z.number().int(),
      host: z.string(),
      monitored: z.boolean(),
      intervalSec: z.number().int(),
      echoCount: z.number().int(),
      timeoutMs: z.number().int(),
      /** SNMP counters of the monitored interfaces; the community goes only to the poller, over its key. */
      snmp: z
        .object({
          port: z.number().int(), community: z.string(), timeoutMs: z.number().int(), retries: z.number().int(), ifIndexes: z.array(z.number().int()), intervalSec: z.number().int(),
          /** Set while someone asked for the device's interfaces: the poller walks IF-MIB and answers this request in a batch. */
          discoverRequestedAt: z.string().nullable().default(null),
        })
        .nullable(),
    }),
  ),
});
export type PollerAssignment = z.infer<typeof assignmentSchema>;

const ms = z.number().min(0).max(600_000).nullable();
export const pingResultSchema = z.strictObject({
  deviceId: z.number().int().positive(),
  alive: z.boolean(),
  minMs: ms,
  avgMs: ms,
  maxMs: ms,
  lossPct: z.number().min(0).max(100),
});

export const counterReadingSchema = z.strictObject({
  deviceId: z.number().int().positive(),
  at: z.iso.datetime({ offset: true }),
  /** sysUpTime in hundredths of a second; null with `error` when the agent did not answer. */
  uptime: z.number().int().min(0).nullable(),
  counters: z.array(z.strictObject({ ifIndex: z.number().int().positive(), inOctets: z.string().regex(/^\d{1,20}$/), outOctets: z.string().regex(/^\d{1,20}$/) })).max(10_000),
  error: z.string().max(500).nullable(),
});

/** The poller's answer to a discovery request: the interfaces it walked, or what the agent said instead. */
export const discoveryResultSchema = z.strictObject({
  deviceId: z.number().int().positive(),
  /** The request this answers (`discoverRequestedAt` of the assignment): an answer to an older request is ignored. */
  requestedAt: z.string().max(40),
  interfaces: z
    .array(z.strictObject({ ifIndex: z.number().int().positive(), name: z.string().max(255), descr: z.string().max(255), alias: z.string().max(255), speedMbps: z.number().min(0).nullable(), operUp: z.boolean() }))
    .max(10_000),
  error: z.string().max(500).nullable(),
});
export type DiscoveryResult = z.infer<typeof discoveryResultSchema>;

/** One batch: one sweep of the poller (and the SNMP readings taken with it). Sent again until acknowledged. */
export const pollerBatchSchema = z.strictObject({
  /** Chosen by the poller, unique per poller: a batch the site already holds is acknowledged and not applied again. */
  batchId: z.string().min(8).max(80).regex(/^[A-Za-z0-9_.:-]+$/),
  /** When the sweep started, at the poller. */
  at: z.iso.datetime({ offset: true }),
  sweepMs: z.number().int().min(0).max(3_600_000),
  version: z.string().max(40),
  hostname: z.string().max(253),
  /** Batches still waiting on the poller's disk after this one. */
  backlog: z.number().int().min(0),
  results: z.array(pingResultSchema).max(100_000),
  readings: z.array(counterReadingSchema).max(100_000).default([]),
  discovered: z.array(discoveryResultSchema).max(10_000).default([]),
});
export type PollerBatch = z.infer<typeof pollerBatchSchema>;

const admin = ['admin'] as const;
const operators = ['admin', 'technician'] as const;

export const pollersOperations = {
  'pollers.list': op({
    method: 'GET',
    path: '/api/pollers',
    access: operators,
    summary: 'Remote pollers with their state, version, last contact, backlog, devices and sweep latency',
    input: z.strictObject({}),
    output: z.array(pollerSchema),
  }),
  'pollers.create': op({
    method: 'POST',
    path: '/api/pollers',
    access: admin,
    summary: 'Add a poller; its key is in this answer only, never shown again',
    input: z.strictObject({ name: z.string().trim().min(1, { message: 'Required' }).max(80) }),
    output: z.object({ poller: pollerSchema, key: z.string() }),
    successStatus: 201,
  }),
  'pollers.revoke': op({
    method: 'POST',
    path: '/api/pollers/:id/revoke',
    access: admin,
    summary: 'Revoke a poller key: its batches are refused from now on; its devices must be moved to another poller or the site',
    input: z.strictObject({ id: idSchema }),
    output: pollerSchema,
  }),
  'poller.assignment': op({
    method: 'GET',
    path: '/api/poller/assignment',
    access: 'poller',
    summary: 'For a poller (its key): the devices it watches',
    input: z.strictObject({}),
    output: assignmentSchema,
  }),
  'poller.report': op({
    method: 'POST',
    path: '/api/poller/batches',
    access: 'poller',
    summary: 'For a poller (its key): one sweep of results; a batch id already received is acknowledged, not applied twice',
    input: pollerBatchSchema,
    output: z.object({ batchId: z.string(), duplicate: z.boolean(), revision: z.string() }),
  }),
} as const;

export const pollerEvents = {
  'pollers.changed': event({
    access: operators,
    summary: 'A poller was added, revoked, reported, went silent or came back',
    payload: z.object({ id: z.number().int(), state: pollerStateSchema }),
  }),
} as const;
