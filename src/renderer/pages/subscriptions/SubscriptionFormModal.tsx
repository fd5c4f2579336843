// New subscription for a customer (plan, start date, anchor day, auto-renew, special price, service note), or edit one.
import { Alert, Button, Checkbox, Group, Modal, Select, SimpleGrid, Stack, Switch, Text, Textarea, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { operations, type Customer, type OpInput, type Subscription } from '../../../shared/contract';
import { formatRupiah } from '../../../shared/money';
import { noc } from '../../api/client';
import { FormAlert } from '../../forms/FormAlert';
import { numberOrAbsent, numberRequired } from '../../forms/numbers';
import { RupiahInput, TypedNumberInput } from '../../forms/TypedNumberInput';
import { useFormErrors } from '../../forms/useFormErrors';
import { useSiteToday } from '../../site';
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
  const errors = useFormErrors();
  const today = useSiteToday();
  const plans = usePlans();
  const [values, setValues] = useState<Values>(() => initialValues(subscription, today));
  const [busy, setBusy] = useState(false);
  const set = <K extends keyof Values>(key: K, value: Values[K]) => setValues((v) => ({ ...v, [key]: value }));

  // Plans no longer offered stay visible only as the current plan of the subscription being edited.
  const offered = (plans.data?.items ?? []).filter((plan) => plan.active || String(plan.id) === values.planId);
  const selected = offered.find((plan) => String(plan.id) === values.planId);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    try {
      if (subscription) {
        const input = errors.validate(operations['subscriptions.update'].input, changesOf(subscription, values));
        if (!input) return;
        onSaved(Object.keys(input).length === 1 ? subscription : await noc.call('subscriptions.update', input));
      } else {
        const raw = {
          customerId: customer.id,
          planId: values.planId ?? undefined,
          startDate: values.startDate,
          billingAnchorDay: numberOrAbsent(values.billingAnchorDay),
          autoRenew: values.autoRenew,
          priceOverride: values.override ? numberRequired(values.priceOverride) : null,
          overrideReason: values.override ? values.overrideReason : null,
          serviceNote: values.serviceNote,
        };
        const input = errors.validate(operations['subscriptions.create'].input, raw);
        if (!input) return;
        onSaved(await noc.call('subscriptions.create', input));
      }
    } catch (error) {
      errors.fail(error);
    } finally {
      setBusy(false);
    }
  };

  const title = subscription ? t('subscriptions.editTitle', { id: subscription.id }) : t('subscriptions.createTitle', { name: customer.name });
  return (
    <Modal opened onClose={onClose} title={title} size="lg">
      <form ref={errors.formRef} onSubmit={(e) => void submit(e)} noValidate data-testid="subscription-form">
        <Stack gap="sm">
          <FormAlert message={errors.general} />
          {plans.data && offered.length === 0 && (
            <Alert color="orange" variant="light" py="xs">
              {t('subscriptions.noPlans')}
            </Alert>
          )}
          <Select
            label={t('billingFields.plan')}
            data={offered.map((plan) => ({ value: String(plan.id), label: planOptionLabel(plan, t) }))}
            value={values.planId}
            onChange={(v) => set('planId', v)}
            error={errors.fields['planId']}
            searchable
            withAsterisk
            description={subscription ? t('subscriptions.planChangeHint') : undefined}
            data-testid="subscription-plan"
            data-autofocus
          />
          {!subscription && (
            <SimpleGrid cols={2} spacing="sm">
              <TextInput
                label={t('billingFields.startDate')}
                type="date"
                value={values.startDate}
                onChange={(e) => set('startDate', e.currentTarget.value)}
                error={errors.fields['startDate']}
                withAsterisk
                data-testid="subscription-start"
              />
              <TypedNumberInput
                label={t('billingFields.billingAnchorDay')}
                description={t('subscriptions.anchorHint')}
                value={values.billingAnchorDay}
                onChange={(v) => set('billingAnchorDay', v)}
                error={errors.fields['billingAnchorDay']}
                data-testid="subscription-anchor"
                inputWrapperOrder={['label', 'input', 'description', 'error']}
              />
            </SimpleGrid>
          )}
          <Switch label={t('billingFields.autoRenew')} checked={values.autoRenew} onChange={(e) => set('autoRenew', e.currentTarget.checked)} data-testid="subscription-autorenew" />
          <Checkbox
            label={t('subscriptions.overrideToggle')}
            description={selected ? t('subscriptions.planPrice', { price: formatRupiah(selected.price) }) : undefined}
            checked={values.override}
            onChange={(e) => set('override', e.currentTarget.checked)}
            data-testid="subscription-override-toggle"
          />
          {values.override && (
            <SimpleGrid cols={2} spacing="sm">
              <RupiahInput
                label={t('billingFields.priceOverride')}
                value={values.priceOverride}
                onChange={(v) => set('priceOverride', v)}
                error={errors.fields['priceOverride']}
                data-testid="subscription-override"
              />
              <TextInput
                label={t('billingFields.overrideReason')}
                value={values.overrideReason}
                onChange={(e) => set('overrideReason', e.currentTarget.value)}
                error={errors.fields['overrideReason']}
                data-testid="subscription-override-reason"
              />
            </SimpleGrid>
          )}
          <Textarea
            label={t('billingFields.serviceNote')}
            placeholder={t('subscriptions.serviceNoteHint')}
            value={values.serviceNote}
            onChange={(e) => set('serviceNote', e.currentTarget.value)}
            error={errors.fields['serviceNote']}
            autosize
            minRows={2}
            data-testid="subscription-note"
          />
          {errors.fields['customerId'] && (
            <Text size="sm" c="red">
              {errors.fields['customerId']}
            </Text>
          )}
          <Group justify="flex-end" gap="xs" mt="xs">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={busy} data-testid="subscription-save">
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
