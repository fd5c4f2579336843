// Invoice lines and printed documents in the reader's language: lines stored as message keys (rendered in id and
// en, money as "Rp 150.000", business dates in full), old English lines still readable, and the invoice and
// receipt PDFs read back with pdftotext in both languages.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FakeClock } from '../../src/main/core/clock';
import { readerLanguage } from '../../src/main/api/language';
import { invoicePdf, receiptPdf } from '../../src/main/core/billing/pdf';
import { DEFAULT_SETTINGS, type Language } from '../../src/shared/contract';
import { message, translator } from '../../src/shared/i18n/messages';
import { admin, invoicesOf, plan, subscriber } from '../billing-fixtures';
import { makeCore, type TestCore } from '../helpers';

let t: TestCore;
afterEach(() => t?.close());

const id = translator('id', 'Asia/Jakarta');
const en = translator('en', 'Asia/Jakarta');

function pdfText(pdf: Buffer): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'nocman-pdf-'));
  writeFileSync(path.join(dir, 'doc.pdf'), pdf);
  // Without -layout: each text run on its own line, so a label and its value are checked as printed.
  return execFileSync('pdftotext', [path.join(dir, 'doc.pdf'), '-'], { encoding: 'utf8' });
}

async function specialPriceInvoice() {
  // The receipt is processed at 2026-12-04T13:55:41.026Z, 20.55 in Jakarta.
  t = await makeCore({ clock: new FakeClock('2026-11-27T03:00:00.000Z') });
  const core = t.core;
  await core.settings.update(admin, { companyName: 'PT Jaringan Nusantara' });
  const home = await plan(core, 'Home 20', 200_000);
  const { subscription, customer } = await subscriber(core, home.id, '2026-12-01', { priceOverride: 150_000, overrideReason: 'Tokoh masyarakat' });
  await core.billing.runAll();
  const [invoice] = await invoicesOf(core, subscription.id);
  return { core, invoice: invoice!, customer };
}

describe('invoice lines as message keys', () => {
  it('stores the special price line as a key with the amount as an integer, read in id and en', async () => {
    const { invoice } = await specialPriceInvoice();
    const line = invoice.lines.find((l) => l.kind === 'override')!;
    expect(line.text).toEqual(message('invoiceLine.overrideWithReason', { price: 150_000, reason: 'Tokoh masyarakat' }));
    expect(line.description).toBe('Harga khusus Rp 150.000 (Tokoh masyarakat)');
    expect(en.render(line.text)).toBe('Special price Rp 150.000 (Tokoh masyarakat)');
    const planLine = invoice.lines.find((l) => l.kind === 'plan')!;
    expect(id.render(planLine.text)).toBe('Home 20 20/10 Mbps, 1 Desember 2026 – 31 Desember 2026');
    expect(en.render(planLine.text)).toBe('Home 20 20/10 Mbps, 1 December 2026 – 31 December 2026');
  });

  it('marks what the billing run wrote in the timeline as written by the system, not by a person named "system"', async () => {
    const { core, customer } = await specialPriceInvoice();
    const entries = (await core.customers.historyOf(customer.id, 1, 50, 'admin')).items;
    expect(entries.find((e) => e.kind === 'invoice.issued')).toMatchObject({ bySystem: true, changes: { number: { to: 'INV/2026/11/0001' } } });
  });

  it('keeps plan-change credit and charge lines as keys until the next invoice carries them', async () => {
    t = await makeCore({ clock: new FakeClock('2026-11-27T03:00:00.000Z') });
    const core = t.core;
    const small = await plan(core, 'Home 10', 100_000);
    const big = await plan(core, 'Home 50', 250_000);
    const { subscription } = await subscriber(core, small.id, '2026-11-01');
    await core.billing.runAll();
    t.clock.set('2026-12-17T03:00:00.000Z');
    await core.subscriptions.update(admin, subscription.id, { planId: big.id });
    t.clock.set('2026-12-27T03:00:00.000Z');
    await core.billing.runAll();
    const jan = (await invoicesOf(core, subscription.id)).at(-1)!;
    const [credit, charge] = jan.lines.filter((l) => l.kind === 'adjustment');
    expect(id.render(credit!.text)).toBe('Pengembalian Home 10, 17 Desember 2026 – 31 Desember 2026 (15/31 hari)');
    expect(en.render(charge!.text)).toBe('Home 50, 17 December 2026 – 31 December 2026 (15/31 days)');
  });

  it('reads a line stored before keys (English text, no key) as its text', async () => {
    const { core, invoice } = await specialPriceInvoice();
    const legacy = [{ kind: 'override', description: 'Special price Rp 150000 (Tokoh masyarakat)', amount: -50_000 }];
    await core.db.dataSource.query('UPDATE invoice SET lines = ? WHERE id = ?', [JSON.stringify(legacy), invoice.id]);
    const [line] = (await core.invoices.get(invoice.id)).lines;
    expect(line).toEqual({ ...legacy[0], text: message('invoiceLine.legacy', { text: 'Special price Rp 150000 (Tokoh masyarakat)' }) });
    expect(id.render(line!.text)).toBe('Special price Rp 150000 (Tokoh masyarakat)');
  });
});

