// The alert center: filters in the URL, a live table (new rows highlighted), acknowledge with a note, resolve, bulk acknowledge.
import { Badge, Button, Group, Paper, Select, Stack, Text } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { ALERT_DOMAIN, ALERT_STATUSES, ALERT_TYPES, ROLE_DOMAINS, SEVERITIES, type Alert } from '../../../shared/contract';
import { isIsoDate } from '../../../shared/dates';
import { DateInput } from '../../forms/DateInput';
import { messageOf } from '../../forms/errors';
import { FormAlert } from '../../forms/FormAlert';
import { useSiteTimeZone } from '../../site';
import { useSession } from '../../stores/session';
import { ListFooter } from '../../ui/ListFooter';
import { Notice } from '../../ui/Notice';
import { AlertsTable } from './AlertsTable';
import { alertsPath, listQueryOf, readFilters, type AlertFilters } from './filters';
import { NoteModal, type NoteAction } from './NoteModal';
import { ALERTS_KEY, DASHBOARD_KEY, useAlertsList } from './queries';

const PAGE_SIZE = 50;

export function AlertsPage() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const timeZone = useSiteTimeZone();
  const role = useSession((s) => s.user?.role ?? 'technician');
  const filters = readFilters(params);
  const list = useAlertsList(listQueryOf(filters, timeZone, PAGE_SIZE));
  const [selected, setSelected] = useState<ReadonlySet<number>>(new Set());
  const [dialog, setDialog] = useState<NoteAction | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const domains = ROLE_DOMAINS[role];
  const types = ALERT_TYPES.filter((type) => domains.includes(ALERT_DOMAIN[type]) && (!filters.domain || ALERT_DOMAIN[type] === filters.domain));
  const setFilter = (change: Partial<AlertFilters>) => {
    setSelected(new Set());
    void navigate(alertsPath({ ...filters, page: 1, ...change }));
  };
  const items = list.data?.items ?? [];
  // Only rows still open on the current page can be acknowledged in bulk.
  const selectedOpen = items.filter((a) => a.status === 'open' && selected.has(a.id)).map((a) => a.id);
  const filtered = Object.entries(filters).some(([key, value]) => key !== 'page' && value !== null);

  const select = (ids: number[], on: boolean) =>
    setSelected((prev) => {
      const next = new Set(prev);
      for (const id of ids) {
        if (on) next.add(id);
        else next.delete(id);
      }
      return next;
    });

  const done = (message: string) => {
    setDialog(null);
    setSelected(new Set());
    setNotice(message);
    void queryClient.invalidateQueries({ queryKey: ALERTS_KEY });
    void queryClient.invalidateQueries({ queryKey: DASHBOARD_KEY });
  };

  return (
    <Stack gap="sm" maw={1500}>
      <Group justify="space-between" wrap="wrap" gap="sm" align="flex-end">
        <Group gap="xs" wrap="wrap" align="flex-end">
          <Select
            aria-label={t('alerts.status')}
            placeholder={t('alerts.allStatuses')}
            data={ALERT_STATUSES.map((s) => ({ value: s, label: t(`alertStatus.${s}`) }))}
            value={filters.status}
            onChange={(value) => setFilter({ status: value as Alert['status'] | null })}
            clearable
            allowDeselect
            w={150}
            data-testid="alerts-status-filter"
          />
          <Select
            aria-label={t('alerts.severity')}
            placeholder={t('alerts.allSeverities')}
            data={SEVERITIES.map((s) => ({ value: s, label: t(`severity.${s}`) }))}
            value={filters.severity}
            onChange={(value) => setFilter({ severity: value as Alert['severity'] | null })}
            clearable
            allowDeselect
            w={150}
            data-testid="alerts-severity-filter"
          />
          <Select
            aria-label={t('alerts.type')}
            placeholder={t('alerts.allTypes')}
            data={types.map((type) => ({ value: type, label: t(`alertType.${type}`) }))}
            value={filters.type}
            onChange={(value) => setFilter({ type: value as Alert['type'] | null })}
            clearable
            allowDeselect
            w={200}
            data-testid="alerts-type-filter"
          />
          {domains.length > 1 && (
            <Select
              aria-label={t('alerts.domain')}
              placeholder={t('alerts.allDomains')}
              data={domains.map((d) => ({ value: d, label: t(`alertDomain.${d}`) }))}
              value={filters.domain}
              onChange={(value) => setFilter({ domain: value as Alert['domain'] | null, type: null })}
              clearable
              allowDeselect
              w={150}
              data-testid="alerts-domain-filter"
            />
          )}
          <DateInput
            aria-label={t('alerts.from')}
            title={t('alerts.from')}
            value={filters.from ?? ''}
            onChange={(value) => setFilter({ from: isIsoDate(value) ? value : null })}
            w={120}
            data-testid="alerts-from"
          />
          <Text size="sm" c="dimmed" pb={6}>
            –
          </Text>
          <DateInput
            aria-label={t('alerts.to')}
            title={t('alerts.to')}
            value={filters.to ?? ''}
            onChange={(value) => setFilter({ to: isIsoDate(value) ? value : null })}
            w={120}
            data-testid="alerts-to"
          />
          {filtered && (
            <Button variant="subtle" color="gray" onClick={() => setFilter({ status: null, severity: null, type: null, domain: null, from: null, to: null })} data-testid="alerts-reset">
              {t('alerts.reset')}
            </Button>
          )}
        </Group>
      </Group>
      <Group justify="space-between" gap="sm">
        <Button
          size="xs"
          disabled={selectedOpen.length === 0}
          onClick={() => setDialog({ kind: 'acknowledgeMany', ids: selectedOpen })}
          data-testid="alerts-acknowledge-selected"
        >
          {t('alerts.acknowledgeSelected', { count: selectedOpen.length })}
        </Button>
        <Badge variant="dot" color="green" size="md" title={t('alerts.live')}>
          {t('alerts.live')}
        </Badge>
      </Group>

      <Notice message={notice} onClose={() => setNotice(null)} testId="alerts-notice" />
      <FormAlert message={list.isError ? messageOf(list.error, t) : null} testId="alerts-error" />

      <Paper bg="white">
        <AlertsTable
          alerts={items}
          selected={selected}
          onSelect={select}
          onAcknowledge={(alert) => setDialog({ kind: 'acknowledge', id: alert.id })}
          onResolve={(alert) => setDialog({ kind: 'resolve', id: alert.id })}
        />
        {list.data && items.length === 0 && (
          <Text size="sm" c="dimmed" ta="center" py="md" data-testid="alerts-empty">
            {filtered ? t('alerts.empty') : t('alerts.emptyAll')}
          </Text>
        )}
      </Paper>
      <ListFooter data={list.data} onPage={(page) => void navigate(alertsPath({ ...filters, page }))} testId="alerts" />

      {dialog && <NoteModal action={dialog} onClose={() => setDialog(null)} onDone={done} />}
    </Stack>
  );
}
