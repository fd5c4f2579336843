// The Customers screen: search, status filter, sort, paging; new customer, CSV import and export of the filtered list;
// bulk suspend and reactivate of selected customers (or all matching the filter) with a reason and a confirmation.
import { Button, Group, Paper, Select, Stack, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { BULK_MAX, CUSTOMER_STATUSES, type CustomerStatus, type OpInput } from '../../../shared/contract';
import { noc } from '../../api/client';
import { messageOf } from '../../forms/errors';
import { FormAlert } from '../../forms/FormAlert';
import { useMay } from '../../frame/permissions';
import { currentLanguage } from '../../i18n';
import { useSiteToday } from '../../site';
import { useCustomersView } from '../../stores/customers';
import { BulkBar, BulkConfirmModal, skippedOf, useSelection } from '../../ui/BulkActions';
import { ListFooter } from '../../ui/ListFooter';
import { Notice } from '../../ui/Notice';
import { CustomerFormModal } from './CustomerFormModal';
import { CustomersTable } from './CustomersTable';
import { downloadText } from './csvTransfer';
import { ImportModal } from './ImportModal';
import { customersPageInput, refreshBilling, useCustomersList } from './queries';

/** Every customer id matching a filter, page by page (the bulk limit is a few pages). */
async function idsMatching(filter: Omit<OpInput<'customers.list'>, 'page' | 'pageSize'>): Promise<number[]> {
  const ids: number[] = [];
  for (let page = 1; ids.length < BULK_MAX; page++) {
    const part = await noc.call('customers.list', { ...filter, page, pageSize: 200 });
    ids.push(...part.items.map((c) => c.id));
    if (page * 200 >= part.total) break;
  }
  return ids.slice(0, BULK_MAX);
}

export function CustomersPage() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const may = useMay();
  const today = useSiteToday();
  const view = useCustomersView();
  const [debouncedSearch] = useDebouncedValue(view.search.trim(), 300);
  const [creating, setCreating] = useState(false);
  const [importing, setImporting] = useState(false);
  const [exporting, setExporting] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [bulk, setBulk] = useState<'suspended' | 'active' | null>(null);
  const selection = useSelection();

  const { page, pageSize, ...filter } = customersPageInput({ ...view, search: debouncedSearch });
  const list = useCustomersList({ ...filter, page, pageSize });
  const data = list.data;
  const filtered = Boolean(filter.search || filter.status);
  const filterKey = JSON.stringify(filter);
  const { clear } = selection;
  // A selection belongs to the filter it was made under.
  useEffect(() => clear(), [filterKey, clear]);
  const bulkAllowed = may('customers.bulkStatus');

  const exportCsv = async () => {
    setExporting(true);
    setError(null);
    try {
      // Headers in the language on screen: the importer reads them back.
      const csv = await noc.call('customers.export', { ...filter, lang: currentLanguage() });
      // The status in the file name as the reader says it (pelanggan-2026-12-05-ditangguhkan.csv), lower-case, no spaces.
      const status = filter.status ? `-${t(`customerStatus.${filter.status}`).toLowerCase().replace(/\s+/g, '-')}` : '';
      downloadText(csv, `${t('downloadName.customers', { date: today })}${status}.csv`);
    } catch (failure) {
      setError(messageOf(failure, t));
    } finally {
      setExporting(false);
    }
  };

  return (
    <Stack gap="sm" maw={1400}>
      <Group justify="space-between" wrap="wrap" gap="sm">
        <Group gap="sm" wrap="wrap">
          <TextInput
            placeholder={t('customers.searchPlaceholder')}
            aria-label={t('common.search')}
            value={view.search}
            onChange={(e) => view.setSearch(e.currentTarget.value)}
            w={320}
            data-testid="customers-search"
          />
          <Select
            aria-label={t('customers.statusFilter')}
            placeholder={t('customers.allStatuses')}
            data={CUSTOMER_STATUSES.map((s) => ({ value: s, label: t(`customerStatus.${s}`) }))}
            value={view.status}
            onChange={(value) => view.setStatus(value as CustomerStatus | null)}
            clearable
            allowDeselect
            w={180}
            data-testid="customers-status-filter"
          />
        </Group>
        <Group gap="xs">
          <Button variant="default" loading={exporting} onClick={() => void exportCsv()} data-testid="customers-export">
            {t('customers.export')}
          </Button>
          {may('customers.import') && (
            <Button variant="default" onClick={() => setImporting(true)} data-testid="customers-import">
              {t('customers.import')}
            </Button>
          )}
          {may('customers.create') && (
            <Button onClick={() => setCreating(true)} data-testid="customers-new">
              {t('customers.newCustomer')}
            </Button>
          )}
        </Group>
      </Group>

      <Notice message={notice} onClose={() => setNotice(null)} testId="customers-notice" />
      <FormAlert message={error ?? (list.isError ? messageOf(list.error, t) : null)} testId="customers-error" />

      {bulkAllowed && (
        <BulkBar selection={selection} total={data?.total ?? 0} loadAllIds={() => idsMatching(filter)} testId="customers-bulk">
          <Button size="xs" variant="default" onClick={() => setBulk('active')} data-testid="customers-bulk-reactivate">
            {t('bulk.reactivate')}
          </Button>
          <Button size="xs" color="red" onClick={() => setBulk('suspended')} data-testid="customers-bulk-suspend">
            {t('bulk.suspend')}
          </Button>
        </BulkBar>
      )}
      <Paper bg="white">
        <CustomersTable customers={data?.items ?? []} sort={view.sort} order={view.order} onSort={view.sortBy} selection={bulkAllowed ? selection : undefined} />
        {data && data.items.length === 0 && (
          <Text size="sm" c="dimmed" ta="center" py="md" data-testid="customers-empty">
            {filtered ? t('customers.empty') : t('customers.emptyAll')}
          </Text>
        )}
      </Paper>
      <ListFooter data={data} onPage={view.setPage} testId="customers" />

      {creating && (
        <CustomerFormModal
          customer={null}
          onClose={() => setCreating(false)}
          onSaved={(customer) => {
            setCreating(false);
            refreshBilling(queryClient);
            void navigate(`/customers/${customer.id}`, { state: { notice: t('customers.created', { code: customer.code, name: customer.name }) } });
          }}
        />
      )}
      {bulk && (
        <BulkConfirmModal
          title={t(bulk === 'suspended' ? 'bulk.suspendTitle' : 'bulk.reactivateTitle')}
          text={t(bulk === 'suspended' ? 'bulk.suspendConfirm' : 'bulk.reactivateConfirm', { count: selection.ids.size })}
          count={selection.ids.size}
          withReason
          danger={bulk === 'suspended'}
          run={async (reason) => {
            const result = await noc.call('customers.bulkStatus', { ids: [...selection.ids], status: bulk, reason });
            return { summary: t('bulk.resultStatus', { done: result.done, count: result.results.length }), skipped: skippedOf(result, 'changed') };
          }}
          onClose={() => setBulk(null)}
          onDone={() => {
            setBulk(null);
            selection.clear();
            refreshBilling(queryClient);
          }}
          testId="customers-bulk-modal"
        />
      )}
      {importing && (
        <ImportModal
          onClose={() => setImporting(false)}
          onImported={(count) => {
            setImporting(false);
            setNotice(t('importer.imported', { count }));
            refreshBilling(queryClient);
          }}
        />
      )}
    </Stack>
  );
}
