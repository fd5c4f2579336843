// A subscription's session now (online since, IP, NAS, bytes) and its last closed sessions, from accounting.
import { Badge, Group, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { RadiusSession } from '../../../shared/contract';
import { useLanguage } from '../../site';
import { formatBytes } from '../bandwidth/rates';
import { useLongDateTime } from '../backups/when';
import { sessionDuration } from './text';
import { useNow } from './useNow';

const NOWRAP = { whiteSpace: 'nowrap' } as const;
/** Closed sessions shown under the session now. */
export const HISTORY_ROWS = 5;

function Label({ children }: { children: string }) {
  return (
    <Text size="xs" c="dimmed" tt="uppercase" fw={600} lts={0.3}>
      {children}
    </Text>
  );
}

export function SessionNow({ session }: { session: RadiusSession | undefined }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const longDateTime = useLongDateTime();
  const now = useNow(15_000);
  return (
    <Stack gap={2} data-testid="access-session-now" data-online={session ? 'true' : 'false'}>
      <Label>{t('radius.access.now')}</Label>
      {!session ? (
        <Group gap="xs">
          <Badge color="gray" variant="light" tt="none">
            {t('radius.access.offline')}
          </Badge>
        </Group>
      ) : (
        <Group gap="xs" wrap="wrap" fz="sm">
          <Badge color="green" variant="filled" tt="none">
            {t('radius.access.online')}
          </Badge>
          <Text size="sm" data-testid="access-session-since">
            {t('radius.access.since', { time: longDateTime(session.startedAt), duration: sessionDuration(session, language, now) })}
          </Text>
          <Text size="sm" ff="monospace" fw={600} data-testid="access-session-ip">
            {session.framedIp ?? t('common.none')}
          </Text>
          <Text size="sm" c="dimmed">
            {session.nasName ?? session.nasAddress}
          </Text>
          <Text size="sm" ff="monospace" style={NOWRAP}>
            ↓ {formatBytes(session.outputBytes, language)} · ↑ {formatBytes(session.inputBytes, language)}
          </Text>
        </Group>
      )}
    </Stack>
  );
}

export function SessionHistory({ sessions }: { sessions: readonly RadiusSession[] }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const longDateTime = useLongDateTime();
  const none = t('common.none');
  return (
    <Stack gap={2}>
      <Label>{t('radius.access.history')}</Label>
      {sessions.length === 0 ? (
        <Text size="sm" c="dimmed" data-testid="access-history-empty">
          {t('radius.access.historyEmpty')}
        </Text>
      ) : (
        <Table fz="xs" verticalSpacing={2} horizontalSpacing={6} withRowBorders={false} data-testid="access-history">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('radius.access.started')}</Table.Th>
              <Table.Th>{t('radius.sessions.duration')}</Table.Th>
              <Table.Th>{t('radius.sessions.framedIp')}</Table.Th>
              <Table.Th>{t('radius.sessions.nas')}</Table.Th>
              <Table.Th ta="right">{t('radius.sessions.traffic')}</Table.Th>
              <Table.Th>{t('radius.access.cause')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {sessions.map((session) => (
              <Table.Tr key={session.id} data-testid="access-history-row">
                <Table.Td style={NOWRAP}>{longDateTime(session.startedAt)}</Table.Td>
                <Table.Td style={NOWRAP}>{sessionDuration(session, language)}</Table.Td>
                <Table.Td ff="monospace">{session.framedIp ?? none}</Table.Td>
                <Table.Td>{session.nasName ?? session.nasAddress}</Table.Td>
                <Table.Td ta="right" ff="monospace" style={NOWRAP}>
                  ↓ {formatBytes(session.outputBytes, language)} · ↑ {formatBytes(session.inputBytes, language)}
                </Table.Td>
                <Table.Td ff="monospace" c="dimmed">
                  {session.terminateCause ?? none}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
