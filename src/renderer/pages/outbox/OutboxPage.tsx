// The outbox: counts by status (a click filters), the filters in the URL (status, channel, audience, event, a
// customer, search), the dense table with details, resend and cancel, and the pager. Live: 'outbox.changed' refetches.
import { Button, CloseButton, Group, Paper, Select, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { CHANNELS, MESSAGE_EVENTS, OUTBOX_STATUSES, type Channel, type MessageEvent, type OutboxStatus } from '../../../shared/contract';
import { messageOf } from '../../forms/errors';
import { FormAlert } from '../../forms/FormAlert';
import { ListFooter } from '../../ui/ListFooter';
import { Notice } from '../../ui/Notice';
import { StatCard } from '../../ui/StatCard';
import { useCustomer } from '../customers/queries';
import { outboxPath, outboxQueryOf, readOutboxFilters, type OutboxFilters } from './filters';
import { OutboxTable } from './OutboxTable';
import { refreshOutbox, useOutboxList, useOutboxStats } from './queries';
import { channelText, eventText, OUTBOX_STATUS_COLORS } from './text';

const PAGE_SIZE = 50;

function CustomerChip({ id, onClear }: { id: number; onClear(): void }) {
  const { t } = useTranslation();
  const customer = useCustomer(id);
  return (
    <Group gap={4} wrap="nowrap" pb={6} data-testid="outbox-customer-filter">
      <Text size="sm">{customer.data ? t('outbox.customerFilter', { name: customer.data.name }) : t('outbox.customerFilterId', { id })}</Text>
      <CloseButton size="sm" onClick={onClear} aria-label={t('outbox.reset')} />
    </Group>
  );
}

export function OutboxPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [params] = useSearchParams();
  const filters = readOutboxFilters(params);
  const [search, setSearch] = useState(filters.search ?? '');
  const [notice, setNotice] = useState<string | null>(null);
  const list = useOutboxList(outboxQueryOf(filters, PAGE_SIZE));
  const stats = useOutboxStats();
  const setFilter = (change: Partial<OutboxFilters>) => void navigate(outboxPath({ ...filters, page: 1, ...change }));

  // Typing searches after a short pause, not on every key.
  useEffect(() => {
    const value = search.trim() || null;
    if (value === filters.search) return undefined;
    const timer = setTimeout(() => void navigate(outboxPath({ ...filters, page: 1, search: value })), 300);
    return () => clearTimeout(timer);
  }, [search, filters, navigate]);

  const items = list.data?.items ?? [];
  const filtered = filters.status !== null || filters.channel !== null || filters.audience !== null || filters.event !== null || filters.search !== null || filters.customer !== null;
  const byStatus = stats.data?.byStatus;

  return (
    <Stack gap="sm" maw={1500}>
      <SimpleGrid cols={{ base: 3, md: 6 }} spacing="xs" data-testid="outbox-stats">
        {OUTBOX_STATUSES.map((status) => {
          const count = byStatus?.[status];
          const alarming = status === 'failed' && (count ?? 0) > 0;
          return (
            <StatCard
              key={status}
              label={t(`outbox.statuses.${status}`)}
              value={count ?? '–'}
              color={OUTBOX_STATUS_COLORS[status]}
              tinted={alarming || filters.status === status}
              valueColor={alarming ? 'red.8' : (count ?? 0) === 0 ? 'dimmed' : undefined}
              size="sm"
              hint={status === 'failed' && stats.data ? `${t('outbox.dashboard')}: ${stats.data.failedLast24h}` : undefined}
              onClick={() => setFilter({ status: filters.status === status ? null : status })}
              testId={`outbox-stat-${status}`}
              data={{ 'data-count': count ?? '' }}
            />
          );
        })}
      </SimpleGrid>
      <Group gap="xs" wrap="wrap" align="flex-end">
        <TextInput placeholder={t('outbox.search')} aria-label={t('common.search')} value={search} onChange={(e) => setSearch(e.currentTarget.value)} w={300} data-testid="outbox-search" />
        <Select
          aria-label={t('outbox.statusLabel')}
          placeholder={t('outbox.allStatuses')}
          data={OUTBOX_STATUSES.map((v) => ({ value: v, label: t(`outbox.statuses.${v}`) }))}
          value={filters.status}
          onChange={(value) => setFilter({ status: value as OutboxStatus | null })}
          clearable
          w={150}
          data-testid="outbox-status-filter"
        />
        <Select
          aria-label={t('outbox.channelLabel')}
          placeholder={t('outbox.allChannels')}
          data={CHANNELS.map((v) => ({ value: v, label: channelText(v, t) }))}
          value={filters.channel}
          onChange={(value) => setFilter({ channel: value as Channel | null })}
          clearable
          w={150}
          data-testid="outbox-channel-filter"
        />
        <Select
          aria-label={t('outbox.audienceLabel')}
          placeholder={t('outbox.allAudiences')}
          data={(['customer', 'team'] as const).map((v) => ({ value: v, label: t(`outbox.audiences.${v}`) }))}
          value={filters.audience}
          onChange={(value) => setFilter({ audience: value as 'customer' | 'team' | null })}
          clearable
          w={190}
          data-testid="outbox-audience-filter"
        />
        <Select
          aria-label={t('outbox.eventLabel')}
          placeholder={t('outbox.allEvents')}
          data={MESSAGE_EVENTS.map((v) => ({ value: v, label: eventText(v, t) }))}
          value={filters.event}
          onChange={(value) => setFilter({ event: value as MessageEvent | null })}
          clearable
          w={210}
          data-testid="outbox-event-filter"
        />
        {filters.customer !== null && <CustomerChip id={filters.customer} onClear={() => setFilter({ customer: null })} />}
        {filtered && (
          <Button
            variant="subtle"
            color="gray"
            onClick={() => {
              setSearch('');
              void navigate('/outbox');
            }}
            data-testid="outbox-reset"
          >
            {t('outbox.reset')}
          </Button>
        )}
      </Group>
      <Notice message={notice} onClose={() => setNotice(null)} testId="outbox-notice" />
      <FormAlert message={list.isError ? messageOf(list.error, t) : stats.isError ? messageOf(stats.error, t) : null} testId="outbox-error" />
      <Paper bg="white">
        <OutboxTable messages={items} onNotice={setNotice} onChanged={() => refreshOutbox(queryClient)} />
        {list.data && items.length === 0 && (
          <Text size="sm" c="dimmed" ta="center" py="md" data-testid="outbox-empty">
            {filtered ? t('outbox.empty') : t('outbox.emptyAll')}
          </Text>
        )}
      </Paper>
      <ListFooter data={list.data} onPage={(page) => void navigate(outboxPath({ ...filters, page }))} testId="outbox" />
    </Stack>
  );
}
