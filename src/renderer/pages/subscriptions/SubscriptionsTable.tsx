// Subscriptions as a dense table: plan, period, price (right-aligned), renewal, status, note, and the row actions.
import { ActionIcon, Anchor, Group, Stack, Table, Text, Tooltip } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { SUBSCRIPTION_TRANSITIONS, type Subscription } from '../../../shared/contract';
import { formatRupiah } from '../../../shared/money';
import { useMay } from '../../frame/permissions';
import { useBusinessDate } from '../../site';
import { PencilIcon, SwitchIcon, TrashIcon } from '../../ui/icons';
import { SubscriptionStatusBadge } from '../customers/StatusBadges';

/** The actions stay in view at the right edge however far the table has to scroll. */
const STICKY_RIGHT = { position: 'sticky', right: 0, background: 'var(--mantine-color-body)', boxShadow: '-1px 0 0 var(--mantine-color-gray-3)' } as const;

interface Props {
  subscriptions: Subscription[];
  /** On the Subscriptions screen each row names its customer; on a customer's page it does not. */
  showCustomer: boolean;
  onEdit?(subscription: Subscription): void;
  onStatus?(subscription: Subscription): void;
  onDelete?(subscription: Subscription): void;
  testId: string;
}

export function SubscriptionsTable({ subscriptions, showCustomer, onEdit, onStatus, onDelete, testId }: Props) {
  const { t } = useTranslation();
  const date = useBusinessDate();
  const may = useMay();
  const withActions = Boolean(onEdit || onStatus || onDelete) && may('subscriptions.update');
  return (
    <Table.ScrollContainer minWidth={showCustomer ? 1000 : 820} type="native">
      <Table striped highlightOnHover withTableBorder data-testid={testId}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={50}>#</Table.Th>
            {showCustomer && <Table.Th>{t('billingFields.customer')}</Table.Th>}
            <Table.Th>{t('billingFields.plan')}</Table.Th>
            <Table.Th>{t('billingFields.period')}</Table.Th>
            <Table.Th ta="right">{t('billingFields.price')}</Table.Th>
            <Table.Th>{t('billingFields.autoRenew')}</Table.Th>
            <Table.Th>{t('billingFields.status')}</Table.Th>
            <Table.Th>{t('billingFields.serviceNote')}</Table.Th>
            {withActions && (
              <Table.Th w={110} ta="right" style={STICKY_RIGHT}>
                {t('common.actions')}
              </Table.Th>
            )}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {subscriptions.map((sub) => (
            <Table.Tr key={sub.id} data-testid={`subscription-row-${sub.id}`}>
              <Table.Td c="dimmed">{sub.id}</Table.Td>
              {showCustomer && (
                <Table.Td style={{ whiteSpace: 'nowrap' }}>
                  <Anchor component={Link} to={`/customers/${sub.customerId}`} size="sm" data-testid="subscription-customer">
                    <Text span ff="monospace" size="sm">
                      {sub.customerCode}
                    </Text>{' '}
                    {sub.customerName}
                  </Anchor>
                </Table.Td>
              )}
              <Table.Td fw={500} style={{ whiteSpace: 'nowrap' }}>
                {sub.planName}
              </Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>
                {date(sub.currentPeriodStart)} – {date(sub.currentPeriodEnd)}
              </Table.Td>
              <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
                <Stack gap={0} align="flex-end">
                  <Text size="sm" ff="monospace" data-testid="subscription-price">
                    {formatRupiah(sub.price)}
                  </Text>
                  {sub.priceOverride !== null && (
                    <Tooltip label={sub.overrideReason ?? ''} withArrow disabled={!sub.overrideReason}>
                      <Text size="xs" c="orange.8">
                        {t('billingFields.priceOverride')}
                      </Text>
                    </Tooltip>
                  )}
                </Stack>
              </Table.Td>
              <Table.Td>{sub.autoRenew ? t('subscriptions.renewAuto') : t('subscriptions.renewManual')}</Table.Td>
              <Table.Td>
                <SubscriptionStatusBadge status={sub.status} />
              </Table.Td>
              <Table.Td maw={200}>
                <Text size="sm" truncate="end" title={sub.serviceNote}>
                  {sub.serviceNote || t('common.none')}
                </Text>
              </Table.Td>
              {withActions && (
                <Table.Td style={STICKY_RIGHT}>
                  <Group gap={4} justify="flex-end" wrap="nowrap">
                    {onEdit && sub.status !== 'cancelled' && (
                      <Tooltip label={t('common.edit')} withArrow>
                        <ActionIcon variant="subtle" color="gray" onClick={() => onEdit(sub)} aria-label={t('common.edit')} data-testid="subscription-edit">
                          <PencilIcon />
                        </ActionIcon>
                      </Tooltip>
                    )}
                    {onStatus && SUBSCRIPTION_TRANSITIONS[sub.status].length > 0 && may('subscriptions.setStatus') && (
                      <Tooltip label={t('customers.changeStatus')} withArrow>
                        <ActionIcon variant="subtle" color="blue" onClick={() => onStatus(sub)} aria-label={t('customers.changeStatus')} data-testid="subscription-status-change">
                          <SwitchIcon />
                        </ActionIcon>
                      </Tooltip>
                    )}
                    {onDelete && may('subscriptions.delete') && (
                      <Tooltip label={t('common.delete')} withArrow>
                        <ActionIcon variant="subtle" color="red" onClick={() => onDelete(sub)} aria-label={t('common.delete')} data-testid="subscription-delete">
                          <TrashIcon />
                        </ActionIcon>
                      </Tooltip>
                    )}
                  </Group>
                </Table.Td>
              )}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
