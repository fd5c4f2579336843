// Health of the running process: what a load balancer or a script polls.
import { z } from 'zod';
import { emptyInput, op } from './define';

export const DATABASE_STATES = ['ok', 'readonly', 'full', 'corrupt', 'unavailable'] as const;
export const databaseStateSchema = z.enum(DATABASE_STATES);
export type DatabaseState = z.infer<typeof databaseStateSchema>;

/**
 * `database` comes from a real write probe and the last SQLite error seen; anything but `ok` makes `status`
 * `degraded` (still HTTP 200, so the screens can read why and show the banner).
 */
export const healthSchema = z.object({
  status: z.enum(['ok', 'degraded']),
  version: z.string(),
  uptimeSec: z.number(),
  database: databaseStateSchema,
  /** The SQLite error code behind a state other than `ok` (e.g. `SQLITE_READONLY`), and when it was seen. */
  databaseError: z.object({ code: z.string(), at: z.string() }).nullable(),
  /** Seconds between pings of a device created without an interval (the server's PING_INTERVAL). */
  defaultPingIntervalSec: z.number().int(),
  /**
   * The runner lease: which process on this database runs the monitor, the poller and the schedules (`holder`,
   * null while nobody does — between a holder's death and the takeover), and whether it is this one.
   */
  runner: z.object({
    instance: z.string(),
    holding: z.boolean(),
    holder: z
      .object({ id: z.string(), label: z.string(), acquiredAt: z.string(), heartbeatAt: z.string(), expiresAt: z.string() })
      .nullable(),
  }),
});
export type Health = z.infer<typeof healthSchema>;

export const systemOperations = {
  'system.health': op({
    method: 'GET',
    path: '/api/health',
    access: 'public',
    summary: 'Liveness and database check',
    input: emptyInput,
    output: healthSchema,
  }),
} as const;
