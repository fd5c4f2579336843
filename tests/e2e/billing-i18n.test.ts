// End to end in Chromium as STAFF, in Bahasa Indonesia and in English (the user's language setting): an invoice
// with a special price line read on screen and in its PDF, the customer timeline (field names, values, "Sistem"),
// and a CSV import with Indonesian headers answered per row in the UI language with the file's own column names.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../src/main/core/actor';
import type { Language } from '../../src/shared/contract';
import { dateInZone } from '../../src/shared/dates';
import { BUILT, SHOTS, startInProcessStage, type InProcessStage } from './harness';

const ADMIN = { name: 'Wahyu Admin', email: 'wahyu@contoh.net.id', password: 'rahasia-admin-3' };
const STAFF: Record<Language, { name: string; email: string; password: string }> = {
  id: { name: 'Sari Kasir', email: 'sari@contoh.net.id', password: 'rahasia-staf-1' },
  en: { name: 'Rudi Cashier', email: 'rudi@contoh.net.id', password: 'rahasia-staf-2' },
};
const VIEWPORT = { width: 1366, height: 768 };

const INDONESIAN_CSV = ['Nama;Telepon;Email;Alamat;Paket;Tanggal Mulai', 'Ketut Arsana;12;;Jl. Gatot Subroto 5, Denpasar;Home 20;01/12/2026', 'Made Wirawan;0813 5555 0101;;Jl. Teuku Umar 2;Gamer 1000;2026-12-01'].join('\n');

const EXPECT: Record<Language, { special: string; system: string; paidLabel: string; phoneError: string; planError: string; pdf: string[] }> = {
  id: {
    special: 'Harga khusus Rp 150.000 (Tokoh masyarakat)',
    system: 'Sistem',
    paidLabel: 'Dibayar',
    phoneError: 'Nomor telepon tidak valid: 12',
    planError: 'Tidak ada paket bernama "Gamer 1000"',
    pdf: ['FAKTUR TAGIHAN', 'Harga khusus Rp 150.000 (Tokoh masyarakat)', 'PPN 11%', 'Rp 166.500'],
  },
  en: {
    special: 'Special price Rp 150.000 (Tokoh masyarakat)',
    system: 'System',
    paidLabel: 'Paid',
    phoneError: 'Not a valid phone number: 12',
    planError: 'No plan named "Gamer 1000"',
    pdf: ['INVOICE', 'Special price Rp 150.000 (Tokoh masyarakat)', 'VAT (PPN) 11%', 'Rp 166.500'],
  },
};

async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(SHOTS, `billing-i18n-${name}.png`) });
}

