// Edit a subscription's access: username, service type (PPPoE / hotspot), static IP and MAC binding (empty: none).
// Only what changed is sent; the contract's schema and the server (a taken username or IP) answer next to the fields.
import { Button, Group, Input, Modal, SegmentedControl, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { operations, SERVICE_TYPES, type AccessCredentials, type ServiceType } from '../../../shared/contract';
import { noc } from '../../api/client';
import { FormAlert } from '../../forms/FormAlert';
import { useFormErrors } from '../../forms/useFormErrors';
import { explainFailure, validateRadius } from './text';

interface Values {
  username: string;
  serviceType: ServiceType;
  staticIp: string;
  macBinding: string;
}

function changesOf(credentials: AccessCredentials, values: Values): Record<string, unknown> {
  const changes: Record<string, unknown> = { id: credentials.subscriptionId };
  const username = values.username.trim();
  const staticIp = values.staticIp.trim() || null;
  const macBinding = values.macBinding.trim() || null;
  if (username !== credentials.username) changes['username'] = username;
  if (values.serviceType !== credentials.serviceType) changes['serviceType'] = values.serviceType;
  if (staticIp !== credentials.staticIp) changes['staticIp'] = staticIp;
  if (macBinding !== credentials.macBinding) changes['macBinding'] = macBinding;
  return changes;
}

interface Props {
  credentials: AccessCredentials;
  onClose(): void;
  onSaved(credentials: AccessCredentials): void;
}

export function AccessFormModal({ credentials, onClose, onSaved }: Props) {
  const { t } = useTranslation();
  const errors = useFormErrors();
  const [values, setValues] = useState<Values>({
    username: credentials.username,
    serviceType: credentials.serviceType,
    staticIp: credentials.staticIp ?? '',
    macBinding: credentials.macBinding ?? '',
  });
  const [busy, setBusy] = useState(false);
  const set = <K extends keyof Values>(key: K, value: Values[K]) => setValues((v) => ({ ...v, [key]: value }));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const input = validateRadius(errors, operations['radius.credentials.update'].input, changesOf(credentials, values), t);
    if (!input) return;
    if (Object.keys(input).length === 1) {
      onClose();
      return;
    }
    setBusy(true);
    try {
      onSaved(await noc.call('radius.credentials.update', input));
    } catch (error) {
      errors.fail(error);
      explainFailure(error, errors, t);
    } finally {
      setBusy(false);
    }
  };

  const mono = { input: { fontFamily: 'var(--mantine-font-family-monospace)' } };
  return (
    <Modal opened onClose={onClose} title={t('radius.access.editTitle', { id: credentials.subscriptionId })} size="md">
      <form ref={errors.formRef} onSubmit={(e) => void submit(e)} noValidate data-testid="access-form">
        <Stack gap="sm">
          <FormAlert message={errors.general} testId="access-form-error" />
          <TextInput label={t('radius.access.username')} value={values.username} onChange={(e) => set('username', e.currentTarget.value)} error={errors.fields['username']} styles={mono} data-autofocus data-testid="access-username" />
          <Input.Wrapper label={t('radius.access.serviceType')} error={errors.fields['serviceType']}>
            <SegmentedControl
              fullWidth
              value={values.serviceType}
              onChange={(value) => set('serviceType', value as ServiceType)}
              data={SERVICE_TYPES.map((type) => ({ value: type, label: t(`radius.serviceType.${type}`) }))}
              transitionDuration={0}
              data-testid="access-service-type"
            />
          </Input.Wrapper>
          <SimpleGrid cols={2} spacing="sm">
            <TextInput label={t('radius.access.staticIp')} description={t('radius.access.staticIpHint')} value={values.staticIp} onChange={(e) => set('staticIp', e.currentTarget.value)} error={errors.fields['staticIp']} styles={mono} data-testid="access-static-ip" />
            <TextInput label={t('radius.access.macBinding')} description={t('radius.access.macHint')} value={values.macBinding} onChange={(e) => set('macBinding', e.currentTarget.value)} error={errors.fields['macBinding']} styles={mono} data-testid="access-mac" />
          </SimpleGrid>
          <Group justify="flex-end" gap="xs">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={busy} data-testid="access-save">
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
