// Create or edit a customer: name, phone (normalised to +62 by the contract), email, address, coordinates, notes.
import { Button, Group, Modal, Select, SimpleGrid, Stack, Textarea, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { CUSTOMER_STATUSES, operations, type Customer, type OpInput } from '../../../shared/contract';
import { noc } from '../../api/client';
import { FormAlert } from '../../forms/FormAlert';
import { numberOrNull as coordinate } from '../../forms/numbers';
import { TypedNumberInput } from '../../forms/TypedNumberInput';
import { useFormErrors } from '../../forms/useFormErrors';

interface Values {
  name: string;
  phone: string;
  email: string;
  address: string;
  latitude: number | string;
  longitude: number | string;
  notes: string;
  status: string;
}

const EMPTY: Values = { name: '', phone: '', email: '', address: '', latitude: '', longitude: '', notes: '', status: 'pending' };

function valuesOf(customer: Customer | null): Values {
  if (!customer) return EMPTY;
  return { ...customer, email: customer.email ?? '', latitude: customer.latitude ?? '', longitude: customer.longitude ?? '' };
}

function changesOf(customer: Customer, values: Values): OpInput<'customers.update'> {
  const input: OpInput<'customers.update'> = { id: customer.id };
  if (values.name !== customer.name) input.name = values.name;
  if (values.phone !== customer.phone) input.phone = values.phone;
  if (values.email !== (customer.email ?? '')) input.email = values.email;
  if (values.address !== customer.address) input.address = values.address;
  if (coordinate(values.latitude) !== customer.latitude) input.latitude = coordinate(values.latitude);
  if (coordinate(values.longitude) !== customer.longitude) input.longitude = coordinate(values.longitude);
  if (values.notes !== customer.notes) input.notes = values.notes;
  return input;
}

interface Props {
  customer: Customer | null;
  onClose(): void;
  onSaved(customer: Customer): void;
}

export function CustomerFormModal({ customer, onClose, onSaved }: Props) {
  const { t } = useTranslation();
  const errors = useFormErrors();
  const [values, setValues] = useState<Values>(() => valuesOf(customer));
  const [busy, setBusy] = useState(false);
  const set = <K extends keyof Values>(key: K, value: Values[K]) => setValues((v) => ({ ...v, [key]: value }));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    try {
      if (customer) {
        const input = errors.validate(operations['customers.update'].input, changesOf(customer, values));
        if (!input) return;
        onSaved(Object.keys(input).length === 1 ? customer : await noc.call('customers.update', input));
      } else {
        const raw = { ...values, latitude: coordinate(values.latitude), longitude: coordinate(values.longitude) };
        const input = errors.validate(operations['customers.create'].input, raw);
        if (!input) return;
        onSaved(await noc.call('customers.create', input));
      }
    } catch (error) {
      errors.fail(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal opened onClose={onClose} title={customer ? t('customers.editTitle', { code: customer.code }) : t('customers.createTitle')} size="lg">
      <form ref={errors.formRef} onSubmit={(e) => void submit(e)} noValidate data-testid="customer-form">
        <Stack gap="sm">
          <FormAlert message={errors.general} />
          <TextInput label={t('billingFields.name')} value={values.name} onChange={(e) => set('name', e.currentTarget.value)} error={errors.fields['name']} data-testid="customer-name" data-autofocus withAsterisk />
          <SimpleGrid cols={2} spacing="sm">
            <TextInput
              label={t('billingFields.phone')}
              description={t('customers.phoneHint')}
              type="tel"
              value={values.phone}
              onChange={(e) => set('phone', e.currentTarget.value)}
              error={errors.fields['phone']}
              data-testid="customer-phone"
              withAsterisk
            />
            <TextInput label={t('billingFields.email')} description=" " type="email" value={values.email} onChange={(e) => set('email', e.currentTarget.value)} error={errors.fields['email']} data-testid="customer-email" />
          </SimpleGrid>
          <Textarea label={t('billingFields.address')} value={values.address} onChange={(e) => set('address', e.currentTarget.value)} error={errors.fields['address']} autosize minRows={2} data-testid="customer-address" />
          <SimpleGrid cols={customer ? 2 : 3} spacing="sm">
            <TypedNumberInput label={t('billingFields.latitude')} value={values.latitude} onChange={(v) => set('latitude', v)} hideControls error={errors.fields['latitude']} data-testid="customer-latitude" />
            <TypedNumberInput label={t('billingFields.longitude')} value={values.longitude} onChange={(v) => set('longitude', v)} hideControls error={errors.fields['longitude']} data-testid="customer-longitude" />
            {!customer && (
              <Select
                label={t('customers.initialStatus')}
                data={CUSTOMER_STATUSES.map((s) => ({ value: s, label: t(`customerStatus.${s}`) }))}
                value={values.status}
                onChange={(v) => set('status', v ?? 'pending')}
                error={errors.fields['status']}
                data-testid="customer-status-initial"
              />
            )}
          </SimpleGrid>
          <Textarea label={t('billingFields.notes')} value={values.notes} onChange={(e) => set('notes', e.currentTarget.value)} error={errors.fields['notes']} autosize minRows={2} data-testid="customer-notes" />
          <Group justify="flex-end" gap="xs" mt="xs">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={busy} data-testid="customer-save">
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
