// The pollers table: name (and the key's last four characters), state with "down since", version and host name,
// last contact with its age, backlog, devices, sweep time with the lag beneath; Revoke for admins on a poller not yet revoked.
import { Badge, Button, Stack, Table, Text, Tooltip } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Poller } from '../../../shared/contract';
import { formatNumber } from '../../format';
import { useNow } from '../radius/useNow';
import { useLanguage } from '../../site';
import { TableHeading } from '../../ui/TableHeading';
import { POLLER_STATE_COLORS, useAgo, useLongDateTime, useMillis } from './text';

/** A pill keeps its whole word even in a squeezed column. */
const NO_TRUNCATE = { minWidth: 'max-content', overflow: 'visible' } as const;

export function PollerStateBadge({ poller }: { poller: Poller }) {
  const { t } = useTranslation();
  const { state } = poller;
  return (
    <Tooltip label={t(`pollers.stateHint.${state}`)} multiline w={260}>
      <Badge
        color={POLLER_STATE_COLORS[state]}
        variant={state === 'down' || state === 'revoked' ? 'filled' : 'light'}
        style={NO_TRUNCATE}
        data-testid="poller-state"
        data-state={state}
      >
        {t(`pollers.states.${state}`)}
      </Badge>
    </Tooltip>
  );
}

interface Props {
  pollers: Poller[];
  /** Absent: the role may not revoke, and the column is not shown. */
  onRevoke?(poller: Poller): void;
}

export function PollersTable({ pollers, onRevoke }: Props) {
  const { t } = useTranslation();
  const language = useLanguage();
  const longDateTime = useLongDateTime();
  const millis = useMillis();
  const ago = useAgo();
  // "2 min ago" keeps counting between refetches.
  const now = useNow(10_000);
  const none = t('common.none');
  const right = { ta: 'right', style: { whiteSpace: 'nowrap' } } as const;
  return (
    <Table striped highlightOnHover withTableBorder horizontalSpacing={8} verticalSpacing={6} data-testid="pollers-table">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t('pollers.name')}</Table.Th>
          <Table.Th style={{ whiteSpace: 'nowrap' }}>
            <TableHeading main={t('pollers.state')} second={t('pollers.downSince')} />
          </Table.Th>
          <Table.Th>
            <TableHeading main={t('pollers.version')} second={t('pollers.hostname')} />
          </Table.Th>
          <Table.Th>{t('pollers.lastContact')}</Table.Th>
          <Table.Th {...right} title={t('pollers.backlogHint')}>
            <TableHeading main={t('pollers.backlog')} second={t('pollers.backlogUnit')} />
          </Table.Th>
          <Table.Th {...right}>{t('pollers.devices')}</Table.Th>
          <Table.Th {...right} title={t('pollers.lagHint')}>
            <TableHeading main={t('pollers.sweep')} second={t('pollers.lag')} />
          </Table.Th>
          {onRevoke && <Table.Th w={90} aria-label={t('common.actions')} />}
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {pollers.map((poller) => {
          const revoked = poller.state === 'revoked';
          return (
            <Table.Tr key={poller.id} data-testid="poller-row" data-name={poller.name} data-state={poller.state}>
              <Table.Td>
                <Text size="sm" fw={600} maw={260} lineClamp={2} style={{ overflowWrap: 'anywhere' }} title={poller.name} td={revoked ? 'line-through' : undefined} c={revoked ? 'dimmed' : undefined} data-testid="poller-name">
                  {poller.name}
                </Text>
                <Text size="xs" c="dimmed" ff="monospace">
                  {t('pollers.keyHint', { hint: poller.keyHint })}
                </Text>
              </Table.Td>
              <Table.Td>
                <Stack gap={2} align="flex-start">
                  <PollerStateBadge poller={poller} />
                  {/* Under the header "Down since", and free to wrap: a long date must not widen the table. */}
                  {poller.state === 'down' && poller.downSince && (
                    <Text size="xs" c="red.8" maw={150} lh={1.3} data-testid="poller-down-since">
                      {longDateTime(poller.downSince)}
                    </Text>
                  )}
                </Stack>
              </Table.Td>
              <Table.Td>
                <Text size="sm" ff="monospace" data-testid="poller-version">
                  {poller.version ?? none}
                </Text>
                <Text size="xs" c="dimmed" ff="monospace" maw={160} truncate="end" title={poller.hostname ?? undefined} data-testid="poller-hostname">
                  {poller.hostname ?? none}
                </Text>
              </Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }} data-testid="poller-last-contact">
                {poller.lastContactAt ? (
                  <>
                    <Text size="sm">{longDateTime(poller.lastContactAt)}</Text>
                    <Text size="xs" c={poller.state === 'down' ? 'red.8' : 'dimmed'}>
                      {ago(poller.lastContactAt, now)}
                    </Text>
                  </>
                ) : (
                  <Text size="sm" c="dimmed">
                    {t('pollers.never')}
                  </Text>
                )}
              </Table.Td>
              <Table.Td {...right} ff="monospace" fz="sm" c={poller.backlog > 0 ? 'orange.8' : undefined} fw={poller.backlog > 0 ? 600 : undefined} data-testid="poller-backlog">
                {formatNumber(poller.backlog, language, 0)}
              </Table.Td>
              {/* Devices left on a revoked poller are watched by nobody until they are moved. */}
              <Table.Td
                {...right}
                ff="monospace"
                fz="sm"
                c={revoked && poller.devices > 0 ? 'orange.8' : undefined}
                fw={revoked && poller.devices > 0 ? 600 : undefined}
                title={revoked && poller.devices > 0 ? t('pollers.devicesToMove') : undefined}
                data-testid="poller-devices"
              >
                {formatNumber(poller.devices, language, 0)}
              </Table.Td>
              <Table.Td {...right}>
                <Text size="sm" ff="monospace" data-testid="poller-sweep">
                  {millis(poller.sweepMs)}
                </Text>
                <Text size="xs" ff="monospace" c="dimmed" data-testid="poller-lag">
                  {millis(poller.lagMs)}
                </Text>
              </Table.Td>
              {onRevoke && (
                <Table.Td ta="right">
                  {!revoked && (
                    <Button size="compact-sm" variant="light" color="red" onClick={() => onRevoke(poller)} data-testid="poller-revoke">
                      {t('pollers.revoke')}
                    </Button>
                  )}
                </Table.Td>
              )}
            </Table.Tr>
          );
        })}
      </Table.Tbody>
    </Table>
  );
}
