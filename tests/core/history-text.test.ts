// The customer timeline as people read it (the renderer's historyText, run here in Node): every field by its
// name in the reader's language, never the field's code name; money, dates, statuses, durations formatted.
import { afterAll, describe, expect, it } from 'vitest';
import { customersOperations, subscriptionsOperations, type HistoryEntry } from '../../src/shared/contract';
import { formatBusinessDate, formatDateTime } from '../../src/shared/i18n/format';
import { i18next } from '../../src/renderer/i18n';
import { changeLinesOf, fieldLabel, headlineOf } from '../../src/renderer/pages/customers/historyText';

const ZONE = 'Asia/Jakarta';
afterAll(() => i18next.changeLanguage('id'));

function entry(kind: string, entity: string, changes: HistoryEntry['changes']): HistoryEntry {
  return { id: 1, at: '2026-12-04T13:55:41.026Z', actor: 'system', bySystem: true, kind, entity, entityId: 7, summary: 'English summary', changes, reason: null };
}

async function readIn(language: 'id' | 'en') {
  await i18next.changeLanguage(language);
  const formats = { date: (d: string) => formatBusinessDate(d, language) ?? '', dateTime: (iso: string) => formatDateTime(iso, language, ZONE) ?? '' };
  return { t: i18next.t, formats };
}

/** Every field a service writes into a timeline entry (form fields, and those of invoices, payments, outages). */
const WRITTEN_FIELDS = [
  ...Object.keys(customersOperations['customers.update'].input.shape),
  ...Object.keys(subscriptionsOperations['subscriptions.update'].input.shape),
  'status', 'planName', 'price', 'effectiveDate', 'reason', 'deletedAt', 'creditBalance', 'code',
  'number', 'invoiceNumber', 'total', 'periodStart', 'periodEnd', 'currentPeriodStart', 'currentPeriodEnd',
  'amount', 'method', 'reference', 'amountPaid', 'invoiceStatus', 'credit',
  'device', 'startedAt', 'endedAt', 'durationSec',
  'username', 'serviceType', 'staticIp', 'macBinding', 'password', 'nas', 'acctSessionId', 'outcome', 'tries', 'errorCause', 'rateLimit',
].filter((field) => field !== 'id');

describe('timeline text', () => {
  for (const language of ['id', 'en'] as const) {
    it(`names every written field in ${language}, never by its code name`, async () => {
      const { t } = await readIn(language);
      const raw = WRITTEN_FIELDS.filter((field) => fieldLabel(field, t) === field);
      expect(raw).toEqual([]);
    });
  }

  it('reads a completed payment in Indonesian: labels, Rupiah and the invoice status', async () => {
    const { t, formats } = await readIn('id');
    const paid = entry('payment.completed', 'payment', {
      invoiceNumber: { from: null, to: 'INV/2026/12/0001' },
      amountPaid: { from: 0, to: 166_500 },
      invoiceStatus: { from: 'unpaid', to: 'paid' },
      credit: { from: 0, to: 5_000 },
    });
    expect(headlineOf(paid, t, formats.date)).toBe('Pembayaran untuk INV/2026/12/0001 diterima');
    expect(changeLinesOf(paid, t, formats)).toEqual([
      { field: 'Dibayar', from: 'Rp 0', to: 'Rp 166.500' },
      { field: 'Status tagihan', from: 'Belum lunas', to: 'Lunas' },
      { field: 'Kredit', from: 'Rp 0', to: 'Rp 5.000' },
    ]);
  });

  it('reads the same in English, with business dates and instants in the site time zone', async () => {
    const { t, formats } = await readIn('en');
    const renewed = entry('subscription.updated', 'subscription', {
      periodEnd: { from: '2026-11-30', to: '2026-12-31' },
      startedAt: { from: null, to: '2026-12-04T13:55:41.026Z' },
    });
    expect(changeLinesOf(renewed, t, formats)).toEqual([
      { field: 'Period end', from: '30 Nov 2026', to: '31 Dec 2026' },
      { field: 'Started', from: '—', to: '04 Dec 2026, 20:55' },
    ]);
  });

  it('reads message lines in Indonesian: channel, event and the reason translated, the recipient as a field', async () => {
    const { t, formats } = await readIn('id');
    const base = { channel: { from: null, to: 'whatsapp' }, event: { from: null, to: 'invoiceIssued' }, recipient: { from: null, to: '6281234567890' }, outboxId: { from: null, to: 12 } };
    const sent = entry('message.sent', 'customer', base);
    expect(headlineOf(sent, t, formats.date)).toBe('WhatsApp terkirim: Tagihan terbit');
    expect(changeLinesOf(sent, t, formats)).toEqual([{ field: 'Penerima', from: null, to: '6281234567890' }]);
    const skipped = entry('message.skipped', 'customer', { channel: { from: null, to: 'whatsapp' }, event: { from: null, to: 'outageStarted' }, reason: { from: null, to: 'optedOut' } });
    expect(headlineOf(skipped, t, formats.date)).toBe('WhatsApp dilewati: Gangguan dimulai — Pelanggan menolak pesan');
    expect(changeLinesOf(skipped, t, formats)).toEqual([]);
    const failed = entry('message.failed', 'customer', { ...base, channel: { from: null, to: 'email' }, reason: { from: null, to: 'attempts' } });
    expect(headlineOf(failed, t, formats.date)).toBe('Email gagal: Tagihan terbit — Gagal setelah 8 percobaan');
  });

  it('reads message lines in English', async () => {
    const { t, formats } = await readIn('en');
    const sent = entry('message.sent', 'customer', { channel: { from: null, to: 'whatsapp' }, event: { from: null, to: 'invoiceIssued' }, recipient: { from: null, to: '6281234567890' } });
    expect(headlineOf(sent, t, formats.date)).toBe('WhatsApp sent: Invoice issued');
    const skipped = entry('message.skipped', 'customer', { channel: { from: null, to: 'whatsapp' }, event: { from: null, to: 'invoiceIssued' }, reason: { from: null, to: 'invalidPhone' } });
    expect(headlineOf(skipped, t, formats.date)).toBe('WhatsApp skipped: Invoice issued — Number cannot receive WhatsApp');
    const failed = entry('message.failed', 'customer', { channel: { from: null, to: 'whatsapp' }, event: { from: null, to: 'dueReminder' }, reason: { from: null, to: 'rejected' } });
    expect(headlineOf(failed, t, formats.date)).toBe('WhatsApp failed: Due date reminder — Rejected by the gateway');
  });

  it('names a customer\'s message language by the language, not its code', async () => {
    const { t, formats } = await readIn('id');
    const updated = entry('customer.updated', 'customer', { language: { from: null, to: 'en' }, messagesOptOut: { from: false, to: true } });
    expect(changeLinesOf(updated, t, formats)).toEqual([
      { field: 'Bahasa pesan', from: 'Bahasa situs', to: 'English' },
      { field: 'Tidak mau menerima pesan', from: 'Tidak', to: 'Ya' },
    ]);
  });
});
