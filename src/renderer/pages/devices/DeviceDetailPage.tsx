// One device: header (name, host, type, status with "since"), Ping now, the latency chart, the network log, details,
// the devices below it, its customers (affected while it is down) and the maintenance windows. Follows device events live.
import { Anchor, Button, Center, Grid, Group, Loader, Paper, Stack, Text, Title, Tooltip } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate, useParams } from 'react-router';
import type { Device } from '../../../shared/contract';
import { AppError } from '../../../shared/errors';
import { InterfacesCard } from '../bandwidth/InterfacesCard';
import { SnmpCard } from '../bandwidth/SnmpCard';
import { noc } from '../../api/client';
import { messageOf } from '../../forms/errors';
import { FormAlert } from '../../forms/FormAlert';
import { useMay } from '../../frame/permissions';
import { useDateTime, useLanguage } from '../../site';
import { ConfirmModal } from '../../ui/ConfirmModal';
import { Notice } from '../../ui/Notice';
import { DeviceStatusBadge } from './DeviceBadges';
import { DeviceFormModal } from './DeviceFormModal';
import { ChildrenCard, CustomersCard, DetailsCard, LogCard } from './DeviceSections';
import { HealthCard } from './HealthCard';
import { LatencyChart } from './LatencyChart';
import { MaintenanceSection } from './MaintenanceSection';
import { refreshDevices, useAllDevices, useDevice } from './queries';
import { formatLoss, formatMs } from './text';

type Dialog = 'edit' | 'delete';

