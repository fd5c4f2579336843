// The alerts as a dense table: severity, type above the message, status, count, last seen (since first seen), who handled it, row actions.
import { ActionIcon, Checkbox, Group, Stack, Table, Text, Tooltip } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Alert } from '../../../shared/contract';
import { useDateTime, useMessage } from '../../site';
import { useAlertsLive } from '../../stores/alerts';
import { CheckIcon, EyeIcon } from '../../ui/icons';
import { AlertStatusBadge, SeverityBadge } from './AlertBadges';

interface Props {
  alerts: Alert[];
  selected: ReadonlySet<number>;
  onSelect(ids: number[], on: boolean): void;
  onAcknowledge(alert: Alert): void;
  onResolve(alert: Alert): void;
}

/** Who acknowledged or resolved it; the system's own resolution (the cause ended) is translated. */
function HandledBy({ alert }: { alert: Alert }) {
  const { t } = useTranslation();
  const dateTime = useDateTime();
  const lines: ReactNode[] = [];
  if (alert.acknowledgedBy) {
    lines.push(
      <Text key="ack" size="xs" data-testid="alert-acknowledged-by" title={dateTime(alert.acknowledgedAt)}>
        {t('alerts.acknowledgedBy', { name: alert.acknowledgedBy })}
      </Text>,
    );
  }
  if (alert.resolvedBy) {
    const who = alert.resolvedBy === 'system' ? t('alerts.system') : alert.resolvedBy;
    lines.push(
      <Text key="res" size="xs" data-testid="alert-resolved-by" title={dateTime(alert.resolvedAt)}>
        {t('alerts.resolvedBy', { name: who })}
      </Text>,
    );
  }
  if (lines.length === 0) return <Text size="xs" c="dimmed">{t('common.none')}</Text>;
  return <Stack gap={0}>{lines}</Stack>;
}

/** The acknowledge and resolve notes under the message, where the eye already is, each with who wrote it and when. */
function Notes({ alert }: { alert: Alert }) {
  const { t } = useTranslation();
  const dateTime = useDateTime();
  const notes = [
    { key: 'ack', note: alert.ackNote, label: t('alerts.ackNoteBy', { name: alert.acknowledgedBy ?? t('common.none'), time: dateTime(alert.acknowledgedAt) }), testId: 'alert-note-text' },
    {
      key: 'res',
      note: alert.resolveNote,
      label: t('alerts.resolveNoteBy', { name: alert.resolvedBy === 'system' ? t('alerts.system') : (alert.resolvedBy ?? t('common.none')), time: dateTime(alert.resolvedAt) }),
      testId: 'alert-resolve-note',
    },
  ];
  return notes.map(({ key, note, label, testId }) =>
    note ? (
      <Text key={key} size="xs" c="dimmed" lineClamp={2} title={note} data-testid={testId}>
        {label} <Text span size="xs" fs="italic">“{note}”</Text>
      </Text>
    ) : null,
  );
}

const NOWRAP = { whiteSpace: 'nowrap' } as const;
/** The actions stay in view at the right edge however wide the table scrolls. */
const STICKY_RIGHT = { position: 'sticky', right: 0, background: 'var(--mantine-color-body)', boxShadow: '-1px 0 0 var(--mantine-color-gray-3)' } as const;

