// Subscriptions: a customer on a plan, with its current billing period, status and service note.
import { z } from 'zod';
import { isIsoDate } from '../dates';
import { idSchema, listOf, noContent, op, pageQuery, queryBoolean, wholeNumber } from './define';
import { reasonSchema } from './customers';

export const SUBSCRIPTION_STATUSES = ['active', 'suspended', 'expired', 'cancelled'] as const;
export const subscriptionStatusSchema = z.enum(SUBSCRIPTION_STATUSES);
export type SubscriptionStatus = z.infer<typeof subscriptionStatusSchema>;

/** Manual status changes; `expired` is set by the billing scheduler at period end. */
export const SUBSCRIPTION_TRANSITIONS: Record<SubscriptionStatus, readonly SubscriptionStatus[]> = {
  active: ['suspended', 'cancelled'],
  suspended: ['active', 'cancelled'],
  expired: ['cancelled'],
  cancelled: [],
};

export const isoDateSchema = z.string().refine(isIsoDate, { message: 'A date written YYYY-MM-DD' });

export const subscriptionSchema = z.object({
  id: z.number().int(),
  customerId: z.number().int(),
  customerCode: z.string(),
  customerName: z.string(),
  planId: z.number().int(),
  planName: z.string(),
  startDate: z.string(),
  billingAnchorDay: z.number().int(),
  currentPeriodStart: z.string(),
  currentPeriodEnd: z.string(),
  autoRenew: z.boolean(),
  status: subscriptionStatusSchema,
  /** What the customer pays per cycle: the override if set, else the plan's price. */
  price: z.number().int(),
  priceOverride: z.number().int().nullable(),
  overrideReason: z.string().nullable(),
  serviceNote: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Subscription = z.infer<typeof subscriptionSchema>;

const priceOverride = z.number().int({ message: 'Whole Rupiah, no decimals' }).min(0).max(1_000_000_000).nullable();
const anchorDay = z.number().int().min(1).max(28, { message: 'Day 1 to 28, so every month has it' });

function overrideNeedsReason(value: { priceOverride?: number | null; overrideReason?: string | null }, ctx: z.RefinementCtx) {
  if (value.priceOverride !== undefined && value.priceOverride !== null && !value.overrideReason) {
    ctx.addIssue({ code: 'custom', path: ['overrideReason'], message: 'Say why the price differs from the plan' });
  }
}

export const subscriptionsOperations = {
  'subscriptions.list': op({
    method: 'GET',
    path: '/api/subscriptions',
    access: 'user',
    summary: 'List subscriptions: search customer name, phone, code, plan, PPPoE username; filter by customer, plan, status, or non-renewing ones expiring within N days',
    input: z.strictObject({
      /** Customer name, phone or code, plan name, or PPPoE/hotspot username. */
      search: z.string().trim().max(120).optional(),
      customerId: idSchema.optional(),
      planId: idSchema.optional(),
      status: subscriptionStatusSchema.optional(),
      autoRenew: queryBoolean.optional(),
      expiringWithinDays: wholeNumber(0, 366).optional(),
      ...pageQuery,
    }),
    output: listOf(subscriptionSchema),
  }),
  'subscriptions.get': op({
    method: 'GET',
    path: '/api/subscriptions/:id',
    access: 'user',
    summary: 'One subscription',
    input: z.strictObject({ id: idSchema }),
    output: subscriptionSchema,
  }),
  'subscriptions.create': op({
    method: 'POST',
    path: '/api/subscriptions',
    access: ['admin', 'staff'],
    summary: 'Subscribe a customer to a plan; its first period runs to the day before the billing anchor day',
    input: z
      .strictObject({
        customerId: idSchema,
        planId: idSchema,
        startDate: isoDateSchema,
        billingAnchorDay: anchorDay.optional(),
        autoRenew: z.boolean().default(true),
        priceOverride: priceOverride.default(null),
        overrideReason: z.string().trim().max(300).nullable().default(null),
        serviceNote: z.string().trim().max(1000).default(''),
      })
      .superRefine(overrideNeedsReason),
    output: subscriptionSchema,
    successStatus: 201,
  }),
  'subscriptions.update': op({
    method: 'PUT',
    path: '/api/subscriptions/:id',
    access: ['admin', 'staff'],
    summary: 'Change plan (takes effect now; billing prorates), auto-renew, price override or service note',
    input: z
      .strictObject({
        id: idSchema,
        planId: idSchema.optional(),
        autoRenew: z.boolean().optional(),
        priceOverride: priceOverride.optional(),
        overrideReason: z.string().trim().max(300).nullable().optional(),
        serviceNote: z.string().trim().max(1000).optional(),
      })
      .superRefine(overrideNeedsReason),
    output: subscriptionSchema,
  }),
  'subscriptions.setStatus': op({
    method: 'PUT',
    path: '/api/subscriptions/:id/status',
    access: ['admin', 'staff'],
    summary: 'Suspend, resume or cancel a subscription, with a reason',
    input: z.strictObject({ id: idSchema, status: subscriptionStatusSchema, reason: reasonSchema }),
    output: subscriptionSchema,
  }),
  'subscriptions.delete': op({
    method: 'DELETE',
    path: '/api/subscriptions/:id',
    access: ['admin'],
    summary: 'Soft-delete a subscription entered by mistake (admin); its history stays',
    input: z.strictObject({ id: idSchema }),
    output: noContent,
    successStatus: 204,
  }),
} as const;
