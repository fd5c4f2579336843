// End to end in Chromium as STAFF, in Bahasa Indonesia and in English: WhatsApp messages sent through a loopback
// gateway, one skipped for a landline (reason translated), one refused by the gateway (400) that is resent once the
// gateway answers again and goes out, one waiting that is cancelled; the dashboard's count of failures; the message
// lines on the customer's timeline and the wa.me link only for a mobile number. Screenshots at 1366×768.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../src/main/core/actor';
import type { CustomerMessage } from '../../src/main/core/messaging/compose';
import type { Language } from '../../src/shared/contract';
import { startGateway, type Gateway } from '../messaging/loopback';
import { BUILT, SHOTS, startInProcessStage, type InProcessStage } from './harness';

const ADMIN = { name: 'Wahyu Admin', email: 'wahyu@contoh.net.id', password: 'rahasia-admin-3' };
const STAFF: Record<Language, { name: string; email: string; password: string }> = {
  id: { name: 'Sari Kasir', email: 'sari@contoh.net.id', password: 'rahasia-staf-1' },
  en: { name: 'Rudi Cashier', email: 'rudi@contoh.net.id', password: 'rahasia-staf-2' },
};
const VIEWPORT = { width: 1366, height: 768 };
const DIR = path.join(SHOTS, 'outbox');

const EXPECT: Record<Language, { nav: string; sent: string; skipped: string; invalidPhone: string; rejected: string; failedStatus: string; timelineSent: string; timelineSkipped: string }> = {
  id: {
    nav: 'Pesan keluar',
    sent: 'Terkirim',
    skipped: 'Dilewati',
    invalidPhone: 'Nomor tidak bisa menerima WhatsApp',
    rejected: 'Ditolak gateway',
    failedStatus: 'Gagal',
    timelineSent: 'WhatsApp terkirim: Pengingat jatuh tempo',
    timelineSkipped: 'WhatsApp dilewati: Tagihan terbit — Nomor tidak bisa menerima WhatsApp',
  },
  en: {
    nav: 'Outbox',
    sent: 'Sent',
    skipped: 'Skipped',
    invalidPhone: 'Number cannot receive WhatsApp',
    rejected: 'Rejected by the gateway',
    failedStatus: 'Failed',
    timelineSent: 'WhatsApp sent: Due date reminder',
    timelineSkipped: 'WhatsApp skipped: Invoice issued — Number cannot receive WhatsApp',
  },
};

async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(DIR, `${name}.png`) });
}

/** Nothing wider than the window: no sideways scroll of the page. */
async function expectNoSideways(page: Page): Promise<void> {
  const { scroll, client } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
  expect(scroll).toBeLessThanOrEqual(client);
}