function Header({ device, onNotice, onError, onDialog }: { device: Device; onNotice(message: string): void; onError(message: string | null): void; onDialog(dialog: Dialog): void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const may = useMay();
  const dateTime = useDateTime();
  const language = useLanguage();
  const [pinging, setPinging] = useState(false);

  const pingNow = async () => {
    setPinging(true);
    onError(null);
    try {
      const result = await noc.call('devices.check', { id: device.id });
      const status = t(`deviceStatus.${result.status}`);
      onNotice(
        result.reachable
          ? t('devices.pingReachable', { latency: formatMs(result.latencyMs, language) ?? '–', loss: formatLoss(result.lossPct, language), status })
          : t('devices.pingUnreachable', { status }),
      );
      refreshDevices(queryClient);
    } catch (failure) {
      // The device moved to a poller since this page loaded: the site cannot reach it.
      const byPoller = failure instanceof AppError && failure.code === 'CONFLICT' && failure.details !== undefined && 'pollerId' in (failure.details as object);
      onError(byPoller ? t('pollers.checkByPoller', { name: device.pollerName ?? '' }) : messageOf(failure, t));
    } finally {
      setPinging(false);
    }
  };

  return (
    <Paper withBorder p="md" bg="white">
      <Group justify="space-between" wrap="wrap" gap="sm">
        <Stack gap={4}>
          <Group gap="sm" wrap="nowrap">
            <Title order={3} fw={600} data-testid="device-title">
              {device.name}
            </Title>
            <DeviceStatusBadge status={device.status} reason={device.statusReason} size="lg" />
            {device.statusSince && (device.status !== 'unknown' || device.statusReason === 'pollerDown') && (
              <Text size="sm" c="dimmed" data-testid="device-status-since">
                {t('devices.since', { time: dateTime(device.statusSince) })}
              </Text>
            )}
          </Group>
          <Group gap="md">
            <Text size="sm" ff="monospace" data-testid="device-host">
              {device.host}
            </Text>
            <Text size="sm" c="dimmed">
              {t(`deviceType.${device.type}`)}
            </Text>
            {device.location && (
              <Text size="sm" c="dimmed">
                {device.location}
              </Text>
            )}
            {!device.monitored && (
              <Text size="sm" c="orange.8">
                {t('devices.notMonitored')}
              </Text>
            )}
            {device.pollerName !== null && (
              <Anchor component={Link} to="/pollers" size="sm" c="indigo.7" data-testid="device-poller-link">
                {t('pollers.via', { name: device.pollerName })}
              </Anchor>
            )}
          </Group>
        </Stack>
        <Group gap="xs">
          {may('devices.check') &&
            (device.pollerId === null ? (
              <Button loading={pinging} onClick={() => void pingNow()} data-testid="device-ping">
                {t('devices.pingNow')}
              </Button>
            ) : (
              // The site cannot reach a poller's device: the button stays in its place, off, and says why.
              <Tooltip label={t('pollers.checkByPoller', { name: device.pollerName ?? '' })} multiline w={280}>
                <Button data-disabled onClick={(e) => e.preventDefault()} data-testid="device-ping">
                  {t('devices.pingNow')}
                </Button>
              </Tooltip>
            ))}
          {may('devices.update') && (
            <Button variant="default" onClick={() => onDialog('edit')} data-testid="device-edit">
              {t('common.edit')}
            </Button>
          )}
          {may('devices.delete') && (
            <Button variant="light" color="red" onClick={() => onDialog('delete')} data-testid="device-delete">
              {t('common.delete')}
            </Button>
          )}
        </Group>
      </Group>
    </Paper>
  );
}

export function DeviceDetailPage() {
  const { t } = useTranslation();
  const params = useParams();
  const location = useLocation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const id = Number(params['id']);
  const deviceQuery = useDevice(id);
  const names = new Map((useAllDevices().data?.items ?? []).map((d) => [d.id, d.name]));
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const [notice, setNotice] = useState<string | null>((location.state as { notice?: string } | null)?.notice ?? null);
  const [error, setError] = useState<string | null>(null);

  if (deviceQuery.isPending) {
    return (
      <Center py="xl">
        <Loader size="sm" />
      </Center>
    );
  }
  if (deviceQuery.isError) {
    const gone = deviceQuery.error instanceof AppError && deviceQuery.error.code === 'NOT_FOUND';
    return (
      <Stack gap="sm" maw={600}>
        <FormAlert message={gone ? t('devices.notFound') : messageOf(deviceQuery.error, t)} testId="device-error" />
        <Anchor component={Link} to="/devices" size="sm">
          ← {t('devices.back')}
        </Anchor>
      </Stack>
    );
  }
  const device = deviceQuery.data;

  return (
    <Stack gap="sm" maw={1400} data-testid="device-detail" data-device-id={device.id}>
      <Anchor component={Link} to="/devices" size="sm" data-testid="device-back">
        ← {t('devices.back')}
      </Anchor>
      <Header device={device} onNotice={setNotice} onError={setError} onDialog={setDialog} />
      <Notice message={notice} onClose={() => setNotice(null)} testId="device-notice" />
      <FormAlert message={error} testId="device-action-error" />
      <HealthCard deviceId={device.id} />
      <LatencyChart deviceId={device.id} createdAt={device.createdAt} />
      <InterfacesCard deviceId={device.id} onNotice={setNotice} />
      <Grid gutter="sm">
        <Grid.Col span={{ base: 12, lg: 7 }}>
          <Stack gap="sm">
            <LogCard deviceId={device.id} />
            <CustomersCard deviceId={device.id} names={names} down={device.status === 'offline' || device.status === 'unreachable'} />
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 5 }}>
          <Stack gap="sm">
            <DetailsCard device={device} parentName={device.parentId === null ? null : names.get(device.parentId) ?? null} />
            <SnmpCard key={device.updatedAt} device={device} onNotice={setNotice} />
            <ChildrenCard deviceId={device.id} />
            <MaintenanceSection deviceId={device.id} onNotice={setNotice} />
          </Stack>
        </Grid.Col>
      </Grid>

      {dialog === 'edit' && (
        <DeviceFormModal
          device={device}
          onClose={() => setDialog(null)}
          onSaved={(saved) => {
            setDialog(null);
            setNotice(t('devices.updated', { name: saved.name }));
            refreshDevices(queryClient);
          }}
        />
      )}
      {dialog === 'delete' && (
        <ConfirmModal
          title={t('devices.deleteTitle')}
          text={t('devices.deleteConfirm', { name: device.name, host: device.host })}
          confirmLabel={t('common.delete')}
          action={() => noc.call('devices.delete', { id: device.id })}
          onClose={() => setDialog(null)}
          onDone={() => {
            refreshDevices(queryClient);
            void navigate('/devices', { state: { notice: t('devices.deleted', { name: device.name }) } });
          }}
          testId="device-delete"
        />
      )}
    </Stack>
  );
}
