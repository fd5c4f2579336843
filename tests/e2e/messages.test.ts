// End to end in Chromium with the server in this process and a loopback WhatsApp gateway: an admin in Indonesian sets
// up the generic gateway with a token (never shown or answered again), sends test messages and sees the gateway's own
// answer (success and a 500), edits the invoiceIssued template with a placeholder chip and a live preview of real
// data, is refused an unknown placeholder beside the field, resets it; sets the sending rules and their own alert
// channel; the same screens in English.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../src/main/core/actor';
import { dateInZone } from '../../src/shared/dates';
import { templatesId } from '../../src/shared/i18n/server/templates.id';
import { startGateway, startSmtp, type Gateway, type Smtp } from '../messaging/loopback';
import { BUILT, SHOTS, startInProcessStage, type InProcessStage } from './harness';

const ADMIN = { name: 'Sari Admin', email: 'sari@contoh.net.id', password: 'rahasia-admin-13' };
const TOKEN = 'wa-token-RAHASIA-7781xyz';
const SMTP_PASSWORD = 'smtp-sandi-RAHASIA-5521';
const VIEWPORT = { width: 1366, height: 768 };
const DIR = path.join(SHOTS, 'messages');

async function shot(page: Page, name: string, fullPage = false): Promise<void> {
  await page.screenshot({ path: path.join(DIR, `${name}.png`), fullPage });
}

async function signIn(page: Page): Promise<void> {
  await page.getByTestId('login-email').fill(ADMIN.email);
  await page.getByTestId('login-password').fill(ADMIN.password);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('dashboard').waitFor();
}

/** No sideways scroll at 1366 px: the page is as wide as the window. */
async function expectNoSidewaysScroll(page: Page): Promise<void> {
  const widths = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
  expect(widths.scroll).toBeLessThanOrEqual(widths.client);
}

