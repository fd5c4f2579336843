// The dashboard's throughput panel: total traffic now (in / out) over every monitored interface and the 5 busiest
// interfaces of the last hour, linking to their devices and to the Bandwidth page.
import { Anchor, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useLanguage } from '../../site';
import { useTopTalkers } from './queries';
import { formatBps } from './rates';

const BUSIEST = 5;

function Heading({ children }: { children: string }) {
  return (
    <Title order={6} c="dimmed" tt="uppercase" fz={11} lts={0.5}>
      {children}
    </Title>
  );
}

export function TrafficPanel() {
  const { t } = useTranslation();
  const language = useLanguage();
  const top = useTopTalkers('1h', BUSIEST);
  const data = top.data;
  return (
    <Paper withBorder p="md" bg="white" data-testid="dashboard-traffic">
      <Stack gap="sm">
        <Group justify="space-between" wrap="nowrap">
          <Heading>{t('trafficPanel.title')}</Heading>
          <Anchor component={Link} to="/bandwidth" size="xs">
            {t('trafficPanel.all')} →
          </Anchor>
        </Group>
        <SimpleGrid cols={2} spacing="xs">
          <Stack gap={0} data-testid="dashboard-traffic-in" data-bps={data?.totalInBps ?? ''}>
            <Text fz={22} fw={700} lh={1.2} ff="monospace" c="teal.8">
              {data ? formatBps(data.totalInBps, language) : '–'}
            </Text>
            <Text size="xs" c="dimmed">
              {t('trafficPanel.in')}
            </Text>
          </Stack>
          <Stack gap={0} data-testid="dashboard-traffic-out" data-bps={data?.totalOutBps ?? ''}>
            <Text fz={22} fw={700} lh={1.2} ff="monospace" c="blue.8">
              {data ? formatBps(data.totalOutBps, language) : '–'}
            </Text>
            <Text size="xs" c="dimmed">
              {t('trafficPanel.out')}
            </Text>
          </Stack>
        </SimpleGrid>
        <Stack gap={4}>
          <Heading>{t('trafficPanel.busiest')}</Heading>
          {data && data.items.length === 0 ? (
            <Text size="sm" c="dimmed" data-testid="dashboard-traffic-empty">
              {t('trafficPanel.none')}
            </Text>
          ) : (
            (data?.items ?? []).map((row) => (
              <Group key={`${row.deviceId}-${row.ifIndex}`} gap="sm" wrap="nowrap" py={3} style={{ borderTop: '1px solid var(--mantine-color-gray-2)' }} data-testid="dashboard-busiest" data-if-name={row.ifName}>
                <Anchor component={Link} to={`/devices/${row.deviceId}`} size="sm" style={{ flex: 1, minWidth: 0 }} truncate="end">
                  {row.deviceName} · <Text span ff="monospace" size="sm">{row.ifName}</Text>
                  {row.customerName ? ` · ${row.customerName}` : ''}
                </Anchor>
                <Text size="xs" ff="monospace" style={{ whiteSpace: 'nowrap' }}>
                  {formatBps(row.inBps, language)} / {formatBps(row.outBps, language)}
                </Text>
              </Group>
            ))
          )}
        </Stack>
      </Stack>
    </Paper>
  );
}
