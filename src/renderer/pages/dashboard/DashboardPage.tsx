// The dashboard: open alerts by severity (linking to the filtered alert center), the latest open alerts, the billing
// and user figures the role may see, the messages that failed in the last day, and one line on the server's health.
import { Anchor, Box, Grid, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { CUSTOMER_STATUSES, SEVERITIES, type DashboardStats, type Severity } from '../../../shared/contract';
import { formatRupiah } from '../../../shared/money';
import { noc } from '../../api/client';
import { DASHBOARD_LATEST_ALERTS } from '../../api/early';
import { formatDuration } from '../../format';
import { useMay } from '../../frame/permissions';
import { useDateTime, useLanguage, useMessage } from '../../site';
import { SEVERITY_COLORS, SeverityDot } from '../alerts/AlertBadges';
import { alertsPath } from '../alerts/filters';
import { useAlertsList, useDashboardStats } from '../alerts/queries';
import { BackupCard } from '../backups/BackupCard';
import { TrafficPanel } from '../bandwidth/TrafficPanel';
import { CUSTOMER_STATUS_COLORS } from '../customers/StatusBadges';
import { NetworkPanel } from '../devices/NetworkPanel';
import { outboxPath } from '../outbox/filters';
import { useOutboxStats } from '../outbox/queries';
import { StatCard } from '../../ui/StatCard';

function Card({ title, action, children, testId }: { title: string; action?: ReactNode; children: ReactNode; testId: string }) {
  return (
    <Paper withBorder p="md" bg="white" h="100%" data-testid={testId}>
      <Group justify="space-between" mb="xs" wrap="nowrap">
        <Title order={6} c="dimmed" tt="uppercase" fz={11} lts={0.5}>
          {title}
        </Title>
        {action}
      </Group>
      {children}
    </Paper>
  );
}

function SeverityTile({ severity, count }: { severity: Severity; count: number | undefined }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const color = SEVERITY_COLORS[severity];
  const active = (count ?? 0) > 0;
  return (
    <StatCard
      label={t('home.openBySeverity', { severity: t(`severity.${severity}`) })}
      value={count ?? '–'}
      color={color}
      tinted={active}
      valueColor={active ? `${color}.8` : 'dimmed'}
      size="lg"
      onClick={() => void navigate(alertsPath({ severity, status: 'open' }))}
      testId={`dashboard-open-${severity}`}
      data={{ 'data-count': count ?? '' }}
    />
  );
}

function Figure({ label, value, color, testId }: { label: string; value: number; color?: string; testId: string }) {
  return (
    <Stack gap={0} data-testid={testId}>
      <Text fz={22} fw={700} lh={1.2} c={color}>
        {value}
      </Text>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
    </Stack>
  );
}

function LatestAlerts() {
  const { t } = useTranslation();
  const render = useMessage();
  const dateTime = useDateTime();
  const list = useAlertsList(DASHBOARD_LATEST_ALERTS);
  const items = list.data?.items ?? [];
  return (
    <Card
      title={t('home.latest')}
      testId="dashboard-latest"
      action={
        <Anchor component={Link} to={alertsPath({ status: 'open' })} size="xs">
          {t('home.allAlerts')}
        </Anchor>
      }
    >
      {list.data && items.length === 0 && (
        <Text size="sm" c="dimmed" py="sm" data-testid="dashboard-latest-empty">
          {t('home.latestEmpty')}
        </Text>
      )}
      <Stack gap={0}>
        {items.map((alert) => (
          <Group key={alert.id} gap="sm" wrap="nowrap" py={6} style={{ borderTop: '1px solid var(--mantine-color-gray-2)' }} data-testid="dashboard-alert">
            <SeverityDot severity={alert.severity} />
            <Text size="sm" fw={500} w={200} style={{ flex: 'none' }} truncate="end">
              {t(`alertType.${alert.type}`)}
            </Text>
            <Text size="sm" style={{ flex: 1, minWidth: 0 }} truncate="end" title={render(alert.text)}>
              {render(alert.text)}
            </Text>
            {alert.count > 1 && (
              <Text size="xs" ff="monospace" fw={700} c="dimmed">
                ×{alert.count}
              </Text>
            )}
            <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
              {dateTime(alert.lastSeenAt)}
            </Text>
          </Group>
        ))}
      </Stack>
    </Card>
  );
}

function Money({ label, value, color, testId }: { label: string; value: number; color?: string; testId: string }) {
  return (
    <Stack gap={0} data-testid={testId} data-value={value}>
      <Text fz={18} fw={700} lh={1.3} ff="monospace" c={color} style={{ whiteSpace: 'nowrap' }}>
        {formatRupiah(value)}
      </Text>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
    </Stack>
  );
}

function MoneyCard({ money }: { money: NonNullable<DashboardStats['billing']>['money'] }) {
  const { t } = useTranslation();
  return (
    <Card
      title={t('moneyPanel.title')}
      testId="dashboard-money"
      action={
        <Anchor component={Link} to="/payments" size="xs">
          →
        </Anchor>
      }
    >
      <SimpleGrid cols={2} spacing="sm" verticalSpacing="sm">
        <Money label={t('moneyPanel.revenueThisMonth')} value={money.revenueThisMonth} testId="dashboard-money-revenue" />
        <Money label={t('moneyPanel.outstanding')} value={money.outstanding} testId="dashboard-money-outstanding" />
        <Anchor component={Link} to="/invoices?overdue=true" underline="never" c="inherit">
          <Money label={t('moneyPanel.overdue', { count: money.overdueCount })} value={money.overdueAmount} color={money.overdueAmount > 0 ? 'red.8' : 'dimmed'} testId="dashboard-money-overdue" />
        </Anchor>
        <Money label={t('moneyPanel.collectedToday', { count: money.paymentsToday })} value={money.collectedToday} color="green.8" testId="dashboard-money-collected" />
      </SimpleGrid>
    </Card>
  );
}

function BillingCards({ billing }: { billing: NonNullable<DashboardStats['billing']> }) {
  const { t } = useTranslation();
  return (
    <>
      <MoneyCard money={billing.money} />
      <Card
        title={t('home.customers')}
        testId="dashboard-customers"
        action={
          <Anchor component={Link} to="/customers" size="xs">
            {t('home.customersTotal', { count: billing.customers.total })}
          </Anchor>
        }
      >
        <SimpleGrid cols={4} spacing="xs">
          {CUSTOMER_STATUSES.map((status) => (
            <Figure key={status} label={t(`customerStatus.${status}`)} value={billing.customers[status]} color={billing.customers[status] > 0 ? `${CUSTOMER_STATUS_COLORS[status]}.8` : 'dimmed'} testId={`dashboard-customers-${status}`} />
          ))}
        </SimpleGrid>
      </Card>
      <Card
        title={t('home.subscriptions')}
        testId="dashboard-subscriptions"
        action={
          <Anchor component={Link} to="/subscriptions" size="xs">
            →
          </Anchor>
        }
      >
        <SimpleGrid cols={4} spacing="xs">
          <Figure label={t('home.activeSubscriptions')} value={billing.subscriptions.active} color="green.8" testId="dashboard-subscriptions-active" />
          <Figure label={t('home.suspendedSubscriptions')} value={billing.subscriptions.suspended} color={billing.subscriptions.suspended > 0 ? 'red.8' : 'dimmed'} testId="dashboard-subscriptions-suspended" />
          <Figure label={t('home.expiring')} value={billing.subscriptions.expiringIn7Days} color={billing.subscriptions.expiringIn7Days > 0 ? 'orange.8' : 'dimmed'} testId="dashboard-subscriptions-expiring" />
          <Figure label={t('home.plans')} value={billing.plans.active} testId="dashboard-plans-active" />
        </SimpleGrid>
      </Card>
    </>
  );
}

/** Messages that failed in the last 24 hours: red while any did, a click opens the outbox on the failed ones. */
function FailedMessages() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const stats = useOutboxStats().data;
  const failed = stats?.failedLast24h;
  const alarming = (failed ?? 0) > 0;
  return (
    <StatCard
      label={t('outbox.dashboard')}
      value={failed ?? '–'}
      hint={stats ? (alarming ? t('outbox.dashboardHint') : t('outbox.dashboardNone')) : undefined}
      color={alarming ? 'red' : 'green'}
      tinted={alarming}
      valueColor={alarming ? 'red.8' : 'dimmed'}
      onClick={() => void navigate(outboxPath({ status: 'failed' }))}
      testId="dashboard-failed-messages"
      data={{ 'data-count': failed ?? '' }}
    />
  );
}