describe.skipIf(!BUILT)('Settings → Messages in the browser', () => {
  let stage: InProcessStage | undefined;
  let gateway: Gateway | undefined;
  let smtp: Smtp | undefined;
  let page: Page;
  let customerCode = '';
  /** Every API answer the page received, to check no secret ever came back. */
  const answers: { url: string; body: string }[] = [];
  /** Uncaught errors in the page: a screen that throws must fail the test even when its last state looks right. */
  const pageErrors: string[] = [];

  beforeAll(async () => {
    mkdirSync(DIR, { recursive: true });
    gateway = await startGateway();
    smtp = await startSmtp({ user: 'noc@contoh.net.id', password: SMTP_PASSWORD, reject: ['tidakada@contoh.net.id'] });
    stage = await startInProcessStage({ bootstrapAdmin: ADMIN });
    const core = stage.core;
    const plan = await core.plans.create(SYSTEM_ACTOR, { name: 'Home 20', downloadMbps: 20, uploadMbps: 10, price: 200_000, cycleMonths: 1, description: '', active: true });
    const customer = await core.customers.create(SYSTEM_ACTOR, { name: 'Budi Santoso', phone: '+6281234500011', email: null, address: 'Jl. Merdeka 1, Bogor', latitude: null, longitude: null, notes: '', status: 'pending' });
    customerCode = customer.code;
    const firstOfMonth = `${dateInZone(new Date(), 'Asia/Jakarta').slice(0, 8)}01`;
    await core.subscriptions.create(SYSTEM_ACTOR, { customerId: customer.id, planId: plan.id, startDate: firstOfMonth, billingAnchorDay: 1, autoRenew: true, priceOverride: null, overrideReason: null, serviceNote: '' });
    await core.billing.runAll();
    page = stage.page;
    await page.setViewportSize(VIEWPORT);
    page.on('pageerror', (error) => pageErrors.push(error.message));
    page.on('response', (response) => {
      if (!response.url().includes('/api/')) return;
      void response.text().then(
        (body) => answers.push({ url: response.url(), body }),
        () => undefined,
      );
    });
    await page.goto(stage.baseUrl);
    await signIn(page);
  });

  afterAll(async () => {
    await stage?.stop();
    await gateway?.stop();
    await smtp?.stop();
  });

  it('saves the generic WhatsApp gateway with a token: a bad address is refused beside it, then the token field is empty with "Tersimpan"', async () => {
    await page.getByTestId('nav-messages').click();
    await page.getByTestId('messages-page').waitFor();
    await expect(page.getByTestId('page-title').textContent()).resolves.toBe('Pesan');
    const card = page.getByTestId('channel-whatsapp');
    await expect(card.getByTestId('whatsapp-secret-missing').textContent()).resolves.toBe('Belum diisi');

    await card.getByTestId('wa-preset').click();
    await page.getByRole('option', { name: 'Generik' }).click();
    // Generic shows its own fields; WAHA's session is not one of them.
    await card.getByTestId('wa-body').waitFor();
    await expect(card.getByTestId('wa-session').count()).resolves.toBe(0);
    await card.getByTestId('wa-url').fill('ftp://gateway.local/send');
    await card.getByTestId('wa-header-add').click();
    await card.getByTestId('wa-header-name').fill('Authorization');
    await card.getByTestId('wa-header-value').fill('Bearer {{token}}');
    await card.getByTestId('wa-body').fill('{"to":"{{phone}}","message":"{{text}}","key":"{{token}}"}');
    await card.getByTestId('whatsapp-enabled').check();
    await card.getByTestId('whatsapp-secret').fill(TOKEN);
    await card.getByTestId('whatsapp-save').click();
    await card.getByText('Alamat http(s) yang lengkap, mis. https://api.fonnte.com/send').waitFor();
    await expect(card.getByTestId('wa-url').getAttribute('aria-invalid')).resolves.toBe('true');

    await card.getByTestId('wa-url').fill(`${gateway!.url}/send`);
    await card.getByTestId('whatsapp-save').click();
    await expect(card.getByTestId('whatsapp-notice').textContent()).resolves.toContain('Saluran WhatsApp disimpan.');
    await expect(card.getByTestId('whatsapp-secret').inputValue()).resolves.toBe('');
    await expect(card.getByTestId('whatsapp-secret-saved').textContent()).resolves.toBe('Tersimpan');
    const saved = await stage!.core.messages.channels.get('whatsapp');
    expect(saved).toMatchObject({ enabled: true, secret: TOKEN, config: { preset: 'generic', url: `${gateway!.url}/send`, headers: { Authorization: 'Bearer {{token}}' } } });
    await expectNoSidewaysScroll(page);
    await shot(page, 'channels-saved');
    await shot(page, 'channels-full', true);
  });

  it("sends a test message: the gateway's answer on screen, the gateway got the token and the 62… number; a 500 shows the failure", async () => {
    const card = page.getByTestId('channel-whatsapp');
    // The gateway echoes the token: the answer shown must not carry it.
    gateway!.script({ status: 200, headers: { 'Content-Type': 'application/json' }, body: `{"status":"queued","id":"msg-4411","echo":"${TOKEN}"}` });
    await card.getByTestId('whatsapp-test-to').fill('0812-3456-7890');
    await card.getByTestId('whatsapp-test-send').click();
    const result = card.locator('[data-testid="whatsapp-test-result"][data-ok="true"]');
    await result.waitFor();
    await expect(result.getByTestId('whatsapp-test-status').textContent()).resolves.toBe('Berhasil');
    await expect(result.getByTestId('whatsapp-test-duration').textContent()).resolves.toMatch(/^\d+ ms$/);
    const answer = (await result.getByTestId('whatsapp-test-answer').textContent()) ?? '';
    expect(answer).toContain('HTTP 200');
    expect(answer).toContain('"id":"msg-4411"');
    expect(answer).not.toContain(TOKEN);

    const request = gateway!.requests.at(-1)!;
    expect(request.method).toBe('POST');
    expect(request.path).toBe('/send');
    expect(request.headers['authorization']).toBe(`Bearer ${TOKEN}`);
    const body = JSON.parse(request.body) as { to: string; message: string; key: string };
    expect(body.to).toBe('6281234567890');
    expect(body.key).toBe(TOKEN);
    expect(body.message).toContain('Pesan uji');
    await result.scrollIntoViewIfNeeded();
    await shot(page, 'test-ok');

    gateway!.script({ status: 500, body: '{"error":"device offline"}' });
    await card.getByTestId('whatsapp-test-send').click();
    const failed = card.locator('[data-testid="whatsapp-test-result"][data-ok="false"]');
    await failed.waitFor();
    await expect(failed.getByTestId('whatsapp-test-status').textContent()).resolves.toBe('Gagal');
    await expect(failed.getByTestId('whatsapp-test-answer').textContent()).resolves.toBe('HTTP 500 {"error":"device offline"}');
    expect(gateway!.requests).toHaveLength(2);

    // A landline is refused beside the recipient, and nothing reaches the gateway.
    await card.getByTestId('whatsapp-test-to').fill('021 555 1234');
    await card.getByTestId('whatsapp-test-send').click();
    await card.getByText('Bukan nomor HP yang bisa dihubungi WhatsApp (mis. 0812 3456 7890)').waitFor();
    expect(gateway!.requests).toHaveLength(2);
    await card.getByTestId('whatsapp-test-send').scrollIntoViewIfNeeded();
    await shot(page, 'test-failed');
  });

  it("saves the SMTP server with a password and sends a test e-mail; a recipient the server refuses shows the server's 550", async () => {
    const card = page.getByTestId('channel-email');
    await card.getByTestId('email-host').fill('127.0.0.1');
    await card.getByTestId('email-port').fill(String(smtp!.port));
    await card.getByTestId('email-security').click();
    await page.getByRole('option', { name: 'Tanpa enkripsi' }).click();
    await card.getByTestId('email-user').fill('noc@contoh.net.id');
    await card.getByTestId('email-from').fill('NOC <noc@contoh.net.id>');
    await card.getByTestId('email-secret').fill(SMTP_PASSWORD);
    await card.getByTestId('email-save').click();
    await card.getByTestId('email-notice').waitFor();
    await expect(card.getByTestId('email-secret').inputValue()).resolves.toBe('');
    await expect(card.getByTestId('email-secret-saved').textContent()).resolves.toBe('Tersimpan');

    await card.getByTestId('email-test-to').fill('budi@contoh.net.id');
    await card.getByTestId('email-test-send').click();
    const result = card.locator('[data-testid="email-test-result"][data-ok="true"]');
    await result.waitFor();
    await expect(result.getByTestId('email-test-answer').textContent()).resolves.toMatch(/^250 /);
    expect(smtp!.messages).toHaveLength(1);
    expect(smtp!.messages[0]).toMatchObject({ user: 'noc@contoh.net.id', from: 'noc@contoh.net.id', to: ['budi@contoh.net.id'] });
    expect(smtp!.messages[0]!.mail.text).toContain('Pesan uji');

    await card.getByTestId('email-test-to').fill('tidakada@contoh.net.id');
    await card.getByTestId('email-test-send').click();
    const refused = card.locator('[data-testid="email-test-result"][data-ok="false"]');
    await refused.waitFor();
    await expect(refused.getByTestId('email-test-answer').textContent()).resolves.toContain('550');
    await refused.scrollIntoViewIfNeeded();
    await shot(page, 'email-refused');
  });

  it('edits the invoiceIssued template in Indonesian: a chip inserts at the cursor, the preview shows real data, it persists as "Diubah"', async () => {
    await page.getByTestId('messages-tab-templates').click();
    const editor = page.locator('[data-testid="template-editor"][data-event="invoiceIssued"][data-language="id"]');
    await editor.waitFor();
    await expect(editor.getByTestId('template-default').textContent()).resolves.toBe('Bawaan');
    const preview = page.getByTestId('template-preview-text');
    await preview.filter({ hasText: 'Yth. Budi Santoso, tagihan internet INV/' }).waitFor();

    const text = editor.getByTestId('template-text');
    await text.click();
    await page.keyboard.press('Control+End');
    await page.keyboard.type('\nKode pelanggan: ');
    await editor.getByTestId('template-chip-customerCode').click();
    await page.keyboard.type(' (mohon dicantumkan)');
    await expect(text.inputValue()).resolves.toBe(`${templatesId.invoiceIssued.text}\nKode pelanggan: {{customerCode}} (mohon dicantumkan)`);
    await preview.filter({ hasText: `Kode pelanggan: ${customerCode} (mohon dicantumkan)` }).waitFor();
    await shot(page, 'template-editing');
    await editor.getByTestId('template-save').click();
    await expect(editor.getByTestId('template-notice').textContent()).resolves.toBe('Templat disimpan.');
    await expect(editor.getByTestId('template-edited').textContent()).resolves.toBe('Diubah');

    await page.reload();
    await page.getByTestId('messages-tab-templates').click();
    await expect(editor.getByTestId('template-text').inputValue()).resolves.toContain('Kode pelanggan: {{customerCode}} (mohon dicantumkan)');
    await expect(editor.getByTestId('template-edited').textContent()).resolves.toBe('Diubah');
    await expect(page.getByTestId('template-event-invoiceIssued').textContent()).resolves.toContain('Diubah');
    await expectNoSidewaysScroll(page);
    await shot(page, 'template-saved');
  });

  it('refuses an unknown placeholder beside the text, then resets to the built-in text', async () => {
    const editor = page.locator('[data-testid="template-editor"][data-event="invoiceIssued"][data-language="id"]');
    const text = editor.getByTestId('template-text');
    await text.click();
    await page.keyboard.press('Control+End');
    await page.keyboard.type(' {{foo}}');
    await expect(page.getByTestId('template-preview-unknown').textContent()).resolves.toBe('Isian tidak dikenal: {{foo}}');
    await editor.getByTestId('template-save').click();
    await editor.getByText('Isian tidak dikenal untuk peristiwa ini: {{foo}}').waitFor();
    await expect(text.getAttribute('aria-invalid')).resolves.toBe('true');
    expect((await stage!.core.messages.templates.get('invoiceIssued', 'id')).text).not.toContain('{{foo}}');
    await shot(page, 'template-unknown');
    // Looking at the English text meanwhile does not lose the unsaved Indonesian edit.
    await page.getByTestId('template-lang-en').click();
    await page.locator('[data-testid="template-editor"][data-language="en"]').waitFor();
    await page.getByTestId('template-lang-id').click();
    await expect(text.inputValue()).resolves.toContain('(mohon dicantumkan) {{foo}}');

    await editor.getByTestId('template-reset').click();
    await page.getByTestId('template-reset-confirm').click();
    await expect(editor.getByTestId('template-notice').textContent()).resolves.toBe('Teks bawaan dikembalikan.');
    await expect(text.inputValue()).resolves.toBe(templatesId.invoiceIssued.text);
    await expect(editor.getByTestId('template-default').textContent()).resolves.toBe('Bawaan');
    expect((await stage!.core.messages.templates.list()).find((t) => t.event === 'invoiceIssued' && t.language === 'id')?.isDefault).toBe(true);
  });

  it('saves the sending rules; an out-of-range delay is refused beside its field', async () => {
    await page.getByTestId('messages-tab-rules').click();
    await page.getByTestId('message-rules').waitFor();
    await page.getByTestId('rules-event-suspended').uncheck();
    await page.getByTestId('rules-outage-delay').fill('500');
    await page.getByTestId('message-rules-save').click();
    await page.getByText('Maksimal 120').waitFor();
    await page.getByTestId('rules-outage-delay').fill('10');
    await page.getByTestId('rules-team-repeat').fill('0');
    await page.getByTestId('rules-team-severity').click();
    await page.getByRole('option', { name: 'Peringatan' }).click();
    await page.getByTestId('message-rules-save').click();
    await page.getByTestId('message-rules-notice').waitFor();
    const settings = await stage!.core.settings.get();
    expect(settings.customerMessageEvents).not.toContain('suspended');
    expect(settings.customerMessageEvents).toContain('invoiceIssued');
    expect(settings).toMatchObject({ outageNoticeDelayMin: 10, teamRepeatMin: 0, teamMinSeverity: 'warning', customerQuietStart: '21:00', customerQuietEnd: '07:00' });
    await expectNoSidewaysScroll(page);
    await shot(page, 'rules');
  });

  it("sets the admin's own alert channel on the profile: refusals beside the fields, then WhatsApp in the 62… form", async () => {
    await page.getByTestId('nav-profile').click();
    const form = page.getByTestId('notify-form');
    await form.waitFor();
    await form.getByTestId('notify-channel').click();
    await page.getByRole('option', { name: 'WhatsApp' }).click();
    await form.getByTestId('notify-address').fill('021 555 1234');
    await form.getByTestId('notify-oncall-start').fill('22.00');
    await form.getByTestId('notify-save').click();
    await form.getByText('Isi kedua jam, atau kosongkan keduanya').waitFor();
    await form.getByTestId('notify-oncall-end').fill('06.00');
    await form.getByTestId('notify-save').click();
    await form.getByText('Bukan nomor HP yang bisa dihubungi WhatsApp (mis. 0812 3456 7890)').waitFor();
    await form.getByTestId('notify-address').fill('0812 1111 2222');
    await form.getByTestId('notify-save').click();
    await form.getByTestId('notify-saved').waitFor();
    await expect(form.getByTestId('notify-address').inputValue()).resolves.toBe('6281211112222');
    const admin = (await stage!.core.users.list({ page: 1, pageSize: 10 })).items.find((u) => u.email === ADMIN.email)!;
    await expect(stage!.core.messages.notify.get(admin.id)).resolves.toEqual({ channel: 'whatsapp', address: '6281211112222', minSeverity: 'critical', onCallStart: '22:00', onCallEnd: '06:00' });
    await expectNoSidewaysScroll(page);
    await shot(page, 'profile-notify');
  });

  it('shows the same screens with English labels', async () => {
    await page.getByTestId('language-en').click();
    await expect(page.getByTestId('notify').getByText('Alert notifications').count()).resolves.toBe(1);
    await page.getByTestId('nav-messages').click();
    await page.getByTestId('messages-page').waitFor();
    await expect(page.getByTestId('page-title').textContent()).resolves.toBe('Messages');
    await expect(page.getByTestId('messages-tab-channels').textContent()).resolves.toBe('Channels');
    const card = page.getByTestId('channel-whatsapp');
    await expect(card.getByTestId('whatsapp-secret-saved').textContent()).resolves.toBe('Saved');
    await card.getByText('Gateway type').waitFor();
    await card.getByText('Request body template').waitFor();
    await expect(card.getByTestId('whatsapp-test-send').textContent()).resolves.toBe('Send test message');
    await shot(page, 'channels-en');
    // Clear removes the stored token at once; the rest of the channel stays as saved.
    await card.getByTestId('whatsapp-secret-clear').click();
    await expect(card.getByTestId('whatsapp-notice').textContent()).resolves.toBe('Gateway token cleared.');
    await expect(card.getByTestId('whatsapp-secret-missing').textContent()).resolves.toBe('Not set');
    await expect(stage!.core.messages.channels.get('whatsapp')).resolves.toMatchObject({ secret: null, secretSet: false, enabled: true, config: { preset: 'generic' } });
    await page.getByTestId('messages-tab-templates').click();
    await page.getByTestId('template-event-paymentReceived').click();
    await page.getByTestId('template-lang-en').click();
    const editor = page.locator('[data-testid="template-editor"][data-event="paymentReceived"][data-language="en"]');
    await editor.getByText('Message text').waitFor();
    await expect(editor.getByTestId('template-save').textContent()).resolves.toBe('Save template');
    await expect(editor.getByTestId('template-reset').textContent()).resolves.toBe('Reset to built-in');
    await page.getByTestId('template-preview-text').filter({ hasText: 'Budi Santoso' }).waitFor();
    await shot(page, 'templates-en');
    await page.getByTestId('messages-tab-rules').click();
    await page.getByText('Messages to customers').waitFor();
    await expect(page.getByTestId('rules-event-invoiceIssued').locator('xpath=ancestor::div[contains(@class,"mantine-Checkbox-root")]').textContent()).resolves.toBe('Invoice issued');
    await shot(page, 'rules-en');
  });

  it('never received the token or the password in any API answer, and nothing threw in the page', async () => {
    await page.waitForTimeout(200);
    expect(pageErrors).toEqual([]);
    expect(answers.some((answer) => answer.url.includes('/api/channels'))).toBe(true);
    expect(answers.filter((answer) => answer.body.includes(TOKEN) || answer.body.includes(SMTP_PASSWORD)).map((answer) => answer.url)).toEqual([]);
  });
});
