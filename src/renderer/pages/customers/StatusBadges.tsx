// Status pills of customers and subscriptions, one colour per status so a list can be scanned at a glance.
import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { CustomerStatus, SubscriptionStatus } from '../../../shared/contract';

/** A pill keeps its whole word even in a squeezed table column. */
const NO_TRUNCATE = { minWidth: 'max-content', overflow: 'visible' } as const;

export const CUSTOMER_STATUS_COLORS: Record<CustomerStatus, string> = {
  pending: 'orange',
  active: 'green',
  suspended: 'red',
  terminated: 'gray',
};

export const SUBSCRIPTION_STATUS_COLORS: Record<SubscriptionStatus, string> = {
  active: 'green',
  suspended: 'red',
  expired: 'orange',
  cancelled: 'gray',
};

export function CustomerStatusBadge({ status, size }: { status: CustomerStatus; size?: 'sm' | 'md' | 'lg' }) {
  const { t } = useTranslation();
  return (
    <Badge color={CUSTOMER_STATUS_COLORS[status]} size={size} style={NO_TRUNCATE} data-testid="customer-status" data-status={status}>
      {t(`customerStatus.${status}`)}
    </Badge>
  );
}

export function SubscriptionStatusBadge({ status }: { status: SubscriptionStatus }) {
  const { t } = useTranslation();
  return (
    <Badge color={SUBSCRIPTION_STATUS_COLORS[status]} style={NO_TRUNCATE} data-testid="subscription-status" data-status={status}>
      {t(`subscriptionStatus.${status}`)}
    </Badge>
  );
}
