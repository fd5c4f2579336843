// Acknowledge (one or several) or resolve alerts with an optional note; a refusal is shown in the modal.
import { Alert, Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { operations } from '../../../shared/contract';
import { noc } from '../../api/client';
import { FormAlert } from '../../forms/FormAlert';
import { useFormErrors } from '../../forms/useFormErrors';

export type NoteAction = { kind: 'acknowledge'; id: number } | { kind: 'resolve'; id: number } | { kind: 'acknowledgeMany'; ids: number[] };

interface Props {
  action: NoteAction;
  onClose(): void;
  /** Called with the translated confirmation. */
  onDone(message: string): void;
}

export function NoteModal({ action, onClose, onDone }: Props) {
  const { t } = useTranslation();
  const errors = useFormErrors();
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const resolving = action.kind === 'resolve';
  const title =
    action.kind === 'acknowledgeMany'
      ? t('alerts.acknowledgeManyTitle', { count: action.ids.length })
      : resolving
        ? `${t('alerts.resolveTitle')} #${action.id}`
        : `${t('alerts.acknowledgeTitle')} #${action.id}`;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const text = note.trim() || undefined;
    setBusy(true);
    try {
      if (action.kind === 'acknowledgeMany') {
        const input = errors.validate(operations['alerts.acknowledgeMany'].input, { ids: action.ids, note: text });
        if (!input) return;
        const { acknowledged } = await noc.call('alerts.acknowledgeMany', input);
        onDone(t('alerts.acknowledgedMany', { count: acknowledged }));
      } else {
        const operation = action.kind === 'resolve' ? 'alerts.resolve' : 'alerts.acknowledge';
        const input = errors.validate(operations[operation].input, { id: action.id, note: text });
        if (!input) return;
        await noc.call(operation, input);
        onDone(t(resolving ? 'alerts.resolved' : 'alerts.acknowledged', { id: action.id }));
      }
    } catch (error) {
      errors.fail(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal opened onClose={onClose} title={title}>
      <form ref={errors.formRef} onSubmit={(e) => void submit(e)} noValidate data-testid="alert-note-form">
        <Stack gap="sm">
          <FormAlert message={errors.general} testId="alert-note-error" />
          {resolving && (
            <Alert color="gray" variant="light" py={6}>
              <Text size="xs">{t('alerts.resolveHint')}</Text>
            </Alert>
          )}
          <Textarea
            label={t('alerts.note')}
            placeholder={t('alerts.notePlaceholder')}
            value={note}
            onChange={(e) => setNote(e.currentTarget.value)}
            error={errors.fields['note']}
            autosize
            minRows={2}
            data-testid="alert-note"
            data-autofocus
          />
          <Group justify="flex-end" gap="xs">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" color={resolving ? 'green' : 'blue'} loading={busy} data-testid="alert-note-save">
              {resolving ? t('alerts.resolve') : t('alerts.acknowledge')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
