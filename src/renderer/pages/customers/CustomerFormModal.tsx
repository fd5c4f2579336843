// Create or edit a customer: name, phone (normalised to +62 by the contract), email, address, coordinates, notes,
// the language of the messages sent to them and whether they want none.
import { Select, SimpleGrid, Switch, Textarea, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { CUSTOMER_STATUSES, type Customer, type Language, type OpInput } from '../../../shared/contract';
import { numberOrNull as coordinate } from '../../forms/numbers';
import { TypedNumberInput } from '../../forms/TypedNumberInput';
import { callChecked, updateChecked, useModalForm } from '../../forms/useModalForm';
import { FormModal } from '../../ui/FormModal';

interface Values {
  name: string;
  phone: string;
  email: string;
  address: string;
  latitude: number | string;
  longitude: number | string;
  notes: string;
  status: string;
  /** '' is the site's language. */
  language: '' | Language;
  messagesOptOut: boolean;
}

const EMPTY: Values = { name: '', phone: '', email: '', address: '', latitude: '', longitude: '', notes: '', status: 'pending', language: '', messagesOptOut: false };

function valuesOf(customer: Customer | null): Values {
  if (!customer) return EMPTY;
  return { ...customer, email: customer.email ?? '', latitude: customer.latitude ?? '', longitude: customer.longitude ?? '', language: customer.language ?? '' };
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
  if ((values.language || null) !== customer.language) input.language = values.language || null;
  if (values.messagesOptOut !== customer.messagesOptOut) input.messagesOptOut = values.messagesOptOut;
  return input;
}

interface Props {
  customer: Customer | null;
  onClose(): void;
  onSaved(customer: Customer): void;
}

export function CustomerFormModal({ customer, onClose, onSaved }: Props) {
  const { t } = useTranslation();
  const form = useModalForm(
    () => valuesOf(customer),
    (values, errors) => {
      if (customer) return updateChecked(errors, 'customers.update', changesOf(customer, values), customer);
      return callChecked(errors, 'customers.create', { ...values, latitude: coordinate(values.latitude), longitude: coordinate(values.longitude), language: values.language || null });
    },
    onSaved,
  );

  return (
    <FormModal title={customer ? t('customers.editTitle', { code: customer.code }) : t('customers.createTitle')} form={form} onClose={onClose} size="lg" testId="customer">
      <TextInput label={t('billingFields.name')} {...form.text('name')} data-testid="customer-name" data-autofocus withAsterisk />
      <SimpleGrid cols={2} spacing="sm">
        <TextInput label={t('billingFields.phone')} description={t('customers.phoneHint')} type="tel" {...form.text('phone')} data-testid="customer-phone" withAsterisk />
        <TextInput label={t('billingFields.email')} description=" " type="email" {...form.text('email')} data-testid="customer-email" />
      </SimpleGrid>
      <Textarea label={t('billingFields.address')} {...form.text('address')} autosize minRows={2} data-testid="customer-address" />
      <SimpleGrid cols={customer ? 2 : 3} spacing="sm">
        <TypedNumberInput label={t('billingFields.latitude')} {...form.field('latitude')} hideControls data-testid="customer-latitude" />
        <TypedNumberInput label={t('billingFields.longitude')} {...form.field('longitude')} hideControls data-testid="customer-longitude" />
        {!customer && (
          <Select
            label={t('customers.initialStatus')}
            data={CUSTOMER_STATUSES.map((s) => ({ value: s, label: t(`customerStatus.${s}`) }))}
            {...form.field('status')}
            onChange={(v) => form.set('status', v ?? 'pending')}
            data-testid="customer-status-initial"
          />
        )}
      </SimpleGrid>
      <SimpleGrid cols={2} spacing="sm">
        <Select
          label={t('outbox.customer.language')}
          data={[
            { value: '', label: t('outbox.customer.siteLanguage') },
            { value: 'id', label: t('lang.id') },
            { value: 'en', label: t('lang.en') },
          ]}
          value={form.values.language}
          onChange={(v) => form.set('language', (v ?? '') as Values['language'])}
          allowDeselect={false}
          error={form.errors.fields['language']}
          data-testid="customer-language"
        />
        <Switch label={t('outbox.customer.optOut')} {...form.check('messagesOptOut')} mt={30} data-testid="customer-opt-out" />
      </SimpleGrid>
      <Textarea label={t('billingFields.notes')} {...form.text('notes')} autosize minRows={2} data-testid="customer-notes" />
    </FormModal>
  );
}
