// Create or edit a plan (admin): name, speeds, price in whole Rupiah, billing cycle, description, offered.
import { Select, SimpleGrid, Switch, Textarea, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { CYCLE_MONTHS, type OpInput, type Plan } from '../../../shared/contract';
import { numberOrAbsent, numberRequired } from '../../forms/numbers';
import { RupiahInput, TypedNumberInput } from '../../forms/TypedNumberInput';
import { callChecked, updateChecked, useModalForm } from '../../forms/useModalForm';
import { FormModal } from '../../ui/FormModal';
import { cycleLabel } from './queries';

interface Values {
  name: string;
  downloadMbps: number | string;
  uploadMbps: number | string;
  price: number | string;
  cycleMonths: string;
  description: string;
  active: boolean;
}

const EMPTY: Values = { name: '', downloadMbps: '', uploadMbps: '', price: '', cycleMonths: '1', description: '', active: true };

function valuesOf(plan: Plan | null): Values {
  if (!plan) return EMPTY;
  return { ...plan, cycleMonths: String(plan.cycleMonths) };
}

function changesOf(plan: Plan, values: Values): OpInput<'plans.update'> {
  const input: OpInput<'plans.update'> = { id: plan.id };
  if (values.name !== plan.name) input.name = values.name;
  // An emptied field is refused (NaN), never skipped as "unchanged".
  const download = numberRequired(values.downloadMbps);
  const upload = numberRequired(values.uploadMbps);
  const price = numberRequired(values.price);
  if (download !== plan.downloadMbps) input.downloadMbps = download;
  if (upload !== plan.uploadMbps) input.uploadMbps = upload;
  if (price !== plan.price) input.price = price;
  if (Number(values.cycleMonths) !== plan.cycleMonths) input.cycleMonths = Number(values.cycleMonths);
  if (values.description !== plan.description) input.description = values.description;
  if (values.active !== plan.active) input.active = values.active;
  return input;
}

export function PlanModal({ plan, onClose, onSaved }: { plan: Plan | null; onClose(): void; onSaved(plan: Plan): void }) {
  const { t } = useTranslation();
  const form = useModalForm(
    () => valuesOf(plan),
    (values, errors) => {
      if (plan) return updateChecked(errors, 'plans.update', changesOf(plan, values), plan);
      const numbers = { downloadMbps: numberOrAbsent(values.downloadMbps), uploadMbps: numberOrAbsent(values.uploadMbps), price: numberOrAbsent(values.price) };
      return callChecked(errors, 'plans.create', { ...values, ...numbers, cycleMonths: Number(values.cycleMonths) });
    },
    onSaved,
  );

  return (
    <FormModal title={plan ? t('plans.editTitle', { name: plan.name }) : t('plans.createTitle')} form={form} onClose={onClose} testId="plan">
      <TextInput label={t('billingFields.name')} {...form.text('name')} data-testid="plan-name" data-autofocus />
      <SimpleGrid cols={2} spacing="sm">
        <TypedNumberInput label={t('billingFields.downloadMbps')} {...form.field('downloadMbps')} data-testid="plan-download" />
        <TypedNumberInput label={t('billingFields.uploadMbps')} {...form.field('uploadMbps')} data-testid="plan-upload" />
      </SimpleGrid>
      <SimpleGrid cols={2} spacing="sm">
        <RupiahInput label={t('billingFields.price')} description={t('plans.priceHint')} {...form.field('price')} data-testid="plan-price" />
        <Select
          label={t('billingFields.cycleMonths')}
          description=" "
          data={CYCLE_MONTHS.map((m) => ({ value: String(m), label: cycleLabel(m, t) }))}
          {...form.field('cycleMonths')}
          onChange={(v) => form.set('cycleMonths', v ?? '1')}
          data-testid="plan-cycle"
        />
      </SimpleGrid>
      <Textarea label={t('billingFields.description')} {...form.text('description')} autosize minRows={2} data-testid="plan-description" />
      <Switch label={t('billingFields.active')} {...form.check('active')} data-testid="plan-active" />
    </FormModal>
  );
}
