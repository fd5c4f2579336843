// The subscription entity: a customer on a plan with its current billing period.
import { EntitySchema } from 'typeorm';
import type { SubscriptionStatus } from '../../../../shared/contract';

export interface SubscriptionRow {
  id: number;
  customerId: number;
  planId: number;
  startDate: string;
  billingAnchorDay: number;
  currentPeriodStart: string;
  currentPeriodEnd: string;
  autoRenew: boolean;
  status: SubscriptionStatus;
  priceOverride: number | null;
  overrideReason: string | null;
  serviceNote: string;
  createdAt: string;
  updatedAt: string;
  deletedAt: string | null;
}

export const SubscriptionEntity = new EntitySchema<SubscriptionRow>({
  name: 'Subscription',
  tableName: 'subscription',
  columns: {
    id: { type: 'integer', primary: true, generated: 'increment' },
    customerId: { type: 'integer', name: 'customer_id' },
    planId: { type: 'integer', name: 'plan_id' },
    startDate: { type: 'varchar', name: 'start_date' },
    billingAnchorDay: { type: 'integer', name: 'billing_anchor_day' },
    currentPeriodStart: { type: 'varchar', name: 'current_period_start' },
    currentPeriodEnd: { type: 'varchar', name: 'current_period_end' },
    autoRenew: { type: 'boolean', name: 'auto_renew' },
    status: { type: 'varchar' },
    priceOverride: { type: 'integer', name: 'price_override', nullable: true },
    overrideReason: { type: 'varchar', name: 'override_reason', nullable: true },
    serviceNote: { type: 'text', name: 'service_note' },
    createdAt: { type: 'varchar', name: 'created_at' },
    updatedAt: { type: 'varchar', name: 'updated_at' },
    deletedAt: { type: 'varchar', name: 'deleted_at', nullable: true },
  },
});
