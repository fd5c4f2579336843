// The dashboard of this release: who is signed in and the health of the server and site.
import { Badge, Group, Paper, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { noc } from '../../api/client';
import { formatDuration, formatTime } from '../../format';
import { useDateTime, useLanguage, useSiteSettings, useSiteTimeZone } from '../../site';
import { useSession } from '../../stores/session';
import { StatusBadge } from '../users/StatusBadge';

function Card({ title, children, testId }: { title: string; children: ReactNode; testId: string }) {
  return (
    <Paper withBorder p="md" data-testid={testId}>
      <Title order={6} c="dimmed" tt="uppercase" mb="xs" fz={11} lts={0.5}>
        {title}
      </Title>
      {children}
    </Paper>
  );
}

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Table.Tr>
      <Table.Td c="dimmed" w="40%" pl={0}>
        {label}
      </Table.Td>
      <Table.Td>{children}</Table.Td>
    </Table.Tr>
  );
}

export function DashboardPage() {
  const { t } = useTranslation();
  const user = useSession((s) => s.user);
  const language = useLanguage();
  const timeZone = useSiteTimeZone();
  const dateTime = useDateTime();
  const settings = useSiteSettings().data;
  const health = useQuery({
    queryKey: ['health'],
    queryFn: async () => ({ ...(await noc.call('system.health', {})), checkedAt: new Date() }),
    refetchInterval: 30_000,
  });
  if (!user) return null;

  return (
    <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md" maw={1100}>
      <Card title={t('dashboard.signedInAs')} testId="dashboard-user">
        <Stack gap={4}>
          <Group gap="xs">
            <Text fw={600}>{user.name}</Text>
            <Badge color="blue">{t(`roles.${user.role}`)}</Badge>
            <StatusBadge user={user} />
          </Group>
          <Text size="sm" c="dimmed">
            {user.email}
          </Text>
          <Text size="xs" c="dimmed">
            {t('fields.lastLogin')}: {dateTime(user.lastLoginAt)}
          </Text>
        </Stack>
      </Card>
      <Card title={t('dashboard.system')} testId="dashboard-health">
        <Table withRowBorders={false} verticalSpacing={3}>
          <Table.Tbody>
            <Row label={t('dashboard.health')}>
              <Badge color={health.isError ? 'red' : 'green'} data-testid="health-status">
                {health.isError ? t('dashboard.healthDown') : t('dashboard.healthOk')}
              </Badge>
            </Row>
            <Row label={t('dashboard.uptime')}>{health.data ? formatDuration(health.data.uptimeSec, language) : t('common.none')}</Row>
            <Row label={t('dashboard.version')}>{health.data?.version ?? t('common.none')}</Row>
            <Row label={t('dashboard.company')}>{settings?.companyName || t('dashboard.companyUnset')}</Row>
            <Row label={t('dashboard.timeZone')}>{timeZone}</Row>
          </Table.Tbody>
        </Table>
        {health.data && (
          <Text size="xs" c="dimmed" mt={4}>
            {t('dashboard.checkedAt', { time: formatTime(health.data.checkedAt, language, timeZone) })}
          </Text>
        )}
      </Card>
    </SimpleGrid>
  );
}