describe.skipIf(!BUILT)('The outbox, as staff', () => {
  let stage: InProcessStage | undefined;
  let gateway: Gateway | undefined;
  const ids = { siti: 0, toko: 0, agus: 0, dewi: 0, failed: 0, waiting: 0 };

  const row = (page: Page, id: number) => page.locator(`[data-testid="outbox-row"][data-outbox-id="${id}"]`);

  async function queue(messages: CustomerMessage[]): Promise<void> {
    const core = stage!.core;
    await core.db.write((em) => core.messages.composer.customers(em, messages));
  }

  async function outboxId(customerId: number): Promise<number> {
    const list = await stage!.core.messages.outbox.list({ customerId, page: 1, pageSize: 10 });
    return list.items[0]!.id;
  }

  beforeAll(async () => {
    mkdirSync(DIR, { recursive: true });
    gateway = await startGateway();
    stage = await startInProcessStage({ bootstrapAdmin: ADMIN });
    const core = stage.core;
    await core.users.create(SYSTEM_ACTOR, { ...STAFF.id, role: 'staff' });
    const english = await core.users.create(SYSTEM_ACTOR, { ...STAFF.en, role: 'staff' });
    await core.users.update(SYSTEM_ACTOR, english.id, { language: 'en' });
    // Billing messages wait out the customers' quiet hours; the test must not depend on the hour it runs at.
    await core.settings.update(SYSTEM_ACTOR, { customerQuietStart: null, customerQuietEnd: null });
    await core.messages.channels.update(SYSTEM_ACTOR, {
      channel: 'whatsapp', enabled: true, ratePerMin: 600, dailyCap: 1000, secret: 'rahasia-token',
      config: { preset: 'generic', url: `${gateway.url}/send`, session: 'default', method: 'POST', headers: { Authorization: 'Bearer {{token}}' }, bodyTemplate: '{"to":"{{phone}}","text":"{{text}}"}', contentType: 'json' },
    });
    const customer = (name: string, phone: string) =>
      core.customers.create(SYSTEM_ACTOR, { name, phone, email: null, address: 'Cibinong', latitude: null, longitude: null, notes: '', status: 'active' });
    ids.siti = (await customer('Siti Rahayu', '0812-1111-2222')).id;
    ids.toko = (await customer('Toko Maju', '021 555 1234')).id;
    ids.agus = (await customer('Agus Pratama', '0813-4444-5555')).id;
    ids.dewi = (await customer('Dewi Lestari', '0857-6666-7777')).id;
    const reminder = (customerId: number, n: number): CustomerMessage => ({
      event: 'dueReminder', customerId, cause: `invoice:${n}:2026-12-08`, params: { invoiceNumber: `INV/2026/12/000${n}`, amount: { rupiah: 166_500 }, dueDate: { date: '2026-12-08' } },
    });
    const issued: CustomerMessage = {
      event: 'invoiceIssued', customerId: ids.toko, cause: 'invoice:2', params: { invoiceNumber: 'INV/2026/12/0002', amount: { rupiah: 222_000 }, dueDate: { date: '2026-12-08' } },
    };
    await queue([reminder(ids.siti, 1), issued]);
    await core.messages.worker.drain();
    // The gateway refuses the next one (a bad token): failed at once, not retried.
    gateway.script({ status: 400, body: '{"error":"invalid token"}' });
    await queue([reminder(ids.agus, 3)]);
    await core.messages.worker.drain();
    ids.failed = await outboxId(ids.agus);
    // An outage notice waiting for the outage delay: queued, with its next try.
    const now = core.clock.now();
    await queue([{ event: 'outageStarted', customerId: ids.dewi, cause: 'outage:9', params: { area: 'OLT Cibinong', since: { at: now.toISOString() } }, notBefore: new Date(now.getTime() + 3_600_000) }]);
    ids.waiting = await outboxId(ids.dewi);
  });

  afterAll(async () => {
    await stage?.stop();
    await gateway?.stop();
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

      it('lists sent, skipped and failed messages with translated labels and reasons', async () => {
        // In English the failed message was already resent and the waiting one cancelled (the Indonesian run).
        await expect(page.getByTestId('nav-outbox').textContent()).resolves.toContain(want.nav);
        await page.getByTestId('nav-outbox').click();
        const skipped = page.locator('[data-testid="outbox-row"][data-reason="invalidPhone"]');
        await skipped.waitFor();
        await expect(skipped.getByTestId('outbox-status').textContent()).resolves.toBe(want.skipped);
        await expect(skipped.getByTestId('outbox-reason').textContent()).resolves.toBe(want.invalidPhone);
        await expect(skipped.getByTestId('outbox-customer-link').textContent()).resolves.toBe('Toko Maju');
        // A landline cannot get WhatsApp: resending would fail the same way, so there is no button.
        await expect(skipped.getByTestId('outbox-resend').count()).resolves.toBe(0);
        const sent = page.locator('[data-testid="outbox-row"][data-status="sent"]').filter({ hasText: 'Siti Rahayu' });
        await expect(sent.getByTestId('outbox-status').textContent()).resolves.toBe(want.sent);
        if (language === 'id') {
          // Waiting for the outage delay: queued, with the instant it may go.
          await expect(row(page, ids.waiting).getByTestId('outbox-next-try').count()).resolves.toBe(1);
          const failed = row(page, ids.failed);
          await expect(failed.getByTestId('outbox-status').textContent()).resolves.toBe(want.failedStatus);
          await expect(failed.getByTestId('outbox-reason').textContent()).resolves.toBe(want.rejected);
          // The row opens to the full text and the gateway's own answer.
          await failed.getByTestId('outbox-toggle').click();
          const details = page.getByTestId('outbox-details');
          await expect(details.getByTestId('outbox-answer').textContent()).resolves.toContain('HTTP 400 {"error":"invalid token"}');
          await expect(details.getByTestId('outbox-text').textContent()).resolves.toContain('INV/2026/12/0003');
        }
        if (language === 'en') {
          await expect(row(page, ids.waiting).getByTestId('outbox-status').textContent()).resolves.toBe('Cancelled');
          await expect(row(page, ids.failed).getByTestId('outbox-status').textContent()).resolves.toBe('Sent');
        }
        await expectNoSideways(page);
        await shot(page, `list-${language}`);
      });

      if (language === 'id') {
        it('shows the failure on the dashboard, red, linking to the failed messages', async () => {
          await page.getByTestId('nav-dashboard').click();
          const card = page.getByTestId('dashboard-failed-messages');
          await card.waitFor();
          await page.waitForFunction(() => document.querySelector('[data-testid="dashboard-failed-messages"]')?.getAttribute('data-count') === '1');
          await expectNoSideways(page);
          await shot(page, 'dashboard-id');
          await card.click();
          await page.waitForURL(/#\/outbox\?status=failed$/);
          await page.getByTestId('outbox-range').filter({ hasText: /1\D+1\D+1/ }).waitFor();
          await expect(page.locator('[data-testid="outbox-row"]').count()).resolves.toBe(1);
          await expect(page.locator('[data-testid="outbox-row"]').getAttribute('data-outbox-id')).resolves.toBe(String(ids.failed));
        });

        it('resends the failed message once the gateway answers, and it goes out', async () => {
          const failed = row(page, ids.failed);
          await failed.getByTestId('outbox-resend').click();
          await page.getByTestId('outbox-resend-confirm').click();
          await page.getByTestId('outbox-notice').waitFor();
          await stage!.core.messages.worker.drain();
          // The worker's outbox.changed refetches the page: the message is sent, and no longer among the failed.
          await page.goto(`${stage!.baseUrl}/#/outbox`);
          await page.locator(`[data-testid="outbox-row"][data-outbox-id="${ids.failed}"][data-status="sent"]`).waitFor();
          expect(gateway!.requests.at(-1)!.body).toContain('6281344445555');
        });

        it('cancels the waiting message after asking', async () => {
          await row(page, ids.waiting).getByTestId('outbox-cancel').click();
          await page.getByTestId('outbox-cancel-confirm').click();
          await page.locator(`[data-testid="outbox-row"][data-outbox-id="${ids.waiting}"][data-status="cancelled"]`).waitFor();
          await shot(page, 'after-resend-cancel-id');
        });
      }

      it("shows the message lines on the customer's timeline and a WhatsApp link only for a mobile", async () => {
        await page.goto(`${stage!.baseUrl}/#/customers/${ids.siti}`);
        const sent = page.locator('[data-testid="history-entry"][data-kind="message.sent"]').first();
        await sent.waitFor();
        await expect(sent.getByTestId('history-headline').textContent()).resolves.toBe(want.timelineSent);
        await expect(page.getByTestId('customer-whatsapp-link').getAttribute('href')).resolves.toBe('https://wa.me/6281211112222');
        await expectNoSideways(page);
        await page.getByTestId('customer-profile').scrollIntoViewIfNeeded();
        await shot(page, `customer-sent-${language}`);

        await page.goto(`${stage!.baseUrl}/#/customers/${ids.toko}`);
        const skipped = page.locator('[data-testid="history-entry"][data-kind="message.skipped"]').first();
        await skipped.waitFor();
        await expect(skipped.getByTestId('history-headline').textContent()).resolves.toBe(want.timelineSkipped);
        await expect(page.getByTestId('customer-phone-link').count()).resolves.toBe(1);
        await expect(page.getByTestId('customer-whatsapp-link').count()).resolves.toBe(0);
        await page.getByTestId('customer-profile').scrollIntoViewIfNeeded();
        await shot(page, `customer-skipped-${language}`);
      });

      if (language === 'id') {
        it("keeps a customer's message language and opt-out from the form, and shows them on the page", async () => {
          await page.goto(`${stage!.baseUrl}/#/customers/${ids.agus}`);
          await expect(page.getByTestId('customer-language-value').textContent()).resolves.toBe('Bahasa situs');
          await page.getByTestId('customer-edit').click();
          await page.getByTestId('customer-language').click();
          await page.getByRole('option', { name: 'English' }).click();
          await page.getByTestId('customer-opt-out').check({ force: true });
          await shot(page, 'customer-form-id');
          await page.getByTestId('customer-save').click();
          await page.getByTestId('customer-form').waitFor({ state: 'detached' });
          await page.getByTestId('customer-language-value').filter({ hasText: 'English' }).waitFor();
          await expect(page.getByTestId('customer-opt-out-value').textContent()).resolves.toBe('Tidak mau menerima pesan');
          const saved = await stage!.core.customers.get(ids.agus);
          expect([saved.language, saved.messagesOptOut]).toEqual(['en', true]);
        });
      }
    });
  }
});
