// The RADIUS page: online sessions (polled, filterable, Disconnect), recent rejects with their reasons, and for the
// roles that may read it the NAS list with the RADIUS settings. The tab is kept in the URL (?tab=rejects).
import { Stack, Tabs, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { useMay } from '../../frame/permissions';
import { NasPanel } from './NasPanel';
import { RejectsPanel } from './RejectsPanel';
import { SessionsPanel } from './SessionsPanel';

type Tab = 'sessions' | 'rejects' | 'nas';

export function RadiusPage() {
  const { t } = useTranslation();
  const may = useMay();
  const [params, setParams] = useSearchParams();
  const showNas = may('radius.nas.list');
  const asked = params.get('tab');
  const tab: Tab = asked === 'rejects' || (asked === 'nas' && showNas) ? asked : 'sessions';

  return (
    <Stack gap="sm" maw={1400} data-testid="radius-page">
      <Text size="sm" c="dimmed">
        {t('radius.intro')}
      </Text>
      <Tabs value={tab} onChange={(value) => setParams(value && value !== 'sessions' ? { tab: value } : {}, { replace: true })} keepMounted={false}>
        <Tabs.List mb="sm">
          <Tabs.Tab value="sessions" data-testid="radius-tab-sessions">
            {t('radius.tabs.sessions')}
          </Tabs.Tab>
          <Tabs.Tab value="rejects" data-testid="radius-tab-rejects">
            {t('radius.tabs.rejects')}
          </Tabs.Tab>
          {showNas && (
            <Tabs.Tab value="nas" data-testid="radius-tab-nas">
              {t('radius.tabs.nas')}
            </Tabs.Tab>
          )}
        </Tabs.List>
        <Tabs.Panel value="sessions">
          <SessionsPanel />
        </Tabs.Panel>
        <Tabs.Panel value="rejects">
          <RejectsPanel />
        </Tabs.Panel>
        {showNas && (
          <Tabs.Panel value="nas">
            <NasPanel />
          </Tabs.Panel>
        )}
      </Tabs>
    </Stack>
  );
}
