// Payments as a dense table; pending rows can be processed, failed or cancelled, completed ones give a receipt PDF.
// Who recorded a payment is under its date and the reference under its method, so the table fits 1366 px.
import { ActionIcon, Anchor, Group, Menu, Table, Text, Tooltip } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Payment } from '../../../shared/contract';
import { formatRupiah } from '../../../shared/money';
import { noc } from '../../api/client';
import { messageOf } from '../../forms/errors';
import { currentLanguage } from '../../i18n';
import { useDateTime } from '../../site';
import { CheckIcon } from '../../ui/icons';
import { TableHeading } from '../../ui/TableHeading';
import { PaymentStatusBadge } from './Badges';
import { openPdf } from './pdf';
import { refreshMoney } from './queries';
import { ReasonModal } from './ReasonModal';

interface Props {
  payments: Payment[];
  /** On an invoice's page the invoice column is left out. */
  showInvoice: boolean;
  onNotice(message: string): void;
  onError(message: string): void;
  testId: string;
}

export function PaymentsTable({ payments, showInvoice, onNotice, onError, testId }: Props) {
  const { t } = useTranslation();
  const dateTime = useDateTime();
  const queryClient = useQueryClient();
  const [cancelling, setCancelling] = useState<Payment | null>(null);
  const [busyId, setBusyId] = useState<number | null>(null);

  const process = async (payment: Payment, outcome: 'completed' | 'failed') => {
    setBusyId(payment.id);
    try {
      await noc.call('payments.process', { id: payment.id, outcome });
      onNotice(t(outcome === 'completed' ? 'payments.processed' : 'payments.failed', { id: payment.id }));
    } catch (error) {
      onError(messageOf(error, t));
    } finally {
      setBusyId(null);
      refreshMoney(queryClient);
    }
  };

  const receipt = async (payment: Payment) => {
    try {
      openPdf(await noc.call('payments.receipt', { id: payment.id, lang: currentLanguage() }), t('downloadName.receipt', { id: payment.id }));
    } catch (error) {
      onError(messageOf(error, t));
    }
  };

  return (
    <>
      <Table.ScrollContainer minWidth={showInvoice ? 900 : 700} type="native">
        <Table striped highlightOnHover withTableBorder horizontalSpacing={8} data-testid={testId}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={50}>#</Table.Th>
              <Table.Th>
                <TableHeading main={t('payments.date')} second={t('payments.receivedBy')} />
              </Table.Th>
              {showInvoice && <Table.Th>{t('payments.invoice')}</Table.Th>}
              {showInvoice && <Table.Th>{t('payments.customer')}</Table.Th>}
              <Table.Th ta="right">{t('payments.amount')}</Table.Th>
              <Table.Th>
                <TableHeading main={t('payments.method')} second={t('payments.reference')} />
              </Table.Th>
              <Table.Th w={110}>{t('payments.status')}</Table.Th>
              <Table.Th w={100} ta="right">
                {t('common.actions')}
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {payments.map((payment) => (
              <Table.Tr key={payment.id} data-testid="payment-row" data-payment-id={payment.id} data-status={payment.status}>
                <Table.Td c="dimmed">{payment.id}</Table.Td>
                <Table.Td>
                  <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
                    {dateTime(payment.paidAt ?? payment.createdAt)}
                  </Text>
                  <Text size="xs" c="dimmed" maw={200} truncate="end" title={payment.receivedBy} data-testid="payment-received-by">
                    {t('payments.recordedBy', { name: payment.receivedBy })}
                  </Text>
                </Table.Td>
                {showInvoice && (
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>
                    <Anchor component={Link} to={`/invoices/${payment.invoiceId}`} size="sm" ff="monospace">
                      {payment.invoiceNumber}
                    </Anchor>
                  </Table.Td>
                )}
                {showInvoice && (
                  <Table.Td>
                    <Anchor component={Link} to={`/customers/${payment.customerId}`} size="sm" truncate="end" display="block" maw={260} title={payment.customerName}>
                      {payment.customerName}
                    </Anchor>
                  </Table.Td>
                )}
                <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
                  <Text size="sm" ff="monospace" data-testid="payment-amount-cell">
                    {formatRupiah(payment.amount)}
                  </Text>
                  {payment.creditedAmount > 0 && (
                    <Text size="xs" c="blue.8" data-testid="payment-credited">
                      {t('payments.credited', { amount: formatRupiah(payment.creditedAmount) })}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>
                  <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
                    {t(`paymentMethod.${payment.method}`)}
                  </Text>
                  <Text size="xs" c="dimmed" ff="monospace" maw={180} truncate="end" title={[payment.reference, payment.note].filter(Boolean).join(' — ') || undefined} data-testid="payment-reference">
                    {payment.reference ?? t('common.none')}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <PaymentStatusBadge status={payment.status} />
                </Table.Td>
                <Table.Td>
                  <Group gap={4} justify="flex-end" wrap="nowrap">
                    {payment.status === 'pending' && (
                      <>
                        <Tooltip label={t('payments.process')} withArrow>
                          <ActionIcon variant="subtle" color="green" loading={busyId === payment.id} onClick={() => void process(payment, 'completed')} aria-label={t('payments.process')} data-testid="payment-process">
                            <CheckIcon />
                          </ActionIcon>
                        </Tooltip>
                        <Menu position="bottom-end" withinPortal>
                          <Menu.Target>
                            <ActionIcon variant="subtle" color="gray" aria-label={t('common.actions')} data-testid="payment-more">
                              ⋯
                            </ActionIcon>
                          </Menu.Target>
                          <Menu.Dropdown>
                            <Menu.Item onClick={() => void process(payment, 'failed')} data-testid="payment-fail">
                              {t('payments.fail')}
                            </Menu.Item>
                            <Menu.Item color="red" onClick={() => setCancelling(payment)} data-testid="payment-cancel">
                              {t('payments.cancel')}
                            </Menu.Item>
                          </Menu.Dropdown>
                        </Menu>
                      </>
                    )}
                    {payment.status === 'completed' && (
                      <Anchor component="button" type="button" size="xs" style={{ whiteSpace: 'nowrap' }} onClick={() => void receipt(payment)} data-testid="payment-receipt">
                        {t('payments.receipt')}
                      </Anchor>
                    )}
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {cancelling && (
        <ReasonModal
          operation="payments.cancel"
          id={cancelling.id}
          title={t('payments.cancelTitle', { id: cancelling.id })}
          label={t('billingFields.reason')}
          confirmLabel={t('payments.cancel')}
          onClose={() => setCancelling(null)}
          onDone={() => {
            onNotice(t('payments.cancelled', { id: cancelling.id }));
            setCancelling(null);
            refreshMoney(queryClient);
          }}
          testId="payment-cancel"
        />
      )}
    </>
  );
}
