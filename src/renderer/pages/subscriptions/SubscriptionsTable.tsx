// Subscriptions as a dense table: customer, plan with its service note beneath, period with its renewal beneath, price
// (right-aligned), status and the row actions; long names and notes end in an ellipsis with the whole text as a title,
// so the table fits 1366 px.
import { ActionIcon, Anchor, Group, Stack, Table, Text, Tooltip } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { SUBSCRIPTION_TRANSITIONS, type Subscription } from '../../../shared/contract';
import { formatRupiah } from '../../../shared/money';
import { useMay } from '../../frame/permissions';
import { useBusinessDate } from '../../site';
import { PencilIcon, SwitchIcon, TrashIcon } from '../../ui/icons';
import { TableHeading } from '../../ui/TableHeading';
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
    <Table.ScrollContainer minWidth={showCustomer ? 900 : 700} type="native">
      <Table striped highlightOnHover withTableBorder horizontalSpacing={8} data-testid={testId}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={50}>#</Table.Th>
            {showCustomer && <Table.Th>{t('billingFields.customer')}</Table.Th>}
            <Table.Th>
              <TableHeading main={t('billingFields.plan')} second={t('billingFields.serviceNote')} />
            </Table.Th>
            <Table.Th>{t('billingFields.period')}</Table.Th>
            <Table.Th ta="right">{t('billingFields.price')}</Table.Th>
            <Table.Th w={120}>{t('billingFields.status')}</Table.Th>
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
                <Table.Td>
                  <Anchor component={Link} to={`/customers/${sub.customerId}`} size="sm" display="block" maw={280} truncate="end" title={sub.customerName} data-testid="subscription-customer">
                    {sub.customerName}
                  </Anchor>
                  <Text size="xs" c="dimmed" ff="monospace">
                    {sub.customerCode}
                  </Text>
                </Table.Td>
              )}
              <Table.Td>
                <Text size="sm" fw={500} maw={260} truncate="end" title={sub.planName}>
                  {sub.planName}
                </Text>
                <Text size="xs" c="dimmed" maw={260} truncate="end" title={sub.serviceNote || undefined} data-testid="subscription-note">
                  {sub.serviceNote || t('common.none')}
                </Text>
              </Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>
                <Text size="sm">
                  {date(sub.currentPeriodStart)} – {date(sub.currentPeriodEnd)}
                </Text>
                <Text size="xs" c={sub.autoRenew ? 'dimmed' : 'orange.8'} data-testid="subscription-renewal">
                  {sub.autoRenew ? t('subscriptions.renewsAuto') : t('subscriptions.renewsManual')}
                </Text>
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
              <Table.Td>
                <SubscriptionStatusBadge status={sub.status} />
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
