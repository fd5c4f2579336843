// Online sessions: customer and username, NAS, framed IP, MAC, online since (site time), duration, bytes down / up,
// and Disconnect for the roles the contract allows.
import { Anchor, Button, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { RadiusSession } from '../../../shared/contract';
import { useMay } from '../../frame/permissions';
import { useLanguage } from '../../site';
import { formatBytes } from '../bandwidth/rates';
import { useLongDateTime } from '../backups/when';
import { sessionDuration } from './text';
import { useNow } from './useNow';

const NOWRAP = { whiteSpace: 'nowrap' } as const;

export function SessionCustomer({ session }: { session: RadiusSession }) {
  const { t } = useTranslation();
  return (
    <Stack gap={0}>
      {session.customerId !== null ? (
        <Anchor component={Link} to={`/customers/${session.customerId}`} size="sm" fw={500} data-testid="session-customer">
          {session.customerName}
        </Anchor>
      ) : (
        <Text size="sm" c="dimmed" fs="italic">
          {t('radius.sessions.noSubscription')}
        </Text>
      )}
      <Text size="xs" ff="monospace" style={NOWRAP}>
        <span data-testid="session-username">{session.username}</span>
        {session.customerCode && (
          <Text span size="xs" c="dimmed" ff="monospace">
            {' · '}
            {session.customerCode}
          </Text>
        )}
      </Text>
    </Stack>
  );
}

export function SessionNas({ session }: { session: RadiusSession }) {
  return (
    <Stack gap={0}>
      <Text size="sm">{session.nasName ?? session.nasAddress}</Text>
      {session.nasName && (
        <Text size="xs" c="dimmed" ff="monospace">
          {session.nasAddress}
        </Text>
      )}
    </Stack>
  );
}

export function SessionTraffic({ session }: { session: RadiusSession }) {
  const { t } = useTranslation();
  const language = useLanguage();
  return (
    <Text size="sm" ff="monospace" ta="right" style={NOWRAP} data-testid="session-bytes">
      <span title={t('radius.sessions.download')}>↓ {formatBytes(session.outputBytes, language)}</span>
      <br />
      <Text span size="xs" c="dimmed" ff="monospace" title={t('radius.sessions.upload')}>
        ↑ {formatBytes(session.inputBytes, language)}
      </Text>
    </Text>
  );
}

interface Props {
  sessions: readonly RadiusSession[];
  emptyText: string;
  onDisconnect(session: RadiusSession): void;
}

export function SessionsTable({ sessions, emptyText, onDisconnect }: Props) {
  const { t } = useTranslation();
  const may = useMay();
  const language = useLanguage();
  const longDateTime = useLongDateTime();
  const now = useNow(15_000);
  const none = t('common.none');
  const canDisconnect = may('radius.sessions.disconnect');
  return (
    <Table striped verticalSpacing={5} data-testid="radius-sessions-table">
      <Table.Thead style={NOWRAP}>
        <Table.Tr>
          <Table.Th>{t('radius.sessions.customer')}</Table.Th>
          <Table.Th>{t('radius.sessions.nas')}</Table.Th>
          <Table.Th>{t('radius.sessions.framedIp')}</Table.Th>
          <Table.Th>{t('radius.sessions.mac')}</Table.Th>
          <Table.Th>{t('radius.sessions.since')}</Table.Th>
          <Table.Th>{t('radius.sessions.duration')}</Table.Th>
          <Table.Th ta="right">{t('radius.sessions.traffic')}</Table.Th>
          {canDisconnect && <Table.Th />}
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {sessions.length === 0 && (
          <Table.Tr>
            <Table.Td colSpan={8}>
              <Text size="sm" c="dimmed" py="sm" data-testid="radius-sessions-empty">
                {emptyText}
              </Text>
            </Table.Td>
          </Table.Tr>
        )}
        {sessions.map((session) => (
          <Table.Tr key={session.id} data-testid="radius-session-row" data-username={session.username}>
            <Table.Td>
              <SessionCustomer session={session} />
            </Table.Td>
            <Table.Td>
              <SessionNas session={session} />
            </Table.Td>
            <Table.Td ff="monospace" fz="sm" style={NOWRAP} data-testid="session-ip">
              {session.framedIp ?? none}
            </Table.Td>
            <Table.Td ff="monospace" fz="xs" style={NOWRAP}>
              {session.mac ?? none}
            </Table.Td>
            <Table.Td fz="sm" style={NOWRAP} data-testid="session-since">
              {longDateTime(session.startedAt)}
            </Table.Td>
            <Table.Td fz="sm" style={NOWRAP}>
              {sessionDuration(session, language, now)}
            </Table.Td>
            <Table.Td>
              <SessionTraffic session={session} />
            </Table.Td>
            {canDisconnect && (
              <Table.Td ta="right">
                <Button size="compact-sm" variant="light" color="red" onClick={() => onDisconnect(session)} data-testid="session-disconnect">
                  {t('radius.sessions.disconnect')}
                </Button>
              </Table.Td>
            )}
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
