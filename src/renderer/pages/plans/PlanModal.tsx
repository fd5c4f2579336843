// Create or edit a plan (admin): name, speeds, price in whole Rupiah, billing cycle, description, offered.
import { Button, Group, Modal, Select, SimpleGrid, Stack, Switch, Textarea, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { CYCLE_MONTHS, operations, type OpInput, type Plan } from '../../../shared/contract';
import { noc } from '../../api/client';
import { FormAlert } from '../../forms/FormAlert';
import { numberOrAbsent, numberRequired } from '../../forms/numbers';
import { RupiahInput, TypedNumberInput } from '../../forms/TypedNumberInput';
import { useFormErrors } from '../../forms/useFormErrors';
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
  const errors = useFormErrors();
  const [values, setValues] = useState<Values>(() => valuesOf(plan));
  const [busy, setBusy] = useState(false);
  const set = <K extends keyof Values>(key: K, value: Values[K]) => setValues((v) => ({ ...v, [key]: value }));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    try {
      if (plan) {
        const input = errors.validate(operations['plans.update'].input, changesOf(plan, values));
        if (!input) return;
        onSaved(Object.keys(input).length === 1 ? plan : await noc.call('plans.update', input));
      } else {
        const raw = { ...values, downloadMbps: numberOrAbsent(values.downloadMbps), uploadMbps: numberOrAbsent(values.uploadMbps), price: numberOrAbsent(values.price), cycleMonths: Number(values.cycleMonths) };
        const input = errors.validate(operations['plans.create'].input, raw);
        if (!input) return;
        onSaved(await noc.call('plans.create', input));
      }
    } catch (error) {
      errors.fail(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal opened onClose={onClose} title={plan ? t('plans.editTitle', { name: plan.name }) : t('plans.createTitle')}>
      <form ref={errors.formRef} onSubmit={(e) => void submit(e)} noValidate data-testid="plan-form">
        <Stack gap="sm">
          <FormAlert message={errors.general} />
          <TextInput label={t('billingFields.name')} value={values.name} onChange={(e) => set('name', e.currentTarget.value)} error={errors.fields['name']} data-testid="plan-name" data-autofocus />
          <SimpleGrid cols={2} spacing="sm">
            <TypedNumberInput label={t('billingFields.downloadMbps')} value={values.downloadMbps} onChange={(v) => set('downloadMbps', v)} error={errors.fields['downloadMbps']} data-testid="plan-download" />
            <TypedNumberInput label={t('billingFields.uploadMbps')} value={values.uploadMbps} onChange={(v) => set('uploadMbps', v)} error={errors.fields['uploadMbps']} data-testid="plan-upload" />
          </SimpleGrid>
          <SimpleGrid cols={2} spacing="sm">
            <RupiahInput
              label={t('billingFields.price')}
              description={t('plans.priceHint')}
              value={values.price}
              onChange={(v) => set('price', v)}
              error={errors.fields['price']}
              data-testid="plan-price"
            />
            <Select
              label={t('billingFields.cycleMonths')}
              description=" "
              data={CYCLE_MONTHS.map((m) => ({ value: String(m), label: cycleLabel(m, t) }))}
              value={values.cycleMonths}
              onChange={(v) => set('cycleMonths', v ?? '1')}
              error={errors.fields['cycleMonths']}
              data-testid="plan-cycle"
            />
          </SimpleGrid>
          <Textarea label={t('billingFields.description')} value={values.description} onChange={(e) => set('description', e.currentTarget.value)} error={errors.fields['description']} autosize minRows={2} data-testid="plan-description" />
          <Switch label={t('billingFields.active')} checked={values.active} onChange={(e) => set('active', e.currentTarget.checked)} data-testid="plan-active" />
          <Group justify="flex-end" gap="xs" mt="xs">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={busy} data-testid="plan-save">
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
