// The dashboard's figures: each role gets the parts it may see (staff billing, technicians network, admins all).
import { z } from 'zod';
import { op } from './define';
import { statusSummarySchema } from './alerts';

export const dashboardStatsSchema = z.object({
  alerts: statusSummarySchema,
  billing: z
    .object({
      money: z.object({
        revenueThisMonth: z.number().int(),
        outstanding: z.number().int(),
        overdueAmount: z.number().int(),
        overdueCount: z.number().int(),
        collectedToday: z.number().int(),
        paymentsToday: z.number().int(),
      }),
      customers: z.object({ total: z.number().int(), pending: z.number().int(), active: z.number().int(), suspended: z.number().int(), terminated: z.number().int() }),
      subscriptions: z.object({ active: z.number().int(), suspended: z.number().int(), expiringIn7Days: z.number().int() }),
      plans: z.object({ active: z.number().int() }),
    })
    .nullable(),
  /** Devices by status, current outages with their affected customers, worst latency (network roles). */
  network: z
    .object({
      total: z.number().int(),
      byStatus: z.record(z.string(), z.number().int()),
      byType: z.record(z.string(), z.number().int()),
      outages: z.array(z.object({ deviceId: z.number().int(), name: z.string(), since: z.string(), affectedCustomers: z.number().int() })),
      worstLatency: z.array(z.object({ deviceId: z.number().int(), name: z.string(), avgMs: z.number() })),
    })
    .nullable(),
  users: z.object({ total: z.number().int(), active: z.number().int() }).nullable(),
  /** Admins only: the newest verified backup and whether the schedule is keeping up. */
  backups: z
    .object({ lastVerifiedAt: z.string().nullable(), lastVerifiedId: z.string().nullable(), lastFailedAt: z.string().nullable(), enabled: z.boolean() })
    .nullable(),
});
export type DashboardStats = z.infer<typeof dashboardStatsSchema>;

export const dashboardOperations = {
  'dashboard.stats': op({
    method: 'GET',
    path: '/api/dashboard/stats',
    access: 'user',
    summary: "The dashboard's figures, limited to the caller's part",
    input: z.strictObject({}),
    output: dashboardStatsSchema,
  }),
} as const;
