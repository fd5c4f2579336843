// Table tests of the money arithmetic: rounding, proration, PPN, totals.
import { describe, expect, it } from 'vitest';
import { divideRounded, ppn, prorate, totalsOf } from '../../src/main/core/billing/arithmetic';
import { invoiceNumber, periodLines } from '../../src/main/core/billing/generate';
import { message, translator } from '../../src/shared/i18n/messages';

describe('divideRounded', () => {
  it.each([
    [10, 4, 3], // 2.5 → 3 (half up)
    [9, 4, 2], // 2.25 → 2
    [11, 4, 3], // 2.75 → 3
    [-10, 4, -3], // half away from zero
    [0, 7, 0],
    [2_664_000, 30, 88_800],
    [1, 3, 0],
    [2, 3, 1],
  ])('%i / %i = %i', (n, d, q) => expect(divideRounded(n, d)).toBe(q));

  it('refuses floats and a zero divisor', () => {
    expect(() => divideRounded(1.5, 2)).toThrow(RangeError);
    expect(() => divideRounded(1, 0)).toThrow(RangeError);
  });
});

describe('proration and PPN', () => {
  it.each([
    [166_500, 16, 30, 88_800],
    [150_000, 1, 31, 4_839], // 4838.7
    [150_000, 31, 31, 150_000],
    [150_000, 14, 28, 75_000],
    [-15_000, 16, 30, -8_000],
    [99_999, 1, 2, 50_000], // 49999.5 → 50000
  ])('prorates Rp %i for %i of %i days to Rp %i', (price, days, full, amount) => expect(prorate(price, days, full)).toBe(amount));

  it.each([
    [150_000, 11, 16_500],
    [88_800, 11, 9_768],
    [4_839, 11, 532], // 532.29
    [4_550, 11, 501], // 500.5 → 501
    [100_000, 12, 12_000],
    [100_001, 11.5, 11_500], // 11500.115
    [0, 11, 0],
  ])('PPN of Rp %i at %d%% is Rp %i', (subtotal, rate, tax) => expect(ppn(subtotal, rate)).toBe(tax));

  it('taxes the service lines, not the credit applied', () => {
    const totals = totalsOf(
      [
        { kind: 'plan', text: message('invoiceLine.legacy', { text: 'Home 20' }), description: 'Home 20', amount: 150_000 },
        { kind: 'override', text: message('invoiceLine.legacy', { text: 'RT discount' }), description: 'RT discount', amount: -20_000 },
        { kind: 'credit', text: message('invoiceLine.creditApplied'), description: 'credit', amount: -50_000 },
      ],
      11,
    );
    expect(totals).toEqual({ subtotal: 130_000, tax: 14_300, total: 144_300 });
  });
});

describe('invoice lines', () => {
  const sub = { id: 1, customerId: 1, startDate: '2026-11-15', anchorDay: 1, autoRenew: 1, currentPeriodEnd: '2026-11-30', priceOverride: null, overrideReason: null, planName: 'Home 20', planPrice: 166_500, downloadMbps: 20, uploadMbps: 10, cycleMonths: 1, lastEnd: null, resumedOn: null };

  const siteId = translator('id', 'Asia/Jakarta');
  const en = translator('en', 'Asia/Jakarta');

  it('prorates a short first period against the whole month it belongs to, stored as a key with business dates', () => {
    const [line] = periodLines(sub, { start: '2026-11-15', end: '2026-11-30' }, [], siteId);
    expect(line).toEqual({
      kind: 'proration',
      text: message('invoiceLine.proration', { plan: 'Home 20', down: 20, up: 10, start: '2026-11-15', end: '2026-11-30', days: 16, fullDays: 30 }),
      description: 'Home 20 20/10 Mbps, 15 November 2026 – 30 November 2026 (16/30 hari)',
      amount: 88_800,
    });
    expect(en.render(line!.text)).toBe('Home 20 20/10 Mbps, 15 November 2026 – 30 November 2026 (16/30 days)');
  });

  it('bills a whole period at the plan price, with the special price as its own line in Rupiah in both languages', () => {
    const lines = periodLines({ ...sub, priceOverride: 120_000, overrideReason: 'Tokoh masyarakat' }, { start: '2026-12-01', end: '2026-12-31' }, [], siteId);
    expect(lines.map((l) => [l.kind, l.amount])).toEqual([
      ['plan', 166_500],
      ['override', -46_500],
    ]);
    expect(lines[1]!.description).toBe('Harga khusus Rp 120.000 (Tokoh masyarakat)');
    expect(en.render(lines[1]!.text)).toBe('Special price Rp 120.000 (Tokoh masyarakat)');
    expect(en.render(lines[0]!.text)).toBe('Home 20 20/10 Mbps, 1 December 2026 – 31 December 2026');
  });

  it('reads a plan-change line written before keys as its stored text', () => {
    const [, legacy] = periodLines(sub, { start: '2026-12-01', end: '2026-12-31' }, [{ description: 'Credit Home 10, 2026-12-10 – 2026-12-31 (22/31 days)', text: null, amount: -50_000 }], siteId);
    expect(legacy!.text).toEqual(message('invoiceLine.legacy', { text: 'Credit Home 10, 2026-12-10 – 2026-12-31 (22/31 days)' }));
    expect(siteId.render(legacy!.text)).toBe('Credit Home 10, 2026-12-10 – 2026-12-31 (22/31 days)');
  });

  it('numbers invoices per month of issue', () => {
    expect(invoiceNumber('2026-11-27', 1)).toBe('INV/2026/11/0001');
    expect(invoiceNumber('2027-01-02', 1234)).toBe('INV/2027/01/1234');
  });
});
