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
});
