// A device's interfaces: Discover (walks IF-MIB), the table with name, alias, speed and status, the monitored switch
// and the subscription each one serves; clicking a row shows its traffic chart below.
import { Alert, Badge, Button, Group, Paper, Stack, Switch, Table, Text, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { NetworkInterface } from '../../../shared/contract';
import { AppError } from '../../../shared/errors';
import { noc } from '../../api/client';
import { messageOf } from '../../forms/errors';
import { FormAlert } from '../../forms/FormAlert';
import { useMay } from '../../frame/permissions';
import { useLanguage } from '../../site';
import { InterfaceSubscriptionSelect } from './InterfaceSubscriptionSelect';
import { refreshBandwidth, useInterfaces } from './queries';
import { formatMbps } from './rates';
import { TrafficChart } from './TrafficChart';

export function InterfacesCard({ deviceId, onNotice }: { deviceId: number; onNotice(message: string): void }) {
  const { t } = useTranslation();
  const may = useMay();
  const language = useLanguage();
  const queryClient = useQueryClient();
  const interfaces = useInterfaces(deviceId);
  const [discovering, setDiscovering] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // A poller's device: the walk was asked for and waits for the poller's next contact. Not an error (blue, not red).
  const [pendingNotice, setPending] = useState<{ text: string; hadItems: boolean } | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<number, string>>({});
  const [picked, setPicked] = useState<number | null>(null);
  const items = interfaces.data ?? [];
  const editable = may('interfaces.update');
  // The poller's answer lands on its own: once a device that had no interfaces shows some, the notice has done its job.
  const pending = pendingNotice && (pendingNotice.hadItems || items.length === 0) ? pendingNotice.text : null;
  const selected = items.find((i) => i.ifIndex === picked) ?? items.find((i) => i.monitored) ?? null;

  const discover = async () => {
    setDiscovering(true);
    setError(null);
    setPending(null);
    try {
      const found = await noc.call('interfaces.discover', { id: deviceId });
      onNotice(t('interfaces.discovered', { count: found.length }));
      refreshBandwidth(queryClient);
    } catch (failure) {
      if (failure instanceof AppError && failure.code === 'CONFLICT' && failure.details?.reason === 'pollerPending') {
        // A poller's device: the walk happens at the POP; its answer lands on its own, so the list is refreshed later too.
        setPending({ text: t('interfaces.pollerPending', { poller: String(failure.details.poller ?? '') }), hadItems: items.length > 0 });
        refreshBandwidth(queryClient);
      } else {
        setError(failure instanceof AppError && failure.code === 'CONFLICT' ? t('interfaces.noAnswer', { detail: failure.message.replace(/^.*did not answer: /, '') }) : messageOf(failure, t));
      }
    } finally {
      setDiscovering(false);
    }
  };

  const update = async (row: NetworkInterface, patch: { monitored?: boolean; subscriptionId?: number | null }) => {
    setError(null);
    setFieldErrors(({ [row.ifIndex]: _gone, ...rest }) => rest);
    try {
      await noc.call('interfaces.update', { id: deviceId, ifIndex: row.ifIndex, ...patch });
      onNotice(t('interfaces.updated', { name: row.name }));
      refreshBandwidth(queryClient);
    } catch (failure) {
      const field = failure instanceof AppError && failure.code === 'VALIDATION_FAILED' ? messageOf(failure, t) : null;
      if (field && patch.subscriptionId !== undefined) setFieldErrors((prev) => ({ ...prev, [row.ifIndex]: t('deviceErrors.subscriptionsMissing') }));
      else setError(messageOf(failure, t));
    }
  };

  return (
    <Stack gap="sm">
      <Paper withBorder p="md" bg="white" data-testid="interfaces-card">
        <Stack gap="xs">
          <Group justify="space-between">
            <Title order={5}>{t('interfaces.title')}</Title>
            {may('interfaces.discover') && (
              <Button size="xs" variant="light" loading={discovering} onClick={() => void discover()} data-testid="interfaces-discover">
                {t('interfaces.discover')}
              </Button>
            )}
          </Group>
          <FormAlert message={error ?? (interfaces.isError ? messageOf(interfaces.error, t) : null)} testId="interfaces-error" />
          {pending && (
            <Alert color="blue" variant="light" py="xs" data-testid="interfaces-pending" role="status">
              {pending}
            </Alert>
          )}
          {interfaces.data && items.length === 0 ? (
            // While the poller's walk is pending, "set up SNMP, then press Discover" would tell the user to do what was just done.
            !pending && (
              <Text size="sm" c="dimmed" data-testid="interfaces-empty">
                {t('interfaces.empty')}
              </Text>
            )
          ) : (
            <Table fz="xs" verticalSpacing={4} highlightOnHover>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('interfaces.name')}</Table.Th>
                  <Table.Th>{t('interfaces.alias')}</Table.Th>
                  <Table.Th ta="right">{t('interfaces.speed')}</Table.Th>
                  <Table.Th>{t('interfaces.oper')}</Table.Th>
                  <Table.Th>{t('interfaces.monitored')}</Table.Th>
                  <Table.Th>{t('interfaces.subscription')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((row) => (
                  <Table.Tr
                    key={row.ifIndex}
                    onClick={() => setPicked(row.ifIndex)}
                    bg={selected?.ifIndex === row.ifIndex ? 'blue.0' : undefined}
                    style={{ cursor: 'pointer' }}
                    data-testid="interface-row"
                    data-name={row.name}
                    data-if-index={row.ifIndex}
                    data-monitored={row.monitored}
                  >
                    <Table.Td ff="monospace" fw={500} title={row.descr}>
                      {row.name}
                    </Table.Td>
                    <Table.Td c={row.alias ? undefined : 'dimmed'}>{row.alias || t('common.none')}</Table.Td>
                    <Table.Td ta="right" ff="monospace" style={{ whiteSpace: 'nowrap' }}>
                      {row.speedMbps === null ? t('common.none') : formatMbps(row.speedMbps, language)}
                    </Table.Td>
                    <Table.Td>
                      <Badge color={row.operUp ? 'green' : 'red'} variant="light" size="sm" style={{ minWidth: 'max-content' }}>
                        {row.operUp ? t('interfaces.up') : t('interfaces.down')}
                      </Badge>
                    </Table.Td>
                    <Table.Td onClick={(e) => e.stopPropagation()}>
                      <Switch size="xs" checked={row.monitored} disabled={!editable} onChange={(e) => void update(row, { monitored: e.currentTarget.checked })} aria-label={t('interfaces.monitored')} data-testid="interface-monitored" />
                    </Table.Td>
                    <Table.Td onClick={(e) => e.stopPropagation()}>
                      <InterfaceSubscriptionSelect value={row.subscriptionId} onChange={(id) => void update(row, { subscriptionId: id })} disabled={!editable} error={fieldErrors[row.ifIndex]} testId="interface-subscription" />
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
        </Stack>
      </Paper>
      {selected ? (
        <TrafficChart key={selected.ifIndex} target={{ deviceId, ifIndex: selected.ifIndex }} title={t('interfaces.chartOf', { name: selected.name })} testId="interface-traffic" />
      ) : (
        items.length > 0 && (
          <Text size="sm" c="dimmed">
            {t('interfaces.selectHint')}
          </Text>
        )
      )}
    </Stack>
  );
}