function ServerLine() {
  const { t } = useTranslation();
  const language = useLanguage();
  const health = useQuery({ queryKey: ['health'], queryFn: () => noc.call('system.health', {}), refetchInterval: 30_000 });
  if (!health.data && !health.isError) return null;
  const database = health.data?.database ?? 'ok';
  return (
    <Group gap={6} data-testid="dashboard-server">
      <Box w={8} h={8} style={{ borderRadius: '50%', background: `var(--mantine-color-${health.isError || database !== 'ok' ? 'red' : 'green'}-6)` }} />
      <Text size="xs" c="dimmed" data-testid="health-status">
        {health.isError || !health.data
          ? t('home.serverDown')
          : t('home.serverLine', { status: database === 'ok' ? t('home.serverOk') : t(`dbHealth.short.${database}`), version: health.data.version, uptime: formatDuration(health.data.uptimeSec, language) })}
      </Text>
    </Group>
  );
}

export function DashboardPage() {
  const { t } = useTranslation();
  const may = useMay();
  const stats = useDashboardStats().data;
  const open = stats?.alerts.open;
  return (
    <Stack gap="md" maw={1400} data-testid="dashboard">
      <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="md" data-testid="dashboard-alerts">
        {SEVERITIES.map((severity) => (
          <SeverityTile key={severity} severity={severity} count={open?.[severity]} />
        ))}
      </SimpleGrid>
      <Grid gutter="md">
        <Grid.Col span={{ base: 12, lg: stats?.billing || stats?.users ? 7 : 12 }}>
          <Stack gap="md">
            <LatestAlerts />
            {stats?.network && <NetworkPanel network={stats.network} />}
            {may('bandwidth.top') && <TrafficPanel />}
          </Stack>
        </Grid.Col>
        {(stats?.billing || stats?.users) && (
          <Grid.Col span={{ base: 12, lg: 5 }}>
            <Stack gap="md">
              {may('outbox.stats') && <FailedMessages />}
              {stats.billing && <BillingCards billing={stats.billing} />}
              {stats.backups && <BackupCard backups={stats.backups} />}
              {stats.users && (
                <Card
                  title={t('home.users')}
                  testId="dashboard-users"
                  action={
                    <Anchor component={Link} to="/users" size="xs">
                      →
                    </Anchor>
                  }
                >
                  <Figure label={t('home.usersActive', stats.users)} value={stats.users.total} testId="dashboard-users-total" />
                </Card>
              )}
            </Stack>
          </Grid.Col>
        )}
      </Grid>
      <ServerLine />
    </Stack>
  );
}
