// The online sessions tab: search (username, customer, IP), NAS filter, the live table and Disconnect with its answer.
import { Alert, Group, Paper, Select, Stack, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RadiusSession } from '../../../shared/contract';
import { messageOf } from '../../forms/errors';
import { FormAlert } from '../../forms/FormAlert';
import { useMay } from '../../frame/permissions';
import { ListFooter } from '../../ui/ListFooter';
import { DisconnectModal, type DisconnectOutcome } from './DisconnectModal';
import { useNasList, useRadiusSessions } from './queries';
import { SessionsTable } from './SessionsTable';

const PAGE_SIZE = 100;

export function SessionsPanel() {
  const { t } = useTranslation();
  const may = useMay();
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search.trim(), 300);
  const [nasId, setNasId] = useState<string | null>(null);
  const [page, setPage] = useState(1);
  const [disconnecting, setDisconnecting] = useState<RadiusSession | null>(null);
  const [outcome, setOutcome] = useState<DisconnectOutcome | null>(null);
  const nas = useNasList(may('radius.nas.list'));
  const filtered = debounced !== '' || nasId !== null;
  const sessions = useRadiusSessions({ online: true, search: debounced || undefined, nasId: nasId === null ? undefined : Number(nasId), page, pageSize: PAGE_SIZE });

  return (
    <Stack gap="sm" data-testid="radius-sessions">
      <Group gap="sm" wrap="wrap">
        <TextInput
          placeholder={t('radius.sessions.search')}
          aria-label={t('common.search')}
          value={search}
          onChange={(e) => {
            setSearch(e.currentTarget.value);
            setPage(1);
          }}
          w={300}
          data-testid="radius-sessions-search"
        />
        {nas.data && (
          <Select
            aria-label={t('radius.sessions.nas')}
            placeholder={t('radius.sessions.allNas')}
            data={nas.data.map((n) => ({ value: String(n.id), label: `${n.name} (${n.address})` }))}
            value={nasId}
            onChange={(value) => {
              setNasId(value);
              setPage(1);
            }}
            clearable
            allowDeselect
            w={240}
            data-testid="radius-sessions-nas"
          />
        )}
        <Text size="xs" c="dimmed" ml="auto">
          {t('radius.live')}
        </Text>
      </Group>
      {outcome && (
        <Alert color={outcome.ok ? 'green' : 'orange'} variant="light" py="xs" withCloseButton onClose={() => setOutcome(null)} data-testid="session-disconnect-outcome">
          {outcome.message}
        </Alert>
      )}
      <FormAlert message={sessions.isError ? messageOf(sessions.error, t) : null} testId="radius-sessions-error" />
      <Paper withBorder bg="white">
        <SessionsTable
          sessions={sessions.data?.items ?? []}
          emptyText={sessions.isPending ? '' : filtered ? t('radius.sessions.emptyFiltered') : t('radius.sessions.empty')}
          onDisconnect={setDisconnecting}
        />
      </Paper>
      <ListFooter data={sessions.data} onPage={setPage} testId="radius-sessions" />
      {disconnecting && (
        <DisconnectModal
          session={disconnecting}
          onClose={() => setDisconnecting(null)}
          onResult={(result) => {
            setDisconnecting(null);
            setOutcome(result);
          }}
        />
      )}
    </Stack>
  );
}
