// Recent Access-Rejects, newest first: time (site zone), username, NAS, MAC and the reason translated from its code;
// filtered by exact username and reason.
import { Anchor, Badge, Group, Paper, Select, Stack, Table, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { REJECT_REASONS, type RadiusReject, type RejectReason } from '../../../shared/contract';
import { messageOf } from '../../forms/errors';
import { FormAlert } from '../../forms/FormAlert';
import { ListFooter } from '../../ui/ListFooter';
import { useLongDateTime } from '../backups/when';
import { useRadiusRejects } from './queries';

const PAGE_SIZE = 100;
const NOWRAP = { whiteSpace: 'nowrap' } as const;

/** A refusal of the customer's own doing (password, MAC) is orange; one billing decided (terminated, expired) red. */
const REASON_COLORS: Record<RejectReason, string> = {
  unknown_user: 'gray',
  terminated: 'red',
  cancelled: 'red',
  expired: 'red',
  not_started: 'yellow',
  wrong_mac: 'orange',
  wrong_service: 'orange',
  bad_password: 'orange',
  rejected: 'gray',
};

function RejectRow({ reject }: { reject: RadiusReject }) {
  const { t } = useTranslation();
  const longDateTime = useLongDateTime();
  const none = t('common.none');
  return (
    <Table.Tr data-testid="radius-reject-row" data-reason={reject.reason}>
      <Table.Td fz="sm" style={NOWRAP}>
        {longDateTime(reject.at)}
      </Table.Td>
      <Table.Td>
        {reject.customerId !== null ? (
          <Anchor component={Link} to={`/customers/${reject.customerId}`} size="sm" ff="monospace">
            {reject.username}
          </Anchor>
        ) : (
          <Text size="sm" ff="monospace">
            {reject.username}
          </Text>
        )}
      </Table.Td>
      <Table.Td fz="sm">
        {reject.nasName ?? reject.nasAddress ?? none}
        {reject.nasName && (
          <Text span size="xs" c="dimmed" ff="monospace" ml={6}>
            {reject.nasAddress}
          </Text>
        )}
      </Table.Td>
      <Table.Td ff="monospace" fz="xs" style={NOWRAP}>
        {reject.mac ?? none}
      </Table.Td>
      <Table.Td>
        <Badge color={REASON_COLORS[reject.reason]} variant="light" tt="none" data-testid="radius-reject-reason">
          {t(`radius.reason.${reject.reason}`)}
        </Badge>
        {reject.message && (
          <Text size="xs" c="dimmed" ff="monospace" lineClamp={1} title={reject.message}>
            {reject.message}
          </Text>
        )}
      </Table.Td>
    </Table.Tr>
  );
}

export function RejectsPanel() {
  const { t } = useTranslation();
  const [username, setUsername] = useState('');
  const [debounced] = useDebouncedValue(username.trim(), 300);
  const [reason, setReason] = useState<RejectReason | null>(null);
  const [page, setPage] = useState(1);
  const rejects = useRadiusRejects({ username: debounced || undefined, reason: reason ?? undefined, page, pageSize: PAGE_SIZE });
  const filtered = debounced !== '' || reason !== null;
  const items = rejects.data?.items ?? [];

  return (
    <Stack gap="sm" data-testid="radius-rejects">
      <Group gap="sm" wrap="wrap">
        <TextInput
          placeholder={t('radius.rejects.usernameFilter')}
          aria-label={t('radius.rejects.usernameFilter')}
          value={username}
          onChange={(e) => {
            setUsername(e.currentTarget.value);
            setPage(1);
          }}
          w={220}
          data-testid="radius-rejects-username"
        />
        <Select
          aria-label={t('radius.rejects.reason')}
          placeholder={t('radius.rejects.allReasons')}
          data={REJECT_REASONS.map((r) => ({ value: r, label: t(`radius.reason.${r}`) }))}
          value={reason}
          onChange={(value) => {
            setReason(value as RejectReason | null);
            setPage(1);
          }}
          clearable
          allowDeselect
          w={260}
          data-testid="radius-rejects-reason"
        />
        <Text size="xs" c="dimmed" ml="auto">
          {t('radius.live')}
        </Text>
      </Group>
      <FormAlert message={rejects.isError ? messageOf(rejects.error, t) : null} testId="radius-rejects-error" />
      <Paper withBorder bg="white">
        <Table striped verticalSpacing={5} data-testid="radius-rejects-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('radius.rejects.time')}</Table.Th>
              <Table.Th>{t('radius.rejects.username')}</Table.Th>
              <Table.Th>{t('radius.rejects.nas')}</Table.Th>
              <Table.Th>{t('radius.rejects.mac')}</Table.Th>
              <Table.Th>{t('radius.rejects.reason')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rejects.data && items.length === 0 && (
              <Table.Tr>
                <Table.Td colSpan={5}>
                  <Text size="sm" c="dimmed" py="sm" data-testid="radius-rejects-empty">
                    {filtered ? t('radius.rejects.emptyFiltered') : t('radius.rejects.empty')}
                  </Text>
                </Table.Td>
              </Table.Tr>
            )}
            {items.map((reject) => (
              <RejectRow key={reject.id} reject={reject} />
            ))}
          </Table.Tbody>
        </Table>
      </Paper>
      <ListFooter data={rejects.data} onPage={setPage} testId="radius-rejects" />
    </Stack>
  );
}
