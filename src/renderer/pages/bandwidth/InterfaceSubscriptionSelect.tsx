// Assigns one interface to one subscription: type a customer's name or code, choose among their subscriptions
// (the same search as the device form's SubscriptionPicker, for a single choice).
import { Select } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Subscription } from '../../../shared/contract';
import { noc } from '../../api/client';
import { subscriptionsOfCustomers } from '../devices/SubscriptionPicker';

interface Props {
  value: number | null;
  onChange(id: number | null): void;
  disabled?: boolean;
  error?: string;
  testId: string;
}

export function InterfaceSubscriptionSelect({ value, onChange, disabled, error, testId }: Props) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search.trim(), 300);
  const found = useQuery({
    queryKey: ['subscriptions', 'byCustomerSearch', debounced],
    queryFn: () => subscriptionsOfCustomers(debounced),
    enabled: debounced.length >= 2,
  });
  const chosen = useQuery({
    queryKey: ['subscriptions', 'one', value],
    queryFn: () => noc.call('subscriptions.get', { id: value! }).catch(() => null),
    enabled: value !== null,
    staleTime: 60_000,
  });

  const data = useMemo(() => {
    const label = (sub: Subscription) => t('devices.subscriptionLabel', { code: sub.customerCode, name: sub.customerName, plan: sub.planName, id: sub.id });
    const all = new Map<number, Subscription>();
    if (chosen.data) all.set(chosen.data.id, chosen.data);
    for (const sub of found.data ?? []) all.set(sub.id, sub);
    const ids = new Set([...(value === null ? [] : [value]), ...all.keys()]);
    return [...ids].map((id) => {
      const sub = all.get(id);
      return { value: String(id), label: sub ? label(sub) : `#${id}` };
    });
  }, [chosen.data, found.data, value, t]);

  return (
    <Select
      size="xs"
      data={data}
      value={value === null ? null : String(value)}
      onChange={(v) => onChange(v === null ? null : Number(v))}
      searchable
      onSearchChange={setSearch}
      // The server already searched by customer; show what it found, whatever the label says.
      filter={({ options }) => options}
      clearable
      placeholder={t('interfaces.subscriptionPlaceholder')}
      nothingFoundMessage={debounced.length >= 2 && found.isSuccess ? t('common.none') : undefined}
      disabled={disabled}
      error={error}
      comboboxProps={{ withinPortal: true }}
      w={260}
      data-testid={testId}
    />
  );
}
