// One customer: the shared detail header with actions, the account's stat cards, profile card, subscriptions (new, edit, status, delete) and the timeline.
import { Anchor, Button, Center, Grid, Group, Loader, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate, useParams } from 'react-router';
import { CUSTOMER_TRANSITIONS, SUBSCRIPTION_TRANSITIONS, type Customer, type Subscription } from '../../../shared/contract';
import { AppError } from '../../../shared/errors';
import { waMeLink } from '../../../shared/phone';
import { noc } from '../../api/client';
import { messageOf } from '../../forms/errors';
import { FormAlert } from '../../forms/FormAlert';
import { StatusChangeModal } from '../../forms/StatusChangeModal';
import { useMay } from '../../frame/permissions';
import { useDateTime } from '../../site';
import { UsageCard } from '../bandwidth/UsageCard';
import { PaymentModal } from '../billing/PaymentModal';
import { refreshMoney } from '../billing/queries';
import { ConfirmModal } from '../../ui/ConfirmModal';
import { DetailField, DetailHeader } from '../../ui/DetailHeader';
import { Notice } from '../../ui/Notice';
import { CustomerAccessCard } from '../radius/CustomerAccessCard';
import { SubscriptionFormModal } from '../subscriptions/SubscriptionFormModal';
import { useSubscriptionsList } from '../subscriptions/queries';
import { SubscriptionsTable } from '../subscriptions/SubscriptionsTable';
import { CustomerFormModal } from './CustomerFormModal';
import { HistoryTimeline } from './HistoryTimeline';
import { AccountCards, OpenInvoices } from './CustomerAccount';
import { refreshBilling, useCustomer, useCustomerAccount } from './queries';
import { CustomerStatusBadge } from './StatusBadges';

type Dialog =
  | { kind: 'edit' }
  | { kind: 'status' }
  | { kind: 'delete' }
  | { kind: 'newSubscription' }
  | { kind: 'payment'; invoiceId?: number }
  | { kind: 'editSubscription'; subscription: Subscription }
  | { kind: 'subscriptionStatus'; subscription: Subscription }
  | { kind: 'deleteSubscription'; subscription: Subscription };

function ProfileCard({ customer }: { customer: Customer }) {
  const { t } = useTranslation();
  const may = useMay();
  const dateTime = useDateTime();
  const none = t('common.none');
  const hasPoint = customer.latitude !== null && customer.longitude !== null;
  // A landline cannot have WhatsApp: no chat link then.
  const whatsapp = waMeLink(customer.phone);
  return (
    <Paper withBorder p="md" bg="white" data-testid="customer-profile">
      <Stack gap="sm">
        <Title order={5}>{t('customers.profile')}</Title>
        <SimpleGrid cols={2} spacing="sm" verticalSpacing="sm">
          <DetailField label={t('billingFields.phone')}>
            <Group gap="xs" wrap="wrap">
              <Anchor href={`tel:${customer.phone}`} size="sm" style={{ whiteSpace: 'nowrap' }} data-testid="customer-phone-link">
                {customer.phone}
              </Anchor>
              {whatsapp && (
                <Anchor href={whatsapp} target="_blank" rel="noreferrer" size="xs" c="green.8" style={{ whiteSpace: 'nowrap' }} data-testid="customer-whatsapp-link">
                  {t('outbox.customer.whatsappChat')}
                </Anchor>
              )}
            </Group>
          </DetailField>
          <DetailField label={t('billingFields.email')}>{customer.email ? <Anchor href={`mailto:${customer.email}`} size="sm">{customer.email}</Anchor> : none}</DetailField>
        </SimpleGrid>
        <DetailField label={t('billingFields.address')}>
          <span style={{ whiteSpace: 'pre-line' }}>{customer.address || none}</span>
        </DetailField>
        <SimpleGrid cols={2} spacing="sm">
          <DetailField label={t('billingFields.coordinates')}>
            {hasPoint ? (
              <Anchor href={`https://www.openstreetmap.org/?mlat=${customer.latitude}&mlon=${customer.longitude}#map=17/${customer.latitude}/${customer.longitude}`} target="_blank" rel="noreferrer" size="sm" ff="monospace">
                {customer.latitude}, {customer.longitude}
              </Anchor>
            ) : (
              none
            )}
          </DetailField>
          <DetailField label={t('billingFields.createdAt')}>{dateTime(customer.createdAt)}</DetailField>
        </SimpleGrid>
        <SimpleGrid cols={2} spacing="sm">
          <DetailField label={t('outbox.customer.language')}>
            <span data-testid="customer-language-value">{customer.language ? t(`lang.${customer.language}`) : t('outbox.customer.siteLanguage')}</span>
          </DetailField>
          <DetailField label={t('outbox.customer.messages')}>
            <Stack gap={0} align="flex-start">
              <Text size="sm" c={customer.messagesOptOut ? 'orange.8' : undefined} fw={customer.messagesOptOut ? 600 : undefined} data-testid="customer-opt-out-value">
                {customer.messagesOptOut ? t('outbox.customer.optedOut') : t('outbox.customer.optedIn')}
              </Text>
              {may('outbox.list') && (
                <Anchor component={Link} to={`/outbox?customer=${customer.id}`} size="xs" style={{ whiteSpace: 'nowrap' }} data-testid="customer-outbox-link">
                  {t('outbox.customer.history')}
                </Anchor>
              )}
            </Stack>
          </DetailField>
        </SimpleGrid>
        <DetailField label={t('billingFields.notes')}>
          <span style={{ whiteSpace: 'pre-line' }}>{customer.notes || none}</span>
        </DetailField>
      </Stack>
    </Paper>
  );
}

