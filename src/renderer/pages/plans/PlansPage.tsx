// The Plans screen: every plan with speed, price and cycle; admins create, edit, deactivate or delete.
import { ActionIcon, Alert, Badge, Button, Group, Paper, Stack, Table, Text, Tooltip } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Plan } from '../../../shared/contract';
import { formatRupiah } from '../../../shared/money';
import { messageOf } from '../../forms/errors';
import { FormAlert } from '../../forms/FormAlert';
import { useMay } from '../../frame/permissions';
import { PencilIcon, TrashIcon } from '../../ui/icons';
import { Notice } from '../../ui/Notice';
import { refreshBilling } from '../customers/queries';
import { DeletePlanModal } from './DeletePlanModal';
import { PlanModal } from './PlanModal';
import { cycleLabel, speedLabel, usePlans } from './queries';

export function PlansPage() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const may = useMay();
  const canEdit = may('plans.update');
  const plans = usePlans();
  const [editing, setEditing] = useState<Plan | 'new' | null>(null);
  const [deleting, setDeleting] = useState<Plan | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const items = plans.data?.items ?? [];

  const done = (message: string) => {
    setNotice(message);
    refreshBilling(queryClient);
  };

  return (
    <Stack gap="sm" maw={1200}>
      <Group justify="space-between">
        {canEdit ? (
          <span />
        ) : (
          <Alert color="gray" variant="light" py={6} data-testid="plans-readonly">
            <Text size="sm">{t('plans.readOnly')}</Text>
          </Alert>
        )}
        {may('plans.create') && (
          <Button onClick={() => setEditing('new')} data-testid="plans-new">
            {t('plans.newPlan')}
          </Button>
        )}
      </Group>
      <Notice message={notice} onClose={() => setNotice(null)} testId="plans-notice" />
      <FormAlert message={plans.isError ? messageOf(plans.error, t) : null} testId="plans-error" />
      <Paper bg="white">
        <Table.ScrollContainer minWidth={820} type="native">
          <Table striped highlightOnHover withTableBorder data-testid="plans-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('billingFields.name')}</Table.Th>
                <Table.Th>{t('billingFields.speed')}</Table.Th>
                <Table.Th ta="right">{t('billingFields.price')}</Table.Th>
                <Table.Th>{t('billingFields.cycleMonths')}</Table.Th>
                <Table.Th>{t('billingFields.description')}</Table.Th>
                <Table.Th>{t('billingFields.status')}</Table.Th>
                <Table.Th ta="right">{t('billingFields.subscriptionCount')}</Table.Th>
                {canEdit && (
                  <Table.Th w={80} ta="right">
                    {t('common.actions')}
                  </Table.Th>
                )}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((plan) => (
                <Table.Tr key={plan.id} data-testid={`plan-row-${plan.name}`} c={plan.active ? undefined : 'dimmed'}>
                  <Table.Td fw={500}>{plan.name}</Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{speedLabel(plan, t)}</Table.Td>
                  <Table.Td ta="right" ff="monospace" style={{ whiteSpace: 'nowrap' }} data-testid="plan-price-cell">
                    {formatRupiah(plan.price)}
                  </Table.Td>
                  <Table.Td>{cycleLabel(plan.cycleMonths, t)}</Table.Td>
                  <Table.Td maw={320}>
                    <Text size="sm" truncate="end">
                      {plan.description || t('common.none')}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Badge color={plan.active ? 'green' : 'gray'}>{plan.active ? t('plans.offered') : t('plans.inactive')}</Badge>
                  </Table.Td>
                  <Table.Td ta="right">{plan.subscriptionCount}</Table.Td>
                  {canEdit && (
                    <Table.Td>
                      <Group gap={4} justify="flex-end" wrap="nowrap">
                        <Tooltip label={t('common.edit')} withArrow>
                          <ActionIcon variant="subtle" color="gray" onClick={() => setEditing(plan)} aria-label={t('common.edit')} data-testid="plan-edit">
                            <PencilIcon />
                          </ActionIcon>
                        </Tooltip>
                        <Tooltip label={t('common.delete')} withArrow>
                          <ActionIcon variant="subtle" color="red" onClick={() => setDeleting(plan)} aria-label={t('common.delete')} data-testid="plan-delete">
                            <TrashIcon />
                          </ActionIcon>
                        </Tooltip>
                      </Group>
                    </Table.Td>
                  )}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        {plans.data && items.length === 0 && (
          <Text size="sm" c="dimmed" ta="center" py="md" data-testid="plans-empty">
            {t('plans.empty')}
          </Text>
        )}
      </Paper>
      {editing && (
        <PlanModal
          plan={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
          onSaved={(plan) => {
            setEditing(null);
            done(editing === 'new' ? t('plans.created', { name: plan.name }) : t('plans.updated', { name: plan.name }));
          }}
        />
      )}
      {deleting && (
        <DeletePlanModal
          plan={deleting}
          onClose={() => setDeleting(null)}
          onDone={(message) => {
            setDeleting(null);
            done(message);
          }}
        />
      )}
    </Stack>
  );
}
