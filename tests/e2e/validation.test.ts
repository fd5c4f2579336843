// End to end in Chromium: bad numbers typed into the real forms stay as typed, the error shows next to the field in
// the UI language, nothing is sent, no "saved" notice appears, and the API shows nothing changed.
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUILT, SHOTS, startStage, type Stage } from './harness';

const ADMIN = { name: 'Dewi Admin', email: 'dewi@contoh.net.id', password: 'rahasia-admin-2' };

const MESSAGES = {
  id: {
    atLeast0: 'Minimal 0',
    atMost100: 'Maksimal 100',
    latRange: 'Antara -90 dan 90',
    lonRange: 'Antara -180 dan 180',
    anchorDay: 'Tanggal 1 sampai 28, agar ada di setiap bulan',
    atLeast1: 'Minimal 1',
    wholeRupiah: 'Rupiah bulat, tanpa desimal',
    decimals: 'Maksimal 2 angka di belakang koma',
  },
  en: {
    atLeast0: 'Must be at least 0',
    atMost100: 'Must be at most 100',
    latRange: 'Between -90 and 90',
    lonRange: 'Between -180 and 180',
    anchorDay: 'Day 1 to 28, so every month has it',
    atLeast1: 'Must be at least 1',
    wholeRupiah: 'Whole Rupiah, no decimals',
    decimals: 'At most 2 decimal places',
  },
} as const;
type Language = keyof typeof MESSAGES;

/** zod's own English wording, which must never reach a screen. */
const ZOD_ENGLISH = /expected|Too small|Too big|Invalid input|multiple of/;

