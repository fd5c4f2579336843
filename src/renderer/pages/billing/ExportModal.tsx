// CSV export of invoices (by issue date) or payments (by date received) for a date range, saved as a download.
import { Button, Group, Modal, SimpleGrid, Stack, Text } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { operations } from '../../../shared/contract';
import { noc } from '../../api/client';
import { DateInput } from '../../forms/DateInput';
import { FormAlert } from '../../forms/FormAlert';
import { useFormErrors } from '../../forms/useFormErrors';
import { useSiteToday } from '../../site';
import { downloadText } from '../customers/csvTransfer';

interface Props {
  operation: 'invoices.export' | 'payments.export';
  title: string;
  hint: string;
  /** File name prefix: `tagihan` → `tagihan-2026-11-01_2026-11-30.csv`. */
  filePrefix: string;
  onClose(): void;
}

export function ExportModal({ operation, title, hint, filePrefix, onClose }: Props) {
  const { t } = useTranslation();
  const errors = useFormErrors();
  const today = useSiteToday();
  const [from, setFrom] = useState(`${today.slice(0, 8)}01`);
  const [to, setTo] = useState(today);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const input = errors.validate(operations[operation].input, { from, to });
    if (!input) return;
    setBusy(true);
    try {
      const csv = operation === 'invoices.export' ? await noc.call('invoices.export', input) : await noc.call('payments.export', input);
      downloadText(csv, `${filePrefix}-${input.from}_${input.to}.csv`);
      onClose();
    } catch (error) {
      errors.fail(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal opened onClose={onClose} title={title} size="sm">
      <form onSubmit={(e) => void submit(e)} noValidate data-testid="export-form">
        <Stack gap="sm">
          <FormAlert message={errors.general} />
          <Text size="sm" c="dimmed">
            {hint}
          </Text>
          <SimpleGrid cols={2} spacing="sm">
            <DateInput label={t('payments.from')} value={from} onChange={setFrom} error={errors.fields['from']} data-testid="export-from" />
            <DateInput label={t('payments.to')} value={to} onChange={setTo} error={errors.fields['to']} data-testid="export-to" />
          </SimpleGrid>
          <Group justify="flex-end" gap="xs">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={busy} data-testid="export-download">
              {t('invoices.download')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
