// A customer's usage: the last 30 days' volumes, average, peak and 95th percentile both ways, the days over the plan's
// speed, and the customer's traffic chart with the plan's download speed as a dashed line.
import { Badge, Group, Paper, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { messageOf } from '../../forms/errors';
import { FormAlert } from '../../forms/FormAlert';
import { useLanguage } from '../../site';
import { useCustomerUsage } from './queries';
import { formatGB, formatMbps } from './rates';
import { TrafficChart } from './TrafficChart';

export function UsageCard({ customerId }: { customerId: number }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const summary = useCustomerUsage(customerId);
  const data = summary.data;
  const labels = { in: t('usage.upload'), out: t('usage.download') };
  return (
    <Stack gap="sm">
      <Paper withBorder p="md" bg="white" data-testid="usage-card" data-total-out-gb={data?.totalOutGB ?? ''} data-interfaces={data?.interfaces ?? ''}>
        <Stack gap="xs">
          <Group justify="space-between">
            <Title order={5}>{t('usage.title')}</Title>
            <Text size="xs" c="dimmed">
              {t('usage.period')}
            </Text>
          </Group>
          <FormAlert message={summary.isError ? messageOf(summary.error, t) : null} />
          {data && data.interfaces === 0 && (
            <Text size="sm" c="dimmed" data-testid="usage-empty">
              {t('usage.noInterfaces')}
            </Text>
          )}
          {data && data.interfaces > 0 && (
            <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
              <Table fz="xs" verticalSpacing={3} withRowBorders={false}>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th />
                    <Table.Th ta="right">{labels.out}</Table.Th>
                    <Table.Th ta="right">{labels.in}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody ff="monospace">
                  <Table.Tr data-testid="usage-total">
                    <Table.Td ff="var(--mantine-font-family)">{t('usage.total')}</Table.Td>
                    <Table.Td ta="right" fw={700} data-testid="usage-total-out">
                      {formatGB(data.totalOutGB, language)}
                    </Table.Td>
                    <Table.Td ta="right">{formatGB(data.totalInGB, language)}</Table.Td>
                  </Table.Tr>
                  <Table.Tr>
                    <Table.Td ff="var(--mantine-font-family)">{t('usage.avg')}</Table.Td>
                    <Table.Td ta="right">{formatMbps(data.avgOutMbps, language)}</Table.Td>
                    <Table.Td ta="right">{formatMbps(data.avgInMbps, language)}</Table.Td>
                  </Table.Tr>
                  <Table.Tr>
                    <Table.Td ff="var(--mantine-font-family)">{t('usage.peak')}</Table.Td>
                    <Table.Td ta="right">{formatMbps(data.peakOutMbps, language)}</Table.Td>
                    <Table.Td ta="right">{formatMbps(data.peakInMbps, language)}</Table.Td>
                  </Table.Tr>
                  <Table.Tr>
                    <Table.Td ff="var(--mantine-font-family)">{t('usage.p95')}</Table.Td>
                    <Table.Td ta="right">{formatMbps(data.p95OutMbps, language)}</Table.Td>
                    <Table.Td ta="right">{formatMbps(data.p95InMbps, language)}</Table.Td>
                  </Table.Tr>
                </Table.Tbody>
              </Table>
              <Stack gap="xs">
                <Stack gap={0}>
                  <Text size="xs" c="dimmed" tt="uppercase" fw={600} lts={0.3}>
                    {t('usage.plan')}
                  </Text>
                  <Text size="sm" ff="monospace">
                    {data.planDownloadMbps === null ? t('common.none') : formatMbps(data.planDownloadMbps, language)}
                  </Text>
                </Stack>
                <Stack gap={0}>
                  <Text size="xs" c="dimmed" tt="uppercase" fw={600} lts={0.3}>
                    {t('usage.daysOverPlan')}
                  </Text>
                  <Group gap={6}>
                    <Badge color={data.daysOverPlan > 0 ? 'orange' : 'gray'} variant="light" data-testid="usage-days-over">
                      {data.daysOverPlan}
                    </Badge>
                  </Group>
                </Stack>
              </Stack>
            </SimpleGrid>
          )}
        </Stack>
      </Paper>
      {data && data.interfaces > 0 && <TrafficChart target={{ customerId }} title={t('trafficChart.title')} planMbps={data.planDownloadMbps} labels={labels} testId="customer-traffic" />}
    </Stack>
  );
}
