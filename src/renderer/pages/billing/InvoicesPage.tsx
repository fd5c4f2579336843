// Invoices: filters in the URL (status, search, issue dates, overdue only), the overdue aging strip, a dense table
// (overdue red, partial orange, paid green, void struck through), the CSV export of a date range, and bulk print
// and remind of selected rows (or every row matching the filter) with a confirmation.
import { Anchor, Button, Checkbox, Group, Paper, Select, SimpleGrid, Stack, Table, Text, TextInput } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { BULK_MAX, INVOICE_STATUSES, type InvoiceStatus, type OpInput, type PaymentStats } from '../../../shared/contract';
import { isIsoDate } from '../../../shared/dates';
import { formatRupiah } from '../../../shared/money';
import { messageOf } from '../../forms/errors';
import { FormAlert } from '../../forms/FormAlert';
import { useBusinessDate, usePeriod } from '../../site';
import { noc } from '../../api/client';
import { useMay } from '../../frame/permissions';
import { currentLanguage } from '../../i18n';
import { BulkBar, BulkConfirmModal, PageCheckbox, skippedOf, useSelection } from '../../ui/BulkActions';
import { ListFooter } from '../../ui/ListFooter';
import { openPdf } from './pdf';
import { DateInput } from '../../forms/DateInput';
import { StatCard } from '../../ui/StatCard';
import { TableHeading } from '../../ui/TableHeading';
import { InvoiceStatusBadge } from './Badges';
import { ExportModal } from './ExportModal';
import { refreshMoney, useInvoicesList, usePaymentStats } from './queries';

/** Every invoice id matching a filter, page by page (the bulk limit is a few pages). */
async function idsMatching(query: OpInput<'invoices.list'>): Promise<number[]> {
  const ids: number[] = [];
  for (let page = 1; ids.length < BULK_MAX; page++) {
    const part = await noc.call('invoices.list', { ...query, page, pageSize: 200 });
    ids.push(...part.items.map((i) => i.id));
    if (page * 200 >= part.total) break;
  }
  return ids.slice(0, BULK_MAX);
}

const PAGE_SIZE = 50;

interface Filters {
  status: InvoiceStatus | null;
  search: string | null;
  from: string | null;
  to: string | null;
  overdue: boolean;
  page: number;
}

function readFilters(params: URLSearchParams): Filters {
  const status = params.get('status');
  const date = (raw: string | null) => (raw && isIsoDate(raw) ? raw : null);
  const page = Number(params.get('page'));
  return {
    status: status && (INVOICE_STATUSES as readonly string[]).includes(status) ? (status as InvoiceStatus) : null,
    search: params.get('search') || null,
    from: date(params.get('from')),
    to: date(params.get('to')),
    overdue: params.get('overdue') === 'true',
    page: Number.isInteger(page) && page > 0 ? page : 1,
  };
}

export function invoicesPath(filters: Partial<Filters>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filters)) {
    if (value === null || value === undefined || value === false || (key === 'page' && value === 1)) continue;
    params.set(key, String(value));
  }
  const qs = params.toString();
  return qs ? `/invoices?${qs}` : '/invoices';
}

function AgingStrip({ stats }: { stats: PaymentStats | undefined }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const buckets = [
    { key: 'd1_30', label: t('invoices.aging1_30'), color: 'yellow' },
    { key: 'd31_60', label: t('invoices.aging31_60'), color: 'orange' },
    { key: 'd61_90', label: t('invoices.aging61_90'), color: 'red' },
    { key: 'd90plus', label: t('invoices.aging90plus'), color: 'grape' },
  ] as const;
  return (
    <SimpleGrid cols={{ base: 3, md: 6 }} spacing="xs" data-testid="invoices-aging" title={t('invoices.aging')}>
      <StatCard label={t('invoices.outstanding')} amount={stats?.outstanding} size="sm" testId="aging-outstanding" />
      <StatCard
        label={`${t('payments.overdue')} · ${stats ? t('payments.overdueCount', { count: stats.overdueCount }) : ''}`}
        amount={stats?.overdueAmount}
        color="red"
        tinted={!!stats && stats.overdueAmount > 0}
        valueColor={stats && stats.overdueAmount > 0 ? 'red.8' : undefined}
        size="sm"
        onClick={() => void navigate(invoicesPath({ overdue: true }))}
        testId="aging-overdue"
      />
      {buckets.map((bucket) => {
        const amount = stats?.aging[bucket.key];
        return <StatCard key={bucket.key} label={bucket.label} amount={amount} color={bucket.color} valueColor={amount ? undefined : 'dimmed'} size="sm" testId={`aging-${bucket.key}`} />;
      })}
    </SimpleGrid>
  );
}

