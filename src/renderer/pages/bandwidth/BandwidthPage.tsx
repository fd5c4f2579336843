// The Bandwidth page: top talkers over a chosen range with the throughput now, "Poll now" for operators, and the
// monthly usage report per customer with a month picker and CSV export.
import { Anchor, Button, Group, Paper, Select, Stack, Table, Text, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { addMonthsIso, dateInZone } from '../../../shared/dates';
import { noc } from '../../api/client';
import { localeOf } from '../../format';
import { messageOf } from '../../forms/errors';
import { FormAlert } from '../../forms/FormAlert';
import { useMay } from '../../frame/permissions';
import { useLanguage, useSiteTimeZone } from '../../site';
import { Notice } from '../../ui/Notice';
import { downloadText } from '../customers/csvTransfer';
import { refreshBandwidth, TOP_RANGES, useTopTalkers, useUsageReport, type TopRange } from './queries';
import { formatBps, formatBytes, formatGB, formatMbps } from './rates';

const TOP_LIMIT = 20;
const MONTHS_BACK = 24;

function TopTalkers({ onNotice }: { onNotice(message: string): void }) {
  const { t } = useTranslation();
  const may = useMay();
  const language = useLanguage();
  const queryClient = useQueryClient();
  const [range, setRange] = useState<TopRange>('1h');
  const [polling, setPolling] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const top = useTopTalkers(range, TOP_LIMIT);
  const items = top.data?.items ?? [];

  const pollNow = async () => {
    setPolling(true);
    setError(null);
    try {
      const result = await noc.call('bandwidth.poll', {});
      onNotice(t('bandwidthPage.polled', { ...result, duration: (result.durationMs / 1000).toLocaleString(localeOf(language), { maximumFractionDigits: 1 }) }));
      refreshBandwidth(queryClient);
    } catch (failure) {
      setError(messageOf(failure, t));
    } finally {
      setPolling(false);
    }
  };

  return (
    <Paper withBorder p="md" bg="white" data-testid="top-talkers">
      <Stack gap="xs">
        <Group justify="space-between" wrap="wrap" gap="sm">
          <Group gap="lg">
            <Title order={5}>{t('bandwidthPage.top')}</Title>
            {top.data && (
              <Text size="sm" data-testid="top-total-now">
                <Text span c="dimmed" size="xs">
                  {t('bandwidthPage.totalNow')}:
                </Text>{' '}
                <Text span ff="monospace" c="teal.8">
                  {t('trafficChart.in')} {formatBps(top.data.totalInBps, language)}
                </Text>{' '}
                <Text span ff="monospace" c="blue.8">
                  {t('trafficChart.out')} {formatBps(top.data.totalOutBps, language)}
                </Text>
              </Text>
            )}
          </Group>
          <Group gap="xs">
            <Select
              size="xs"
              w={170}
              aria-label={t('bandwidthPage.range')}
              data={(Object.keys(TOP_RANGES) as TopRange[]).map((value) => ({ value, label: t(`bandwidthPage.ranges.${value}`) }))}
              value={range}
              onChange={(v) => v && setRange(v as TopRange)}
              allowDeselect={false}
              data-testid="top-range"
            />
            {may('bandwidth.poll') && (
              <Button size="xs" loading={polling} onClick={() => void pollNow()} data-testid="bandwidth-poll">
                {t('bandwidthPage.pollNow')}
              </Button>
            )}
          </Group>
        </Group>
        <FormAlert message={error ?? (top.isError ? messageOf(top.error, t) : null)} testId="top-error" />
        {top.data && items.length === 0 ? (
          <Text size="sm" c="dimmed" data-testid="top-empty">
            {t('bandwidthPage.topEmpty')}
          </Text>
        ) : (
          <Table fz="xs" verticalSpacing={4} striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('bandwidthPage.device')}</Table.Th>
                <Table.Th>{t('bandwidthPage.interface')}</Table.Th>
                <Table.Th>{t('bandwidthPage.customer')}</Table.Th>
                <Table.Th ta="right">{t('bandwidthPage.inVolume')}</Table.Th>
                <Table.Th ta="right">{t('bandwidthPage.outVolume')}</Table.Th>
                <Table.Th ta="right">{t('bandwidthPage.rateNow')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((row) => (
                <Table.Tr key={`${row.deviceId}-${row.ifIndex}`} data-testid="top-row" data-if-name={row.ifName} data-device-id={row.deviceId}>
                  <Table.Td>
                    <Anchor component={Link} to={`/devices/${row.deviceId}`} size="xs">
                      {row.deviceName}
                    </Anchor>
                  </Table.Td>
                  <Table.Td ff="monospace">{row.ifName}</Table.Td>
                  <Table.Td c={row.customerName ? undefined : 'dimmed'}>{row.customerName ?? t('common.none')}</Table.Td>
                  <Table.Td ta="right" ff="monospace">
                    {formatBytes(row.inBytes, language)}
                  </Table.Td>
                  <Table.Td ta="right" ff="monospace">
                    {formatBytes(row.outBytes, language)}
                  </Table.Td>
                  <Table.Td ta="right" ff="monospace" style={{ whiteSpace: 'nowrap' }}>
                    {formatBps(row.inBps, language)} / {formatBps(row.outBps, language)}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Stack>
    </Paper>
  );
}

/** The last 24 months of the site's calendar, newest first, as `YYYY-MM` with a readable label. */
function useMonths(): { value: string; label: string }[] {
  const timeZone = useSiteTimeZone();
  const language = useLanguage();
  return useMemo(() => {
    const today = dateInZone(new Date(), timeZone);
    const format = new Intl.DateTimeFormat(localeOf(language), { timeZone: 'UTC', month: 'long', year: 'numeric' });
    return Array.from({ length: MONTHS_BACK }, (_, back) => {
      const month = addMonthsIso(`${today.slice(0, 8)}01`, -back).slice(0, 7);
      return { value: month, label: format.format(new Date(`${month}-01T00:00:00Z`)) };
    });
  }, [timeZone, language]);
}

function UsageReport() {
  const { t } = useTranslation();
  const language = useLanguage();
  const months = useMonths();
  const [month, setMonth] = useState(months[0]!.value);
  const [exporting, setExporting] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const report = useUsageReport(month);
  const rows = report.data ?? [];

  const exportCsv = async () => {
    setExporting(true);
    setError(null);
    try {
      downloadText(await noc.call('bandwidth.reportCsv', { month }), `pemakaian-${month}.csv`);
    } catch (failure) {
      setError(messageOf(failure, t));
    } finally {
      setExporting(false);
    }
  };

  return (
    <Paper withBorder p="md" bg="white" data-testid="usage-report" data-month={month}>
      <Stack gap="xs">
        <Group justify="space-between" wrap="wrap" gap="sm">
          <Title order={5}>{t('bandwidthPage.report')}</Title>
          <Group gap="xs">
            <Select size="xs" w={170} aria-label={t('bandwidthPage.month')} data={months} value={month} onChange={(v) => v && setMonth(v)} allowDeselect={false} data-testid="report-month" />
            <Button size="xs" variant="default" loading={exporting} onClick={() => void exportCsv()} data-testid="report-export">
              {t('bandwidthPage.exportCsv')}
            </Button>
          </Group>
        </Group>
        <FormAlert message={error ?? (report.isError ? messageOf(report.error, t) : null)} testId="report-error" />
        {report.data && rows.length === 0 ? (
          <Text size="sm" c="dimmed" data-testid="report-empty">
            {t('bandwidthPage.reportEmpty')}
          </Text>
        ) : (
          <Table fz="xs" verticalSpacing={4} striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('bandwidthPage.code')}</Table.Th>
                <Table.Th>{t('bandwidthPage.name')}</Table.Th>
                <Table.Th ta="right">{t('bandwidthPage.plan')}</Table.Th>
                <Table.Th ta="right">{t('bandwidthPage.downloadGB')}</Table.Th>
                <Table.Th ta="right">{t('bandwidthPage.uploadGB')}</Table.Th>
                <Table.Th ta="right">{t('bandwidthPage.peak')}</Table.Th>
                <Table.Th ta="right">{t('bandwidthPage.p95')}</Table.Th>
                <Table.Th ta="right">{t('bandwidthPage.daysOverPlan')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody ff="monospace">
              {rows.map((row) => (
                <Table.Tr key={row.customerId} data-testid="report-row" data-customer-id={row.customerId}>
                  <Table.Td>{row.code}</Table.Td>
                  <Table.Td ff="var(--mantine-font-family)">
                    <Anchor component={Link} to={`/customers/${row.customerId}`} size="xs">
                      {row.name}
                    </Anchor>
                  </Table.Td>
                  <Table.Td ta="right">{row.planDownloadMbps === null ? t('common.none') : formatMbps(row.planDownloadMbps, language)}</Table.Td>
                  <Table.Td ta="right" fw={600}>
                    {formatGB(row.totalOutGB, language)}
                  </Table.Td>
                  <Table.Td ta="right">{formatGB(row.totalInGB, language)}</Table.Td>
                  <Table.Td ta="right">{formatMbps(row.peakOutMbps, language)}</Table.Td>
                  <Table.Td ta="right">{formatMbps(row.p95OutMbps, language)}</Table.Td>
                  <Table.Td ta="right" c={row.daysOverPlan > 0 ? 'orange.8' : undefined}>
                    {row.daysOverPlan}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Stack>
    </Paper>
  );
}

export function BandwidthPage() {
  const [notice, setNotice] = useState<string | null>(null);
  return (
    <Stack gap="sm" maw={1400} data-testid="bandwidth-page">
      <Notice message={notice} onClose={() => setNotice(null)} testId="bandwidth-notice" />
      <TopTalkers onNotice={setNotice} />
      <UsageReport />
    </Stack>
  );
}
