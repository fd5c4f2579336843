// The Subscriptions screen: every subscription, searched on the server (customer name, phone, code, plan, PPPoE
// username) and filtered by status, plan, or non-renewing ones expiring within N days.
import { Group, Paper, Select, Stack, Text, TextInput, Tooltip } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { operations, SUBSCRIPTION_STATUSES, type SubscriptionStatus } from '../../../shared/contract';
import { fromZodError, messageOf } from '../../forms/errors';
import { FormAlert } from '../../forms/FormAlert';
import { numberOrAbsent } from '../../forms/numbers';
import { TypedNumberInput } from '../../forms/TypedNumberInput';
import { ListFooter } from '../../ui/ListFooter';
import { usePlans } from '../plans/queries';
import { useSubscriptionsList } from './queries';
import { SubscriptionsTable } from './SubscriptionsTable';

const PAGE_SIZE = 50;
const expiringFilter = operations['subscriptions.list'].input.pick({ expiringWithinDays: true });

export function SubscriptionsPage() {
  const { t } = useTranslation();
  const plans = usePlans();
  const [search, setSearch] = useState('');
  const [debouncedSearch] = useDebouncedValue(search.trim(), 300);
  const [status, setStatus] = useState<SubscriptionStatus | null>(null);
  const [planId, setPlanId] = useState<string | null>(null);
  const [expiring, setExpiring] = useState<number | string>('');
  const [debouncedExpiring] = useDebouncedValue(expiring, 300);
  const [page, setPage] = useState(1);
  // A day count the contract refuses is shown as an error beside the filter and not applied, never clamped.
  const typedExpiring = { expiringWithinDays: numberOrAbsent(debouncedExpiring) };
  const expiringCheck = expiringFilter.safeParse(typedExpiring);
  const expiringError = expiringCheck.success ? undefined : fromZodError(expiringCheck.error, t, typedExpiring).fields['expiringWithinDays'];

  const list = useSubscriptionsList({
    search: debouncedSearch || undefined,
    status: status ?? undefined,
    planId: planId ? Number(planId) : undefined,
    expiringWithinDays: expiringCheck.success ? expiringCheck.data.expiringWithinDays : undefined,
    page,
    pageSize: PAGE_SIZE,
  });
  const data = list.data;
  const resetPage = <T,>(apply: (value: T) => void) => (value: T) => {
    apply(value);
    setPage(1);
  };

  return (
    <Stack gap="sm" maw={1400}>
      <Group gap="sm" wrap="wrap">
        <TextInput
          placeholder={t('subscriptionSearch.placeholder')}
          aria-label={t('common.search')}
          value={search}
          onChange={(e) => {
            setSearch(e.currentTarget.value);
            setPage(1);
          }}
          w={420}
          data-testid="subscriptions-search"
        />
        <Select
          aria-label={t('billingFields.status')}
          placeholder={t('subscriptions.allStatuses')}
          data={SUBSCRIPTION_STATUSES.map((s) => ({ value: s, label: t(`subscriptionStatus.${s}`) }))}
          value={status}
          onChange={resetPage((v: string | null) => setStatus(v as SubscriptionStatus | null))}
          clearable
          allowDeselect
          w={180}
          data-testid="subscriptions-status-filter"
        />
        <Select
          aria-label={t('billingFields.plan')}
          placeholder={t('subscriptions.allPlans')}
          data={(plans.data?.items ?? []).map((plan) => ({ value: String(plan.id), label: plan.name }))}
          value={planId}
          onChange={resetPage(setPlanId)}
          clearable
          allowDeselect
          searchable
          w={200}
          data-testid="subscriptions-plan-filter"
        />
        <Tooltip label={t('subscriptions.expiringHint')} withArrow>
          <TypedNumberInput
            aria-label={t('subscriptions.expiringWithin')}
            placeholder={t('subscriptions.expiringWithin')}
            rightSection={
              <Text size="xs" c="dimmed" pr={6}>
                {t('subscriptions.days')}
              </Text>
            }
            rightSectionWidth={44}
            value={expiring}
            onChange={resetPage(setExpiring)}
            error={expiringError}
            hideControls
            w={170}
            data-testid="subscriptions-expiring"
          />
        </Tooltip>
      </Group>
      <FormAlert message={list.isError ? messageOf(list.error, t) : null} testId="subscriptions-error" />
      <Paper bg="white">
        <SubscriptionsTable subscriptions={data?.items ?? []} showCustomer testId="subscriptions-table" />
        {data && data.items.length === 0 && (
          <Text size="sm" c="dimmed" ta="center" py="md" data-testid="subscriptions-empty">
            {t('subscriptions.empty')}
          </Text>
        )}
      </Paper>
      <ListFooter data={data} onPage={setPage} testId="subscriptions" />
    </Stack>
  );
}
