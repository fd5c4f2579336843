// An action that needs a reason (void an invoice, cancel a payment), validated with the operation's own schema.
import { Alert, Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { operations } from '../../../shared/contract';
import { AppError } from '../../../shared/errors';
import { noc } from '../../api/client';
import { FormAlert } from '../../forms/FormAlert';
import { useFormErrors } from '../../forms/useFormErrors';

interface Props {
  operation: 'invoices.void' | 'payments.cancel';
  id: number;
  title: string;
  hint?: string;
  label: string;
  confirmLabel: string;
  /** A CONFLICT explained in the domain's words. */
  conflictText?: string;
  onClose(): void;
  onDone(): void;
  testId: string;
}

export function ReasonModal({ operation, id, title, hint, label, confirmLabel, conflictText, onClose, onDone, testId }: Props) {
  const { t } = useTranslation();
  const errors = useFormErrors();
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [conflict, setConflict] = useState<string | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const input = errors.validate(operations[operation].input, { id, reason });
    if (!input) return;
    setBusy(true);
    try {
      if (operation === 'invoices.void') await noc.call('invoices.void', input);
      else await noc.call('payments.cancel', input);
      onDone();
    } catch (error) {
      if (conflictText && error instanceof AppError && error.code === 'CONFLICT') setConflict(conflictText);
      else errors.fail(error);
      setBusy(false);
    }
  };

  return (
    <Modal opened onClose={onClose} title={title}>
      <form onSubmit={(e) => void submit(e)} noValidate data-testid={`${testId}-form`}>
        <Stack gap="sm">
          <FormAlert message={conflict ?? errors.general} testId={`${testId}-error`} />
          {hint && (
            <Alert color="gray" variant="light" py={6}>
              <Text size="xs">{hint}</Text>
            </Alert>
          )}
          <Textarea label={label} value={reason} onChange={(e) => setReason(e.currentTarget.value)} error={errors.fields['reason']} autosize minRows={2} data-testid={`${testId}-reason`} data-autofocus />
          <Group justify="flex-end" gap="xs">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" color="red" loading={busy} data-testid={`${testId}-confirm`}>
              {confirmLabel}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