describe.skipIf(!BUILT)('Billing text in the reader language, as staff', () => {
  let stage: InProcessStage | undefined;
  let invoiceId = 0;
  let customerId = 0;

  beforeAll(async () => {
    stage = await startInProcessStage({ bootstrapAdmin: ADMIN });
    const core = stage.core;
    const cashier = await core.users.create(SYSTEM_ACTOR, { ...STAFF.id, role: 'staff' });
    const english = await core.users.create(SYSTEM_ACTOR, { ...STAFF.en, role: 'staff' });
    await core.users.update(SYSTEM_ACTOR, english.id, { language: 'en' });
    const plan = await core.plans.create(SYSTEM_ACTOR, { name: 'Home 20', downloadMbps: 20, uploadMbps: 10, price: 200_000, cycleMonths: 1, description: '', active: true });
    const customer = await core.customers.create(SYSTEM_ACTOR, { name: 'Budi Santoso', phone: '+6281234500011', email: null, address: 'Jl. Merdeka 1, Bogor', latitude: null, longitude: null, notes: '', status: 'pending' });
    customerId = customer.id;
    const firstOfMonth = `${dateInZone(new Date(), 'Asia/Jakarta').slice(0, 8)}01`;
    const subscription = await core.subscriptions.create(SYSTEM_ACTOR, { customerId, planId: plan.id, startDate: firstOfMonth, billingAnchorDay: 1, autoRenew: true, priceOverride: 150_000, overrideReason: 'Tokoh masyarakat', serviceNote: '' });
    await core.billing.runAll();
    const invoices = (await core.invoices.list({ subscriptionId: subscription.id, page: 1, pageSize: 10 })).items.sort((a, b) => a.periodStart.localeCompare(b.periodStart));
    invoiceId = invoices[0]!.id;
    // The cashier takes a part payment at the counter: the timeline shows her name there, "Sistem" for the billing run.
    const atCounter = { id: cashier.id, name: cashier.name, role: 'staff' as const };
    const payment = await core.payments.create(atCounter, { invoiceId, amount: 100_000, method: 'cash', reference: null, note: '' });
    await core.payments.process(atCounter, payment.id, 'completed');
  });

  afterAll(async () => {
    await stage?.stop();
  });

  for (const language of ['id', 'en'] as const) {
    describe(`in ${language}`, () => {
      let page: Page;
      const want = EXPECT[language];

      beforeAll(async () => {
        const context = await stage!.browser.newContext({ viewport: VIEWPORT });
        page = await context.newPage();
        page.setDefaultTimeout(15_000);
        await page.goto(stage!.baseUrl);
        await page.getByTestId('login-email').fill(STAFF[language].email);
        await page.getByTestId('login-password').fill(STAFF[language].password);
        await page.getByTestId('login-submit').click();
        await page.getByTestId('dashboard').waitFor();
        await page.waitForFunction((lang) => document.documentElement.lang === lang, language);
      });

      afterAll(async () => {
        await page?.context().close();
      });

      it('shows the special price line with the amount in Rupiah, and prints it so in the PDF', async () => {
        await page.goto(`${stage!.baseUrl}/#/invoices/${invoiceId}`);
        const special = page.locator('[data-testid="invoice-line"][data-kind="override"]');
        await special.waitFor();
        await expect(special.getByTestId('invoice-line-text').textContent()).resolves.toBe(want.special);
        await shot(page, `invoice-${language}`);

        const [response] = await Promise.all([page.waitForResponse((r) => r.url().includes(`/api/invoices/${invoiceId}/pdf`)), page.getByTestId('invoice-pdf').click()]);
        expect(new URL(response.url()).searchParams.get('lang')).toBe(language);
        const file = path.join(SHOTS, `billing-i18n-invoice-${language}.pdf`);
        writeFileSync(file, await response.body());
        const text = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' });
        for (const expected of want.pdf) expect(text).toContain(expected);
      });

      it('reads the timeline with named fields, formatted values and the system as author', async () => {
        await page.goto(`${stage!.baseUrl}/#/customers/${customerId}`);
        const issued = page.locator('[data-testid="history-entry"][data-kind="invoice.issued"]').first();
        await issued.waitFor();
        await expect(issued.getByTestId('history-meta').textContent()).resolves.toContain(`· ${want.system}`);
        const completed = page.locator('[data-testid="history-entry"][data-kind="payment.completed"]');
        await expect(completed.getByTestId('history-meta').textContent()).resolves.toContain('· Sari Kasir');
        const changes = (await completed.getByTestId('history-change').allTextContents()).join('\n');
        expect(changes).toContain(want.paidLabel);
        expect(changes).toContain('Rp 100.000');
        const all = (await page.getByTestId('history').textContent()) ?? '';
        expect(all).not.toMatch(/invoiceNumber|amountPaid|invoiceStatus|periodStart|\bsystem\b/);
        await page.getByTestId('history').scrollIntoViewIfNeeded();
        await shot(page, `timeline-${language}`);
      });

      it('imports a CSV with Indonesian headers and answers each row in the UI language, by the file column names', async () => {
        await page.goto(`${stage!.baseUrl}/#/customers`);
        await page.getByTestId('customers-import').click();
        await page.getByTestId('import-modal').locator('input[type=file]').setInputFiles({ name: 'pelanggan.csv', mimeType: 'text/csv', buffer: Buffer.from(INDONESIAN_CSV) });
        await page.getByTestId('import-errors').waitFor();
        const phone = page.getByTestId('import-error-row-2');
        await expect(phone.getByTestId('import-error-column').textContent()).resolves.toBe('Telepon');
        await expect(phone.getByTestId('import-error-message').textContent()).resolves.toBe(want.phoneError);
        const plan = page.getByTestId('import-error-row-3');
        await expect(plan.getByTestId('import-error-column').textContent()).resolves.toBe('Paket');
        await expect(plan.getByTestId('import-error-message').textContent()).resolves.toBe(want.planError);
        await shot(page, `import-errors-${language}`);
      });
    });
  }
});

if (!BUILT) {
  describe('Billing text in the reader language, as staff', () => {
    it.skip('needs `npm run build` first (out/renderer/index.html or out/main/cli.js is missing)', () => undefined);
  });
}
