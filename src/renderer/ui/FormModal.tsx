// The frame of every create/edit modal: title, the form (Enter submits), the alert for an error that names no field,
// and Cancel / Save with Save pending while the save runs. The fields are the children.
import { Button, Group, Modal, Stack, type ModalProps } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { FormAlert } from '../forms/FormAlert';
import type { ModalForm } from '../forms/useModalForm';

interface Props<V> {
  title: string;
  form: ModalForm<V>;
  onClose(): void;
  /** `${testId}-form`, `${testId}-save`, `${testId}-cancel`. */
  testId: string;
  size?: ModalProps['size'];
  submitLabel?: string;
  children: ReactNode;
}

export function FormModal<V>({ title, form, onClose, testId, size, submitLabel, children }: Props<V>) {
  const { t } = useTranslation();
  return (
    <Modal opened onClose={onClose} title={title} size={size}>
      <form ref={form.errors.formRef} onSubmit={(e) => void form.submit(e)} noValidate data-testid={`${testId}-form`}>
        <Stack gap="sm">
          <FormAlert message={form.errors.general} />
          {children}
          <Group justify="flex-end" gap="xs" mt="xs">
            <Button variant="default" onClick={onClose} data-testid={`${testId}-cancel`}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={form.busy} data-testid={`${testId}-save`}>
              {submitLabel ?? t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
