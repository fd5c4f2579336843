// End to end in Chromium: feedback where the eye is. "Run now" in billing asks first and runs nothing on Cancel
// (admin, English; staff has no button at all); a resolve note is shown under the alert's message with who and when
// (staff, Bahasa Indonesia); a device on a host another device already has is named at the field and needs
// "Save anyway" (admin, English).
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../src/main/core/actor';
import { message } from '../../src/shared/i18n/messages';
import { BUILT, SHOTS, startInProcessStage, type InProcessStage } from './harness';

const ADMIN = { name: 'Rudi Admin', email: 'rudi@contoh.net.id', password: 'rahasia-admin-4' };
const STAFF = { name: 'Rina Kasir', email: 'rina@contoh.net.id', password: 'rahasia-staf-10' };

async function signIn(browser: Browser, baseUrl: string, user: { email: string; password: string }): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
  page.setDefaultTimeout(10_000);
  await page.goto(baseUrl);
  await page.getByTestId('login-email').fill(user.email);
  await page.getByTestId('login-password').fill(user.password);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('dashboard').waitFor();
  return page;
}

describe.skipIf(!BUILT)('Feedback where the eye is', () => {
  let stage: InProcessStage | undefined;
  let admin: Page;
  let staff: Page;

  beforeAll(async () => {
    stage = await startInProcessStage({ bootstrapAdmin: ADMIN });
    const { core } = stage;
    const [first] = (await core.users.list({ search: ADMIN.email, page: 1, pageSize: 1 })).items;
    await core.users.update(SYSTEM_ACTOR, first!.id, { language: 'en' });
    await core.users.create(SYSTEM_ACTOR, { ...STAFF, role: 'staff' });
    admin = await signIn(stage.browser, stage.baseUrl, ADMIN);
    staff = await signIn(stage.browser, stage.baseUrl, STAFF);
  });

  afterAll(async () => {
    await stage?.stop();
  });

  it('asks before running billing: Cancel runs nothing, confirming runs all five jobs; staff has no button', async () => {
    await admin.getByTestId('nav-billing').click();
    await admin.getByTestId('page-title').filter({ hasText: 'Billing runs' }).waitFor();
    await admin.getByTestId('billing-run-now').click();
    await admin.getByText('Run billing now?').waitFor();
    await admin.getByText('invoices are issued for every subscription that is due').waitFor();
    await admin.screenshot({ path: path.join(SHOTS, 'feedback-billing-confirm-en.png') });
    await admin.getByRole('button', { name: 'Cancel' }).click();
    await admin.getByText('Run billing now?').waitFor({ state: 'hidden' });
    const jobs = await stage!.core.billing.status();
    expect(jobs.every((job) => job.lastFinishedAt === null)).toBe(true);

    await admin.getByTestId('billing-run-now').click();
    await admin.getByTestId('billing-run-confirm-confirm').click();
    await admin.getByTestId('billing-run-done').waitFor();
    expect(await admin.locator('[data-testid="run-phase"][data-phase="finished"]').count()).toBe(5);

    await staff.getByTestId('nav-billing').click();
    await staff.getByTestId('page-title').filter({ hasText: 'Penagihan otomatis' }).waitFor();
    await expect(staff.getByTestId('billing-run-now').count()).resolves.toBe(0);
  });

  it('shows the resolve note under the alert message with who wrote it and when (staff, id)', async () => {
    const { alert } = await stage!.core.alerts.raise('invoice:41:overdue', {
      type: 'payment_overdue',
      severity: 'warning',
      text: message('alert.legacy', { text: 'INV/2026/11/0041 Siti Rahayu terlambat 3 hari (Rp 166.500)' }),
      customerId: 1,
      invoiceId: 41,
    });
    await staff.getByTestId('nav-alerts').click();
    const row = staff.locator(`[data-testid="alert-row"][data-alert-id="${alert.id}"]`);
    await row.getByTestId('alert-resolve').click();
    await staff.getByTestId('alert-note').fill('Sudah bayar tunai di kantor');
    await staff.getByTestId('alert-note-save').click();
    await row.locator('[data-testid="alert-status"][data-status="resolved"]').waitFor();
    const note = await row.getByTestId('alert-resolve-note').textContent();
    expect(note).toMatch(/^Catatan penyelesaian — Rina Kasir, \d{1,2} \w{3} \d{4},? \d{2}[.:]\d{2}/);
    expect(note).toContain('“Sudah bayar tunai di kantor”');
    await staff.screenshot({ path: path.join(SHOTS, 'feedback-alert-note-id.png') });
  });

  it('names the device already on a typed host and saves only on "Save anyway" (admin, en)', async () => {
    const { core } = stage!;
    await core.devices.create(SYSTEM_ACTOR, {
      name: 'Router Inti Cibinong',
      type: 'router',
      host: '10.10.0.1',
      location: 'POP Cibinong',
      parentId: null,
      monitored: false,
      echoCount: 3,
      timeoutMs: 1000,
      failThreshold: 3,
      latencyWarnMs: null,
      lossWarnPct: null,
      notes: '',
      subscriptionIds: [],
    });
    await admin.getByTestId('nav-devices').click();
    await admin.getByTestId('devices-new').click();
    await admin.getByTestId('device-name').fill('Hotspot Cibinong');
    await admin.getByTestId('device-host').fill('10.10.0.1');
    const warning = admin.getByTestId('device-host-duplicate');
    await expect(warning.textContent()).resolves.toBe('This host is already used by Router Inti Cibinong (10.10.0.1).');
    await admin.getByTestId('device-save').click();
    await admin.getByTestId('device-save').filter({ hasText: 'Save anyway' }).waitFor();
    await expect(warning.textContent()).resolves.toContain('Click "Save anyway"');
    expect((await core.devices.list({ page: 1, pageSize: 50 })).items).toHaveLength(1);
    await admin.screenshot({ path: path.join(SHOTS, 'feedback-device-host-en.png') });

    await admin.getByTestId('device-save').click();
    await admin.getByTestId('device-detail').waitFor();
    expect((await core.devices.list({ page: 1, pageSize: 50 })).items.map((d) => d.host)).toEqual(['10.10.0.1', '10.10.0.1']);
  });
});