export function AlertsTable({ alerts, selected, onSelect, onAcknowledge, onResolve }: Props) {
  const { t } = useTranslation();
  const render = useMessage();
  const dateTime = useDateTime();
  const fresh = useAlertsLive((s) => s.fresh);
  const selectable = alerts.filter((a) => a.status === 'open').map((a) => a.id);
  const allOn = selectable.length > 0 && selectable.every((id) => selected.has(id));
  const someOn = selectable.some((id) => selected.has(id));

  return (
    <Table.ScrollContainer minWidth={980} type="native">
      <Table highlightOnHover withTableBorder data-testid="alerts-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={36}>
              <Checkbox
                size="xs"
                checked={allOn}
                indeterminate={someOn && !allOn}
                disabled={selectable.length === 0}
                onChange={() => onSelect(selectable, !allOn)}
                aria-label={t('alerts.selectAll')}
                data-testid="alerts-select-all"
              />
            </Table.Th>
            <Table.Th w={96}>{t('alerts.severity')}</Table.Th>
            <Table.Th>{t('alerts.alert')}</Table.Th>
            <Table.Th>{t('alerts.status')}</Table.Th>
            <Table.Th ta="right" w={64}>
              {t('alerts.count')}
            </Table.Th>
            <Table.Th>{t('alerts.lastSeen')}</Table.Th>
            <Table.Th>{t('alerts.handledBy')}</Table.Th>
            <Table.Th w={76} style={STICKY_RIGHT} />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {alerts.map((alert) => {
            const resolved = alert.status === 'resolved';
            const highlight = fresh[alert.id] === true;
            return (
              <Table.Tr
                key={alert.id}
                data-testid="alert-row"
                data-alert-id={alert.id}
                data-status={alert.status}
                data-fresh={highlight ? 'true' : undefined}
                style={{
                  color: resolved ? 'var(--mantine-color-dimmed)' : undefined,
                  background: highlight ? 'var(--mantine-color-yellow-0)' : resolved ? 'var(--mantine-color-gray-0)' : undefined,
                  transition: 'background-color 1.5s ease',
                  boxShadow: alert.status === 'open' ? `inset 3px 0 0 var(--mantine-color-${alert.severity === 'critical' ? 'red' : alert.severity === 'warning' ? 'orange' : 'blue'}-6)` : undefined,
                }}
              >
                <Table.Td>
                  {alert.status === 'open' && (
                    <Checkbox
                      size="xs"
                      checked={selected.has(alert.id)}
                      onChange={(e) => onSelect([alert.id], e.currentTarget.checked)}
                      aria-label={t('alerts.selectRow', { id: alert.id })}
                      data-testid="alert-select"
                    />
                  )}
                </Table.Td>
                <Table.Td style={NOWRAP}>
                  <SeverityBadge severity={alert.severity} muted={resolved} />
                </Table.Td>
                <Table.Td miw={300}>
                  <Text size="xs" fw={600} c={resolved ? 'dimmed' : 'dark.3'} tt="uppercase" lts={0.3} data-testid="alert-type">
                    {t(`alertType.${alert.type}`)}
                  </Text>
                  <Text size="sm" c={resolved ? 'dimmed' : undefined} data-testid="alert-message">
                    {render(alert.text)}
                  </Text>
                  <Notes alert={alert} />
                </Table.Td>
                <Table.Td style={NOWRAP}>
                  <AlertStatusBadge status={alert.status} />
                </Table.Td>
                <Table.Td ta="right" ff="monospace" data-testid="alert-count" title={t('alerts.repeated', { count: alert.count })}>
                  {alert.count > 1 ? <Text span fw={700} size="sm" ff="monospace">{`×${alert.count}`}</Text> : alert.count}
                </Table.Td>
                <Table.Td style={NOWRAP}>
                  <Text size="sm" data-testid="alert-last-seen">
                    {dateTime(alert.lastSeenAt)}
                  </Text>
                  {alert.firstSeenAt !== alert.lastSeenAt && (
                    <Text size="xs" c="dimmed" data-testid="alert-first-seen">
                      {t('alerts.since', { time: dateTime(alert.firstSeenAt) })}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td miw={150} maw={200}>
                  <HandledBy alert={alert} />
                </Table.Td>
                <Table.Td style={{ ...STICKY_RIGHT, background: highlight ? 'var(--mantine-color-yellow-0)' : resolved ? 'var(--mantine-color-gray-0)' : STICKY_RIGHT.background }}>
                  <Group gap={4} justify="flex-end" wrap="nowrap">
                    {alert.status === 'open' && (
                      <Tooltip label={t('alerts.acknowledge')} withArrow>
                        <ActionIcon variant="subtle" color="blue" onClick={() => onAcknowledge(alert)} aria-label={t('alerts.acknowledge')} data-testid="alert-acknowledge">
                          <EyeIcon />
                        </ActionIcon>
                      </Tooltip>
                    )}
                    {!resolved && (
                      <Tooltip label={t('alerts.resolve')} withArrow>
                        <ActionIcon variant="subtle" color="green" onClick={() => onResolve(alert)} aria-label={t('alerts.resolve')} data-testid="alert-resolve">
                          <CheckIcon />
                        </ActionIcon>
                      </Tooltip>
                    )}
                  </Group>
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