describe('PDFs in the reader language', () => {
  const printed: Record<Language, { invoice: string[]; receipt: string[] }> = {
    id: {
      invoice: ['FAKTUR TAGIHAN', 'Harga khusus Rp 150.000 (Tokoh masyarakat)', 'Home 20 20/10 Mbps, 1 Desember 2026 – 31 Desember 2026', 'Tanggal terbit: 27 November 2026', 'Jatuh tempo: 4 Desember 2026', 'Periode layanan: 1 Desember 2026 – 31 Desember 2026', 'PPN 11%', 'Rp 16.500', 'Rp 166.500', 'BELUM LUNAS', 'Rp 200.000', '-Rp 50.000'],
      receipt: ['KUITANSI PEMBAYARAN', '4 Desember 2026, 20.55 WIB', 'Rp 166.500', 'Transfer bank', 'INV/2026/11/0001 (1 Desember 2026 – 31 Desember 2026)', 'Diterima oleh'],
    },
    en: {
      invoice: ['INVOICE', 'Special price Rp 150.000 (Tokoh masyarakat)', 'Home 20 20/10 Mbps, 1 December 2026 – 31 December 2026', 'Issue date: 27 November 2026', 'Due date: 4 December 2026', 'VAT (PPN) 11%', 'Rp 16.500', 'Rp 166.500', 'UNPAID', 'Service period: 1 December 2026 – 31 December 2026'],
      receipt: ['PAYMENT RECEIPT', '4 December 2026, 20:55 WIB', 'Rp 166.500', 'Bank transfer', 'INV/2026/11/0001 (1 December 2026 – 31 December 2026)', 'Received by'],
    },
  };

  for (const language of ['id', 'en'] as const) {
    it(`prints the invoice and the receipt in ${language}: long dates, times in WIB, Rupiah`, async () => {
      const { core, invoice, customer } = await specialPriceInvoice();
      const settings = await core.settings.get();
      const invoiceText = pdfText(await invoicePdf(invoice, await core.customers.get(customer.id), settings, language));
      for (const expected of printed[language].invoice) expect(invoiceText).toContain(expected);
      expect(invoiceText).not.toMatch(/2026-1\d-\d\d|Rp \d{4}/);

      const payment = await core.payments.create(admin, { invoiceId: invoice.id, amount: 166_500, method: 'bank_transfer', reference: 'BCA-1', note: '' });
      t.clock.set('2026-12-04T13:55:41.026Z');
      const done = await core.payments.process(admin, payment.id, 'completed');
      expect(done.paidAt).toBe('2026-12-04T13:55:41.026Z');
      const receiptText = pdfText(await receiptPdf(done, await core.invoices.get(invoice.id), settings, language));
      for (const expected of printed[language].receipt) expect(receiptText).toContain(expected);
      expect(receiptText).not.toContain('2026-12-04T');
    });
  }

  it('prints in the language asked for, else the user language, else the site language', () => {
    const site = { ...DEFAULT_SETTINGS, language: 'id' as const };
    expect(readerLanguage('en', { language: 'id' }, site)).toBe('en');
    expect(readerLanguage(undefined, { language: 'en' }, site)).toBe('en');
    expect(readerLanguage(undefined, { language: null }, site)).toBe('id');
    expect(readerLanguage(undefined, null, { ...site, language: 'en' })).toBe('en');
  });
});
