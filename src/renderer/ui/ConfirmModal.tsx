// A destructive confirmation: the question, and the refusal (CONFLICT, FORBIDDEN) shown in the modal if it comes.
import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { messageOf } from '../forms/errors';
import { FormAlert } from '../forms/FormAlert';

interface Props {
  title: string;
  text: string;
  confirmLabel: string;
  action(): Promise<unknown>;
  /** Turns a refusal into a message; by default the translated error code. */
  explain?(error: unknown): string | null;
  onClose(): void;
  onDone(): void;
  testId: string;
}

export function ConfirmModal({ title, text, confirmLabel, action, explain, onClose, onDone, testId }: Props) {
  const { t } = useTranslation();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const confirm = async () => {
    setBusy(true);
    try {
      await action();
      onDone();
    } catch (failure) {
      setError(explain?.(failure) ?? messageOf(failure, t));
      setBusy(false);
    }
  };

  return (
    <Modal opened onClose={onClose} title={title} size="sm">
      <Stack gap="sm">
        <FormAlert message={error} testId={`${testId}-error`} />
        <Text size="sm">{text}</Text>
        <Group justify="flex-end" gap="xs">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button color="red" loading={busy} onClick={() => void confirm()} data-testid={`${testId}-confirm`}>
            {confirmLabel}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
