// The customer page's RADIUS card: per subscription the access credentials (password behind "Show" for admin and
// staff, never sent to technicians), Reset password and Edit, the session now and the recent sessions.
import { Badge, Button, Grid, Group, Loader, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { AccessCredentials, RadiusSession, Subscription } from '../../../shared/contract';
import { messageOf } from '../../forms/errors';
import { FormAlert } from '../../forms/FormAlert';
import { useMay } from '../../frame/permissions';
import { Notice } from '../../ui/Notice';
import { useLongDateTime } from '../backups/when';
import { AccessFormModal } from './AccessFormModal';
import { PasswordReset } from './PasswordReset';
import { refreshRadius, storeCredentials, useAccessCredentials, useRadiusSessions } from './queries';
import { HISTORY_ROWS, SessionHistory, SessionNow } from './SessionHistory';

function Field({ label, children, testId }: { label: string; children: ReactNode; testId?: string }) {
  return (
    <Stack gap={0}>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600} lts={0.3}>
        {label}
      </Text>
      <Text size="sm" component="div" data-testid={testId}>
        {children}
      </Text>
    </Stack>
  );
}

function Password({ password }: { password: string }) {
  const { t } = useTranslation();
  const [shown, setShown] = useState(false);
  return (
    <Group gap={6} wrap="nowrap">
      <Text size="sm" ff="monospace" data-testid="access-password" data-shown={shown}>
        {shown ? password : t('radius.access.hidden')}
      </Text>
      <Button size="compact-xs" variant="subtle" onClick={() => setShown((s) => !s)} data-testid="access-password-show">
        {shown ? t('radius.access.hide') : t('radius.access.show')}
      </Button>
    </Group>
  );
}

function Credentials({ credentials }: { credentials: AccessCredentials }) {
  const { t } = useTranslation();
  const longDateTime = useLongDateTime();
  const none = t('common.none');
  return (
    <SimpleGrid cols={2} spacing="sm" verticalSpacing={8}>
      <Field label={t('radius.access.username')} testId="access-username-value">
        <Text span size="sm" ff="monospace" fw={600}>
          {credentials.username}
        </Text>
      </Field>
      {credentials.password !== null && (
        <Field label={t('radius.access.password')}>
          <Password key={credentials.passwordChangedAt} password={credentials.password} />
        </Field>
      )}
      <Field label={t('radius.access.serviceType')} testId="access-service-value">
        {t(`radius.serviceType.${credentials.serviceType}`)}
      </Field>
      <Field label={t('radius.access.staticIp')} testId="access-static-ip-value">
        {credentials.staticIp ? <Text span size="sm" ff="monospace">{credentials.staticIp}</Text> : <Text span size="sm" c="dimmed">{t('radius.access.dynamicIp')}</Text>}
      </Field>
      <Field label={t('radius.access.macBinding')} testId="access-mac-value">
        {credentials.macBinding ? <Text span size="sm" ff="monospace">{credentials.macBinding}</Text> : <Text span size="sm" c="dimmed">{t('radius.access.noMac')}</Text>}
      </Field>
      <Field label={t('radius.access.lastAuth')}>
        {credentials.lastAuthAt === null ? (
          <Text span size="sm" c="dimmed">
            {t('radius.access.never')}
          </Text>
        ) : (
          <>
            {longDateTime(credentials.lastAuthAt)}{' '}
            <Text span size="sm" c={credentials.lastAuthResult === 'accept' ? 'green.8' : 'red.8'} fw={600}>
              {credentials.lastAuthResult === 'accept' ? t('radius.access.lastAuthAccept') : credentials.lastAuthResult === 'reject' ? t('radius.access.lastAuthReject') : none}
            </Text>
          </>
        )}
      </Field>
    </SimpleGrid>
  );
}

type Dialog = { kind: 'edit'; credentials: AccessCredentials } | { kind: 'reset'; credentials: AccessCredentials };

function SubscriptionAccess({ subscription, sessions }: { subscription: Subscription; sessions: readonly RadiusSession[] }) {
  const { t } = useTranslation();
  const may = useMay();
  const queryClient = useQueryClient();
  const credentials = useAccessCredentials(subscription.id);
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const online = sessions.find((s) => s.online);
  const closed = sessions.filter((s) => !s.online).slice(0, HISTORY_ROWS);
  const data = credentials.data;

  return (
    <Paper withBorder p="sm" radius="sm" data-testid="access-subscription" data-subscription-id={subscription.id}>
      <Stack gap="xs">
        <Group justify="space-between" wrap="nowrap">
          <Group gap="xs" wrap="nowrap">
            <Text size="sm" fw={600}>
              {t('radius.access.subscription', { id: subscription.id, plan: subscription.planName })}
            </Text>
            <Badge size="sm" variant="light" color="gray" tt="none">
              {t(`subscriptionStatus.${subscription.status}`)}
            </Badge>
          </Group>
          {data && (
            <Group gap={6} wrap="nowrap">
              {may('radius.credentials.resetPassword') && (
                <Button size="compact-sm" variant="default" onClick={() => setDialog({ kind: 'reset', credentials: data })} data-testid="access-reset">
                  {t('radius.access.reset')}
                </Button>
              )}
              {may('radius.credentials.update') && (
                <Button size="compact-sm" variant="default" onClick={() => setDialog({ kind: 'edit', credentials: data })} data-testid="access-edit">
                  {t('radius.access.edit')}
                </Button>
              )}
            </Group>
          )}
        </Group>
        <Notice message={notice} onClose={() => setNotice(null)} testId="access-notice" />
        <FormAlert message={credentials.isError ? messageOf(credentials.error, t) : null} testId="access-error" />
        <Grid gutter="md">
          <Grid.Col span={{ base: 12, lg: 5 }}>{credentials.isPending ? <Loader size="xs" /> : data && <Credentials credentials={data} />}</Grid.Col>
          <Grid.Col span={{ base: 12, lg: 7 }}>
            <SessionNow session={online} />
          </Grid.Col>
        </Grid>
        <SessionHistory sessions={closed} />
      </Stack>
      {dialog?.kind === 'edit' && (
        <AccessFormModal
          credentials={dialog.credentials}
          onClose={() => setDialog(null)}
          onSaved={(saved) => {
            setDialog(null);
            setNotice(t('radius.access.updated', { id: saved.subscriptionId }));
            storeCredentials(queryClient, saved);
            refreshRadius(queryClient);
          }}
        />
      )}
      {dialog?.kind === 'reset' && <PasswordReset subscriptionId={subscription.id} username={dialog.credentials.username} onClose={() => setDialog(null)} />}
    </Paper>
  );
}

export function CustomerAccessCard({ customerId, subscriptions }: { customerId: number; subscriptions: readonly Subscription[] }) {
  const { t } = useTranslation();
  const sessions = useRadiusSessions({ customerId, page: 1, pageSize: 100 });
  const bySubscription = (id: number) => (sessions.data?.items ?? []).filter((s) => s.subscriptionId === id);
  return (
    <Paper withBorder p="md" bg="white" data-testid="access-card">
      <Stack gap="sm">
        <Title order={5}>{t('radius.access.title')}</Title>
        <FormAlert message={sessions.isError ? messageOf(sessions.error, t) : null} testId="access-sessions-error" />
        {subscriptions.length === 0 && (
          <Text size="sm" c="dimmed">
            {t('radius.access.noSubscriptions')}
          </Text>
        )}
        {subscriptions.map((subscription) => (
          <SubscriptionAccess key={subscription.id} subscription={subscription} sessions={bySubscription(subscription.id)} />
        ))}
      </Stack>
    </Paper>
  );
}
