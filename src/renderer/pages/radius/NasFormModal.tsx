// Add or edit a NAS: name, IPv4 address, vendor, CoA port and the RADIUS secret, which is written and never read
// back ("set", and a field to replace it). Checked with the contract's schema; errors next to the fields.
import { Button, Group, Modal, PasswordInput, Select, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { NAS_VENDORS, operations, type Nas } from '../../../shared/contract';
import { noc } from '../../api/client';
import { FormAlert } from '../../forms/FormAlert';
import { numberRequired, type NumberFieldValue } from '../../forms/numbers';
import { TypedNumberInput } from '../../forms/TypedNumberInput';
import { useFormErrors } from '../../forms/useFormErrors';
import { explainFailure, validateRadius } from './text';

interface Values {
  name: string;
  address: string;
  vendor: Nas['vendor'];
  coaPort: NumberFieldValue;
  secret: string;
}

function valuesOf(nas: Nas | null): Values {
  if (!nas) return { name: '', address: '', vendor: 'mikrotik', coaPort: 3799, secret: '' };
  return { name: nas.name, address: nas.address, vendor: nas.vendor, coaPort: nas.coaPort, secret: '' };
}

function changesOf(nas: Nas, values: Values): Record<string, unknown> {
  const changes: Record<string, unknown> = { id: nas.id };
  if (values.name !== nas.name) changes['name'] = values.name;
  if (values.address !== nas.address) changes['address'] = values.address.trim();
  if (values.vendor !== nas.vendor) changes['vendor'] = values.vendor;
  const port = numberRequired(values.coaPort);
  if (port !== nas.coaPort) changes['coaPort'] = port;
  // An empty secret field keeps the stored secret.
  if (values.secret !== '') changes['secret'] = values.secret;
  return changes;
}

interface Props {
  nas: Nas | null;
  onClose(): void;
  onSaved(nas: Nas): void;
}

export function NasFormModal({ nas, onClose, onSaved }: Props) {
  const { t } = useTranslation();
  const errors = useFormErrors();
  const [values, setValues] = useState<Values>(() => valuesOf(nas));
  const [busy, setBusy] = useState(false);
  const set = <K extends keyof Values>(key: K, value: Values[K]) => setValues((v) => ({ ...v, [key]: value }));

  const save = async (): Promise<Nas | null> => {
    if (!nas) {
      const input = validateRadius(errors, operations['radius.nas.create'].input, { ...values, address: values.address.trim(), coaPort: numberRequired(values.coaPort) }, t);
      return input ? noc.call('radius.nas.create', input) : null;
    }
    const input = validateRadius(errors, operations['radius.nas.update'].input, changesOf(nas, values), t);
    return input ? noc.call('radius.nas.update', input) : null;
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    try {
      const saved = await save();
      if (saved) onSaved(saved);
    } catch (error) {
      errors.fail(error);
      explainFailure(error, errors, t, { address: 'radius.nas.addressTaken' });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal opened onClose={onClose} title={nas ? t('radius.nas.editTitle', { name: nas.name }) : t('radius.nas.newTitle')} size="md">
      <form ref={errors.formRef} onSubmit={(e) => void submit(e)} noValidate data-testid="nas-form">
        <Stack gap="sm">
          <FormAlert message={errors.general} testId="nas-form-error" />
          <TextInput label={t('radius.nas.name')} value={values.name} onChange={(e) => set('name', e.currentTarget.value)} error={errors.fields['name']} data-autofocus data-testid="nas-name" />
          <SimpleGrid cols={2} spacing="sm">
            <TextInput label={t('radius.nas.address')} value={values.address} onChange={(e) => set('address', e.currentTarget.value)} error={errors.fields['address']} ff="monospace" data-testid="nas-address" />
            <Select
              label={t('radius.nas.vendor')}
              data={NAS_VENDORS.map((v) => ({ value: v, label: t(`radius.vendor.${v}`) }))}
              value={values.vendor}
              onChange={(value) => set('vendor', (value ?? values.vendor) as Nas['vendor'])}
              allowDeselect={false}
              error={errors.fields['vendor']}
              data-testid="nas-vendor"
            />
          </SimpleGrid>
          <SimpleGrid cols={2} spacing="sm">
            <TypedNumberInput label={t('radius.nas.coaPort')} value={values.coaPort} onChange={(value) => set('coaPort', value)} error={errors.fields['coaPort']} data-testid="nas-coa-port" />
            <PasswordInput
              label={nas ? t('radius.nas.secretReplace') : t('radius.nas.secretNew')}
              value={values.secret}
              onChange={(e) => set('secret', e.currentTarget.value)}
              error={errors.fields['secret']}
              autoComplete="new-password"
              data-testid="nas-secret"
            />
          </SimpleGrid>
          <Text size="xs" c="dimmed" mt={-6}>
            {nas ? t('radius.nas.secretReplaceHint') : t('radius.nas.secretHint')}
          </Text>
          <Group justify="flex-end" gap="xs">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={busy} data-testid="nas-save">
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
