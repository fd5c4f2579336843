// Record a payment against an invoice (given, or picked from a customer's open invoices), then process it at once
// unless told otherwise. An amount above the balance offers where the excess goes (credit, or the customer's oldest
// open invoices first) and shows the server's split before anything is recorded.
import { Alert, Button, Checkbox, Group, Modal, Radio, Select, SimpleGrid, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { operations, PAYMENT_METHODS, type Customer, type Invoice, type Payment, type PaymentAllocation, type PaymentMethod } from '../../../shared/contract';
import { formatRupiah } from '../../../shared/money';
import { noc } from '../../api/client';
import { FormAlert } from '../../forms/FormAlert';
import { numberOrAbsent } from '../../forms/numbers';
import { RupiahInput } from '../../forms/TypedNumberInput';
import { useFormErrors } from '../../forms/useFormErrors';
import { useInvoicesList } from './queries';

const OPEN = new Set(['unpaid', 'partial', 'overdue']);

/** "INV/2026/11/0012 Rp 150.000, INV/2026/12/0003 Rp 150.000" */
function partsOf(allocations: readonly { invoiceNumber: string; amount: number }[]): string {
  return allocations.map((a) => `${a.invoiceNumber} ${formatRupiah(a.amount)}`).join(', ');
}

interface Props {
  /** From an invoice's page: that invoice. From a customer's page: null, and the customer's open invoices are offered. */
  invoice: Invoice | null;
  /** From a customer's page: the invoice chosen first (e.g. the one clicked in the open invoices). */
  initialInvoiceId?: number;
  customer?: Pick<Customer, 'id' | 'name'>;
  onClose(): void;
  onSaved(message: string): void;
}

export function PaymentModal({ invoice, initialInvoiceId, customer, onClose, onSaved }: Props) {
  const { t } = useTranslation();
  const errors = useFormErrors();
  const customerInvoices = useInvoicesList({ customerId: customer?.id, page: 1, pageSize: 100 }, invoice === null && customer !== undefined);
  // Oldest first: the customer usually pays the oldest debt.
  const open = invoice ? [invoice] : (customerInvoices.data?.items ?? []).filter((inv) => OPEN.has(inv.status)).reverse();
  const [chosenId, setChosenId] = useState<number | null>(invoice?.id ?? initialInvoiceId ?? null);
  const chosen = open.find((inv) => inv.id === chosenId) ?? open[0] ?? null;
  const [amount, setAmount] = useState<number | string | null>(null);
  const [method, setMethod] = useState<PaymentMethod>('cash');
  const [reference, setReference] = useState('');
  const [note, setNote] = useState('');
  const [processNow, setProcessNow] = useState(true);
  const [allocation, setAllocation] = useState<PaymentAllocation>('this_invoice');
  const [busy, setBusy] = useState(false);

  // Until the user types, the amount is the balance of the chosen invoice.
  const shownAmount = amount ?? chosen?.balance ?? '';
  const excess = chosen && typeof shownAmount === 'number' ? shownAmount - chosen.balance : 0;
  // The split is the server's: the same rule that processing applies, on the invoices open now.
  const [previewAmount] = useDebouncedValue(typeof shownAmount === 'number' && Number.isInteger(shownAmount) ? shownAmount : null, 250);
  const preview = useQuery({
    queryKey: ['payments', 'preview', chosen?.id, previewAmount, allocation],
    queryFn: () => noc.call('payments.preview', { invoiceId: chosen!.id, amount: previewAmount!, allocation }),
    enabled: excess > 0 && chosen !== null && previewAmount !== null && previewAmount > 0,
  });

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!chosen) return;
    const input = errors.validate(operations['payments.create'].input, {
      invoiceId: chosen.id,
      amount: numberOrAbsent(shownAmount),
      method,
      reference,
      note,
      allocation: excess > 0 ? allocation : 'this_invoice',
    });
    if (!input) return;
    setBusy(true);
    let payment: Payment;
    try {
      // The schema turns an empty reference into null; the wire takes it as absent.
      payment = await noc.call('payments.create', { ...input, reference: input.reference ?? undefined });
    } catch (error) {
      errors.fail(error);
      setBusy(false);
      return;
    }
    const values = { amount: formatRupiah(payment.amount), number: chosen.number };
    if (!processNow) {
      onSaved(t('payments.recordedPending', values));
      return;
    }
    try {
      const processed = await noc.call('payments.process', { id: payment.id, outcome: 'completed' });
      const credit = processed.creditedAmount > 0 ? ` ${t('allocation.previewCredit', { amount: formatRupiah(processed.creditedAmount) })}` : '';
      onSaved(
        processed.allocations.length > 1
          ? `${t('allocation.recorded', { amount: formatRupiah(processed.amount), parts: partsOf(processed.allocations) })}${credit}`
          : processed.creditedAmount > 0
            ? t('payments.recordedCredit', { ...values, credit: formatRupiah(processed.creditedAmount) })
            : t('payments.recorded', values),
      );
    } catch {
      // Recorded but not processed: it waits in the list with its Process button.
      onSaved(t('payments.recordedPending', values));
    }
  };

  const title = invoice ? t('payments.recordTitle', { number: invoice.number }) : t('payments.recordTitleCustomer', { name: customer?.name ?? '' });
  const noneOpen = !invoice && customerInvoices.data !== undefined && open.length === 0;

  return (
    <Modal opened onClose={onClose} title={title} size="lg">
      {noneOpen ? (
        <Text size="sm" data-testid="payment-no-open">
          {t('payments.noOpenInvoices')}
        </Text>
      ) : (
        <form ref={errors.formRef} onSubmit={(e) => void submit(e)} noValidate data-testid="payment-form">
          <Stack gap="sm">
            <FormAlert message={errors.general} testId="payment-error" />
            {!invoice && (
              <Select
                label={t('payments.chooseInvoice')}
                data={open.map((inv) => ({ value: String(inv.id), label: `${inv.number} · ${t(`invoiceStatus.${inv.status}`)} · ${formatRupiah(inv.balance)}` }))}
                value={chosen ? String(chosen.id) : null}
                onChange={(value) => {
                  setChosenId(Number(value));
                  setAmount(null);
                }}
                error={errors.fields['invoiceId']}
                data-testid="payment-invoice"
              />
            )}
            <SimpleGrid cols={2} spacing="sm">
              <RupiahInput
                label={t('payments.amount')}
                description={chosen ? t('payments.balanceHint', { balance: formatRupiah(chosen.balance) }) : undefined}
                value={shownAmount}
                onChange={(value) => setAmount(value)}
                error={errors.fields['amount']}
                data-testid="payment-amount"
                data-autofocus
              />
              <Select
                label={t('payments.method')}
                data={PAYMENT_METHODS.map((m) => ({ value: m, label: t(`paymentMethod.${m}`) }))}
                value={method}
                onChange={(value) => setMethod((value as PaymentMethod | null) ?? 'cash')}
                error={errors.fields['method']}
                data-testid="payment-method"
              />
            </SimpleGrid>
            {excess > 0 && (
              <Radio.Group label={t('allocation.label')} value={allocation} onChange={(value) => setAllocation(value as PaymentAllocation)} data-testid="payment-allocation">
                <Group gap="lg" mt={4}>
                  <Radio value="this_invoice" label={t('allocation.thisInvoice')} data-testid="payment-allocation-this" />
                  <Radio value="oldest_first" label={t('allocation.oldestFirst')} data-testid="payment-allocation-oldest" />
                </Group>
              </Radio.Group>
            )}
            {excess > 0 && (
              <Alert color="blue" variant="light" py={6} data-testid="payment-credit-hint" data-allocations={preview.data?.allocations.length ?? 0}>
                {preview.data ? (
                  <Stack gap={2}>
                    <Text size="sm" data-testid="payment-allocation-preview">
                      {t('allocation.preview', { amount: formatRupiah(previewAmount ?? 0), parts: partsOf(preview.data.allocations) })}
                    </Text>
                    {preview.data.credit > 0 && <Text size="sm">{t('allocation.previewCredit', { amount: formatRupiah(preview.data.credit) })}</Text>}
                  </Stack>
                ) : (
                  <Text size="sm">{t('payments.willBeCredit', { amount: formatRupiah(excess) })}</Text>
                )}
              </Alert>
            )}
            <TextInput label={t('payments.reference')} value={reference} onChange={(e) => setReference(e.currentTarget.value)} error={errors.fields['reference']} data-testid="payment-reference" />
            <Textarea label={t('payments.note')} value={note} onChange={(e) => setNote(e.currentTarget.value)} error={errors.fields['note']} autosize minRows={2} data-testid="payment-note" />
            <Checkbox label={t('payments.processNow')} checked={processNow} onChange={(e) => setProcessNow(e.currentTarget.checked)} data-testid="payment-process-now" />
            <Group justify="flex-end" gap="xs">
              <Button variant="default" onClick={onClose}>
                {t('common.cancel')}
              </Button>
              <Button type="submit" loading={busy} disabled={!chosen} data-testid="payment-save">
                {t('payments.save')}
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Modal>
  );
}
