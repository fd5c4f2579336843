// Payments: the money figures (collected today and this month, by method, outstanding, overdue), then the table with
// its filters, the row actions and the CSV export.
import { Button, Group, Paper, Select, SimpleGrid, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PAYMENT_METHODS, PAYMENT_STATUSES, type PaymentMethod, type PaymentStatus } from '../../../shared/contract';
import { isIsoDate } from '../../../shared/dates';
import { formatRupiah } from '../../../shared/money';
import { DateInput } from '../../forms/DateInput';
import { messageOf } from '../../forms/errors';
import { FormAlert } from '../../forms/FormAlert';
import { ListFooter } from '../../ui/ListFooter';
import { Notice } from '../../ui/Notice';
import { Rupiah } from '../../ui/Rupiah';
import { StatCard } from '../../ui/StatCard';
import { ExportModal } from './ExportModal';
import { PaymentsTable } from './PaymentsTable';
import { usePaymentsList, usePaymentStats } from './queries';

const PAGE_SIZE = 50;

export function PaymentsPage() {
  const { t } = useTranslation();
  const [status, setStatus] = useState<PaymentStatus | null>(null);
  const [method, setMethod] = useState<PaymentMethod | null>(null);
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [page, setPage] = useState(1);
  const [exporting, setExporting] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const stats = usePaymentStats();
  const list = usePaymentsList({ status: status ?? undefined, method: method ?? undefined, from: isIsoDate(from) ? from : undefined, to: isIsoDate(to) ? to : undefined, page, pageSize: PAGE_SIZE });
  const items = list.data?.items ?? [];
  const filtered = status !== null || method !== null || from !== '' || to !== '';
  const s = stats.data;

  return (
    <Stack gap="sm" maw={1500}>
      <SimpleGrid cols={{ base: 2, md: 5 }} spacing="xs" data-testid="payments-stats">
        <StatCard label={t('payments.collectedToday')} amount={s?.collectedToday} hint={s ? t('payments.paymentsToday', { count: s.paymentsToday }) : undefined} color="green" testId="stat-collected-today" />
        <StatCard
          label={t('payments.collectedThisMonth')}
          amount={s?.collectedThisMonth}
          hint={s ? <>{t('payments.revenueThisMonth')}: <Rupiah value={s.revenueThisMonth} /></> : undefined}
          color="teal"
          testId="stat-collected-month"
        />
        <StatCard label={t('payments.byMethod')} color="gray" testId="stat-by-method">
          <Stack gap={0} mt={2}>
            {PAYMENT_METHODS.map((m) => (
              <Group key={m} justify="space-between" gap="xs" wrap="nowrap">
                <Text size="xs">{t(`paymentMethod.${m}`)}</Text>
                <Text size="xs" ff="monospace" c={(s?.byMethod[m] ?? 0) > 0 ? undefined : 'dimmed'} style={{ whiteSpace: 'nowrap' }}>
                  {formatRupiah(s?.byMethod[m] ?? 0)}
                </Text>
              </Group>
            ))}
          </Stack>
        </StatCard>
        <StatCard label={t('payments.outstanding')} amount={s?.outstanding} color="blue" testId="stat-outstanding" />
        <StatCard
          label={t('payments.overdue')}
          amount={s?.overdueAmount}
          valueColor={s && s.overdueAmount > 0 ? 'red.8' : undefined}
          hint={s ? t('payments.overdueCount', { count: s.overdueCount }) : undefined}
          color="red"
          testId="stat-overdue"
        />
      </SimpleGrid>
      <Group justify="space-between" wrap="wrap" gap="sm" align="flex-end">
        <Group gap="xs" wrap="wrap" align="flex-end">
          <Select
            aria-label={t('payments.status')}
            placeholder={t('payments.allStatuses')}
            data={PAYMENT_STATUSES.map((v) => ({ value: v, label: t(`paymentStatus.${v}`) }))}
            value={status}
            onChange={(value) => {
              setStatus(value as PaymentStatus | null);
              setPage(1);
            }}
            clearable
            allowDeselect
            w={160}
            data-testid="payments-status-filter"
          />
          <Select
            aria-label={t('payments.method')}
            placeholder={t('payments.allMethods')}
            data={PAYMENT_METHODS.map((v) => ({ value: v, label: t(`paymentMethod.${v}`) }))}
            value={method}
            onChange={(value) => {
              setMethod(value as PaymentMethod | null);
              setPage(1);
            }}
            clearable
            allowDeselect
            w={160}
            data-testid="payments-method-filter"
          />
          <DateInput aria-label={t('payments.from')} title={t('payments.from')} value={from} onChange={(value) => { setFrom(value); setPage(1); }} w={130} data-testid="payments-from" />
          <Text size="sm" c="dimmed" pb={6}>
            –
          </Text>
          <DateInput aria-label={t('payments.to')} title={t('payments.to')} value={to} onChange={(value) => { setTo(value); setPage(1); }} w={130} data-testid="payments-to" />
          {filtered && (
            <Button variant="subtle" color="gray" onClick={() => { setStatus(null); setMethod(null); setFrom(''); setTo(''); setPage(1); }} data-testid="payments-reset">
              {t('invoices.reset')}
            </Button>
          )}
        </Group>
        <Button variant="default" onClick={() => setExporting(true)} data-testid="payments-export">
          {t('invoices.exportCsv')}
        </Button>
      </Group>
      <Notice message={notice} onClose={() => setNotice(null)} testId="payments-notice" />
      <FormAlert message={error ?? (list.isError ? messageOf(list.error, t) : stats.isError ? messageOf(stats.error, t) : null)} testId="payments-error" />
      <Paper bg="white">
        <PaymentsTable payments={items} showInvoice onNotice={(message) => { setError(null); setNotice(message); }} onError={setError} testId="payments-table" />
        {list.data && items.length === 0 && (
          <Text size="sm" c="dimmed" ta="center" py="md" data-testid="payments-empty">
            {filtered ? t('payments.empty') : t('payments.emptyAll')}
          </Text>
        )}
      </Paper>
      <ListFooter data={list.data} onPage={setPage} testId="payments" />
      {exporting && <ExportModal operation="payments.export" title={t('payments.exportTitle')} hint={t('payments.exportHint')} filePrefix="pembayaran" onClose={() => setExporting(false)} />}
    </Stack>
  );
}
