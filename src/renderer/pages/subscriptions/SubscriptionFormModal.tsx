// New subscription for a customer (plan, start date, anchor day, auto-renew, special price, service note), or edit one.
import { Alert, Checkbox, Select, SimpleGrid, Switch, Text, Textarea, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { type Customer, type OpInput, type Subscription } from '../../../shared/contract';
import { formatRupiah } from '../../../shared/money';
import { DateInput } from '../../forms/DateInput';
import { numberOrAbsent, numberRequired } from '../../forms/numbers';
import { RupiahInput, TypedNumberInput } from '../../forms/TypedNumberInput';
import { callChecked, updateChecked, useModalForm } from '../../forms/useModalForm';
import { useSiteToday } from '../../site';
import { FormModal } from '../../ui/FormModal';
import { planOptionLabel, usePlans } from '../plans/queries';

interface Values {
  planId: string | null;
  startDate: string;
  billingAnchorDay: number | string;
  autoRenew: boolean;
  override: boolean;
  priceOverride: number | string;
  overrideReason: string;
  serviceNote: string;
}

interface Props {
  customer: Pick<Customer, 'id' | 'name'>;
  subscription: Subscription | null;
  onClose(): void;
  onSaved(subscription: Subscription): void;
}

function initialValues(subscription: Subscription | null, today: string): Values {
  if (!subscription) {
    return { planId: null, startDate: today, billingAnchorDay: '', autoRenew: true, override: false, priceOverride: '', overrideReason: '', serviceNote: '' };
  }
  return {
    planId: String(subscription.planId),
    startDate: subscription.startDate,
    billingAnchorDay: subscription.billingAnchorDay,
    autoRenew: subscription.autoRenew,
    override: subscription.priceOverride !== null,
    priceOverride: subscription.priceOverride ?? '',
    overrideReason: subscription.overrideReason ?? '',
    serviceNote: subscription.serviceNote,
  };
}

function changesOf(sub: Subscription, v: Values): OpInput<'subscriptions.update'> {
  const input: OpInput<'subscriptions.update'> = { id: sub.id };
  if (v.planId !== String(sub.planId)) input.planId = v.planId ?? undefined;
  if (v.autoRenew !== sub.autoRenew) input.autoRenew = v.autoRenew;
  // A ticked special price must hold one: emptied, it is refused rather than dropped.
  const override = v.override ? numberRequired(v.priceOverride) : null;
  const reasonChanged = v.override && v.overrideReason !== (sub.overrideReason ?? '');
  if (override !== sub.priceOverride || reasonChanged) {
    // the contract wants the reason next to any override, so both travel together
    input.priceOverride = override;
    if (v.override) input.overrideReason = v.overrideReason;
  }
  if (v.serviceNote !== sub.serviceNote) input.serviceNote = v.serviceNote;
  return input;
}

export function SubscriptionFormModal({ customer, subscription, onClose, onSaved }: Props) {
  const { t } = useTranslation();
  const today = useSiteToday();
  const plans = usePlans();
  const form = useModalForm(
    () => initialValues(subscription, today),
    (values, errors) => {
      if (subscription) return updateChecked(errors, 'subscriptions.update', changesOf(subscription, values), subscription);
      return callChecked(errors, 'subscriptions.create', {
        customerId: customer.id,
        planId: values.planId ?? undefined,
        startDate: values.startDate,
        billingAnchorDay: numberOrAbsent(values.billingAnchorDay),
        autoRenew: values.autoRenew,
        priceOverride: values.override ? numberRequired(values.priceOverride) : null,
        overrideReason: values.override ? values.overrideReason : null,
        serviceNote: values.serviceNote,
      });
    },
    onSaved,
  );
  const { values, errors } = form;

  // Plans no longer offered stay visible only as the current plan of the subscription being edited.
  const offered = (plans.data?.items ?? []).filter((plan) => plan.active || String(plan.id) === values.planId);
  const selected = offered.find((plan) => String(plan.id) === values.planId);

  const title = subscription ? t('subscriptions.editTitle', { id: subscription.id }) : t('subscriptions.createTitle', { name: customer.name });
  return (
    <FormModal title={title} form={form} onClose={onClose} size="lg" testId="subscription">
      {plans.data && offered.length === 0 && (
        <Alert color="orange" variant="light" py="xs">
          {t('subscriptions.noPlans')}
        </Alert>
      )}
      <Select
        label={t('billingFields.plan')}
        data={offered.map((plan) => ({ value: String(plan.id), label: planOptionLabel(plan, t) }))}
        {...form.field('planId')}
        searchable
        withAsterisk
        description={subscription ? t('subscriptions.planChangeHint') : undefined}
        data-testid="subscription-plan"
        data-autofocus
      />
      {!subscription && (
        <SimpleGrid cols={2} spacing="sm">
          <DateInput label={t('billingFields.startDate')} {...form.field('startDate')} withAsterisk data-testid="subscription-start" />
          <TypedNumberInput
            label={t('billingFields.billingAnchorDay')}
            description={t('subscriptions.anchorHint')}
            {...form.field('billingAnchorDay')}
            data-testid="subscription-anchor"
            inputWrapperOrder={['label', 'input', 'description', 'error']}
          />
        </SimpleGrid>
      )}
      <Switch label={t('billingFields.autoRenew')} {...form.check('autoRenew')} data-testid="subscription-autorenew" />
      <Checkbox
        label={t('subscriptions.overrideToggle')}
        description={selected ? t('subscriptions.planPrice', { price: formatRupiah(selected.price) }) : undefined}
        {...form.check('override')}
        data-testid="subscription-override-toggle"
      />
      {values.override && (
        <SimpleGrid cols={2} spacing="sm">
          <RupiahInput label={t('billingFields.priceOverride')} {...form.field('priceOverride')} data-testid="subscription-override" />
          <TextInput label={t('billingFields.overrideReason')} {...form.text('overrideReason')} data-testid="subscription-override-reason" />
        </SimpleGrid>
      )}
      <Textarea label={t('billingFields.serviceNote')} placeholder={t('subscriptions.serviceNoteHint')} {...form.text('serviceNote')} autosize minRows={2} data-testid="subscription-note" />
      {errors.fields['customerId'] && (
        <Text size="sm" c="red">
          {errors.fields['customerId']}
        </Text>
      )}
    </FormModal>
  );
}