describe.skipIf(!BUILT)('Bad numbers are refused in the screens, never changed', () => {
  let stage: Stage | undefined;
  let page: Page;
  let token = '';
  let customerId = 0;
  /** Every write the page sent to the API (sign-in and profile aside). */
  const writes: string[] = [];

  async function api<T>(method: string, urlPath: string, body?: unknown): Promise<T> {
    const response = await fetch(stage!.baseUrl + urlPath, {
      method,
      headers: { Authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return (await response.json()) as T;
  }

  async function shot(name: string): Promise<void> {
    await page.screenshot({ path: path.join(SHOTS, `validation-${name}.png`) });
  }

  /** Types as a person does, key by key, into a field that already holds something. */
  async function typeInto(testId: string, text: string): Promise<Locator> {
    const input = page.getByTestId(testId);
    await input.click();
    await input.press('ControlOrMeta+a');
    await input.press('Backspace');
    // A pause between keys: the number input corrects its caret after each key, and on a loaded machine a key
    // typed before that correction lands in the wrong place.
    await input.pressSequentially(text, { delay: 60 });
    await expect.poll(() => input.inputValue(), { timeout: 5_000 }).not.toBe('');
    return input;
  }

  /** Saves, then the field's own error: linked to it (aria), just below it and aligned with it. */
  async function saveAndReadError(saveTestId: string, fieldTestId: string): Promise<string> {
    const sentBefore = writes.length;
    await page.getByTestId(saveTestId).click();
    const input = page.getByTestId(fieldTestId);
    const id = await input.getAttribute('id');
    const error = page.locator(`[id="${id}-error"]`);
    await error.waitFor();
    await expect(input.getAttribute('aria-invalid')).resolves.toBe('true');
    await expect(input.getAttribute('aria-describedby')).resolves.toContain(`${id}-error`);
    const field = (await input.boundingBox())!;
    const below = (await error.boundingBox())!;
    expect(below.y).toBeGreaterThanOrEqual(field.y + field.height - 1);
    expect(below.y - (field.y + field.height)).toBeLessThan(80);
    expect(Math.abs(below.x - field.x)).toBeLessThan(24);
    // A refused form sends nothing: give a request that would have left time to show up.
    await page.waitForTimeout(400);
    expect(writes.slice(sentBefore)).toEqual([]);
    const text = (await error.textContent()) ?? '';
    expect(text).not.toMatch(ZOD_ENGLISH);
    return text;
  }

  async function closeModal(): Promise<void> {
    await page.keyboard.press('Escape');
    await page.locator('.mantine-Modal-content').waitFor({ state: 'detached' });
  }

  beforeAll(async () => {
    stage = await startStage({ NOCMAN_ADMIN_EMAIL: ADMIN.email, NOCMAN_ADMIN_PASSWORD: ADMIN.password, NOCMAN_ADMIN_NAME: ADMIN.name });
    page = stage.page;
    await page.setViewportSize({ width: 1366, height: 768 });
    page.on('request', (request) => {
      const url = new URL(request.url());
      if (request.method() !== 'GET' && url.pathname.startsWith('/api/') && !url.pathname.startsWith('/api/auth/')) writes.push(`${request.method()} ${url.pathname}`);
    });
    const login = await fetch(`${stage.baseUrl}/api/auth/login`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ email: ADMIN.email, password: ADMIN.password }) });
    token = ((await login.json()) as { token: string }).token;
    await api('POST', '/api/plans', { name: 'Home 20', downloadMbps: 20, uploadMbps: 10, price: 166500, cycleMonths: 1 });
    customerId = (await api<{ id: number }>('POST', '/api/customers', { name: 'Budi Santoso', phone: '0812 1000 0001', latitude: -6.2, longitude: 106.8 })).id;
    await page.goto(stage.baseUrl);
    await page.getByTestId('login-email').fill(ADMIN.email);
    await page.getByTestId('login-password').fill(ADMIN.password);
    await page.getByTestId('login-submit').click();
    await page.getByTestId('dashboard').waitFor();
  });

  afterAll(async () => {
    await stage?.stop();
  });

  describe.each(['id', 'en'] as const)('in %s', (language: Language) => {
    const m = MESSAGES[language];

    beforeAll(async () => {
      await page.getByTestId(`language-${language}`).click();
      await page.locator(`html[lang="${language}"]`).waitFor({ state: 'attached' });
    });

    it('keeps PPN -5, 100.001 and 11.005 as typed in Settings, says what is wrong beside it and saves nothing', async () => {
      await page.getByTestId('nav-settings').click();
      const cases: [string, string][] = [
        ['-5', m.atLeast0],
        ['100.001', m.atMost100],
        ['11.005', m.decimals],
      ];
      for (const [typed, message] of cases) {
        const input = await typeInto('settings-tax-rate', typed);
        await expect(saveAndReadError('settings-save', 'settings-tax-rate')).resolves.toBe(message);
        await expect(input.inputValue()).resolves.toBe(typed);
        await expect(page.getByTestId('settings-notice').count()).resolves.toBe(0);
        if (typed === '-5') await shot(`${language}-settings-ppn`);
      }
      await expect(api<{ taxRate: number }>('GET', '/api/settings')).resolves.toMatchObject({ taxRate: 11 });
    });

    it('keeps latitude 123 and longitude 200 on a new customer and on an edit, and creates or changes none', async () => {
      await page.getByTestId('nav-customers').click();
      await page.getByTestId('customers-new').click();
      await page.getByTestId('customer-name').fill('Siti Rahayu');
      await page.getByTestId('customer-phone').fill('0812 3456 7890');
      const latitude = await typeInto('customer-latitude', '123');
      const longitude = await typeInto('customer-longitude', '200');
      await expect(saveAndReadError('customer-save', 'customer-latitude')).resolves.toBe(m.latRange);
      await expect(saveAndReadError('customer-save', 'customer-longitude')).resolves.toBe(m.lonRange);
      await expect(latitude.inputValue()).resolves.toBe('123');
      await expect(longitude.inputValue()).resolves.toBe('200');
      await shot(`${language}-customer-coordinates`);
      await closeModal();
      await expect(api<{ total: number }>('GET', '/api/customers')).resolves.toMatchObject({ total: 1 });

      await page.goto(`${stage!.baseUrl}/#/customers/${customerId}`);
      await page.getByTestId('customer-edit').click();
      await typeInto('customer-latitude', '123');
      await expect(saveAndReadError('customer-save', 'customer-latitude')).resolves.toBe(m.latRange);
      await expect(page.getByTestId('customer-latitude').inputValue()).resolves.toBe('123');
      await closeModal();
      await expect(page.getByTestId('customer-notice').count()).resolves.toBe(0);
      await expect(api('GET', `/api/customers/${customerId}`)).resolves.toMatchObject({ latitude: -6.2, longitude: 106.8 });
    });

    it('keeps billing day 31 and 0 as typed on a new subscription and creates none', async () => {
      await page.goto(`${stage!.baseUrl}/#/customers/${customerId}`);
      await page.getByTestId('subscription-new').click();
      await page.getByTestId('subscription-plan').click();
      await page.getByRole('option', { name: /Home 20/ }).click();
      for (const [typed, message] of [
        ['31', m.anchorDay],
        ['0', m.atLeast1],
      ] as const) {
        const input = await typeInto('subscription-anchor', typed);
        await expect(saveAndReadError('subscription-save', 'subscription-anchor')).resolves.toBe(message);
        await expect(input.inputValue()).resolves.toBe(typed);
        if (typed === '31') await shot(`${language}-subscription-day`);
      }
      await closeModal();
      await expect(page.getByTestId('customer-notice').count()).resolves.toBe(0);
      await expect(api('GET', `/api/subscriptions?customerId=${customerId}`)).resolves.toMatchObject({ total: 0 });
    });

    it('keeps a plan price of -150000 and 1,5 as typed, for a new plan and an edit, and saves neither', async () => {
      await page.getByTestId('nav-plans').click();
      await page.getByTestId('plans-new').click();
      await page.getByTestId('plan-name').fill('Promo');
      await page.getByTestId('plan-download').fill('10');
      await page.getByTestId('plan-upload').fill('5');
      for (const [typed, shown, message] of [
        ['-150000', '-Rp 150.000', m.atLeast0],
        ['1,5', 'Rp 1,5', m.wholeRupiah],
      ] as const) {
        const input = await typeInto('plan-price', typed);
        await expect(saveAndReadError('plan-save', 'plan-price')).resolves.toBe(message);
        await expect(input.inputValue()).resolves.toBe(shown);
        if (typed === '-150000') await shot(`${language}-plan-price`);
      }
      await closeModal();

      await page.getByTestId('plan-row-Home 20').getByTestId('plan-edit').click();
      const input = await typeInto('plan-price', '-150000');
      await expect(saveAndReadError('plan-save', 'plan-price')).resolves.toBe(m.atLeast0);
      await expect(input.inputValue()).resolves.toBe('-Rp 150.000');
      await closeModal();
      await expect(page.getByTestId('plans-notice').count()).resolves.toBe(0);
      const plans = await api<{ total: number; items: { name: string; price: number }[] }>('GET', '/api/plans');
      expect(plans.items.map((plan) => [plan.name, plan.price])).toEqual([['Home 20', 166500]]);
    });
  });

  it('sent no write for any refused form', () => {
    expect(writes).toEqual([]);
  });
});
