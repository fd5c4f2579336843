// Status change with a reason (customer or subscription): only the transitions the contract allows are offered.
import { Alert, Button, Group, Modal, SegmentedControl, Stack, Text, Textarea } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { operations } from '../../shared/contract';
import { noc } from '../api/client';
import { FormAlert } from './FormAlert';
import { useFormErrors } from './useFormErrors';

type StatusOperation = 'customers.setStatus' | 'subscriptions.setStatus';

interface Props {
  operation: StatusOperation;
  id: number;
  title: string;
  hint?: string;
  /** The allowed target statuses with their translated labels. */
  options: { value: string; label: string }[];
  onClose(): void;
  onChanged(status: string): void;
}

export function StatusChangeModal({ operation, id, title, hint, options, onClose, onChanged }: Props) {
  const { t } = useTranslation();
  const errors = useFormErrors();
  const [status, setStatus] = useState(options[0]?.value ?? '');
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const values = { id, status, reason };
    setBusy(true);
    try {
      if (operation === 'customers.setStatus') {
        const input = errors.validate(operations['customers.setStatus'].input, values);
        if (!input) return;
        await noc.call('customers.setStatus', input);
      } else {
        const input = errors.validate(operations['subscriptions.setStatus'].input, values);
        if (!input) return;
        await noc.call('subscriptions.setStatus', input);
      }
      onChanged(status);
    } catch (error) {
      errors.fail(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal opened onClose={onClose} title={title}>
      {options.length === 0 ? (
        <Text size="sm">{t('customers.noTransitions')}</Text>
      ) : (
        <form onSubmit={(e) => void submit(e)} noValidate data-testid="status-form">
          <Stack gap="sm">
            <FormAlert message={errors.general} />
            <Stack gap={4}>
              <Text size="sm" fw={500}>
                {t('billingFields.newStatus')}
              </Text>
              <SegmentedControl data={options} value={status} onChange={setStatus} size="sm" data-testid="status-target" />
              {errors.fields['status'] && (
                <Text size="xs" c="red">
                  {errors.fields['status']}
                </Text>
              )}
            </Stack>
            {hint && (
              <Alert color="gray" variant="light" py={6}>
                <Text size="xs">{hint}</Text>
              </Alert>
            )}
            <Textarea
              label={t('billingFields.reason')}
              value={reason}
              onChange={(e) => setReason(e.currentTarget.value)}
              error={errors.fields['reason']}
              autosize
              minRows={2}
              data-testid="status-reason"
              data-autofocus
            />
            <Group justify="flex-end" gap="xs">
              <Button variant="default" onClick={onClose}>
                {t('common.cancel')}
              </Button>
              <Button type="submit" loading={busy} data-testid="status-save">
                {t('common.save')}
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Modal>
  );
}
