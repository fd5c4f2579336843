// One invoice: number and status, customer, period and dates, the lines with PPN and balance, its payments,
// and the actions (record a payment, open the PDF, void for an admin).
import { Anchor, Button, Center, Loader, Paper, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { Invoice } from '../../../shared/contract';
import { AppError } from '../../../shared/errors';
import { formatRupiah } from '../../../shared/money';
import { noc } from '../../api/client';
import { messageOf } from '../../forms/errors';
import { FormAlert } from '../../forms/FormAlert';
import { useMay } from '../../frame/permissions';
import { formatPercent } from '../../format';
import { currentLanguage } from '../../i18n';
import { useBusinessDate, useLanguage, useMessage } from '../../site';
import { DetailField, DetailHeader } from '../../ui/DetailHeader';
import { Notice } from '../../ui/Notice';
import { InvoiceStatusBadge } from './Badges';
import { PaymentModal } from './PaymentModal';
import { PaymentsTable } from './PaymentsTable';
import { openPdf, pdfNameOf } from './pdf';
import { refreshMoney, useInvoice, usePaymentsList } from './queries';
import { ReasonModal } from './ReasonModal';

function TotalRow({ label, value, strong, color, testId }: { label: string; value: number; strong?: boolean; color?: string; testId: string }) {
  return (
    <Table.Tr>
      <Table.Td colSpan={2} ta="right" fw={strong ? 600 : undefined} c="dimmed">
        {label}
      </Table.Td>
      <Table.Td ta="right" ff="monospace" fw={strong ? 700 : undefined} c={color} style={{ whiteSpace: 'nowrap' }} data-testid={testId}>
        {formatRupiah(value)}
      </Table.Td>
    </Table.Tr>
  );
}

function LinesCard({ invoice }: { invoice: Invoice }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const lineText = useMessage();
  const credit = invoice.lines.filter((line) => line.kind === 'credit');
  const charges = invoice.lines.filter((line) => line.kind !== 'credit');
  return (
    <Paper withBorder p="md" bg="white">
      <Title order={5} mb="sm">
        {t('invoices.lines')}
      </Title>
      <Table withTableBorder data-testid="invoice-lines">
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={140}>{t('invoices.lines')}</Table.Th>
            <Table.Th>{t('billingFields.description')}</Table.Th>
            <Table.Th ta="right" w={160}>
              {t('invoices.amount')}
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {charges.map((line, index) => (
            <Table.Tr key={index} data-testid="invoice-line" data-kind={line.kind}>
              <Table.Td c="dimmed" style={{ whiteSpace: 'nowrap' }}>
                {t(`lineKind.${line.kind}`)}
              </Table.Td>
              <Table.Td data-testid="invoice-line-text">{lineText(line.text)}</Table.Td>
              <Table.Td ta="right" ff="monospace" style={{ whiteSpace: 'nowrap' }}>
                {formatRupiah(line.amount)}
              </Table.Td>
            </Table.Tr>
          ))}
          <TotalRow label={t('invoices.subtotal')} value={invoice.subtotal} testId="invoice-subtotal" />
          <TotalRow label={t('invoices.tax', { rate: formatPercent(invoice.taxRate, language) })} value={invoice.tax} testId="invoice-tax" />
          <TotalRow label={t('invoices.total')} value={invoice.total} strong testId="invoice-total" />
          {credit.map((line, index) => (
            <TotalRow key={`credit-${index}`} label={lineText(line.text)} value={line.amount} color="blue.8" testId="invoice-credit-line" />
          ))}
          <TotalRow label={t('invoices.paid')} value={invoice.amountPaid} testId="invoice-paid" />
          <TotalRow label={t('invoices.balance')} value={invoice.balance} strong color={invoice.balance > 0 ? (invoice.status === 'overdue' ? 'red.8' : undefined) : 'green.8'} testId="invoice-balance" />
        </Table.Tbody>
      </Table>
    </Paper>
  );
}

export function InvoiceDetailPage() {
  const { t } = useTranslation();
  const params = useParams();
  const queryClient = useQueryClient();
  const may = useMay();
  const date = useBusinessDate();
  const id = Number(params['id']);
  const invoiceQuery = useInvoice(id);
  const payments = usePaymentsList({ invoiceId: id, page: 1, pageSize: 100 });
  const [dialog, setDialog] = useState<'pay' | 'void' | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [opening, setOpening] = useState(false);

  if (invoiceQuery.isPending) {
    return (
      <Center py="xl">
        <Loader size="sm" />
      </Center>
    );
  }
  if (invoiceQuery.isError) {
    const gone = invoiceQuery.error instanceof AppError && invoiceQuery.error.code === 'NOT_FOUND';
    return (
      <Stack gap="sm" maw={600}>
        <FormAlert message={gone ? t('invoices.notFound') : messageOf(invoiceQuery.error, t)} testId="invoice-error" />
        <Anchor component={Link} to="/invoices" size="sm">
          ← {t('invoices.back')}
        </Anchor>
      </Stack>
    );
  }
  const invoice = invoiceQuery.data;
  const payable = invoice.status === 'unpaid' || invoice.status === 'partial' || invoice.status === 'overdue';
  const done = (message: string) => {
    setDialog(null);
    setError(null);
    setNotice(message);
    refreshMoney(queryClient);
  };
  const openInvoicePdf = async () => {
    setOpening(true);
    try {
      openPdf(await noc.call('invoices.pdf', { id: invoice.id, lang: currentLanguage() }), pdfNameOf(invoice.number));
    } catch (failure) {
      setError(messageOf(failure, t));
    } finally {
      setOpening(false);
    }
  };

  return (
    <Stack gap="sm" maw={1400}>
      <DetailHeader
        back={{ to: '/invoices', label: t('invoices.back'), testId: 'invoice-back' }}
        title={invoice.number}
        titleTestId="invoice-number"
        mono
        struck={invoice.status === 'void'}
        badges={<InvoiceStatusBadge status={invoice.status} size="lg" />}
        actions={
          <>
            {payable && (
              <Button onClick={() => setDialog('pay')} data-testid="invoice-record-payment">
                {t('invoices.recordPayment')}
              </Button>
            )}
            <Button variant="default" loading={opening} onClick={() => void openInvoicePdf()} data-testid="invoice-pdf">
              {t('invoices.openPdf')}
            </Button>
            {may('invoices.void') && invoice.status !== 'void' && invoice.amountPaid === 0 && (
              <Button variant="light" color="red" onClick={() => setDialog('void')} data-testid="invoice-void">
                {t('invoices.void')}
              </Button>
            )}
          </>
        }
      >
        <SimpleGrid cols={{ base: 2, md: 5 }} spacing="sm" mt="md">
          <DetailField label={t('invoices.customer')}>
            <Anchor component={Link} to={`/customers/${invoice.customerId}`} size="sm" data-testid="invoice-customer">
              <Text span ff="monospace" size="sm">
                {invoice.customerCode}
              </Text>{' '}
              {invoice.customerName}
            </Anchor>
          </DetailField>
          <DetailField label={t('invoices.period')}>
            {date(invoice.periodStart)} – {date(invoice.periodEnd)}
            <Text size="xs" c="dimmed">
              {t('invoices.subscription', { id: invoice.subscriptionId })}
            </Text>
          </DetailField>
          <DetailField label={t('invoices.issueDate')}>{date(invoice.issueDate)}</DetailField>
          <DetailField label={t('invoices.dueDate')}>
            <Text span size="sm" c={invoice.status === 'overdue' ? 'red.8' : undefined} fw={invoice.status === 'overdue' ? 600 : undefined}>
              {date(invoice.dueDate)}
            </Text>
          </DetailField>
          <DetailField label={t('invoices.balance')}>
            <Text span size="lg" fw={700} ff="monospace" c={invoice.balance === 0 ? 'green.8' : invoice.status === 'overdue' ? 'red.8' : undefined} style={{ whiteSpace: 'nowrap' }} data-testid="invoice-header-balance">
              {formatRupiah(invoice.balance)}
            </Text>
          </DetailField>
        </SimpleGrid>
        {invoice.voidReason && (
          <Text size="sm" c="dimmed" mt="sm" fs="italic" data-testid="invoice-void-reason">
            {t('invoices.voidReason')}: {invoice.voidReason}
          </Text>
        )}
      </DetailHeader>
      <Notice message={notice} onClose={() => setNotice(null)} testId="invoice-notice" />
      <FormAlert message={error} testId="invoice-action-error" />
      <LinesCard invoice={invoice} />
      <Paper withBorder p="md" bg="white">
            <Title order={5} mb="sm">
              {t('invoices.payments')}
            </Title>
            <FormAlert message={payments.isError ? messageOf(payments.error, t) : null} testId="invoice-payments-error" />
            {payments.data && payments.data.items.length === 0 ? (
              <Text size="sm" c="dimmed" data-testid="invoice-payments-empty">
                {t('invoices.noPayments')}
              </Text>
            ) : (
              <PaymentsTable payments={payments.data?.items ?? []} showInvoice={false} onNotice={done} onError={setError} testId="invoice-payments" />
            )}
      </Paper>

      {dialog === 'pay' && <PaymentModal invoice={invoice} onClose={() => setDialog(null)} onSaved={done} />}
      {dialog === 'void' && (
        <ReasonModal
          operation="invoices.void"
          id={invoice.id}
          title={t('invoices.voidTitle', { number: invoice.number })}
          hint={t('invoices.voidHint')}
          label={t('invoices.voidReason')}
          confirmLabel={t('invoices.void')}
          conflictText={t('invoices.voidHasPayments')}
          onClose={() => setDialog(null)}
          onDone={() => done(t('invoices.voided', { number: invoice.number }))}
          testId="invoice-void"
        />
      )}
    </Stack>
  );
}
