// The money a billing clerk looks for first on a customer: balance owed, the past-due part, credit and the last
// payment as stat cards, and the open invoices oldest due first with their age and a pay button each.
import { Anchor, Badge, Button, Paper, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { CustomerAccount as Account, OpenInvoice } from '../../../shared/contract';
import { formatRupiah } from '../../../shared/money';
import { messageOf } from '../../forms/errors';
import { FormAlert } from '../../forms/FormAlert';
import { useBusinessDate, useDateTime } from '../../site';
import { StatCard } from '../../ui/StatCard';
import { InvoiceStatusBadge } from '../billing/Badges';
import { useCustomerAccount } from './queries';

/** The stat cards under the customer's header. */
export function AccountCards({ account }: { account: Account | undefined }) {
  const { t } = useTranslation();
  const dateTime = useDateTime();
  const last = account?.lastPayment ?? null;
  const overdue = (account?.overdueAmount ?? 0) > 0;
  return (
    <SimpleGrid cols={4} spacing="xs" data-testid="customer-account">
      <StatCard
        label={t('account.balanceOwed')}
        amount={account?.balanceOwed}
        hint={account ? t('account.openCount', { count: account.openInvoices.length }) : undefined}
        color={overdue ? 'red' : 'blue'}
        testId="account-owed"
      />
      <StatCard label={t('account.overdue')} amount={account?.overdueAmount} color="red" tinted={overdue} valueColor={overdue ? 'red.8' : undefined} testId="account-overdue" />
      <StatCard label={t('account.credit')} amount={account?.credit} color="teal" testId="account-credit" />
      {last ? (
        <StatCard label={t('account.lastPayment')} amount={last.amount} hint={t('account.lastPaymentHint', { date: dateTime(last.paidAt), number: last.invoiceNumber })} color="gray" testId="account-last-payment" />
      ) : (
        <StatCard label={t('account.lastPayment')} value={account ? t('account.noPayment') : undefined} color="gray" testId="account-last-payment" />
      )}
    </SimpleGrid>
  );
}

function AgeBadge({ invoice }: { invoice: OpenInvoice }) {
  const { t } = useTranslation();
  if (invoice.daysOverdue < 0) return <Text size="sm" c="dimmed">{t('account.notDue')}</Text>;
  if (invoice.daysOverdue === 0) return <Badge color="yellow" variant="light" style={{ textTransform: 'none' }}>{t('account.dueToday')}</Badge>;
  const color = invoice.daysOverdue > 60 ? 'grape' : invoice.daysOverdue > 30 ? 'red' : 'orange';
  return (
    <Badge color={color} variant="light" style={{ textTransform: 'none' }} data-testid="open-invoice-age">
      {t('account.daysOverdue', { count: invoice.daysOverdue })}
    </Badge>
  );
}

/** The open invoices, oldest due first. */
export function OpenInvoices({ customerId, onPay }: { customerId: number; onPay?(invoiceId: number): void }) {
  const { t } = useTranslation();
  const date = useBusinessDate();
  const account = useCustomerAccount(customerId, true);
  const invoices = account.data?.openInvoices ?? [];
  return (
    <Paper withBorder p="md" bg="white">
      <Stack gap="sm">
        <Title order={5}>{t('account.openInvoices')}</Title>
        <FormAlert message={account.isError ? messageOf(account.error, t) : null} testId="open-invoices-error" />
        {account.data && invoices.length === 0 ? (
          <Text size="sm" c="dimmed" data-testid="open-invoices-empty">
            {t('account.noOpen')}
          </Text>
        ) : (
          <Table striped withTableBorder horizontalSpacing={8} fz={13} data-testid="open-invoices">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('account.number')}</Table.Th>
                <Table.Th>{t('account.dueDate')}</Table.Th>
                <Table.Th>{t('account.age')}</Table.Th>
                <Table.Th ta="right">{t('account.balance')}</Table.Th>
                <Table.Th>{t('account.status')}</Table.Th>
                {onPay && <Table.Th />}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {invoices.map((invoice) => (
                <Table.Tr key={invoice.id} data-testid="open-invoice-row" data-invoice-id={invoice.id} data-number={invoice.number}>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>
                    <Anchor component={Link} to={`/invoices/${invoice.id}`} size="sm" ff="monospace">
                      {invoice.number}
                    </Anchor>
                  </Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{date(invoice.dueDate)}</Table.Td>
                  <Table.Td>
                    <AgeBadge invoice={invoice} />
                  </Table.Td>
                  <Table.Td ta="right" ff="monospace" fw={600} style={{ whiteSpace: 'nowrap' }} data-testid="open-invoice-balance">
                    {formatRupiah(invoice.balance)}
                  </Table.Td>
                  <Table.Td>
                    <InvoiceStatusBadge status={invoice.status} />
                  </Table.Td>
                  {onPay && (
                    <Table.Td ta="right">
                      <Button size="compact-xs" variant="light" onClick={() => onPay(invoice.id)} data-testid="open-invoice-pay">
                        {t('invoices.recordPayment')}
                      </Button>
                    </Table.Td>
                  )}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Stack>
    </Paper>
  );
}
