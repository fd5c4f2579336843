// Status pills of invoices and payments: overdue red, partial orange, paid green, unpaid blue, void struck-through grey.
import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { InvoiceStatus, PaymentStatus } from '../../../shared/contract';

const NO_TRUNCATE = { minWidth: 'max-content', overflow: 'visible' } as const;

export const INVOICE_STATUS_COLORS: Record<InvoiceStatus, string> = {
  unpaid: 'blue',
  partial: 'orange',
  paid: 'green',
  overdue: 'red',
  void: 'gray',
};

export const PAYMENT_STATUS_COLORS: Record<PaymentStatus, string> = {
  pending: 'orange',
  completed: 'green',
  failed: 'red',
  cancelled: 'gray',
};

export function InvoiceStatusBadge({ status, size }: { status: InvoiceStatus; size?: 'sm' | 'md' | 'lg' }) {
  const { t } = useTranslation();
  return (
    <Badge
      color={INVOICE_STATUS_COLORS[status]}
      variant={status === 'overdue' ? 'filled' : 'light'}
      size={size}
      td={status === 'void' ? 'line-through' : undefined}
      style={NO_TRUNCATE}
      data-testid="invoice-status"
      data-status={status}
    >
      {t(`invoiceStatus.${status}`)}
    </Badge>
  );
}

export function PaymentStatusBadge({ status }: { status: PaymentStatus }) {
  const { t } = useTranslation();
  return (
    <Badge color={PAYMENT_STATUS_COLORS[status]} style={NO_TRUNCATE} data-testid="payment-status" data-status={status}>
      {t(`paymentStatus.${status}`)}
    </Badge>
  );
}
