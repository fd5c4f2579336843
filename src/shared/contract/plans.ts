// Internet plans: speed, price in Rupiah, billing cycle. Admins write, every role reads.
import { z } from 'zod';
import { idSchema, listOf, noContent, op, pageQuery, queryBoolean } from './define';

export const CYCLE_MONTHS = [1, 3, 6, 12] as const;

export const planSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  downloadMbps: z.number().int(),
  uploadMbps: z.number().int(),
  price: z.number().int(),
  cycleMonths: z.number().int(),
  description: z.string(),
  active: z.boolean(),
  subscriptionCount: z.number().int(),
  /** MikroTik burst (RADIUS Mikrotik-Rate-Limit): all four set, or all null for none. */
  burstUpMbps: z.number().int().nullable(),
  burstDownMbps: z.number().int().nullable(),
  burstThresholdMbps: z.number().int().nullable(),
  burstTimeSec: z.number().int().nullable(),
});
export type Plan = z.infer<typeof planSchema>;

const mbps = z.number().int({ message: 'Whole Mbps' }).min(1).max(100_000);
const planFields = {
  name: z.string().trim().min(1, { message: 'Required' }).max(80),
  downloadMbps: mbps,
  uploadMbps: mbps,
  price: z.number().int({ message: 'Whole Rupiah, no decimals' }).min(0).max(1_000_000_000),
  cycleMonths: z
    .number()
    .int()
    .refine((v) => (CYCLE_MONTHS as readonly number[]).includes(v), { message: 'One of 1, 3, 6 or 12 months' }),
  description: z.string().trim().max(500),
  active: z.boolean(),
  burstUpMbps: mbps.nullable(),
  burstDownMbps: mbps.nullable(),
  burstThresholdMbps: mbps.nullable(),
  burstTimeSec: z.number().int({ message: 'Whole seconds' }).min(1).max(3600).nullable(),
};

export const plansOperations = {
  'plans.list': op({
    method: 'GET',
    path: '/api/plans',
    access: 'user',
    summary: 'List plans',
    input: z.strictObject({ search: z.string().trim().max(80).optional(), active: queryBoolean.optional(), ...pageQuery }),
    output: listOf(planSchema),
  }),
  'plans.get': op({
    method: 'GET',
    path: '/api/plans/:id',
    access: 'user',
    summary: 'One plan',
    input: z.strictObject({ id: idSchema }),
    output: planSchema,
  }),
  'plans.create': op({
    method: 'POST',
    path: '/api/plans',
    access: ['admin'],
    summary: 'Create a plan (admin)',
    input: z.strictObject({
      ...planFields,
      description: planFields.description.default(''),
      active: planFields.active.default(true),
      burstUpMbps: planFields.burstUpMbps.default(null),
      burstDownMbps: planFields.burstDownMbps.default(null),
      burstThresholdMbps: planFields.burstThresholdMbps.default(null),
      burstTimeSec: planFields.burstTimeSec.default(null),
    }),
    output: planSchema,
    successStatus: 201,
  }),
  'plans.update': op({
    method: 'PUT',
    path: '/api/plans/:id',
    access: ['admin'],
    summary: 'Change a plan (admin); a price change applies from the next invoice',
    input: z.strictObject({ id: idSchema, ...z.object(planFields).partial().shape }),
    output: planSchema,
  }),
  'plans.delete': op({
    method: 'DELETE',
    path: '/api/plans/:id',
    access: ['admin'],
    summary: 'Delete a plan no subscription has ever used (else CONFLICT: deactivate it)',
    input: z.strictObject({ id: idSchema }),
    output: noContent,
    successStatus: 204,
  }),
} as const;
