// Picks the subscriptions a device serves: type a customer's name or code, choose among that customer's subscriptions.
import { MultiSelect } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Subscription } from '../../../shared/contract';
import { noc } from '../../api/client';

const FOUND_CUSTOMERS = 10;

interface Props {
  value: number[];
  onChange(ids: number[]): void;
  error?: string;
}

/** The subscriptions of the customers matching `search` (name, code, phone), at most 10 customers. */
export async function subscriptionsOfCustomers(search: string): Promise<Subscription[]> {
  const customers = await noc.call('customers.list', { search, page: 1, pageSize: FOUND_CUSTOMERS });
  const lists = await Promise.all(customers.items.map((c) => noc.call('subscriptions.list', { customerId: c.id, page: 1, pageSize: 50 })));
  return lists.flatMap((list) => list.items);
}

export function SubscriptionPicker({ value, onChange, error }: Props) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search.trim(), 300);
  const found = useQuery({
    queryKey: ['subscriptions', 'byCustomerSearch', debounced],
    queryFn: () => subscriptionsOfCustomers(debounced),
    enabled: debounced.length >= 2,
  });
  // Labels of the subscriptions already chosen (editing a device): one request each, a device serves few directly.
  const chosen = useQuery({
    queryKey: ['subscriptions', 'byIds', value],
    queryFn: () => Promise.all(value.map((id) => noc.call('subscriptions.get', { id }).catch(() => null))),
    enabled: value.length > 0,
    staleTime: 60_000,
  });
  const [known, setKnown] = useState<Map<number, Subscription>>(new Map());

  const data = useMemo(() => {
    const all = new Map(known);
    for (const sub of chosen.data ?? []) if (sub) all.set(sub.id, sub);
    for (const sub of found.data ?? []) all.set(sub.id, sub);
    const label = (sub: Subscription) => t('devices.subscriptionLabel', { code: sub.customerCode, name: sub.customerName, plan: sub.planName, id: sub.id });
    const visible = new Set([...value, ...(found.data ?? []).map((s) => s.id)]);
    return [...visible].map((id) => {
      const sub = all.get(id);
      return { value: String(id), label: sub ? label(sub) : `#${id}` };
    });
  }, [known, chosen.data, found.data, value, t]);

  const change = (ids: string[]) => {
    const next = new Map(known);
    for (const sub of found.data ?? []) next.set(sub.id, sub);
    setKnown(next);
    onChange(ids.map(Number));
  };

  return (
    <MultiSelect
      label={t('devices.subscriptions')}
      description={t('devices.subscriptionsHint')}
      data={data}
      value={value.map(String)}
      onChange={change}
      searchable
      searchValue={search}
      onSearchChange={setSearch}
      // The server already searched by customer; show what it found, whatever the label says.
      filter={({ options }) => options}
      hidePickedOptions
      clearable
      maxDropdownHeight={240}
      nothingFoundMessage={debounced.length >= 2 && found.isSuccess ? t('common.none') : undefined}
      error={error}
      data-testid="device-subscriptions"
    />
  );
}