export function InvoicesPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const date = useBusinessDate();
  const period = usePeriod();
  const [params] = useSearchParams();
  const filters = readFilters(params);
  const [search, setSearch] = useState(filters.search ?? '');
  const [exporting, setExporting] = useState(false);
  const [bulk, setBulk] = useState<'print' | 'remind' | null>(null);
  const selection = useSelection();
  const may = useMay();
  const queryClient = useQueryClient();
  const stats = usePaymentStats();
  const query = {
    status: filters.status ?? undefined,
    search: filters.search ?? undefined,
    from: filters.from ?? undefined,
    to: filters.to ?? undefined,
    overdue: filters.overdue || undefined,
  };
  const list = useInvoicesList({ ...query, page: filters.page, pageSize: PAGE_SIZE });
  const filterKey = JSON.stringify(query);
  const { clear } = selection;
  // A selection belongs to the filter it was made under.
  useEffect(() => clear(), [filterKey, clear]);
  const setFilter = (change: Partial<Filters>) => void navigate(invoicesPath({ ...filters, page: 1, ...change }));

  // Typing searches after a short pause, not on every key.
  useEffect(() => {
    const value = search.trim() || null;
    if (value === filters.search) return undefined;
    const timer = setTimeout(() => void navigate(invoicesPath({ ...filters, page: 1, search: value })), 300);
    return () => clearTimeout(timer);
  }, [search, filters, navigate]);

  const items = list.data?.items ?? [];
  const filtered = filters.status !== null || filters.search !== null || filters.from !== null || filters.to !== null || filters.overdue;

  return (
    <Stack gap="sm" maw={1500}>
      <AgingStrip stats={stats.data} />
      <Group justify="space-between" wrap="wrap" gap="sm" align="flex-end">
        <Group gap="xs" wrap="wrap" align="flex-end">
          <TextInput placeholder={t('invoices.searchPlaceholder')} aria-label={t('common.search')} value={search} onChange={(e) => setSearch(e.currentTarget.value)} w={220} data-testid="invoices-search" />
          <Select
            aria-label={t('invoices.status')}
            placeholder={t('invoices.allStatuses')}
            data={INVOICE_STATUSES.map((s) => ({ value: s, label: t(`invoiceStatus.${s}`) }))}
            value={filters.status}
            onChange={(value) => setFilter({ status: value as InvoiceStatus | null })}
            clearable
            allowDeselect
            w={150}
            data-testid="invoices-status-filter"
          />
          <DateInput aria-label={t('invoices.from')} title={t('invoices.from')} value={filters.from ?? ''} onChange={(value) => setFilter({ from: isIsoDate(value) ? value : null })} w={120} data-testid="invoices-from" />
          <Text size="sm" c="dimmed" pb={6}>
            –
          </Text>
          <DateInput aria-label={t('invoices.to')} title={t('invoices.to')} value={filters.to ?? ''} onChange={(value) => setFilter({ to: isIsoDate(value) ? value : null })} w={120} data-testid="invoices-to" />
          <Checkbox label={t('invoices.overdueOnly')} checked={filters.overdue} onChange={(e) => setFilter({ overdue: e.currentTarget.checked })} pb={8} data-testid="invoices-overdue" />
          {filtered && (
            <Button
              variant="subtle"
              color="gray"
              onClick={() => {
                setSearch('');
                void navigate('/invoices');
              }}
              data-testid="invoices-reset"
            >
              {t('invoices.reset')}
            </Button>
          )}
        </Group>
        <Button variant="default" onClick={() => setExporting(true)} data-testid="invoices-export">
          {t('invoices.exportCsv')}
        </Button>
      </Group>
      <FormAlert message={list.isError ? messageOf(list.error, t) : stats.isError ? messageOf(stats.error, t) : null} testId="invoices-error" />
      <BulkBar selection={selection} total={list.data?.total ?? 0} loadAllIds={() => idsMatching(query)} testId="invoices-bulk">
        {may('invoices.bulkPrint') && (
          <Button size="xs" variant="default" onClick={() => setBulk('print')} data-testid="invoices-bulk-print">
            {t('bulk.print')}
          </Button>
        )}
        {may('invoices.bulkRemind') && (
          <Button size="xs" onClick={() => setBulk('remind')} data-testid="invoices-bulk-remind">
            {t('bulk.remind')}
          </Button>
        )}
      </BulkBar>
      <Paper bg="white">
        <Table.ScrollContainer minWidth={960} type="native">
          <Table striped highlightOnHover withTableBorder horizontalSpacing={8} fz={13} data-testid="invoices-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={32}>
                  <PageCheckbox selection={selection} pageIds={items.map((i) => i.id)} testId="invoices-select-page" />
                </Table.Th>
                <Table.Th>
                  <TableHeading main={t('invoices.number')} second={t('invoices.issueDate')} />
                </Table.Th>
                <Table.Th>{t('invoices.customer')}</Table.Th>
                <Table.Th>{t('invoices.period')}</Table.Th>
                <Table.Th style={{ whiteSpace: 'nowrap' }}>{t('invoices.dueDate')}</Table.Th>
                <Table.Th ta="right">{t('invoices.total')}</Table.Th>
                <Table.Th ta="right">{t('invoices.paid')}</Table.Th>
                <Table.Th ta="right">{t('invoices.balance')}</Table.Th>
                <Table.Th w={110}>{t('invoices.status')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((invoice) => {
                const voided = invoice.status === 'void';
                const overdue = invoice.status === 'overdue';
                const muted = voided ? { c: 'dimmed', td: 'line-through' } : {};
                return (
                  <Table.Tr key={invoice.id} data-testid="invoice-row" data-invoice-id={invoice.id} data-status={invoice.status}>
                    <Table.Td>
                      <Checkbox
                        aria-label={t('bulk.selectRow', { name: invoice.number })}
                        checked={selection.has(invoice.id)}
                        onChange={(e) => selection.toggle(invoice.id, e.currentTarget.checked)}
                        data-testid="invoice-select"
                      />
                    </Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>
                      <Anchor component={Link} to={`/invoices/${invoice.id}`} size="sm" ff="monospace" fw={500} c={voided ? 'dimmed' : undefined} td={voided ? 'line-through' : undefined} data-testid="invoice-link">
                        {invoice.number}
                      </Anchor>
                      <Text size="xs" c="dimmed" data-testid="invoice-issue-date">
                        {date(invoice.issueDate)}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      {/* The width is on the link, not the cell: a table cell grows to its content whatever its max-width. */}
                      <Anchor component={Link} to={`/customers/${invoice.customerId}`} size="sm" c={voided ? 'dimmed' : undefined} truncate="end" display="block" maw={220} title={`${invoice.customerCode} ${invoice.customerName}`}>
                        {invoice.customerName}
                      </Anchor>
                    </Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }} {...muted}>
                      {period(invoice.periodStart, invoice.periodEnd)}
                    </Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }} c={overdue ? 'red.8' : muted.c} fw={overdue ? 600 : undefined} td={muted.td}>
                      {date(invoice.dueDate)}
                    </Table.Td>
                    <Table.Td ta="right" ff="monospace" style={{ whiteSpace: 'nowrap' }} {...muted}>
                      {formatRupiah(invoice.total)}
                    </Table.Td>
                    <Table.Td ta="right" ff="monospace" style={{ whiteSpace: 'nowrap' }} c={voided ? 'dimmed' : invoice.amountPaid > 0 ? undefined : 'dimmed'}>
                      {formatRupiah(invoice.amountPaid)}
                    </Table.Td>
                    <Table.Td ta="right" ff="monospace" fw={600} style={{ whiteSpace: 'nowrap' }} c={voided || invoice.balance === 0 ? 'dimmed' : overdue ? 'red.8' : undefined} td={muted.td} data-testid="invoice-balance-cell">
                      {formatRupiah(invoice.balance)}
                    </Table.Td>
                    <Table.Td>
                      <InvoiceStatusBadge status={invoice.status} />
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        {list.data && items.length === 0 && (
          <Text size="sm" c="dimmed" ta="center" py="md" data-testid="invoices-empty">
            {filtered ? t('invoices.empty') : t('invoices.emptyAll')}
          </Text>
        )}
      </Paper>
      <ListFooter data={list.data} onPage={(page) => void navigate(invoicesPath({ ...filters, page }))} testId="invoices" />
      {bulk === 'print' && (
        <BulkConfirmModal
          title={t('bulk.printTitle')}
          text={t('bulk.printConfirm', { count: selection.ids.size })}
          count={selection.ids.size}
          run={async () => {
            const ids = [...selection.ids];
            openPdf(await noc.call('invoices.bulkPrint', { ids, lang: currentLanguage() }), `faktur-${ids.length}.pdf`);
            return { summary: t('bulk.printed', { count: ids.length }) };
          }}
          onClose={() => setBulk(null)}
          onDone={() => setBulk(null)}
          testId="invoices-bulk-print-modal"
        />
      )}
      {bulk === 'remind' && (
        <BulkConfirmModal
          title={t('bulk.remindTitle')}
          text={t('bulk.remindConfirm', { count: selection.ids.size })}
          count={selection.ids.size}
          run={async () => {
            const result = await noc.call('invoices.bulkRemind', { ids: [...selection.ids] });
            return { summary: t('bulk.resultReminded', { done: result.done, count: result.results.length }), skipped: skippedOf(result, 'reminded') };
          }}
          onClose={() => setBulk(null)}
          onDone={() => {
            setBulk(null);
            selection.clear();
            refreshMoney(queryClient);
          }}
          testId="invoices-bulk-remind-modal"
        />
      )}
      {exporting && <ExportModal operation="invoices.export" title={t('invoices.exportTitle')} hint={t('invoices.exportHint')} filePrefix="tagihan" onClose={() => setExporting(false)} />}
    </Stack>
  );
}