export function CustomerDetailPage() {
  const { t } = useTranslation();
  const params = useParams();
  const location = useLocation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const may = useMay();
  const id = Number(params['id']);
  const customerQuery = useCustomer(id);
  const subscriptions = useSubscriptionsList({ customerId: id, page: 1, pageSize: 200 });
  const seesMoney = may('customers.account');
  const account = useCustomerAccount(id, seesMoney);
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const initialNotice = (location.state as { notice?: string } | null)?.notice ?? null;
  const [notice, setNotice] = useState<string | null>(initialNotice);

  if (customerQuery.isPending) {
    return (
      <Center py="xl">
        <Loader size="sm" />
      </Center>
    );
  }
  if (customerQuery.isError) {
    const gone = customerQuery.error instanceof AppError && customerQuery.error.code === 'NOT_FOUND';
    return (
      <Stack gap="sm" maw={600}>
        <FormAlert message={gone ? t('customers.notFound') : messageOf(customerQuery.error, t)} testId="customer-error" />
        <Anchor component={Link} to="/customers" size="sm">
          ← {t('customers.back')}
        </Anchor>
      </Stack>
    );
  }
  const customer = customerQuery.data;
  const close = () => setDialog(null);
  const done = (message: string) => {
    setDialog(null);
    setNotice(message);
    refreshBilling(queryClient);
  };
  const statusOptions = CUSTOMER_TRANSITIONS[customer.status].map((s) => ({ value: s, label: t(`customerStatus.${s}`) }));
  const blocked = customer.status === 'suspended' || customer.status === 'terminated';

  return (
    <Stack gap="sm" maw={1400}>
      <DetailHeader
        back={{ to: '/customers', label: t('customers.back'), testId: 'customer-back' }}
        prefix={
          <Text ff="monospace" c="dimmed" size="lg" data-testid="customer-code">
            {customer.code}
          </Text>
        }
        title={customer.name}
        titleTestId="customer-title"
        badges={<CustomerStatusBadge status={customer.status} size="lg" />}
        actions={
          <>
            {may('payments.create') && (
              <Button variant="default" onClick={() => setDialog({ kind: 'payment' })} data-testid="customer-record-payment">
                {t('invoices.recordPayment')}
              </Button>
            )}
            {may('customers.update') && (
              <Button variant="default" onClick={() => setDialog({ kind: 'edit' })} data-testid="customer-edit">
                {t('common.edit')}
              </Button>
            )}
            {may('customers.setStatus') && statusOptions.length > 0 && (
              <Button variant="default" onClick={() => setDialog({ kind: 'status' })} data-testid="customer-change-status">
                {t('customers.changeStatus')}
              </Button>
            )}
            {may('customers.delete') && (
              <Button variant="light" color="red" onClick={() => setDialog({ kind: 'delete' })} data-testid="customer-delete">
                {t('common.delete')}
              </Button>
            )}
          </>
        }
      />
      {seesMoney && <AccountCards account={account.data} />}
      <Notice message={notice} onClose={() => setNotice(null)} testId="customer-notice" />
      {seesMoney && account.data && account.data.openInvoices.length > 0 && (
        <OpenInvoices customerId={customer.id} onPay={may('payments.create') ? (invoiceId) => setDialog({ kind: 'payment', invoiceId }) : undefined} />
      )}

      <Paper withBorder p="md" bg="white">
        <Stack gap="sm">
          <Group justify="space-between">
            <Title order={5}>{t('nav.subscriptions')}</Title>
            {may('subscriptions.create') && (
              <Button size="xs" onClick={() => setDialog({ kind: 'newSubscription' })} disabled={blocked} title={blocked ? t('subscriptions.customerBlocked', { status: t(`customerStatus.${customer.status}`) }) : undefined} data-testid="subscription-new">
                {t('subscriptions.newSubscription')}
              </Button>
            )}
          </Group>
          <FormAlert message={subscriptions.isError ? messageOf(subscriptions.error, t) : null} testId="subscriptions-error" />
          {subscriptions.data && subscriptions.data.items.length === 0 ? (
            <Text size="sm" c="dimmed" data-testid="subscriptions-empty">
              {t('subscriptions.emptyCustomer')}
            </Text>
          ) : (
            <SubscriptionsTable
              subscriptions={subscriptions.data?.items ?? []}
              showCustomer={false}
              onEdit={(subscription) => setDialog({ kind: 'editSubscription', subscription })}
              onStatus={(subscription) => setDialog({ kind: 'subscriptionStatus', subscription })}
              onDelete={(subscription) => setDialog({ kind: 'deleteSubscription', subscription })}
              testId="customer-subscriptions"
            />
          )}
        </Stack>
      </Paper>
      {may('radius.credentials.get') && subscriptions.data && <CustomerAccessCard customerId={customer.id} subscriptions={subscriptions.data.items} />}
      {may('bandwidth.customerSummary') && <UsageCard customerId={customer.id} />}
      <Grid gutter="sm">
        <Grid.Col span={{ base: 12, lg: 4 }}>
          <ProfileCard customer={customer} />
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 8 }}>
          <HistoryTimeline customerId={customer.id} />
        </Grid.Col>
      </Grid>

      {dialog?.kind === 'edit' && <CustomerFormModal customer={customer} onClose={close} onSaved={() => done(t('customers.updated'))} />}
      {dialog?.kind === 'status' && (
        <StatusChangeModal
          operation="customers.setStatus"
          id={customer.id}
          title={t('customers.statusTitle', { code: customer.code })}
          hint={t('customers.statusHint')}
          options={statusOptions}
          onClose={close}
          onChanged={(status) => done(t('customers.statusChanged', { status: t(`customerStatus.${status as Customer['status']}`) }))}
        />
      )}
      {dialog?.kind === 'delete' && (
        <ConfirmModal
          title={t('customers.deleteTitle')}
          text={t('customers.deleteConfirm', { code: customer.code, name: customer.name })}
          confirmLabel={t('common.delete')}
          action={() => noc.call('customers.delete', { id: customer.id })}
          explain={(error) => (error instanceof AppError && error.code === 'CONFLICT' ? t('customers.deleteHasOpen') : null)}
          onClose={close}
          onDone={() => {
            refreshBilling(queryClient);
            void navigate('/customers');
          }}
          testId="customer-delete"
        />
      )}
      {dialog?.kind === 'payment' && (
        <PaymentModal
          invoice={null}
          initialInvoiceId={dialog.invoiceId}
          customer={customer}
          onClose={close}
          onSaved={(message) => {
            done(message);
            refreshMoney(queryClient);
          }}
        />
      )}
      {dialog?.kind === 'newSubscription' && (
        <SubscriptionFormModal customer={customer} subscription={null} onClose={close} onSaved={(sub) => done(t('subscriptions.created', { plan: sub.planName }))} />
      )}
      {dialog?.kind === 'editSubscription' && (
        <SubscriptionFormModal customer={customer} subscription={dialog.subscription} onClose={close} onSaved={(sub) => done(t('subscriptions.updated', { id: sub.id }))} />
      )}
      {dialog?.kind === 'subscriptionStatus' && (
        <StatusChangeModal
          operation="subscriptions.setStatus"
          id={dialog.subscription.id}
          title={t('subscriptions.statusTitle', { id: dialog.subscription.id })}
          options={SUBSCRIPTION_TRANSITIONS[dialog.subscription.status].map((s) => ({ value: s, label: t(`subscriptionStatus.${s}`) }))}
          onClose={close}
          onChanged={(status) => done(t('subscriptions.statusChanged', { id: dialog.subscription.id, status: t(`subscriptionStatus.${status as Subscription['status']}`) }))}
        />
      )}
      {dialog?.kind === 'deleteSubscription' && (
        <ConfirmModal
          title={t('subscriptions.deleteTitle')}
          text={t('subscriptions.deleteConfirm', { id: dialog.subscription.id, plan: dialog.subscription.planName })}
          confirmLabel={t('common.delete')}
          action={() => noc.call('subscriptions.delete', { id: dialog.subscription.id })}
          onClose={close}
          onDone={() => done(t('subscriptions.deleted', { id: dialog.subscription.id }))}
          testId="subscription-delete"
        />
      )}
    </Stack>
  );
}
