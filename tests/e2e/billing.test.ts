// End to end in Chromium with the core in this process: a subscription seeded through the services is billed by
// "Run now", its invoice is paid in two steps (partial, then the rest plus Rp 10.000 that becomes credit), the PDF is
// served as application/pdf, and the payments and dashboard show the money.
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../src/main/core/actor';
import { dateInZone } from '../../src/shared/dates';
import { BUILT, SHOTS, startInProcessStage, type InProcessStage } from './harness';

const ADMIN = { name: 'Rudi Admin', email: 'rudi@contoh.net.id', password: 'rahasia-admin-4' };
const PRICE = 150_000;
const TOTAL = 166_500; // PPN 11%

async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(SHOTS, `billing-${name}.png`), fullPage: true });
}

describe.skipIf(!BUILT)('Billing in the browser', () => {
  let stage: InProcessStage | undefined;
  let page: Page;
  let customerId = 0;
  let subscriptionId = 0;
  let invoiceId = 0;
  const firstOfMonth = `${dateInZone(new Date(), 'Asia/Jakarta').slice(0, 8)}01`;

  beforeAll(async () => {
    stage = await startInProcessStage({ bootstrapAdmin: ADMIN });
    const { core } = stage;
    const plan = await core.plans.create(SYSTEM_ACTOR, { name: 'Home 20', downloadMbps: 20, uploadMbps: 10, price: PRICE, cycleMonths: 1, description: '', active: true });
    const customer = await core.customers.create(SYSTEM_ACTOR, {
      name: 'Bambang Sutrisno',
      phone: '+6281277788899',
      email: null,
      address: 'Jl. Anggrek 5, Cibinong',
      latitude: null,
      longitude: null,
      notes: '',
      status: 'pending',
    });
    customerId = customer.id;
    const subscription = await core.subscriptions.create(SYSTEM_ACTOR, {
      customerId,
      planId: plan.id,
      startDate: firstOfMonth,
      autoRenew: true,
      priceOverride: null,
      overrideReason: null,
      serviceNote: '',
    });
    subscriptionId = subscription.id;
    page = stage.page;
    await page.goto(stage.baseUrl);
    await page.getByTestId('login-email').fill(ADMIN.email);
    await page.getByTestId('login-password').fill(ADMIN.password);
    await page.getByTestId('login-submit').click();
    await page.getByTestId('dashboard').waitFor();
  });

  afterAll(async () => {
    await stage?.stop();
  });

  it('runs billing now and shows each job finished with the generate result', async () => {
    await page.getByTestId('nav-billing').click();
    await page.getByTestId('page-title').filter({ hasText: 'Penagihan otomatis' }).waitFor();
    await page.getByTestId('billing-run-now').click();
    await page.getByTestId('billing-run-confirm-confirm').click();
    await page.getByTestId('billing-run-done').waitFor();
    const generate = page.getByTestId('billing-job-generate');
    await generate.locator('[data-testid="run-phase"][data-phase="finished"]').waitFor();
    await expect(generate.getByTestId('run-result').textContent()).resolves.toMatch(/[1-9]\d* tagihan dibuat/);
    await expect(generate.getByTestId('run-duration').textContent()).resolves.toMatch(/\d+ ms/);
    expect(await page.locator('[data-testid="run-phase"][data-phase="finished"]').count()).toBe(5);
    // The jobs table itself now says what the last run did.
    await generate.getByTestId('job-last-result').filter({ hasText: 'tagihan dibuat' }).waitFor();
    await shot(page, 'runs');

    const invoices = (await stage!.core.invoices.list({ subscriptionId, page: 1, pageSize: 10 })).items;
    const current = invoices.find((inv) => inv.periodStart === firstOfMonth);
    expect(current?.total).toBe(TOTAL);
    invoiceId = current!.id;
  });

  it('lists the invoice unpaid with its balance and opens it', async () => {
    await page.getByTestId('nav-invoices').click();
    const row = page.locator(`[data-testid="invoice-row"][data-invoice-id="${invoiceId}"]`);
    await row.waitFor();
    await expect(row.getAttribute('data-status')).resolves.toBe('unpaid');
    await expect(row.getByTestId('invoice-balance-cell').textContent()).resolves.toBe('Rp 166.500');
    await expect(row.textContent()).resolves.toContain('Bambang Sutrisno');
    await shot(page, 'invoices');
    await row.getByTestId('invoice-link').click();
    await page.getByTestId('invoice-lines').waitFor();
    await expect(page.getByTestId('invoice-subtotal').textContent()).resolves.toBe('Rp 150.000');
    await expect(page.getByTestId('invoice-tax').textContent()).resolves.toBe('Rp 16.500');
    await expect(page.getByTestId('invoice-total').textContent()).resolves.toBe('Rp 166.500');
  });

  it('records a partial payment, processed at once: the invoice is partial with Rp 66.500 left', async () => {
    await page.getByTestId('invoice-record-payment').click();
    await expect(page.getByTestId('payment-amount').inputValue()).resolves.toBe('Rp 166.500');
    await page.getByTestId('payment-amount').fill('100000');
    await page.getByTestId('payment-reference').fill('BCA-0001');
    await page.getByTestId('payment-save').click();
    await page.getByTestId('payment-form').waitFor({ state: 'detached' });
    await page.getByTestId('invoice-notice').filter({ hasText: 'Rp 100.000' }).waitFor();
    await page.locator('[data-testid="invoice-status"][data-status="partial"]').waitFor();
    await expect(page.getByTestId('invoice-balance').textContent()).resolves.toBe('Rp 66.500');
    await expect(page.getByTestId('invoice-paid').textContent()).resolves.toBe('Rp 100.000');
    await expect(page.locator('[data-testid="payment-row"][data-status="completed"]').count()).resolves.toBe(1);
  });

  it('records the rest plus Rp 10.000: the invoice is paid and the customer has Rp 10.000 credit', async () => {
    await page.getByTestId('invoice-record-payment').click();
    await expect(page.getByTestId('payment-amount').inputValue()).resolves.toBe('Rp 66.500');
    await page.getByTestId('payment-amount').fill('76500');
    await page.getByTestId('payment-credit-hint').filter({ hasText: 'Rp 10.000 akan menjadi kredit' }).waitFor();
    await page.getByTestId('payment-method').click();
    await page.getByRole('option', { name: 'Tunai' }).click();
    await page.getByTestId('payment-save').click();
    await page.getByTestId('invoice-notice').filter({ hasText: 'Rp 10.000 menjadi kredit' }).waitFor();
    await page.locator('[data-testid="invoice-status"][data-status="paid"]').waitFor();
    await expect(page.getByTestId('invoice-balance').textContent()).resolves.toBe('Rp 0');
    await expect(page.getByTestId('invoice-record-payment').count()).resolves.toBe(0);
    await expect(page.getByTestId('payment-credited').textContent()).resolves.toBe('+Rp 10.000 kredit');
    await shot(page, 'invoice-detail');

    await page.getByTestId('invoice-customer').click();
    // The credit is the account's stat card (the header no longer repeats it as a badge).
    await page.locator('[data-testid="account-credit"][data-value="10000"]').waitFor();
    await expect(page.getByTestId('account-credit-value').textContent()).resolves.toBe('Rp 10.000');
    await page.locator('[data-kind="payment.completed"]').first().waitFor();
    await expect(page.locator('[data-kind="invoice.issued"]').first().textContent()).resolves.toContain('terbit');
  });

  it('opens the invoice PDF, which the server answers as application/pdf', async () => {
    await page.goto(`${stage!.baseUrl}/#/invoices/${invoiceId}`);
    await page.getByTestId('invoice-lines').waitFor();
    const [response, popup] = await Promise.all([
      page.waitForResponse((r) => r.url().includes(`/api/invoices/${invoiceId}/pdf`)),
      page.waitForEvent('popup'),
      page.getByTestId('invoice-pdf').click(),
    ]);
    expect(response.status()).toBe(200);
    expect(response.headers()['content-type']).toContain('application/pdf');
    expect((await response.body()).subarray(0, 5).toString()).toBe('%PDF-');
    expect(popup.url()).toMatch(/^blob:/);
    await popup.close();
  });

  it("shows today's collected total on the Payments screen and in the dashboard money panel", async () => {
    const stats = await stage!.core.payments.stats();
    expect(stats.collectedToday).toBe(TOTAL + 10_000);
    await page.getByTestId('nav-payments').click();
    await page.getByTestId('payments-table').waitFor();
    await page.getByTestId('stat-collected-today-value').filter({ hasText: 'Rp 176.500' }).waitFor();
    await expect(page.getByTestId('stat-collected-today').textContent()).resolves.toContain('2 pembayaran');
    await expect(page.locator('[data-testid="payment-row"]').count()).resolves.toBe(2);
    await shot(page, 'payments');

    await page.getByTestId('nav-dashboard').click();
    // The figures cached since sign-in are refetched when the dashboard shows again: wait for the new value.
    await page.locator(`[data-testid="dashboard-money-collected"][data-value="${TOTAL + 10_000}"]`).waitFor();
    await expect(page.getByTestId('dashboard-money-outstanding').getAttribute('data-value')).resolves.toBe(String(stats.outstanding));
    await shot(page, 'dashboard');
  });
});

if (!BUILT) {
  describe('Billing in the browser', () => {
    it.skip('needs `npm run build` first (out/renderer/index.html or out/main/cli.js is missing)', () => undefined);
  });
}
