// Table tests of the money arithmetic: rounding, proration, PPN, totals.
import { describe, expect, it } from 'vitest';
import { divideRounded, ppn, prorate, totalsOf } from '../../src/main/core/billing/arithmetic';
import { invoiceNumber, periodLines } from '../../src/main/core/billing/generate';

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
        { kind: 'plan', description: 'Home 20', amount: 150_000 },
        { kind: 'override', description: 'RT discount', amount: -20_000 },
        { kind: 'credit', description: 'credit', amount: -50_000 },
      ],
      11,
    );
    expect(totals).toEqual({ subtotal: 130_000, tax: 14_300, total: 144_300 });
  });
});

describe('invoice lines', () => {
  const sub = { id: 1, customerId: 1, startDate: '2026-11-15', anchorDay: 1, autoRenew: 1, currentPeriodEnd: '2026-11-30', priceOverride: null, overrideReason: null, planName: 'Home 20', planPrice: 166_500, downloadMbps: 20, uploadMbps: 10, cycleMonths: 1, lastEnd: null, resumedOn: null };

  it('prorates a short first period against the whole month it belongs to', () => {
    expect(periodLines(sub, { start: '2026-11-15', end: '2026-11-30' }, [])).toEqual([
      { kind: 'proration', description: 'Home 20 20/10 Mbps, 2026-11-15 – 2026-11-30 (16/30 days)', amount: 88_800 },
    ]);
  });

  it('bills a whole period at the plan price, with the special price as its own line', () => {
    const lines = periodLines({ ...sub, priceOverride: 120_000, overrideReason: 'Tokoh masyarakat' }, { start: '2026-12-01', end: '2026-12-31' }, []);
    expect(lines.map((l) => [l.kind, l.amount])).toEqual([
      ['plan', 166_500],
      ['override', -46_500],
    ]);
  });

  it('numbers invoices per month of issue', () => {
    expect(invoiceNumber('2026-11-27', 1)).toBe('INV/2026/11/0001');
    expect(invoiceNumber('2027-01-02', 1234)).toBe('INV/2027/01/1234');
  });
});
