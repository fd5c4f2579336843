// The Devices screen: search and filters (type, status, location), table / tiles / tree, "Check all" with the sweep's
// result, new / edit / delete device. Rows follow device events live.
import { Button, Group, Paper, SegmentedControl, Select, Stack, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router';
import { DEVICE_STATUSES, DEVICE_TYPES, type Device, type DeviceStatus, type DeviceType } from '../../../shared/contract';
import { noc } from '../../api/client';
import { messageOf } from '../../forms/errors';
import { localeOf } from '../../format';
import { FormAlert } from '../../forms/FormAlert';
import { useMay } from '../../frame/permissions';
import { useLanguage } from '../../site';
import { useDevicesView, type DevicesLayout } from '../../stores/devices';
import { ConfirmModal } from '../../ui/ConfirmModal';
import { ListFooter } from '../../ui/ListFooter';
import { Notice } from '../../ui/Notice';
import { DeviceFormModal } from './DeviceFormModal';
import { DevicesTable } from './DevicesTable';
import { DeviceTiles } from './DeviceTiles';
import { DeviceTree } from './DeviceTree';
import { usePollers } from '../pollers/queries';
import { devicesPageInput, refreshDevices, useAllDevices, useDevicesList } from './queries';

type Dialog = { kind: 'create' } | { kind: 'edit'; device: Device } | { kind: 'delete'; device: Device };

export function DevicesPage() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const location = useLocation();
  const may = useMay();
  const language = useLanguage();
  const view = useDevicesView();
  const [debouncedSearch] = useDebouncedValue(view.search.trim(), 300);
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const [notice, setNotice] = useState<string | null>((location.state as { notice?: string } | null)?.notice ?? null);
  const [error, setError] = useState<string | null>(null);
  const [sweeping, setSweeping] = useState(false);

  const { page, pageSize, ...filter } = devicesPageInput({ ...view, search: debouncedSearch });
  const filtered = Boolean(filter.search || filter.type || filter.status || filter.location || filter.monitoredBy);
  const pollers = usePollers({ enabled: may('pollers.list') }).data ?? [];
  const list = useDevicesList({ ...filter, page, pageSize }, view.layout !== 'tree');
  const all = useAllDevices();
  const everything = all.data?.items ?? [];
  const names = new Map(everything.map((d) => [d.id, d.name]));
  const locations = [...new Set(everything.map((d) => d.location).filter(Boolean))].sort();
  const data = view.layout === 'tree' ? all.data : list.data;
  const failure = view.layout === 'tree' ? all.error : list.error;

  const search = filter.search?.toLowerCase();
  const matches = filtered
    ? (d: Device) =>
        (!search || `${d.name} ${d.host} ${d.location}`.toLowerCase().includes(search)) &&
        (!filter.type || d.type === filter.type) &&
        (!filter.status || d.status === filter.status) &&
        (!filter.location || d.location === filter.location) &&
        (filter.monitoredBy === undefined || (filter.monitoredBy === 'site' ? d.pollerId === null : d.pollerId === filter.monitoredBy))
    : null;

  const checkAll = async () => {
    setSweeping(true);
    setError(null);
    setNotice(null);
    try {
      const result = await noc.call('monitor.sweep', {});
      const seconds = new Intl.NumberFormat(localeOf(language), { maximumFractionDigits: 1 }).format(result.durationMs / 1000);
      setNotice(result.checked === 0 ? t('devices.sweepNone') : t('devices.sweepResult', { ...result, duration: seconds }));
      refreshDevices(queryClient);
    } catch (problem) {
      setError(messageOf(problem, t));
    } finally {
      setSweeping(false);
    }
  };

  return (
    <Stack gap="sm" maw={1400}>
      <Group justify="space-between" wrap="wrap" gap="sm">
        <Group gap="sm" wrap="wrap">
          <TextInput placeholder={t('devices.searchPlaceholder')} aria-label={t('common.search')} value={view.search} onChange={(e) => view.setSearch(e.currentTarget.value)} w={260} data-testid="devices-search" />
          <Select
            aria-label={t('devices.type')}
            placeholder={t('devices.allTypes')}
            data={DEVICE_TYPES.map((type) => ({ value: type, label: t(`deviceType.${type}`) }))}
            value={view.type}
            onChange={(v) => view.setType(v as DeviceType | null)}
            clearable
            allowDeselect
            w={150}
            data-testid="devices-type-filter"
          />
          <Select
            aria-label={t('devices.status')}
            placeholder={t('devices.allStatuses')}
            data={DEVICE_STATUSES.map((status) => ({ value: status, label: t(`deviceStatus.${status}`) }))}
            value={view.status}
            onChange={(v) => view.setStatus(v as DeviceStatus | null)}
            clearable
            allowDeselect
            w={150}
            data-testid="devices-status-filter"
          />
          <Select
            aria-label={t('devices.location')}
            placeholder={t('devices.allLocations')}
            data={locations}
            value={view.location}
            onChange={view.setLocation}
            clearable
            allowDeselect
            searchable
            w={160}
            data-testid="devices-location-filter"
          />
          {pollers.length > 0 && (
            <Select
              aria-label={t('pollers.monitoredBy')}
              placeholder={t('pollers.allMonitors')}
              data={[{ value: 'site', label: t('pollers.thisSite') }, ...pollers.map((p) => ({ value: String(p.id), label: p.name }))]}
              value={view.monitoredBy}
              onChange={view.setMonitoredBy}
              clearable
              allowDeselect
              w={170}
              data-testid="devices-poller-filter"
            />
          )}
        </Group>
        <Group gap="xs">
          {may('monitor.sweep') && (
            <Button variant="default" loading={sweeping} onClick={() => void checkAll()} data-testid="devices-check-all">
              {t('devices.checkAll')}
            </Button>
          )}
          {may('devices.create') && (
            <Button onClick={() => setDialog({ kind: 'create' })} data-testid="devices-new">
              {t('devices.newDevice')}
            </Button>
          )}
        </Group>
      </Group>

      <SegmentedControl
        size="xs"
        w="fit-content"
        aria-label={t('devices.view')}
        value={view.layout}
        onChange={(v) => view.setLayout(v as DevicesLayout)}
        transitionDuration={0}
        data={[
          { value: 'table', label: t('devices.viewTable') },
          { value: 'tiles', label: t('devices.viewTiles') },
          { value: 'tree', label: t('devices.viewTree') },
        ]}
        data-testid="devices-layout"
      />
      <Notice message={notice} onClose={() => setNotice(null)} testId="devices-notice" />
      <FormAlert message={error ?? (failure ? messageOf(failure, t) : null)} testId="devices-error" />

      {view.layout === 'tiles' ? (
        <DeviceTiles devices={list.data?.items ?? []} />
      ) : (
        <Paper bg="white" withBorder={view.layout === 'tree'}>
          {view.layout === 'table' ? (
            <DevicesTable devices={list.data?.items ?? []} names={names} onEdit={(device) => setDialog({ kind: 'edit', device })} onDelete={(device) => setDialog({ kind: 'delete', device })} />
          ) : (
            <DeviceTree devices={everything} matches={matches} />
          )}
        </Paper>
      )}
      {data && data.items.length === 0 && (
        <Text size="sm" c="dimmed" ta="center" py="md" data-testid="devices-empty">
          {filtered && view.layout !== 'tree' ? t('devices.empty') : t('devices.emptyAll')}
        </Text>
      )}
      {view.layout !== 'tree' && <ListFooter data={list.data} onPage={view.setPage} testId="devices" />}

      {dialog?.kind === 'create' && (
        <DeviceFormModal
          device={null}
          onClose={() => setDialog(null)}
          onSaved={(device) => {
            setDialog(null);
            refreshDevices(queryClient);
            void navigate(`/devices/${device.id}`, { state: { notice: t('devices.created', { name: device.name }) } });
          }}
        />
      )}
      {dialog?.kind === 'edit' && (
        <DeviceFormModal
          device={dialog.device}
          onClose={() => setDialog(null)}
          onSaved={(device) => {
            setDialog(null);
            setNotice(t('devices.updated', { name: device.name }));
            refreshDevices(queryClient);
          }}
        />
      )}
      {dialog?.kind === 'delete' && (
        <ConfirmModal
          title={t('devices.deleteTitle')}
          text={t('devices.deleteConfirm', { name: dialog.device.name, host: dialog.device.host })}
          confirmLabel={t('common.delete')}
          action={() => noc.call('devices.delete', { id: dialog.device.id })}
          onClose={() => setDialog(null)}
          onDone={() => {
            setNotice(t('devices.deleted', { name: dialog.device.name }));
            setDialog(null);
            refreshDevices(queryClient);
          }}
          testId="device-delete"
        />
      )}
    </Stack>
  );
}
