// Delete a plan; a plan that subscriptions used answers CONFLICT, and the modal offers to deactivate it instead.
import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Plan } from '../../../shared/contract';
import { AppError } from '../../../shared/errors';
import { noc } from '../../api/client';
import { messageOf } from '../../forms/errors';
import { FormAlert } from '../../forms/FormAlert';

interface Props {
  plan: Plan;
  onClose(): void;
  onDone(message: string): void;
}

export function DeletePlanModal({ plan, onClose, onDone }: Props) {
  const { t } = useTranslation();
  const [inUse, setInUse] = useState(plan.subscriptionCount > 0);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const run = async (action: () => Promise<unknown>, message: string) => {
    setBusy(true);
    setError(null);
    try {
      await action();
      onDone(message);
    } catch (failure) {
      if (failure instanceof AppError && failure.code === 'CONFLICT') setInUse(true);
      else setError(messageOf(failure, t));
      setBusy(false);
    }
  };

  return (
    <Modal opened onClose={onClose} title={t('plans.deleteTitle')} size="sm">
      <Stack gap="sm">
        <FormAlert message={error} testId="delete-error" />
        <Text size="sm" data-testid="plan-delete-text">
          {inUse ? t('plans.inUse', { name: plan.name }) : t('plans.deleteConfirm', { name: plan.name })}
        </Text>
        <Group justify="flex-end" gap="xs">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          {inUse ? (
            plan.active && (
              <Button color="orange" loading={busy} onClick={() => void run(() => noc.call('plans.update', { id: plan.id, active: false }), t('plans.deactivated', { name: plan.name }))} data-testid="plan-deactivate">
                {t('plans.deactivate')}
              </Button>
            )
          ) : (
            <Button color="red" loading={busy} onClick={() => void run(() => noc.call('plans.delete', { id: plan.id }), t('plans.deleted', { name: plan.name }))} data-testid="plan-delete-confirm">
              {t('common.delete')}
            </Button>
          )}
        </Group>
      </Stack>
    </Modal>
  );
}
